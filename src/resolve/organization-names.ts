import { normalizeNamePart } from './name-matching.ts';

// Legal-form words that do not tell two companies apart ("Acme Inc" is "Acme, Inc.").
const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'pty', 'kk', 'the',
]);

/**
 * An organization name in one spelling: the name-part normal form, legal-form words dropped.
 *
 * @example
 * normalizeOrganizationName('The Acme Corp., Inc.') // 'acme'
 */
export function normalizeOrganizationName(raw: string): string {
  const tokens = normalizeNamePart(raw).split(' ').filter((t) => t.length > 0);
  const kept = tokens.filter((t) => !LEGAL_FORMS.has(t));
  return (kept.length > 0 ? kept : tokens).join(' ');
}

/**
 * Token overlap (Jaccard) of two normalised organization names, in [0, 1].
 *
 * @example
 * organizationSimilarity('acme widgets', 'acme') // 0.5
 */
export function organizationSimilarity(a: string, b: string): number {
  const x = new Set(a.split(' ').filter((t) => t.length > 0));
  const y = new Set(b.split(' ').filter((t) => t.length > 0));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}
