import type { CheerioAPI } from 'cheerio';
import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString, searchPhoneNumbersInText } from 'libphonenumber-js/max';
import { parse as parseDomain } from 'tldts';
import { diagnoseEmail } from '../email-intel/email-diagnosis.ts';
import type { PageLink } from '../web-common/html-metadata.ts';

export type ContactSource = 'mailto' | 'tel' | 'text' | 'json_ld' | 'cloudflare_protected';

export interface FoundEmail {
  readonly email: string;
  readonly source: ContactSource;
}

export interface FoundPhone {
  readonly phone: PhoneNumber;
  readonly source: ContactSource;
  /** The text it was read from, as written on the page. */
  readonly written: string;
}

const MAX_CONTACTS = 25;
// Candidate addresses in running text; the diagnosis decides.
const EMAIL_IN_TEXT = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}/gi;
// "jane [at] example [dot] com": the bracketed spellings people use against harvesters.
const OBFUSCATED_AT = /\s*[[({]\s*at\s*[\])}]\s*/gi;
const OBFUSCATED_DOT = /\s*[[({]\s*dot\s*[\])}]\s*/gi;

/**
 * Email addresses a page publishes: `mailto:` links, Cloudflare-protected addresses
 * (`data-cfemail`, decoded), and addresses in the visible text, bracketed "[at]"/"[dot]"
 * spellings included. Each must diagnose as a plain valid address on a domain under a public
 * suffix (which drops `logo@2x.png`-style file names). Lower-case domain, at most 25.
 */
export function extractEmails($: CheerioAPI, links: readonly PageLink[], text: string): FoundEmail[] {
  const found = new Map<string, FoundEmail>();
  const add = (candidate: string, source: ContactSource): void => {
    const email = acceptableEmail(candidate);
    if (email !== null && !found.has(email.toLowerCase()) && found.size < MAX_CONTACTS) found.set(email.toLowerCase(), { email, source });
  };
  for (const link of links) {
    if (!/^mailto:/i.test(link.href)) continue;
    for (const address of safeDecode(link.href.slice(7).split('?')[0] ?? '').split(',')) add(address.trim(), 'mailto');
  }
  for (const el of $('[data-cfemail]').toArray()) add(decodeCloudflareEmail($(el).attr('data-cfemail') ?? ''), 'cloudflare_protected');
  for (const el of $('a[href*="/cdn-cgi/l/email-protection#"]').toArray()) add(decodeCloudflareEmail(($(el).attr('href') ?? '').split('#')[1] ?? ''), 'cloudflare_protected');
  const deobfuscated = text.replace(OBFUSCATED_AT, '@').replace(OBFUSCATED_DOT, '.');
  for (const match of deobfuscated.matchAll(EMAIL_IN_TEXT)) add(match[0].replace(/^[.]+|[.]+$/g, ''), 'text');
  return [...found.values()];
}

/** A plain, deliverable address on a real public suffix, with its domain lower-cased; else null. */
export function acceptableEmail(candidate: string): string | null {
  if (candidate === '' || candidate.length > 254) return null;
  const diagnosis = diagnoseEmail(candidate);
  if (diagnosis.diagnosis !== 'valid') return null;
  const domain = diagnosis.domain.toLowerCase();
  const parsed = parseDomain(domain);
  if (parsed.domain === null || !(parsed.isIcann || parsed.isPrivate)) return null;
  return `${diagnosis.localPart}@${domain}`;
}

/**
 * Cloudflare's email obfuscation: hex bytes, the first is an XOR key for the rest
 * (documented by Cloudflare as "Email Address Obfuscation").
 */
export function decodeCloudflareEmail(hex: string): string {
  if (!/^(?:[0-9a-f]{2}){2,}$/i.test(hex)) return '';
  const key = Number.parseInt(hex.slice(0, 2), 16);
  const bytes = Buffer.from(hex.slice(2), 'hex').map((byte) => byte ^ key);
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Phone numbers a page publishes: `tel:` links, and numbers in the visible text. A number
 * written in national format is read with the page's country hint, and not at all without
 * one; only numbers valid in their numbering plan are kept, at most 25.
 */
export function extractPhones(links: readonly PageLink[], text: string, hint: CountryCode | null): FoundPhone[] {
  const found = new Map<string, FoundPhone>();
  const add = (phone: PhoneNumber | undefined, source: ContactSource, written: string): void => {
    if (phone === undefined || !phone.isValid() || found.has(phone.number) || found.size >= MAX_CONTACTS) return;
    found.set(phone.number, { phone, source, written });
  };
  for (const link of links) {
    if (!/^tel:/i.test(link.href)) continue;
    const written = safeDecode(link.href.slice(4)).replace(/;.*$/, '');
    add(parse(written, hint), 'tel', written);
  }
  const options = hint !== null ? { defaultCountry: hint } : {};
  // Lazily: the search stops once the cap is reached instead of scanning the whole text.
  for (const match of searchPhoneNumbersInText(text.slice(0, 200_000), options)) {
    if (found.size >= MAX_CONTACTS) break;
    const written = text.slice(match.startsAt, match.endsAt);
    // Without a hint, only numbers written with their country code ('+' or '00') are trusted.
    if (hint === null && !/^\s*(?:\+|00)/.test(written)) continue;
    add(match.number, 'text', written);
  }
  return [...found.values()];
}

/** Parses one written number with the hint; undefined when it is not a number. */
export function parse(written: string, hint: CountryCode | null): PhoneNumber | undefined {
  try {
    return hint !== null ? parsePhoneNumberFromString(written, hint) : parsePhoneNumberFromString(written);
  } catch {
    return undefined;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
