import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runCli, startServer } from './helpers/cli.ts';
import { TEST_DATABASE } from './helpers/database.ts';
import { testSigningKeyPath } from './helpers/keys.ts';
import { findPostgresBin, type PgCluster, startPgCluster } from './helpers/pg-cluster.ts';
import { type ChildProcess, spawn } from 'node:child_process';
import { CAIRN_BIN } from './helpers/cli.ts';

// Two engines and a worker on one PostgreSQL started by the test (SPEC §16): they behave as
// one engine.
const skip = TEST_DATABASE !== 'postgres' || findPostgresBin() === null;
const KEY = 'scale-out-test-key-0123456789';
const LIMIT = 40;

describe('two engines and a worker on one PostgreSQL', { skip }, () => {
  let cluster: PgCluster;
  let env: Record<string, string>;
  const dirs: string[] = [];
  before(async () => {
    cluster = await startPgCluster();
    env = {
      DATABASE_URL: cluster.url,
      API_KEY_HASH_SECRET: 'scale-out-shared-secret-0123456789',
      SIGNING_PRIVATE_KEY_PATH: await testSigningKeyPath(),
      SIGNING_KEY_ID: 'sk-scale-out',
      BOOTSTRAP_API_KEY: KEY,
      BOOTSTRAP_API_KEY_ROLES: 'admin',
      RATE_LIMIT_REQUESTS_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_BURST: '0',
      METRICS_ENABLED: 'false',
      JOBS_ENABLED: 'false',
      CONNECTOR_ENABLED: 'phone_metadata',
    };
  });
  after(() => {
    cluster.destroy();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-scale-'));
    dirs.push(dir);
    return dir;
  };

  it('share results, one global rate limit, one audit chain, migrations once, and the worker feeds connector health', async () => {
    // Both engines start at once: the migrations run once, under PostgreSQL's advisory lock.
    const [a, b] = await Promise.all([startServer({ ...env, DATA_DIR: dataDir() }), startServer({ ...env, DATA_DIR: dataDir() })]);
    const worker = spawn(process.execPath, [CAIRN_BIN, 'worker'], { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env, DATA_DIR: dataDir() }, stdio: 'ignore' });
    try {
      const engines = [a.url, b.url];
      const lookup = async (url: string) => {
        const res = await fetch(`${url}/v1/lookup`, {
          method: 'POST',
          headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }] }),
        });
        return { url, status: res.status, body: (await res.json()) as { request_id: string } };
      };
      // 60 lookups at once, alternating engines, against one limit of 40 per minute.
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => lookup(engines[i % 2]!)));
      const ok = results.filter((r) => r.status === 200);
      const limited = results.filter((r) => r.status === 429);
      assert.equal(ok.length + limited.length, 60);
      // The limit is global: exactly 40 admitted in the minute (one more only if the minute
      // boundary passed during the burst).
      assert.ok(ok.length === LIMIT || ok.length === LIMIT + 1, `admitted ${ok.length}`);
      assert.ok(ok.some((r) => r.url === a.url) && ok.some((r) => r.url === b.url));

      // Every result written by one engine reads back identically through the other.
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        const liftLimit = () => client.query('DELETE FROM rate_limit_windows');
        await liftLimit();
        for (const r of ok) {
          const other = r.url === a.url ? b.url : a.url;
          const res = await fetch(`${other}/v1/lookup/${r.body.request_id}`, { headers: { 'x-api-key': KEY } });
          assert.equal(res.status, 200);
          assert.equal(((await res.json()) as { request_id: string }).request_id, r.body.request_id);
        }
        const migrations = await client.query<{ name: string; n: string }>('SELECT name, count(*) AS n FROM kysely_migration GROUP BY name');
        assert.ok(migrations.rows.length > 0 && migrations.rows.every((m) => m.n === '1'));
        const audits = await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_records');
        assert.equal(Number(audits.rows[0]!.n), ok.length, 'one audit record per admitted lookup, none for refused ones');
        // The worker's health job fills the table that both engines serve.
        let status = '';
        for (let i = 0; i < 100 && status !== 'reachable'; i++) {
          const rows = await client.query<{ status: string }>("SELECT status FROM connector_health WHERE connector_id = 'phone_metadata'");
          status = rows.rows[0]?.status ?? '';
          if (status !== 'reachable') await new Promise((r) => setTimeout(r, 300));
        }
        assert.equal(status, 'reachable', 'the worker probed the connectors');
        await liftLimit();
        const list = await fetch(`${b.url}/v1/connectors`, { headers: { 'x-api-key': KEY } });
        const phone = ((await list.json()) as { connectors: { id: string; status: string }[] }).connectors.find((c) => c.id === 'phone_metadata');
        assert.equal(phone?.status, 'reachable');
      } finally {
        await client.end();
      }
      // One chain, no fork, no gap.
      const verify = await runCli(['audit', 'verify'], { ...env, DATA_DIR: dataDir() });
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
      assert.match(verify.stdout, new RegExp(`audit chain intact: ${ok.length} records`));
    } finally {
      await Promise.all([a.stop(), b.stop(), stopChild(worker)]);
    }
  });
});

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
