import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_DATABASE } from './helpers/database.ts';
import { createTestDatabase } from './helpers/database.ts';
import { freePort, startServer } from './helpers/cli.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('Prometheus metrics on METRICS_PORT', () => {
  it('counts requests by route and status, connector outcomes, rate-limit rejections and pool use', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-metrics-'));
    const database = TEST_DATABASE === 'postgres' ? await createTestDatabase() : null;
    const metricsPort = await freePort();
    const key = 'metrics-test-key-0123456789';
    const server = await startServer({
      DATA_DIR: dataDir,
      METRICS_ENABLED: 'true',
      METRICS_PORT: String(metricsPort),
      BOOTSTRAP_API_KEY: key,
      BOOTSTRAP_API_KEY_ROLES: 'analyst',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '3',
      RATE_LIMIT_BURST: '0',
      ...(database ? { DATABASE_URL: database.url! } : {}),
    });
    try {
      const headers = { 'x-api-key': key, 'content-type': 'application/json' };
      const body = JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }] });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.url}/v1/lookup`, { method: 'POST', headers, body })).status);
      // 3 a minute: at least one of 5 is refused (two if no minute boundary fell in between).
      const ok = statuses.filter((s) => s === 200).length;
      const refused = statuses.filter((s) => s === 429).length;
      assert.equal(ok + refused, 5);
      assert.ok(refused >= 1, statuses.join(','));
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      assert.match(text, new RegExp(`cairn_http_requests_total\\{route="/v1/lookup",method="POST",status="200"\\} ${ok}\\b`));
      assert.match(text, new RegExp(`cairn_http_requests_total\\{route="/v1/lookup",method="POST",status="429"\\} ${refused}\\b`));
      assert.match(text, new RegExp(`cairn_connector_runs_total\\{connector="phone_metadata",outcome="ok"\\} ${ok}\\b`));
      assert.match(text, new RegExp(`cairn_rate_limit_rejections_total\\{limit="all"\\} ${refused}\\b`));
      assert.match(text, new RegExp(`cairn_lookups_total\\{status="resolved",depth="standard"\\} ${ok}\\b`));
      assert.match(text, /cairn_db_pool_connections\{state="total"\} \d+/);
      assert.match(text, /cairn_http_request_duration_seconds_bucket/);
      const api = await fetch(`${server.url}/metrics`);
      assert.equal(api.status, 404, 'metrics are not served on the API port');
    } finally {
      assert.equal(await server.stop(), 0);
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
