import client from 'prom-client';
import type pg from 'pg';
import type { ConnectorRun } from '../connectors/runner.ts';

/**
 * The engine's Prometheus metrics, on a registry of its own (several engines in one test
 * process must not share counters). Collected always (a few increments per request); served
 * on METRICS_PORT when METRICS_ENABLED.
 */
export class EngineMetrics {
  readonly registry = new client.Registry();
  readonly #httpRequests = new client.Counter({ name: 'cairn_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'] as const, registers: [this.registry] });
  readonly #httpDuration = new client.Histogram({
    name: 'cairn_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #connectorRuns = new client.Counter({ name: 'cairn_connector_runs_total', help: 'Connector calls by connector and outcome', labelNames: ['connector', 'outcome'] as const, registers: [this.registry] });
  readonly #connectorDuration = new client.Histogram({
    name: 'cairn_connector_duration_seconds',
    help: 'Connector call latency by connector and outcome',
    labelNames: ['connector', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #rateLimited = new client.Counter({ name: 'cairn_rate_limit_rejections_total', help: 'Requests refused by a rate limit', labelNames: ['limit'] as const, registers: [this.registry] });
  readonly #lookups = new client.Counter({ name: 'cairn_lookups_total', help: 'Completed lookups by resolution status and depth', labelNames: ['status', 'depth'] as const, registers: [this.registry] });

  constructor(pool: pg.Pool | null) {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'cairn_process_' });
    if (pool) {
      const connections = new client.Gauge({
        name: 'cairn_db_pool_connections',
        help: 'Database pool connections by state (total, idle, waiting requests)',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          this.set({ state: 'total' }, pool.totalCount);
          this.set({ state: 'idle' }, pool.idleCount);
          this.set({ state: 'waiting' }, pool.waitingCount);
        },
      });
      void connections;
    }
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.#httpRequests.inc(labels);
    this.#httpDuration.observe(labels, seconds);
  }

  connectorRun(run: ConnectorRun): void {
    const labels = { connector: run.connector.manifest.id, outcome: run.outcome };
    this.#connectorRuns.inc(labels);
    this.#connectorDuration.observe(labels, run.durationMs / 1000);
  }

  rateLimitRejected(limit: 'all' | 'deep'): void {
    this.#rateLimited.inc({ limit });
  }

  lookupCompleted(status: string, depth: string): void {
    this.#lookups.inc({ status, depth });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
