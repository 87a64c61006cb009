import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { TEST_DATABASE } from './helpers/database.ts';
import { startServer } from './helpers/cli.ts';
import { findPostgresBin, type PgCluster, startPgCluster } from './helpers/pg-cluster.ts';

// PostgreSQL stopped and restarted under load: requests fail fast with database_error (never
// hang), nothing is half-written, and the engine recovers by itself.
const skip = TEST_DATABASE !== 'postgres' || findPostgresBin() === null;

describe('PostgreSQL stopped and restarted under load', { skip }, () => {
  let cluster: PgCluster;
  let dataDir: string;
  before(async () => {
    cluster = await startPgCluster();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-fault-'));
  });
  after(() => {
    cluster.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 500 database_error quickly while the database is down, then recovers without a restart', async () => {
    const key = 'fault-test-key-0123456789';
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: cluster.url, BOOTSTRAP_API_KEY: key, BOOTSTRAP_API_KEY_ROLES: 'analyst', METRICS_ENABLED: 'false', RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000' });
    const lookup = async () => {
      const started = Date.now();
      try {
        const res = await fetch(`${server.url}/v1/lookup`, {
          method: 'POST',
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }] }),
          signal: AbortSignal.timeout(40_000),
        });
        const body = (await res.json()) as { request_id: string; error?: { code: string } };
        return { status: res.status, code: body.error?.code ?? null, requestId: body.request_id, ms: Date.now() - started };
      } catch (err) {
        return { status: 0, code: (err as Error).name, requestId: null, ms: Date.now() - started };
      }
    };
    // Load before, during and after the outage.
    let stop = false;
    const outcomes: Awaited<ReturnType<typeof lookup>>[] = [];
    const workers = Array.from({ length: 6 }, async () => {
      while (!stop) outcomes.push(await lookup());
    });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      cluster.stop('immediate');
      await new Promise((r) => setTimeout(r, 3000));
      const duringOutage = await lookup();
      assert.equal(duringOutage.status, 500, `${JSON.stringify(duringOutage)}\n${server.output().slice(-3000)}`);
      assert.equal(duringOutage.code, 'database_error');
      assert.ok(duringOutage.ms < 20_000, `failed fast (${duringOutage.ms} ms)`);
      const health = await fetch(`${server.url}/health`);
      assert.equal(health.status, 503);
      cluster.start();
      let recovered = false;
      for (let i = 0; i < 60 && !recovered; i++) {
        recovered = (await lookup()).status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(recovered, 'the engine recovered by itself');
      stop = true;
      await Promise.all(workers);
      assert.ok(outcomes.every((o) => o.status === 200 || (o.status === 500 && o.code === 'database_error')), JSON.stringify(outcomes.filter((o) => o.status !== 200 && o.code !== 'database_error').slice(0, 3)));

      // Nothing half-written: every 200 has its result and its audit record; every audit record has its result.
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const results = new Set((await client.query<{ request_id: string }>('SELECT request_id FROM lookup_results')).rows.map((r) => r.request_id));
      const audits = new Set((await client.query<{ request_id: string }>('SELECT request_id FROM audit_records')).rows.map((r) => r.request_id));
      await client.end();
      const succeeded = outcomes.filter((o) => o.status === 200).map((o) => o.requestId!);
      assert.ok(succeeded.length > 0);
      assert.deepEqual(succeeded.filter((id) => !results.has(id) || !audits.has(id)), [], 'every answered lookup is stored whole');
      assert.deepEqual([...audits].filter((id) => !results.has(id)), [], 'no audit record without its result');
      assert.deepEqual([...results].filter((id) => !audits.has(id)), [], 'no result without its audit record');
    } finally {
      stop = true;
      await Promise.all(workers);
      await server.stop();
    }
  });
});
