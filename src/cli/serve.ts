import type http from 'node:http';
import { reloadRolesOnSighup } from '../auth/role-config-reload.ts';
import type { Config } from '../config/config.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import { buildApp } from '../http/app.ts';
import { startEngineJobs } from '../jobs/engine-jobs.ts';
import { startMetricsServer } from '../observability/metrics-server.ts';

const HEALTH_POLL_MS = 5 * 60_000;
// After the grace period connectors are aborted; this much longer and the process gives up.
const HARD_STOP_EXTRA_MS = 10_000;

/**
 * `cairn serve`: build the engine, listen, serve metrics, poll connector health in the
 * background, reload the roles file on SIGHUP, and drain on SIGTERM/SIGINT: /health turns 503 at once, the listener stops
 * accepting, in-flight lookups finish (after SHUTDOWN_GRACE_SECONDS their connectors are
 * aborted, so they still complete and store consistently), then the database is released.
 */
export async function serve(config: Config): Promise<void> {
  // Listen for signals before anything starts: a SIGTERM that arrives while the engine is
  // still starting is kept and honoured as soon as there is something to drain.
  let requested: string | null = null;
  let onSignal: ((signal: string) => void) | null = null;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => (onSignal ? onSignal(signal) : (requested = signal)));
  }
  const engine = await createEngine(config);
  const app = await buildApp(engine);
  await app.listen({ host: config.http.host, port: config.http.port });
  const metricsServer = config.metrics.enabled ? await startMetricsServer(engine.metrics, config.http.host, config.metrics.port) : null;
  engine.logger.info(
    {
      host: config.http.host,
      port: config.http.port,
      metrics_port: metricsServer ? config.metrics.port : null,
      database: engine.database.kind,
      auth_mode: config.auth.mode,
      connectors: engine.connectors.map((c) => c.manifest.id),
    },
    'cairn engine ready',
  );
  const pollTimer = startHealthPolling(engine);
  // SIGHUP re-reads ROLE_CONFIG_PATH; a bad file keeps the roles in force (and says why).
  reloadRolesOnSighup({ path: config.auth.roleConfigPath, holder: engine.roles, logger: engine.logger, invalidate: () => engine.apiKeys.invalidate() });
  // Background jobs (sanctions list sync) on pg-boss, in the engine's database.
  const jobs = await startEngineJobs(engine);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    engine.logger.info({ signal, grace_seconds: config.shutdownGraceSeconds }, 'draining');
    engine.state.draining = true;
    clearInterval(pollTimer);
    const grace = setTimeout(() => engine.state.abort(), config.shutdownGraceSeconds * 1000);
    const hardStop = setTimeout(() => {
      engine.logger.error('in-flight work did not finish after the grace period; exiting');
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000 + HARD_STOP_EXTRA_MS);
    grace.unref();
    hardStop.unref();
    try {
      await app.close();
      await jobs.stop(Math.min(10_000, config.shutdownGraceSeconds * 1000));
      await closeServer(metricsServer);
      await engine.close();
      engine.logger.info('stopped');
      process.exit(0);
    } catch (err) {
      engine.logger.error({ err: (err as Error).message }, 'shutdown failed');
      process.exit(1);
    }
  };
  onSignal = (signal) => void shutdown(signal);
  if (requested !== null) onSignal(requested);
}

function startHealthPolling(engine: Engine): NodeJS.Timeout {
  const poll = (): void => {
    engine.connectorHealth.probeAll(engine.connectors).catch((err: Error) => engine.logger.warn({ err: err.message }, 'connector health poll failed'));
  };
  poll();
  const timer = setInterval(poll, HEALTH_POLL_MS);
  timer.unref();
  return timer;
}

function closeServer(server: http.Server | null): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
