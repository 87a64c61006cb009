import type { Identifier } from '../identifiers/identifier-types.ts';
import type { Connector } from './sdk.ts';

export interface PlannedCall {
  readonly connector: Connector;
  readonly identifiers: readonly Identifier[];
}

export interface Plan {
  readonly calls: readonly PlannedCall[];
  /** Connectors not asked, and why (disclosed in `source_coverage.not_queried`). */
  readonly notQueried: readonly { connector_id: string; reason: 'depth' | 'not_applicable' }[];
}

/**
 * Which connectors a lookup asks (SPEC §8.4): every connector that accepts at least one of the
 * identifier types, `primary` tier at depth standard, all tiers at deep. The planner reads
 * manifests only; it never knows a connector by name.
 */
export function planCalls(connectors: readonly Connector[], identifiers: readonly Identifier[], depth: 'standard' | 'deep'): Plan {
  const calls: PlannedCall[] = [];
  const notQueried: { connector_id: string; reason: 'depth' | 'not_applicable' }[] = [];
  for (const connector of connectors) {
    const { manifest } = connector;
    const accepted = identifiers.filter((i) => manifest.accepts.includes(i.type));
    if (accepted.length === 0) notQueried.push({ connector_id: manifest.id, reason: 'not_applicable' });
    else if (manifest.tier === 'secondary' && depth === 'standard') notQueried.push({ connector_id: manifest.id, reason: 'depth' });
    else calls.push({ connector, identifiers: accepted });
  }
  return { calls, notQueried };
}

/**
 * The second wave of a deep lookup: connectors that accept a derived type get the derived
 * identifiers they have not seen yet.
 */
export function planDerivedCalls(connectors: readonly Connector[], derived: readonly Identifier[], alreadySeen: ReadonlySet<string>): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const connector of connectors) {
    const fresh = derived.filter(
      (i) => connector.manifest.accepts_derived.includes(i.type) && !alreadySeen.has(`${connector.manifest.id}|${i.type}|${i.normalized}`),
    );
    if (fresh.length > 0) calls.push({ connector, identifiers: fresh });
  }
  return calls;
}
