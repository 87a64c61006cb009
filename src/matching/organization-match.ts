import { normalizeName } from './name-normalizer.ts';
import { scoreName } from './name-score.ts';

/**
 * How well a registry's company name answers the name a caller asked for, 0–1: the token
 * matcher on organisation-normalised names (legal forms ignored), best over the record's names.
 *
 * @example
 * organizationNameScore('Acme Corp', ['ACME CORPORATION']) // 1
 */
export function organizationNameScore(query: string, names: readonly string[]): number {
  const q = normalizeName(query, 'organization');
  let best = 0;
  for (const name of names) best = Math.max(best, scoreName(q, normalizeName(name, 'organization')).score);
  return Math.round(best * 1000) / 1000;
}

/**
 * The label of a domain as a company name would read it: "acme-widgets.co.uk" → "acme widgets".
 * Callers pass the registrable label (no public suffix).
 */
export function nameFromDomainLabel(label: string): string {
  return label.replace(/[-_.]+/g, ' ').trim();
}

/** Two names equal once legal forms, punctuation and spaces are ignored ("Acme-Widgets Ltd" = "acmewidgets"). */
export function isSameCompactName(a: string, b: string): boolean {
  const compact = (s: string): string => normalizeName(s, 'organization').join('');
  const ca = compact(a);
  return ca.length > 0 && ca === compact(b);
}
