import { normalizeBirthDate } from '../../matching/birth-date.ts';
import { countryCode } from '../../matching/country-codes.ts';
import type { SanctionsEntry } from './sanctions-list.ts';

type EntryName = SanctionsEntry['names'][number];

/** Country texts as ISO codes where readable, else as listed (upper case), without repeats. */
export function nationalityCodes(texts: readonly string[]): string[] {
  const codes = texts
    .flatMap((t) => t.split(/\(\d+\)|;/))
    .map((t) => t.trim().replace(/[.,]$/, ''))
    .filter((t) => t !== '' && !/^(unknown|none|-)$/i.test(t))
    .map((t) => countryCode(t) ?? t.toUpperCase());
  return [...new Set(codes)];
}

/** Dates of birth in normal form, unreadable ones dropped, without repeats. */
export function birthDates(texts: readonly string[]): string[] {
  const dates = texts.map((t) => normalizeBirthDate(t)).filter((d): d is string => d !== null);
  return [...new Set(dates)];
}

/** Names without blanks or repeats (the first occurrence, with its quality, wins). */
export function distinctNames(names: readonly EntryName[]): EntryName[] {
  const seen = new Set<string>();
  const out: EntryName[] = [];
  for (const n of names) {
    const text = n.name.replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({ ...n, name: text });
  }
  return out;
}

/** Joins name parts that are present with single spaces. */
export function joinParts(...parts: readonly (string | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== undefined && p.trim() !== '')
    .map((p) => p.trim())
    .join(' ');
}

/** `MM/DD/YYYY` (OFAC) or `DD/MM/YYYY` (OFSI) as a UTC date; null when unreadable. */
export function slashDate(text: string | undefined, order: 'mdy' | 'dmy'): Date | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const [month, day] = order === 'mdy' ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
  const date = new Date(Date.UTC(Number(m[3]), month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** A date-time or date string as a Date; null when unreadable. */
export function isoDate(text: string | undefined): Date | null {
  if (text === undefined || text.trim() === '') return null;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** YYYY-MM-DD of a date. */
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
