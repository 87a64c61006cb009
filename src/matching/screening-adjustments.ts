import { birthDateInterval, type DateInterval, daysApart } from './birth-date.ts';

/** One change to a name score, with the sentence that explains it. */
export interface ScoreAdjustment {
  readonly delta: number;
  readonly reason: string;
}

// How much the secondary facts move a name score. They are deliberately small beside the name:
// lists record several dates and nationalities for one person, many of them approximate, and a
// caller's value may be wrong. A contradicted date of birth weighs most because it is the most
// specific fact; an agreeing nationality least, because millions share it.
export const DOB_EXACT_MATCH = 0.08;
export const DOB_PARTIAL_MATCH = 0.04;
export const DOB_CONTRADICTED = -0.2;
export const NATIONALITY_MATCH = 0.03;
export const NATIONALITY_CONTRADICTED = -0.06;
export const ENTITY_TYPE_MISMATCH = -0.1;
/** Dates this close (in days) are neither agreement nor contradiction: data-entry slips. */
const DOB_TOLERANCE_DAYS = 366;

/**
 * Compares the caller's date of birth with every date the list gives for the entry; the
 * closest one decides. Null when either side has none (nothing to say).
 *
 * @example
 * dobAdjustment('1952', ['1952-10-07']) // { delta: 0.04, reason: 'date of birth 1952 agrees with listed 1952-10-07 (+0.04)' }
 */
export function dobAdjustment(queryDob: string | null, listed: readonly string[]): ScoreAdjustment | null {
  if (queryDob === null || listed.length === 0) return null;
  const query = birthDateInterval(queryDob);
  if (query === null) return null;
  let best: { text: string; interval: DateInterval; apart: number } | null = null;
  for (const text of listed) {
    const interval = birthDateInterval(text);
    if (interval === null) continue;
    const apart = daysApart(query, interval);
    if (best === null || apart < best.apart || (apart === 0 && interval.exactDay && query.exactDay)) best = { text, interval, apart };
  }
  if (best === null) return null;
  if (best.apart === 0) {
    const exact = query.exactDay && best.interval.exactDay;
    const delta = exact ? DOB_EXACT_MATCH : DOB_PARTIAL_MATCH;
    return { delta, reason: `date of birth ${queryDob} ${exact ? 'matches' : 'agrees with'} listed ${best.text} (${signed(delta)})` };
  }
  if (best.apart <= DOB_TOLERANCE_DAYS) return { delta: 0, reason: `date of birth ${queryDob} is within a year of listed ${best.text} (no change)` };
  return { delta: DOB_CONTRADICTED, reason: `date of birth ${queryDob} contradicts listed ${listed.join(', ')} (${signed(DOB_CONTRADICTED)})` };
}

/**
 * Compares the caller's nationalities (ISO codes) with the entry's nationalities and
 * citizenships. Null when either side has none.
 */
export function nationalityAdjustment(query: readonly string[], listed: readonly string[]): ScoreAdjustment | null {
  if (query.length === 0 || listed.length === 0) return null;
  const shared = query.filter((q) => listed.includes(q));
  if (shared.length > 0) return { delta: NATIONALITY_MATCH, reason: `nationality ${shared.join(', ')} matches the list (${signed(NATIONALITY_MATCH)})` };
  return {
    delta: NATIONALITY_CONTRADICTED,
    reason: `nationality ${query.join(', ')} differs from listed ${listed.join(', ')} (${signed(NATIONALITY_CONTRADICTED)})`,
  };
}

/**
 * A person's name matched against a company entry, or the reverse, is less likely the same
 * subject. Null when the types agree or the entry's type is unknown.
 */
export function entityTypeAdjustment(queryKind: 'person' | 'organization', entryType: string): ScoreAdjustment | null {
  if (entryType === 'unknown') return null;
  const entryIsPerson = entryType === 'individual';
  if ((queryKind === 'person') === entryIsPerson) return null;
  return {
    delta: ENTITY_TYPE_MISMATCH,
    reason: `a ${queryKind === 'person' ? 'person name' : 'company name'} matched a listed ${entryType} (${signed(ENTITY_TYPE_MISMATCH)})`,
  };
}

const signed = (delta: number): string => (delta >= 0 ? `+${delta.toFixed(2)}` : delta.toFixed(2));
