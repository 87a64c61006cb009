import type { ConnectorRun } from '../connectors/runner.ts';
import type { SourceReference } from '../contract/lookup.ts';
import type { EntityProfile } from '../contract/profile.ts';
import type { Identifier } from '../identifiers/identifier-types.ts';
import { combineIndependent } from './confidence.ts';
import { buildProfile, round, type SourcedFinding } from './profile-builder.ts';
import { buildSourceTable } from './source-table.ts';

export interface ResolvedEntity {
  readonly confidence: number;
  readonly profile: EntityProfile;
  readonly sources: readonly SourceReference[];
  readonly dataLineage: Readonly<Record<string, string[]>>;
}

export interface Resolution {
  readonly status: 'resolved' | 'ambiguous' | 'no_match';
  readonly confidence: number;
  /** Ranked by confidence, best first. */
  readonly entities: readonly ResolvedEntity[];
}

/**
 * Turns the connector runs of one lookup into entities (SPEC §7). This first step puts every
 * finding in one entity: `no_match` when nothing was found, else `resolved`, with a confidence
 * that is the share of query identifiers the findings explain times the combined strength of
 * the independent sources. The full model (clustering, `ambiguous`) replaces this function.
 */
export function resolveEntities(identifiers: readonly Identifier[], runs: readonly ConnectorRun[]): Resolution {
  const sourceTable = buildSourceTable(runs);
  const sourced: SourcedFinding[] = [];
  for (const run of runs) {
    const source = sourceTable.get(run.connector.manifest.id);
    if (source) for (const finding of run.findings) sourced.push({ finding, source });
  }
  if (sourced.length === 0) return { status: 'no_match', confidence: 0, entities: [] };

  const built = buildProfile(sourced);
  const explained = identifiers.filter((q) =>
    sourced.some(({ finding }) => finding.about.some((a) => a.type === q.type && a.normalized === q.normalized)),
  ).length;
  const byUpstream = new Map<string, number>();
  for (const { finding, source } of sourced) {
    byUpstream.set(source.upstream, Math.max(byUpstream.get(source.upstream) ?? 0, finding.confidence * source.reliability));
  }
  const coverage = identifiers.length === 0 ? 0 : explained / identifiers.length;
  const confidence = round(coverage * combineIndependent([...byUpstream.values()]));
  const sources = [...sourceTable.values()].filter((s) => built.sourceIds.has(s.reference.id)).map((s) => s.reference);
  return {
    status: 'resolved',
    confidence,
    entities: [{ confidence, profile: built.profile, sources, dataLineage: built.lineage }],
  };
}
