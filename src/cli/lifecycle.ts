import type http from 'node:http';
import type { Config } from '../config/config.ts';
import type { Engine } from '../engine/engine.ts';
import { shutdownTracing } from '../observability/tracing.ts';

// After the grace period in-flight work is aborted; this much longer and the process gives up.
const HARD_STOP_EXTRA_MS = 10_000;

/**
 * Listens for SIGTERM/SIGINT from the very start: a signal that arrives while the engine is
 * still starting is kept and honoured as soon as `onShutdown` gives it something to do.
 */
export function trapShutdownSignals(): { onShutdown(handler: (signal: string) => Promise<void>): void } {
  let requested: string | null = null;
  let handler: ((signal: string) => Promise<void>) | null = null;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => (handler ? void handler(signal) : (requested = signal)));
  }
  return {
    onShutdown(next) {
      handler = next;
      if (requested !== null) void next(requested);
    },
  };
}

/**
 * Drains an engine and exits: marks it draining (/health turns 503), runs `steps` in order
 * (stop accepting, stop jobs …), aborts in-flight work after SHUTDOWN_GRACE_SECONDS so it
 * still completes and stores consistently, then releases the database. Exit code 0 on a clean
 * stop, 1 when something failed or hung past the grace period.
 */
export async function drainAndExit(engine: Engine, config: Config, signal: string, steps: readonly (() => Promise<void>)[]): Promise<never> {
  engine.logger.info({ signal, grace_seconds: config.shutdownGraceSeconds }, 'draining');
  engine.state.draining = true;
  const grace = setTimeout(() => engine.state.abort(), config.shutdownGraceSeconds * 1000);
  const hardStop = setTimeout(() => {
    engine.logger.error('in-flight work did not finish after the grace period; exiting');
    process.exit(1);
  }, config.shutdownGraceSeconds * 1000 + HARD_STOP_EXTRA_MS);
  grace.unref();
  hardStop.unref();
  try {
    for (const step of steps) await step();
    await engine.close();
    await shutdownTracing();
    engine.logger.info('stopped');
    process.exit(0);
  } catch (err) {
    engine.logger.error({ err: (err as Error).message }, 'shutdown failed');
    process.exit(1);
  }
}

export function closeServer(server: http.Server | null): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
