import { ConfigError } from '../config/config.ts';
import { sanctionsSettingsSchema, type SanctionsSettings } from '../connectors/sanctions/sanctions-settings.ts';
import type { Engine } from '../engine/engine.ts';
import { JobRunner, type JobRunnerOptions } from './job-runner.ts';
import { CONNECTOR_HEALTH_JOB, connectorHealthJob } from './connector-health-job.ts';
import { retentionPurgeJob } from './retention-purge-job.ts';
import { hasUnsyncedList, SANCTIONS_SYNC_JOB, sanctionsSyncJob } from './sanctions-sync-job.ts';

/**
 * Reads the SANCTIONS_* variables from the engine's environment; a bad value stops the start
 * with the variable's name, like every other setting.
 */
export function sanctionsSettingsOf(engine: Pick<Engine, 'config'>): SanctionsSettings {
  const parsed = sanctionsSettingsSchema.safeParse(engine.config.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'SANCTIONS'), issue?.message ?? 'invalid value');
  }
  return parsed.data;
}

/**
 * The engine's background jobs: sanctions list sync, retention purge and connector health
 * polling. Registers each, starts the runner, probes connector health once at once, and queues
 * a first sanctions sync when a configured list was never stored (SANCTIONS_SYNC_ON_START), so
 * a fresh install does not wait for the schedules.
 */
export async function startEngineJobs(engine: Engine, options: Omit<JobRunnerOptions, 'pool' | 'logger'> = {}): Promise<JobRunner> {
  const settings = sanctionsSettingsOf(engine);
  const logger = engine.logger.child({ component: 'jobs' });
  const runner = new JobRunner({ pool: engine.database.pool, logger, ...options });
  await runner.registerJob(sanctionsSyncJob({ db: engine.database.db, http: engine.connectorServices.http, logger, settings }));
  await runner.registerJob(retentionPurgeJob({ db: engine.database.db, auditRetentionDays: engine.config.retention.auditDays, logger }));
  await runner.registerJob(connectorHealthJob({ connectors: engine.connectors, monitor: engine.connectorHealth }));
  await runner.start();
  await runner.runNow(CONNECTOR_HEALTH_JOB);
  if (settings.SANCTIONS_SYNC_ON_START && (await hasUnsyncedList(engine.connectorServices.datasets, settings))) {
    logger.info({ job: SANCTIONS_SYNC_JOB }, 'a sanctions list was never synced: syncing now');
    await runner.runNow(SANCTIONS_SYNC_JOB);
  }
  return runner;
}
