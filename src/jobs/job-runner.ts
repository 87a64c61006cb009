import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { ConnectorLogger } from '../connectors/sdk.ts';
import { poolExecutor } from './pool-executor.ts';

/** What a job handler gets besides its data. */
export interface JobContext {
  readonly jobId: string;
  /** Aborted when the runner stops; long handlers should check it between steps. */
  readonly signal: AbortSignal;
  readonly logger: ConnectorLogger;
}

/**
 * A named background job. Names are queue names: letters, digits, `-`, `_`, `.` or `/`.
 *
 * @example
 * runner.registerJob({ name: 'retention-purge', cron: '30 2 * * *', handler: async (_data, ctx) => purge(ctx.signal) });
 */
export interface JobDefinition<T extends object = Record<string, unknown>> {
  readonly name: string;
  /** Five-field cron expression in UTC; absent for jobs that only run on demand. */
  readonly cron?: string;
  readonly handler: (data: T, context: JobContext) => Promise<void>;
  /** How long one run may take before pg-boss marks it failed; default 15 minutes. */
  readonly expireInSeconds?: number;
  /** Retries after a failed run (the handler threw); default 0. */
  readonly retryLimit?: number;
  /** Seconds between retries; default 60. */
  readonly retryDelaySeconds?: number;
  /** At most one run active at a time across every engine on the database; default true. */
  readonly singleton?: boolean;
}

export interface JobRunnerOptions {
  readonly pool: pg.Pool;
  readonly logger: ConnectorLogger;
  /** How often an idle worker looks for queued runs; default 2 s (pg-boss minimum 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** How often schedules are checked; default 30 s. Tests lower it. */
  readonly cronMonitorIntervalSeconds?: number;
}

/**
 * Background jobs on pg-boss, in the engine's own database: scheduled by cron, run on demand,
 * each at most once at a time even with several engines sharing one PostgreSQL (pg-boss takes
 * rows with SKIP LOCKED, and a schedule fires once per minute cluster-wide). Register jobs, then
 * `start`; `stop` lets a running handler finish for up to `graceMs` and aborts its signal.
 *
 * @example
 * const runner = new JobRunner({ pool: engine.database.pool, logger });
 * runner.registerJob({ name: 'sanctions-sync', cron: '0 3 * * *', handler: syncAll });
 * await runner.start();
 * await runner.runNow('sanctions-sync');
 * await runner.stop();
 */
export class JobRunner {
  readonly #boss: PgBoss;
  readonly #logger: ConnectorLogger;
  readonly #pollingIntervalSeconds: number;
  readonly #jobs = new Map<string, JobDefinition<object>>();
  readonly #abort = new AbortController();
  #started = false;

  constructor(options: JobRunnerOptions) {
    this.#logger = options.logger;
    this.#pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.#boss = new PgBoss({
      db: poolExecutor(options.pool) as PgBoss.Db,
      cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: Math.min(5, options.cronMonitorIntervalSeconds ?? 5),
      // Job history is kept a week; the engine's own tables hold what matters (sync status).
      deleteAfterDays: 7,
    });
    this.#boss.on('error', (err: Error) => this.#logger.warn({ err: err.message }, 'job queue error'));
  }

  /** Adds a job. Jobs registered after `start` are set up at once. */
  async registerJob<T extends object>(definition: JobDefinition<T>): Promise<void> {
    if (this.#jobs.has(definition.name)) throw new Error(`job ${definition.name} is already registered`);
    this.#jobs.set(definition.name, definition as JobDefinition<object>);
    if (this.#started) await this.#setUp(definition as JobDefinition<object>);
  }

  /** Creates pg-boss's schema if needed, then every registered job's queue, worker and schedule. */
  async start(): Promise<void> {
    if (this.#started) return;
    await this.#boss.start();
    this.#started = true;
    for (const definition of this.#jobs.values()) await this.#setUp(definition);
  }

  /** Queues a run now; a worker picks it up within the polling interval (after the run in
   * progress, for a singleton job). Returns the run's id. */
  async runNow(name: string, data: object = {}): Promise<string> {
    if (!this.#jobs.has(name)) throw new Error(`unknown job ${name}`);
    if (!this.#started) throw new Error('the job runner is not started');
    const id = await this.#boss.send(name, data);
    if (id === null) throw new Error(`job ${name} was not queued`);
    return id;
  }

  /** The registered job names and their schedules. */
  jobs(): { name: string; cron: string | null }[] {
    return [...this.#jobs.values()].map((j) => ({ name: j.name, cron: j.cron ?? null }));
  }

  /** Stops fetching, lets running handlers finish for up to `graceMs`, then aborts them. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#started) return;
    const timer = setTimeout(() => this.#abort.abort(new Error('job runner stopping')), Math.max(0, graceMs - 500));
    try {
      await this.#boss.stop({ graceful: true, wait: true, close: false, timeout: Math.max(1000, graceMs) });
    } finally {
      clearTimeout(timer);
      this.#abort.abort(new Error('job runner stopped'));
      this.#started = false;
    }
  }

  async #setUp(definition: JobDefinition<object>): Promise<void> {
    const queue: PgBoss.Queue = {
      name: definition.name,
      policy: definition.singleton === false ? 'standard' : 'singleton',
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
      retryLimit: definition.retryLimit ?? 0,
      retryDelay: definition.retryDelaySeconds ?? 60,
    };
    if ((await this.#boss.getQueue(definition.name)) === null) {
      // Another engine may create it between the check and here; then update it instead.
      await this.#boss.createQueue(definition.name, queue).catch(() => this.#boss.updateQueue(definition.name, queue));
    } else {
      await this.#boss.updateQueue(definition.name, queue);
    }
    await this.#boss.work<object>(definition.name, { pollingIntervalSeconds: this.#pollingIntervalSeconds, batchSize: 1 }, (jobs) => this.#run(definition, jobs));
    // A schedule removed from the configuration must not keep firing from the database.
    if (definition.cron !== undefined) await this.#boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
    else await this.#boss.unschedule(definition.name);
  }

  async #run(definition: JobDefinition<object>, jobs: PgBoss.Job<object>[]): Promise<void> {
    for (const job of jobs) {
      const logger = this.#logger;
      const started = Date.now();
      logger.info({ job: definition.name, job_id: job.id }, 'job started');
      try {
        await definition.handler(job.data ?? {}, { jobId: job.id, signal: this.#abort.signal, logger });
        logger.info({ job: definition.name, job_id: job.id, duration_ms: Date.now() - started }, 'job finished');
      } catch (err) {
        logger.warn({ job: definition.name, job_id: job.id, duration_ms: Date.now() - started, err: (err as Error).message }, 'job failed');
        // pg-boss records the failure and retries per the queue's retryLimit.
        throw err;
      }
    }
  }
}
