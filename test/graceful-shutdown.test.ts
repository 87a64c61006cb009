import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openDatabase } from '../src/store/database.ts';
import { startServer } from './helpers/cli.ts';
import { createTestDatabase, TEST_DATABASE } from './helpers/database.ts';

// SIGTERM in the middle of load: the engine stops accepting, lets in-flight lookups finish,
// exits 0, and leaves no lost or half-written record.
describe('SIGTERM under load', () => {
  it('finishes in-flight lookups, exits cleanly, and loses or half-writes nothing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-drain-'));
    const database = TEST_DATABASE === 'postgres' ? await createTestDatabase() : null;
    const key = 'drain-test-key-0123456789';
    const server = await startServer({
      DATA_DIR: dataDir,
      BOOTSTRAP_API_KEY: key,
      BOOTSTRAP_API_KEY_ROLES: 'analyst',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
      METRICS_ENABLED: 'false',
      JOBS_ENABLED: 'false',
      CONNECTOR_ENABLED: 'phone_metadata',
      SHUTDOWN_GRACE_SECONDS: '20',
      ...(database ? { DATABASE_URL: database.url! } : {}),
    });
    try {
      const outcomes: { status: number; requestId: string | null; error: string | null }[] = [];
      const lookup = async () => {
        try {
          const res = await fetch(`${server.url}/v1/lookup`, {
            method: 'POST',
            headers: { 'x-api-key': key, 'content-type': 'application/json' },
            body: JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }] }),
            signal: AbortSignal.timeout(60_000),
          });
          const body = (await res.json()) as { request_id?: string };
          outcomes.push({ status: res.status, requestId: body.request_id ?? null, error: null });
        } catch (err) {
          outcomes.push({ status: 0, requestId: null, error: (err as Error).message });
        }
      };
      // A steady stream of lookups from 24 clients; SIGTERM lands while many are in flight.
      let stop = false;
      const clients = Array.from({ length: 24 }, async () => {
        while (!stop) await lookup();
      });
      await new Promise((r) => setTimeout(r, 1500));
      const exit = server.stop('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      stop = true;
      await Promise.all(clients);
      assert.equal(await exit, 0, `engine exit code\n${server.output().slice(-2000)}`);

      const answered = outcomes.filter((o) => o.status === 200);
      assert.ok(answered.length > 10, `${answered.length} lookups answered before and during the drain`);
      assert.deepEqual(outcomes.filter((o) => o.status >= 500), [], 'no lookup failed because of the shutdown');
      // Nothing lost, nothing half-written: read the database the engine released.
      const db = await openDatabase(database ? database.target : { kind: 'pglite', dataDir });
      try {
        const results = new Set((await db.db.selectFrom('lookup_results').select('request_id').execute()).map((r) => r.request_id));
        const audits = new Set((await db.db.selectFrom('audit_records').select('request_id').execute()).map((r) => r.request_id));
        assert.deepEqual(answered.filter((o) => !results.has(o.requestId!) || !audits.has(o.requestId!)), [], 'every answered lookup is stored whole');
        assert.deepEqual([...results].filter((id) => !audits.has(id)), [], 'no result without its audit record');
        assert.deepEqual([...audits].filter((id) => !results.has(id)), [], 'no audit record without its result');
      } finally {
        await db.close();
      }
    } finally {
      await server.stop('SIGKILL');
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
