import type { Facts } from './record-facts.ts';
import type { KeyTier } from './identity-keys.ts';
import { namesAgree } from './name-matching.ts';
import { organizationSimilarity } from './organization-names.ts';

/** Below this token overlap two organization names are different organizations. */
const ORGANIZATION_NAME_MATCH = 0.5;

/**
 * How two groups of records compare as descriptions of one person or organization.
 * `score` weighs the evidence: +1 names agree, +1 a date of birth agrees, +0.5 a city or an
 * employer agrees, −1 the dates of birth differ, −0.5 the cities or employers differ (people
 * move and change jobs, so these only weigh). `hard` means they cannot be one: a person and an
 * organization, names that cannot be the same person's, organizations with different names, or
 * evidence at −1 or below.
 */
export interface Compatibility {
  readonly hard: boolean;
  readonly dobConflict: boolean;
  readonly score: number;
  /** What disagreed, for the explanation: `name`, `dob`, `city`, `employer`, `kind`, `organization_name`. */
  readonly disagreements: readonly string[];
}

/**
 * Compares two fact sets.
 *
 * @example
 * compareFacts(aliceFacts, bobFacts) // { hard: true, disagreements: ['name'], … }
 */
export function compareFacts(a: Facts, b: Facts): Compatibility {
  const disagreements: string[] = [];
  let score = 0;
  let hard = false;
  if ((a.kind === 'person' && b.kind === 'organization') || (a.kind === 'organization' && b.kind === 'person')) {
    return { hard: true, dobConflict: false, score: -1, disagreements: ['kind'] };
  }
  if (a.names.length > 0 && b.names.length > 0) {
    if (a.names.some((x) => b.names.some((y) => namesAgree(x, y)))) score += 1;
    else {
      hard = true;
      disagreements.push('name');
    }
  }
  const dob = compareSets(a.dobs, b.dobs, datesAgree);
  if (dob === 'agree') score += 1;
  if (dob === 'differ') {
    score -= 1;
    disagreements.push('dob');
  }
  for (const [field, x, y] of [['city', a.cities, b.cities], ['employer', a.employers, b.employers]] as const) {
    const outcome = compareSets(x, y, (p, q) => p === q);
    if (outcome === 'agree') score += 0.5;
    if (outcome === 'differ') {
      score -= 0.5;
      disagreements.push(field);
    }
  }
  if (a.organizations.length > 0 && b.organizations.length > 0) {
    const best = Math.max(...a.organizations.map((x) => Math.max(...b.organizations.map((y) => organizationSimilarity(x, y)))));
    if (best >= ORGANIZATION_NAME_MATCH) score += 1;
    else {
      hard = true;
      disagreements.push('organization_name');
    }
  }
  return { hard: hard || score <= -1, dobConflict: dob === 'differ', score, disagreements };
}

/**
 * Whether records sharing an identifier of this tier may be merged (see `identity-keys.ts`):
 * an exclusive identifier merges unless the facts are incompatible; a shareable one needs the
 * facts to agree (score ≥ 0.5, e.g. the same name) and no differing date of birth, so a family
 * phone or a handle two people chose does not fuse them.
 */
export function mayMerge(compatibility: Compatibility, tier: KeyTier): boolean {
  if (compatibility.hard) return false;
  if (tier === 'exclusive') return true;
  return !compatibility.dobConflict && compatibility.score >= 0.5;
}

function compareSets(a: readonly string[], b: readonly string[], same: (x: string, y: string) => boolean): 'agree' | 'differ' | 'unknown' {
  if (a.length === 0 || b.length === 0) return 'unknown';
  return a.some((x) => b.some((y) => same(x, y))) ? 'agree' : 'differ';
}

// `1980` agrees with `1980-05-02`: one source may give the year only.
function datesAgree(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}
