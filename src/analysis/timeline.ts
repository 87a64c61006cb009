import { z } from 'zod';
import type { Entity } from '../contract/lookup.ts';
import { type AnalysisContext, type AnalysisOutcome, defineAnalysisType } from './analysis-type.ts';
import { coverageNoteOf } from './coverage-note.ts';

/** Profile fields that carry a date (SPEC §6.4 and Cairn's additions). */
const DATE_FIELDS: ReadonlySet<string> = new Set([
  'dob', 'first_reported_date', 'last_reported_date', 'joined_date', 'breach_date', 'incorporation_date',
  'created_date', 'listed_date', 'valid_from', 'valid_until', 'founded_year',
]);

// YYYY, YYYY-MM, YYYY-MM-DD, or an RFC 3339 date-time.
const DATE = /^(\d{4})(-\d{2})?(-\d{2})?(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const dateParam = z.string().regex(DATE, 'Must be YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 date-time');

const parameters = z.object({
  from: dateParam.optional().describe('Keep events on or after this date.'),
  to: dateParam.optional().describe('Keep events on or before this date (a date covers its whole day, month or year).'),
  include_retrievals: z.boolean().default(true).describe('Add one event per source: when the engine retrieved it.'),
});

type Parameters = z.infer<typeof parameters>;

export interface TimelineEvent {
  readonly date: string;
  readonly precision: 'year' | 'month' | 'day' | 'instant';
  readonly field: string;
  /** The JSON path of the value in the stored lookup response's entity. */
  readonly path: string;
  readonly section: string;
  readonly label: string;
  readonly confidence: number | null;
  /** True when sources disagree on this field; every value appears, each with its sources. */
  readonly conflicting: boolean;
  readonly sources: readonly { readonly id: string; readonly name: string; readonly category: string }[];
}

/** `timeline`: every dated fact of the subject in order, each with the sources asserting it. */
export const timeline = defineAnalysisType({
  type: 'timeline',
  status: 'available',
  description:
    'Every dated fact of the subject entity (date of birth, first and last reported dates, account creation, breaches, incorporation, ' +
    'domain registration, certificate validity, sanctions listing, retrievals) in chronological order, each with its sources; conflicting values are all shown.',
  subjectTypes: ['entity'],
  parameters,
  resultDescription:
    '`data.events` is a list ordered by date then path of {date, precision year|month|day|instant, field, path, section, label, confidence, ' +
    'conflicting, sources[{id, name, category}]}; `data.first` and `data.last` bound it; `data.skipped` counts date fields whose value is not a date.',
  run,
});

async function run(context: AnalysisContext, p: Parameters): Promise<AnalysisOutcome> {
  const { events, skipped } = datedFacts(context.entity, p.include_retrievals);
  const kept = events.filter((e) => (p.from === undefined || !before(e.date, p.from)) && (p.to === undefined || !after(e.date, p.to)));
  kept.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    ok: true,
    data: { events: kept, count: kept.length, first: kept[0]?.date ?? null, last: kept[kept.length - 1]?.date ?? null, skipped },
    confidence: null,
    coverageNote: coverageNoteOf(context.lookup),
  };
}

/** Walks the entity's profile (and its sources' retrieval times) for dated values. */
export function datedFacts(entity: Entity, includeRetrievals: boolean): { events: TimelineEvent[]; skipped: number } {
  const sources = new Map(entity.traceability.sources.map((s) => [s.id, { id: s.id, name: s.name, category: s.category }]));
  const lineage = entity.traceability.data_lineage;
  const events: TimelineEvent[] = [];
  let skipped = 0;
  const emit = (path: string, field: string, section: string, raw: unknown, entry: Record<string, unknown>, ids: readonly string[], conflicting: boolean): void => {
    const date = typeof raw === 'number' && field === 'founded_year' ? String(raw) : raw;
    if (typeof date !== 'string' || !DATE.test(date)) {
      skipped++;
      return;
    }
    const known = ids.map((id) => sources.get(id)).filter((s) => s !== undefined);
    events.push({ date, precision: precisionOf(date), field, path, section, label: labelOf(section, entry), confidence: typeof entry.confidence === 'number' ? entry.confidence : null, conflicting, sources: known });
  };
  for (const [section, at, entry] of entries(entity.profile as Record<string, unknown>)) {
    const conflicts = (entry.conflicts ?? {}) as Record<string, { value: unknown; sources: string[] }[]>;
    for (const [field, value] of Object.entries(entry)) {
      if (!DATE_FIELDS.has(field)) continue;
      const disputed = (conflicts[field]?.length ?? 0) > 1;
      emit(`${at}.${field}`, field, section, value, entry, lineage[`${at}.${field}`] ?? (entry.sources as string[] | undefined) ?? [], disputed);
      // The other values sources gave for the field, each with its own sources.
      conflicts[field]?.slice(1).forEach((c, i) => emit(`${at}.conflicts.${field}[${i + 1}].value`, field, section, c.value, entry, c.sources, true));
    }
  }
  if (includeRetrievals) {
    entity.traceability.sources.forEach((s, i) =>
      emit(`traceability.sources[${i}].retrieved_at`, 'retrieved_at', 'traceability', s.retrieved_at, { name: s.name }, [s.id], false),
    );
  }
  return { events, skipped };
}

/** [section, path, entry] for every entry of every profile section, network sub-sections included. */
function entries(profile: Record<string, unknown>): [string, string, Record<string, unknown>][] {
  const out: [string, string, Record<string, unknown>][] = [];
  const visit = (section: string, at: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item, i) => out.push([section, `${at}[${i}]`, item as Record<string, unknown>]));
    else if (value !== null && typeof value === 'object') out.push([section, at, value as Record<string, unknown>]);
  };
  for (const [key, value] of Object.entries(profile)) {
    if (key === 'network' && value !== null && typeof value === 'object') {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) visit(`network.${sub}`, `profile.network.${sub}`, v);
    } else visit(key, `profile.${key}`, value);
  }
  return out;
}

function labelOf(section: string, entry: Record<string, unknown>): string {
  const first = ['full_name', 'number', 'email', 'address', 'username', 'organization_name', 'domain', 'subject', 'source_name', 'matched_name', 'name', 'title']
    .map((k) => entry[k])
    .find((v) => typeof v === 'string');
  const name = first ?? [entry.first_name, entry.last_name].filter((v) => typeof v === 'string').join(' ');
  return name ? `${section}: ${String(name)}` : section;
}

function precisionOf(date: string): TimelineEvent['precision'] {
  if (date.includes('T')) return 'instant';
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

// A partial date covers a period: 1980 is not before 1980-06-01, and not after it either.
function before(date: string, bound: string): boolean {
  const n = Math.min(date.length, bound.length);
  return date.slice(0, n) < bound.slice(0, n);
}

function after(date: string, bound: string): boolean {
  const n = Math.min(date.length, bound.length);
  return date.slice(0, n) > bound.slice(0, n);
}
