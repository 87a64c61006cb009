import type { ConnectorServices } from '../../src/connectors/sdk.ts';
import { planCalls } from '../../src/connectors/planner.ts';
import { runConnector } from '../../src/connectors/runner.ts';
import { resolveEntities } from '../../src/resolve/resolve-entities.ts';
import { type EvaluationReport, ResolutionScorer } from './resolution-metrics.ts';
import { type GroundTruth, syntheticConnectors } from './synthetic-providers.ts';
import { generateQueries } from './synthetic-queries.ts';
import { generateWorld, ownership } from './synthetic-world.ts';

export interface EvaluationOptions {
  readonly seed: number;
  readonly people: number;
  readonly organizations: number;
  readonly personQueries: number;
  readonly organizationQueries: number;
}

export const DEFAULT_EVALUATION: Omit<EvaluationOptions, 'seed'> = { people: 300, organizations: 20, personQueries: 240, organizationQueries: 12 };

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Generates a world, sends its lookups through the real planner, runner and resolver with the
 * synthetic providers standing in for the external data sources, and scores the outcome
 * against the ground truth.
 *
 * @example
 * const report = await evaluateResolution({ seed: 7, ...DEFAULT_EVALUATION });
 */
export async function evaluateResolution(options: EvaluationOptions): Promise<EvaluationReport> {
  const world = generateWorld(options.seed, { people: options.people, organizations: options.organizations });
  const truth: GroundTruth = new Map();
  // The synthetic providers answer from memory and use none of the engine's services.
  const services = {} as ConnectorServices;
  const connectors = syntheticConnectors(world, truth).map((d) => d.create({} as never, services));
  const scorer = new ResolutionScorer(world, truth);
  const queries = generateQueries(world, ownership(world), { people: options.personQueries, organizations: options.organizationQueries });
  for (const query of queries) {
    const plan = planCalls(connectors, query.identifiers, 'standard');
    const runs = await Promise.all(
      plan.calls.map((call) => runConnector(call.connector, { identifiers: call.identifiers, derived: false, depth: 'standard', timeoutMs: 10_000, logger: silent })),
    );
    scorer.add(query, resolveEntities(query.identifiers, runs));
  }
  return scorer.report();
}
