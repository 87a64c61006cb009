import type { Config } from '../config/config.ts';
import { createEngine } from '../engine/engine.ts';
import { startEngineJobs } from '../jobs/engine-jobs.ts';
import { startMetricsServer } from '../observability/metrics-server.ts';
import { closeServer, drainAndExit, trapShutdownSignals } from './lifecycle.ts';

/**
 * `cairn worker`: the background jobs (retention purge, connector health, sanctions sync)
 * without the HTTP API, for deployments that scale the API and the jobs apart. Any number of
 * workers and engines may share one PostgreSQL: each job runs once at a time cluster-wide.
 */
export async function worker(config: Config): Promise<void> {
  const signals = trapShutdownSignals();
  const engine = await createEngine(config, { firstRunKey: false });
  const metricsServer = config.metrics.enabled ? await startMetricsServer(engine.metrics, config.http.host, config.metrics.port) : null;
  const jobs = await startEngineJobs(engine);
  engine.logger.info({ database: engine.database.kind, jobs: jobs.jobs(), metrics_port: metricsServer ? config.metrics.port : null }, 'cairn worker ready');
  signals.onShutdown((signal) =>
    drainAndExit(engine, config, signal, [() => jobs.stop(Math.min(10_000, config.shutdownGraceSeconds * 1000)), () => closeServer(metricsServer)]),
  );
}
