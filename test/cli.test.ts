import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from './helpers/database.ts';
import { runCli, startServer } from './helpers/cli.ts';

describe('the cairn command', () => {
  let dataDir: string;
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-cli-'));
    env = { DATA_DIR: dataDir, METRICS_ENABLED: 'false', LOG_LEVEL: 'info' };
    // On the PostgreSQL run the same commands go through DATABASE_URL.
    if (TEST_DATABASE === 'postgres') {
      database = await createTestDatabase();
      env.DATABASE_URL = database.url!;
    }
  });
  after(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('refuses a bad variable with one line naming it, exit code 2', async () => {
    const result = await runCli(['serve'], { ...env, PORT: 'eighty' });
    assert.equal(result.code, 2);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /^cairn: configuration error: PORT: must be an integer/);
  });

  it('starts with no configuration beyond its data directory, generating its secrets once, and drains on SIGTERM', async () => {
    const server = await startServer(env);
    const output = server.output();
    assert.match(output, /API_KEY_HASH_SECRET is not set.*evaluation only/);
    assert.match(output, /SIGNING_PRIVATE_KEY_PATH is not set.*evaluation only/);
    for (const file of ['api-key-hash-secret', 'signing-key.pem']) {
      assert.equal(fs.statSync(path.join(dataDir, file)).mode & 0o777, 0o600, file);
    }
    assert.match(fs.readFileSync(path.join(dataDir, 'signing-key.pem'), 'utf8'), /BEGIN PRIVATE KEY/);
    // The first start writes one admin key to a file (never to the log), so the engine is usable at once.
    const firstKey = fs.readFileSync(path.join(dataDir, 'initial-admin-api-key'), 'utf8').trim();
    assert.equal(fs.statSync(path.join(dataDir, 'initial-admin-api-key')).mode & 0o777, 0o600);
    assert.ok(!output.includes(firstKey));
    const lookup = await fetch(`${server.url}/v1/lookup`, { method: 'POST', headers: { 'x-api-key': firstKey, 'content-type': 'application/json' }, body: JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }] }) });
    assert.equal(lookup.status, 200);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { status: string; database_kind: string };
    assert.equal(health.status, 'ok');
    assert.equal(health.database_kind, TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite');
    assert.equal(await server.stop('SIGTERM'), 0);
  });

  it('creates, lists and revokes keys; a created key works against the engine', async () => {
    const created = await runCli(['keys', 'create', '--name', 'ci-bot', '--roles', 'analyst,audit'], env);
    assert.equal(created.code, 0, created.stderr);
    const key = /key:\s+(cairn_key_\S+)/.exec(created.stdout)?.[1];
    const id = /api_key_id:\s+(key_\S+)/.exec(created.stdout)?.[1];
    assert.ok(key && id, created.stdout);
    const listed = await runCli(['keys', 'list'], env);
    assert.match(listed.stdout, new RegExp(`${id}\\tci-bot\\tanalyst,audit`));
    assert.ok(!listed.stdout.includes(key!), 'list never shows the key');

    const server = await startServer(env);
    const ok = await fetch(`${server.url}/v1/connectors`, { headers: { 'x-api-key': key! } });
    assert.equal(ok.status, 200);
    assert.equal(await server.stop(), 0);

    const revoked = await runCli(['keys', 'revoke', id!], env);
    assert.equal(revoked.code, 0);
    const again = await runCli(['keys', 'revoke', id!], env);
    assert.equal(again.code, 1);
    const server2 = await startServer(env);
    const denied = await fetch(`${server2.url}/v1/connectors`, { headers: { 'x-api-key': key! } });
    assert.equal(denied.status, 401);
    assert.equal(((await denied.json()) as { error: { code: string } }).error.code, 'api_key_invalid');
    await server2.stop();
  });

  it('verifies the audit chain', async () => {
    const result = await runCli(['audit', 'verify'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /audit chain intact: \d+ records/);
  });

  it('refuses to open the embedded database while an engine holds it', { skip: TEST_DATABASE === 'postgres' }, async () => {
    const server = await startServer(env);
    const result = await runCli(['keys', 'list'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /in use by process \d+; PGlite serves one process only/);
    await server.stop();
  });
});
