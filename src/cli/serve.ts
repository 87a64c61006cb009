import { reloadRolesOnSighup } from '../auth/role-config-reload.ts';
import type { Config } from '../config/config.ts';
import { createEngine } from '../engine/engine.ts';
import { buildApp } from '../http/app.ts';
import { startEngineJobs } from '../jobs/engine-jobs.ts';
import { startMetricsServer } from '../observability/metrics-server.ts';
import { closeServer, drainAndExit, trapShutdownSignals } from './lifecycle.ts';

/**
 * `cairn serve`: build the engine, listen, serve metrics, run the background jobs (unless
 * JOBS_ENABLED=false, when `cairn worker` processes run them), reload the roles file on
 * SIGHUP, and drain on SIGTERM/SIGINT: /health turns 503 at once, the listener stops
 * accepting, in-flight lookups finish (after SHUTDOWN_GRACE_SECONDS their connectors are
 * aborted, so they still complete and store consistently), then the database is released.
 */
export async function serve(config: Config): Promise<void> {
  const signals = trapShutdownSignals();
  const engine = await createEngine(config);
  const app = await buildApp(engine);
  await app.listen({ host: config.http.host, port: config.http.port });
  const metricsServer = config.metrics.enabled ? await startMetricsServer(engine.metrics, config.http.host, config.metrics.port) : null;
  // SIGHUP re-reads ROLE_CONFIG_PATH; a bad file keeps the roles in force (and says why).
  reloadRolesOnSighup({ path: config.auth.roleConfigPath, holder: engine.roles, logger: engine.logger, invalidate: () => engine.apiKeys.invalidate() });
  const jobs = config.jobsEnabled ? await startEngineJobs(engine) : null;
  engine.logger.info(
    {
      host: config.http.host,
      port: config.http.port,
      metrics_port: metricsServer ? config.metrics.port : null,
      database: engine.database.kind,
      auth_mode: config.auth.mode,
      jobs: jobs ? jobs.jobs().map((j) => j.name) : [],
      connectors: engine.connectors.map((c) => c.manifest.id),
    },
    'cairn engine ready',
  );
  signals.onShutdown((signal) =>
    drainAndExit(engine, config, signal, [
      () => app.close(),
      async () => jobs?.stop(Math.min(10_000, config.shutdownGraceSeconds * 1000)),
      () => closeServer(metricsServer),
    ]),
  );
}
