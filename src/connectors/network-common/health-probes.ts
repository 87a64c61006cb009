import type { HealthReport } from '../sdk.ts';
import { gapOf } from './upstream-gaps.ts';

/** One live check of an upstream: resolves when the upstream answered as it should. */
export interface HealthCheck {
  readonly upstream: string;
  readonly run: () => Promise<void>;
}

/**
 * Runs a connector's checks in parallel and folds them into one report: every check passed →
 * `reachable`; some failed → `degraded` (the connector still gives partial results); all
 * failed → `unreachable` with the first failure's reason. Latency is the wall-clock time of
 * the whole probe.
 *
 * @example
 * await runHealthChecks([{ upstream: 'dns', run: async () => { await resolver.resolve4('example.com'); } }]);
 * // { status: 'reachable', latency_ms: 3, error: null }
 */
export async function runHealthChecks(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const started = performance.now();
  const failures = (
    await Promise.all(
      checks.map(async (check) => {
        try {
          await check.run();
          return null;
        } catch (err) {
          return gapOf(check.upstream, err);
        }
      }),
    )
  ).filter((f) => f !== null);
  const latency = Math.round(performance.now() - started);
  if (failures.length === 0) return { status: 'reachable', latency_ms: latency, error: null };
  const error = failures.map((f) => f.detail).join('; ');
  if (failures.length < checks.length) return { status: 'degraded', latency_ms: latency, error, reason: failures[0]!.reason };
  return { status: 'unreachable', latency_ms: null, error, reason: failures[0]!.reason };
}
