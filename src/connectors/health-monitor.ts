import type { Kysely } from 'kysely';
import { type ConnectorHealthRow, listConnectorHealth, saveConnectorHealth } from '../store/connector-health-repository.ts';
import type { Database } from '../store/schema.ts';
import { outcomeOfError } from './runner.ts';
import type { Connector, ConnectorLogger, HealthReport } from './sdk.ts';

const PROBE_TIMEOUT_MS = 10_000;
// SPEC §8.2 [INF]: a check older than this reads as `unknown`.
export const HEALTH_STALE_MS = 15 * 60_000;
// A reachable connector slower than this reads as `degraded`.
const DEGRADED_LATENCY_MS = 5_000;

/**
 * Probes connectors and keeps the latest result in the database, where every engine on it can
 * read it for `GET /v1/connectors`. `probe` is the live check of
 * `GET /v1/connectors/{id}/health`; `probeAll` is what the background poll runs.
 */
export class ConnectorHealthMonitor {
  readonly #db: Kysely<Database>;
  readonly #logger: ConnectorLogger;

  constructor(db: Kysely<Database>, logger: ConnectorLogger) {
    this.#db = db;
    this.#logger = logger;
  }

  async probe(connector: Connector): Promise<ConnectorHealthRow> {
    const checkedAt = new Date();
    const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
    let report: HealthReport;
    try {
      report = await Promise.race([
        connector.health(signal),
        new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
      ]);
    } catch (err) {
      const { outcome, detail } = outcomeOfError(err, signal);
      report = { status: 'unreachable', latency_ms: null, error: detail, reason: outcome === 'ok' || outcome === 'no_data' ? 'connector_error' : outcome };
    }
    const status = report.status === 'reachable' && (report.latency_ms ?? 0) > DEGRADED_LATENCY_MS ? 'degraded' : report.status;
    const row: ConnectorHealthRow = {
      connectorId: connector.manifest.id,
      status,
      checkedAt,
      latencyMs: status === 'unreachable' ? null : report.latency_ms,
      error: report.error ?? (report.reason ?? null),
    };
    try {
      await saveConnectorHealth(this.#db, row);
    } catch (err) {
      this.#logger.warn({ err: (err as Error).message }, 'could not save connector health');
    }
    return row;
  }

  async probeAll(connectors: readonly Connector[]): Promise<void> {
    await Promise.all(connectors.map((c) => this.probe(c)));
  }

  async latest(): Promise<Map<string, ConnectorHealthRow>> {
    return new Map((await listConnectorHealth(this.#db)).map((r) => [r.connectorId, r]));
  }
}
