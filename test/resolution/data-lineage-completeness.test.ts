import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorServices } from '../../src/connectors/sdk.ts';
import { planCalls } from '../../src/connectors/planner.ts';
import { runConnector } from '../../src/connectors/runner.ts';
import { resolveEntities } from '../../src/resolve/resolve-entities.ts';
import { type GroundTruth, syntheticConnectors } from './synthetic-providers.ts';
import { generateQueries } from './synthetic-queries.ts';
import { generateWorld, ownership } from './synthetic-world.ts';

const COMPUTED = new Set(['confidence', 'sources', 'conflicts']);

/** Every field path a profile holds, as `data_lineage` keys name them. */
function fieldPaths(profile: Record<string, unknown>): string[] {
  const paths: string[] = [];
  const entry = (at: string, body: Record<string, unknown>): void => {
    for (const [field, value] of Object.entries(body)) {
      if (!COMPUTED.has(field)) paths.push(`${at}.${field}`);
      if (field === 'conflicts') {
        for (const [f, values] of Object.entries(value as Record<string, unknown[]>)) values.forEach((_, i) => paths.push(`${at}.conflicts.${f}[${i}].value`));
      }
    }
  };
  const section = (at: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item, i) => entry(`${at}[${i}]`, item as Record<string, unknown>));
    else if (at === 'profile.network') for (const [k, v] of Object.entries(value as object)) section(`${at}.${k}`, v);
    else entry(at, value as Record<string, unknown>);
  };
  for (const [key, value] of Object.entries(profile)) section(`profile.${key}`, value);
  return paths;
}

describe('traceability.data_lineage', () => {
  it('names the sources of every field of every candidate, conflicts included', async () => {
    const world = generateWorld(5, { people: 120, organizations: 10 });
    const truth: GroundTruth = new Map();
    const connectors = syntheticConnectors(world, truth).map((d) => d.create({} as never, {} as ConnectorServices));
    const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    let checked = 0;
    let conflicts = 0;
    for (const query of generateQueries(world, ownership(world), { people: 60, organizations: 5 })) {
      const runs = await Promise.all(planCalls(connectors, query.identifiers, 'standard').calls.map((c) => runConnector(c.connector, { identifiers: c.identifiers, derived: false, depth: 'standard', timeoutMs: 10_000, logger: silent })));
      for (const entity of resolveEntities(query.identifiers, runs).candidates) {
        const ids = new Set(entity.sources.map((s) => s.id));
        for (const path of fieldPaths(entity.profile as Record<string, unknown>)) {
          const sources = entity.dataLineage[path];
          assert.ok(sources && sources.length > 0, `no lineage for ${path}`);
          for (const id of sources) assert.ok(ids.has(id), `${path} cites ${id}, which is not among the entity's sources`);
          checked++;
          if (path.includes('.conflicts.')) conflicts++;
        }
      }
    }
    assert.ok(checked > 1000 && conflicts > 0, `checked ${checked} paths, ${conflicts} conflict paths`);
  });
});
