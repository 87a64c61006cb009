import type { Config } from '../config/config.ts';
import { createEngine } from '../engine/engine.ts';
import { buildApp } from '../http/app.ts';
import { startEngineJobs } from '../jobs/engine-jobs.ts';

const HEALTH_POLL_MS = 5 * 60_000;

/**
 * `cairn serve`: build the engine, listen, poll connector health in the background, and drain
 * gracefully on SIGTERM/SIGINT (stop accepting, let in-flight lookups finish up to
 * SHUTDOWN_GRACE_SECONDS, then release the database).
 */
export async function serve(config: Config): Promise<void> {
  const engine = await createEngine(config);
  const app = await buildApp(engine);
  await app.listen({ host: config.http.host, port: config.http.port });
  engine.logger.info({ host: config.http.host, port: config.http.port, database: engine.database.kind, auth_mode: config.auth.mode, connectors: engine.connectors.map((c) => c.manifest.id) }, 'cairn engine ready');

  const poll = (): void => {
    engine.connectorHealth.probeAll(engine.connectors).catch((err: Error) => engine.logger.warn({ err: err.message }, 'connector health poll failed'));
  };
  poll();
  const pollTimer = setInterval(poll, HEALTH_POLL_MS);
  pollTimer.unref();
  // Background jobs (sanctions list sync) on pg-boss, in the engine's database.
  const jobs = await startEngineJobs(engine);

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    engine.logger.info({ signal, grace_seconds: config.shutdownGraceSeconds }, 'draining');
    engine.state.draining = true;
    clearInterval(pollTimer);
    const deadline = setTimeout(() => engine.state.abort(), config.shutdownGraceSeconds * 1000);
    deadline.unref();
    try {
      await app.close();
      await jobs.stop(Math.min(10_000, config.shutdownGraceSeconds * 1000));
      await engine.close();
      engine.logger.info('stopped');
      process.exit(0);
    } catch (err) {
      engine.logger.error({ err: (err as Error).message }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
