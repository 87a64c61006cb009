import type { SourceReference } from '../contract/lookup.ts';
import type { ConnectorRun } from '../connectors/runner.ts';

/** A source as the resolver needs it: the public reference plus its independence group. */
export interface SourceInfo {
  readonly reference: SourceReference;
  /** Connectors reading one upstream count as one confirmation. */
  readonly upstream: string;
  readonly reliability: number;
}

/**
 * Numbers the sources of one report: `src_001`, `src_002`, … in the order the connectors are
 * registered, one per connector that returned data.
 */
export function buildSourceTable(runs: readonly ConnectorRun[]): Map<string, SourceInfo> {
  const table = new Map<string, SourceInfo>();
  for (const run of runs) {
    const { manifest } = run.connector;
    if (run.findings.length === 0 || table.has(manifest.id)) continue;
    const id = `src_${String(table.size + 1).padStart(3, '0')}`;
    table.set(manifest.id, {
      reference: {
        id,
        name: manifest.name,
        category: manifest.category,
        retrieved_at: run.startedAt.toISOString(),
        confidence: manifest.reliability,
        connector_id: manifest.id,
      },
      upstream: manifest.upstream ?? manifest.id,
      reliability: manifest.reliability,
    });
  }
  return table;
}
