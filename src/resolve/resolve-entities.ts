import type { ConnectorRun } from '../connectors/runner.ts';
import type { SourceReference } from '../contract/lookup.ts';
import type { EntityProfile } from '../contract/profile.ts';
import type { Identifier } from '../identifiers/identifier-types.ts';
import { scoreCluster } from './candidate-scoring.ts';
import { type Cluster, clusterRecords } from './cluster-records.ts';
import { clusterLinks, type EntityExplanation, sharedIdentifiers } from './entity-explanation.ts';
import type { IdentityKey } from './identity-keys.ts';
import { buildProfile, type ProfileEntry, round } from './profile-builder.ts';
import { type AssociationKey, buildRecords, type ResolutionRecord } from './resolution-records.ts';
import { decide } from './resolution-decision.ts';
import { buildSourceTable } from './source-table.ts';
import { compareStrings } from './stable-order.ts';

/** One candidate entity, built and scored. */
export interface ResolvedEntity {
  /** Position among all candidates, best first. */
  readonly rank: number;
  readonly confidence: number;
  readonly profile: EntityProfile;
  readonly sources: readonly SourceReference[];
  readonly dataLineage: Readonly<Record<string, string[]>>;
  readonly explanation: EntityExplanation;
  /** Every identity key its records hold (for the identifier index and graph analyses). */
  readonly keys: readonly IdentityKey[];
  readonly associations: readonly AssociationKey[];
  /** Indices into `Resolution.records`. */
  readonly records: readonly number[];
  /** Each profile entry with the records it was merged from (for lineage). */
  readonly entries: readonly ProfileEntry[];
}

export interface Resolution {
  readonly status: 'resolved' | 'ambiguous' | 'no_match';
  /** The best returned candidate's confidence: how well the returned entities represent the query. */
  readonly confidence: number;
  readonly explanation: string;
  /** The entities to return, ranked by confidence. */
  readonly entities: readonly ResolvedEntity[];
  /** Every candidate considered, ranked (a superset of `entities`; for evaluation and lineage). */
  readonly candidates: readonly ResolvedEntity[];
  readonly records: readonly ResolutionRecord[];
}

/**
 * Turns the connector runs of one lookup into entities (SPEC §7): records → clusters through
 * shared identity keys (`cluster-records.ts`) → candidates scored against the query identifiers
 * (`candidate-scoring.ts`) → the decision (`resolution-decision.ts`) → a profile per candidate
 * with per-field lineage (`profile-builder.ts`). Deterministic: the same runs give the same
 * result, whatever order the connectors answered in.
 */
export function resolveEntities(identifiers: readonly Identifier[], runs: readonly ConnectorRun[]): Resolution {
  const sourceTable = buildSourceTable(runs);
  const records = buildRecords(runs, sourceTable);
  if (records.length === 0) return { status: 'no_match', confidence: 0, explanation: 'No connector returned any finding.', entities: [], candidates: [], records };
  const scored = clusterRecords(records)
    .map((cluster) => ({ cluster, score: scoreCluster(cluster, records, identifiers) }))
    .sort((a, b) => b.score.score - a.score.score || a.cluster.members[0]! - b.cluster.members[0]!);
  const shared = sharedIdentifiers(scored.map((s) => s.cluster), records);
  const sources = [...sourceTable.values()];
  const candidates = scored.map(({ cluster, score }, rank): ResolvedEntity => {
    const explanation: EntityExplanation = {
      kind: cluster.facts.kind,
      score,
      links: clusterLinks(cluster, records),
      shared: shared[rank]!,
      recordCount: cluster.members.length,
    };
    return buildEntity(rank, cluster, records, sources, explanation);
  });
  const decision = decide(candidates.map((c) => c.confidence));
  const entities = decision.returned.map((i) => candidates[i]!);
  return { status: decision.status, confidence: entities[0]?.confidence ?? 0, explanation: decision.explanation, entities, candidates, records };
}

function buildEntity(
  rank: number,
  cluster: Cluster,
  records: readonly ResolutionRecord[],
  sources: readonly { reference: SourceReference }[],
  explanation: EntityExplanation,
): ResolvedEntity {
  const members = cluster.members.map((i) => records[i]!);
  const built = buildProfile(members.flatMap((r) => r.findings.map((finding) => ({ finding, source: r.source, record: r.index }))));
  const keys = new Map<string, IdentityKey>();
  const associations = new Map<string, AssociationKey>();
  for (const record of members) {
    for (const key of record.keys) keys.set(key.id, key);
    for (const association of record.associations) associations.set(association.id, association);
  }
  return {
    rank,
    confidence: round(explanation.score.score),
    profile: built.profile,
    sources: sources.filter((s) => built.sourceIds.has(s.reference.id)).map((s) => s.reference),
    dataLineage: built.lineage,
    explanation,
    keys: [...keys.values()].sort((a, b) => compareStrings(a.id, b.id)),
    associations: [...associations.values()].sort((a, b) => compareStrings(a.id, b.id)),
    records: cluster.members,
    entries: built.entries,
  };
}
