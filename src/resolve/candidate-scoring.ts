import type { Identifier } from '../identifiers/identifier-types.ts';
import type { Cluster } from './cluster-records.ts';
import { combineIndependent } from './confidence.ts';
import { keyOfSubject } from './identity-keys.ts';
import { nameSimilarity, namesAgree, normalizeNamePart } from './name-matching.ts';
import { normalizeOrganizationName, organizationSimilarity } from './organization-names.ts';
import type { Facts } from './record-facts.ts';
import { type ResolutionRecord, subjectId } from './resolution-records.ts';
import { compareStrings } from './stable-order.ts';

/** A record found only "for" a name, without its own facts matching it, counts at this weight. */
const UNCONFIRMED_WEAK_MATCH = 0.5;
/** Each kind of contradiction inside a candidate (two dates of birth …) costs this share. */
export const CONFLICT_PENALTY = 0.15;

/** How one query identifier is explained by a candidate. */
export interface QueryExplanation {
  readonly identifier: Identifier;
  /** Combined strength in [0, 1] of the independent sources tying the candidate to it. */
  readonly strength: number;
  readonly sourceIds: readonly string[];
}

export interface CandidateScore {
  /** The entity's confidence: mean explanation strength, less the conflict penalty. */
  readonly score: number;
  readonly explains: readonly QueryExplanation[];
  /** Fields whose values contradict each other inside the candidate (`dob`, `name`, …). */
  readonly conflicts: readonly string[];
  readonly penalty: number;
}

/**
 * Scores a candidate against the query identifiers (SPEC §7): (a) every query identifier it
 * explains, (b) by how many independent upstreams, each counted once at its strongest record
 * (finding confidence × source reliability), combined by noisy-OR, (c) so reliable sources
 * weigh more, and (d) less a fixed share for each kind of internal contradiction. Adding an
 * agreeing independent source can only raise (b), so the score never drops.
 */
export function scoreCluster(cluster: Cluster, records: readonly ResolutionRecord[], identifiers: readonly Identifier[]): CandidateScore {
  const members = cluster.members.map((i) => records[i]!);
  const explains = identifiers.map((identifier) => explain(identifier, witnesses(cluster, members, identifier), cluster.facts));
  const coverage = identifiers.length === 0 ? 0 : explains.reduce((sum, e) => sum + e.strength, 0) / identifiers.length;
  const conflicts = internalConflicts(cluster.facts);
  const penalty = combineIndependent(conflicts.map(() => CONFLICT_PENALTY));
  return { score: coverage * (1 - penalty), explains, conflicts, penalty };
}

/**
 * The records that may vouch for the link between this candidate and a query identifier. A
 * record naming no one (phone metadata, an account, a breach entry) says something about the
 * identifier, not about whose it is: in a candidate that names someone it counts only when a
 * key other than the identifier's own ties it to the named records (an account the person's
 * record lists, found again by the queried email), and never when it was copied into several
 * candidates. Otherwise the carrier of a recycled number would vouch for its former holder.
 */
function witnesses(cluster: Cluster, members: readonly ResolutionRecord[], identifier: Identifier): ResolutionRecord[] {
  const named = members.filter((r) => r.facts.kind !== 'none');
  if (named.length === 0) return [...members];
  const own = keyOfSubject(identifier)?.id;
  const namedKeys = new Set(named.flatMap((r) => r.keys.map((k) => k.id)));
  const shared = new Set(cluster.shared);
  return members.filter((r) => r.facts.kind !== 'none' || (!shared.has(r.index) && r.keys.some((k) => k.id !== own && namedKeys.has(k.id))));
}

function explain(identifier: Identifier, members: readonly ResolutionRecord[], facts: Facts): QueryExplanation {
  const key = keyOfSubject(identifier);
  const about = subjectId(identifier);
  const weakMatch = key === null ? weakSimilarity(identifier, facts) : 0;
  const byUpstream = new Map<string, number>();
  const sourceIds = new Set<string>();
  for (const record of members) {
    const holds = key !== null && record.keys.some((k) => k.id === key.id);
    const claimed = record.about.some((s) => subjectId(s) === about);
    let weight = 0;
    if (key !== null) weight = holds || claimed ? 1 : 0;
    else if (weakMatch > 0 && (claimed || record.facts.kind !== 'none')) weight = weakMatch;
    else if (claimed) weight = UNCONFIRMED_WEAK_MATCH;
    if (weight === 0) continue;
    const upstream = record.source.upstream;
    byUpstream.set(upstream, Math.max(byUpstream.get(upstream) ?? 0, record.strength * weight));
    sourceIds.add(record.source.reference.id);
  }
  return { identifier, strength: combineIndependent([...byUpstream.values()]), sourceIds: [...sourceIds].sort(compareStrings) };
}

/** How well a candidate's own facts match a weak identifier (name, company name, address); 0 if not. */
function weakSimilarity(identifier: Identifier, facts: Facts): number {
  const best = (values: readonly number[]): number => (values.length === 0 ? 0 : Math.max(...values));
  let similarity = 0;
  if (identifier.type === 'name') similarity = best(facts.names.map((n) => nameSimilarity(identifier.normalized, n)));
  if (identifier.type === 'company_name') {
    const wanted = normalizeOrganizationName(identifier.normalized);
    similarity = best(facts.organizations.map((o) => organizationSimilarity(o, wanted)));
  }
  if (identifier.type === 'address') {
    const wanted = normalizeNamePart(identifier.normalized);
    similarity = facts.addresses.includes(wanted) ? 1 : 0;
  }
  return similarity >= 0.85 ? similarity : 0;
}

/** Kinds of contradiction inside one candidate, in a fixed order. */
function internalConflicts(facts: Facts): string[] {
  const conflicts: string[] = [];
  const names = facts.names;
  if (names.some((a, i) => names.slice(i + 1).some((b) => !namesAgree(a, b)))) conflicts.push('name');
  const dobs = facts.dobs;
  if (dobs.some((a, i) => dobs.slice(i + 1).some((b) => a.slice(0, Math.min(a.length, b.length)) !== b.slice(0, Math.min(a.length, b.length))))) {
    conflicts.push('dob');
  }
  const orgs = facts.organizations;
  if (orgs.some((a, i) => orgs.slice(i + 1).some((b) => organizationSimilarity(a, b) < 0.5))) conflicts.push('organization_name');
  return conflicts;
}
