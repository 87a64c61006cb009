import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import type { ConnectorLogger } from '../connectors/sdk.ts';
import { type OpenDatabase, openDatabase } from '../store/database.ts';
import { JobRunner } from './job-runner.ts';

const lines: { msg: string; obj: object }[] = [];
const logger: ConnectorLogger = {
  debug: () => undefined,
  info: (obj, msg) => lines.push({ obj, msg: msg ?? '' }),
  warn: (obj, msg) => lines.push({ obj, msg: msg ?? '' }),
  error: (obj, msg) => lines.push({ obj, msg: msg ?? '' }),
};

/** Polls until `check` holds; the deadline only guards against a hang, it measures nothing. */
async function eventually(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('JobRunner on pg-boss (the engine database, PGlite or PostgreSQL)', () => {
  let testDb: TestDatabase;
  let database: OpenDatabase;
  const runner = (): JobRunner => new JobRunner({ pool: database.pool, logger, pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 });

  before(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.target);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  it('creates its schema in the engine database and runs a job on demand with its data', async () => {
    const jobs = runner();
    const seen: object[] = [];
    await jobs.registerJob<{ n: number }>({ name: 'on-demand', handler: async (data) => void seen.push(data) });
    await jobs.start();
    try {
      const id = await jobs.runNow('on-demand', { n: 7 });
      assert.match(id, /^[0-9a-f-]{36}$/);
      await eventually(() => seen.length === 1, 'the job ran');
      assert.deepEqual(seen, [{ n: 7 }]);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.queue WHERE name = 'on-demand'`.execute(database.db);
      assert.equal(rows[0]!.n, 1);
      await assert.rejects(() => jobs.runNow('nope'), /unknown job nope/);
      await assert.rejects(() => jobs.registerJob({ name: 'on-demand', handler: async () => undefined }), /already registered/);
    } finally {
      await jobs.stop();
    }
  });

  it('runs a job on its cron schedule', async () => {
    const jobs = runner();
    let runs = 0;
    // Every minute: the schedule is due as soon as the runner starts.
    await jobs.registerJob({ name: 'every-minute', cron: '* * * * *', handler: async () => void runs++ });
    await jobs.start();
    try {
      await eventually(() => runs >= 1, 'the scheduled run');
      assert.deepEqual(jobs.jobs(), [{ name: 'every-minute', cron: '* * * * *' }]);
    } finally {
      await jobs.stop();
    }
  });

  it('retries a failed run up to retryLimit and logs the failure', async () => {
    const jobs = runner();
    let attempts = 0;
    await jobs.registerJob({
      name: 'flaky',
      retryLimit: 1,
      retryDelaySeconds: 1,
      handler: async () => {
        attempts++;
        if (attempts === 1) throw new Error('upstream was down');
      },
    });
    await jobs.start();
    try {
      await jobs.runNow('flaky');
      await eventually(() => attempts === 2, 'the retry');
      assert.ok(lines.some((l) => l.msg === 'job failed' && (l.obj as { err?: string }).err === 'upstream was down'));
    } finally {
      await jobs.stop();
    }
  });

  it('stop waits for a running handler, then aborts its signal', async () => {
    const jobs = runner();
    let started = false;
    let abortedWith: unknown = null;
    await jobs.registerJob({
      name: 'long',
      handler: (_data, context) =>
        new Promise<void>((resolve) => {
          started = true;
          context.signal.addEventListener('abort', () => {
            abortedWith = context.signal.reason;
            resolve();
          });
        }),
    });
    await jobs.start();
    await jobs.runNow('long');
    await eventually(() => started, 'the handler started');
    await jobs.stop(1500);
    assert.match(String(abortedWith), /job runner stop/);
  });

  it('removes a schedule the configuration no longer has', async () => {
    const first = runner();
    await first.registerJob({ name: 'was-scheduled', cron: '0 4 * * *', handler: async () => undefined });
    await first.start();
    await first.stop();
    const schedules = async () => (await sql<{ name: string }>`SELECT name FROM pgboss.schedule WHERE name = 'was-scheduled'`.execute(database.db)).rows.length;
    assert.equal(await schedules(), 1);
    const second = runner();
    await second.registerJob({ name: 'was-scheduled', handler: async () => undefined });
    await second.start();
    await second.stop();
    assert.equal(await schedules(), 0);
  });
});
