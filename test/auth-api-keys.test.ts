import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashApiKey } from '../src/auth/api-keys.ts';
import { ensureApiKey, revokeApiKey } from '../src/store/api-keys-repository.ts';
import { startTestEngine, TEST_HASH_SECRET, type TestEngine } from './helpers/engine.ts';

const phoneLookup = { identifiers: [{ type: 'phone', value: '+33612345678' }] };

describe('API key authentication and scopes', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ env: { BOOTSTRAP_API_KEY: 'bootstrap-key-for-tests-0001', BOOTSTRAP_API_KEY_ROLES: 'admin' } });
  });
  after(() => t.close());

  const call = (headers: Record<string, string>, url = '/v1/connectors', method: 'GET' | 'POST' = 'GET', payload?: object) =>
    t.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });

  it('401 credentials_missing without any credential', async () => {
    const res = await call({});
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'credentials_missing');
  });

  it('401 api_key_invalid for an unknown key, and for a revoked one', async () => {
    assert.equal((await call({ 'x-api-key': 'cairn_key_nope' })).json().error.code, 'api_key_invalid');
    const { id, key } = await t.createKey(['analyst']);
    assert.equal((await call({ 'x-api-key': key })).statusCode, 200);
    assert.ok(await revokeApiKey(t.engine.database.db, id));
    t.engine.apiKeys.invalidate();
    const res = await call({ 'x-api-key': key });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'api_key_invalid');
  });

  it('401 token_invalid for a bearer token when AUTH_MODE=api_key', async () => {
    const res = await call({ authorization: 'Bearer abc.def.ghi' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'token_invalid');
  });

  it('the bootstrap key works with its roles and is registered once', async () => {
    const res = await call({ 'x-api-key': 'bootstrap-key-for-tests-0001' }, '/v1/audit');
    assert.equal(res.statusCode, 200);
    // A restart registers the same key again: still one row.
    const keyHash = hashApiKey(TEST_HASH_SECRET, 'bootstrap-key-for-tests-0001');
    await ensureApiKey(t.engine.database.db, { id: `key_bootstrap_${keyHash.slice(0, 12)}`, name: 'bootstrap', keyHash, roles: ['admin'] });
    const rows = await t.engine.database.db.selectFrom('api_keys').selectAll().where('name', '=', 'bootstrap').execute();
    assert.equal(rows.length, 1);
  });

  it('replicas registering the same bootstrap key at the same moment all succeed, with one row', async () => {
    // The race is narrow (both inserts past the check, one unique index hit before the other):
    // many rounds of concurrent registrations, on separate pool connections on PostgreSQL, as
    // separate engines would.
    for (let round = 0; round < 40; round++) {
      const keyHash = hashApiKey(TEST_HASH_SECRET, `bootstrap-key-raced-by-replicas-${round}`);
      const key = { id: `key_bootstrap_${keyHash.slice(0, 12)}`, name: `bootstrap-raced-${round}`, keyHash, roles: ['admin'] };
      const stored = await Promise.all(Array.from({ length: 8 }, () => ensureApiKey(t.engine.database.db, key)));
      assert.ok(stored.every((row) => row.id === key.id));
      const rows = await t.engine.database.db.selectFrom('api_keys').selectAll().where('name', '=', key.name).execute();
      assert.equal(rows.length, 1);
    }
  });

  it('403 insufficient_scope: an analyst cannot read the audit log', async () => {
    const { key } = await t.createKey(['analyst']);
    const res = await call({ 'x-api-key': key }, '/v1/audit');
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'insufficient_scope');
  });

  it('an analyst reads only its own lookups; audit reads all', async () => {
    const a = (await t.createKey(['analyst'], 'a')).key;
    const b = (await t.createKey(['analyst'], 'b')).key;
    const auditor = (await t.createKey(['audit'], 'auditor')).key;
    const created = await call({ 'x-api-key': a }, '/v1/lookup', 'POST', phoneLookup);
    const id = created.json().request_id as string;
    assert.equal((await call({ 'x-api-key': a }, `/v1/lookup/${id}`)).statusCode, 200);
    const denied = await call({ 'x-api-key': b }, `/v1/lookup/${id}`);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'insufficient_scope');
    assert.equal((await call({ 'x-api-key': b }, `/v1/reports/${id}/verify`)).statusCode, 403);
    assert.equal((await call({ 'x-api-key': auditor }, `/v1/lookup/${id}`)).statusCode, 200);
    assert.equal((await call({ 'x-api-key': auditor }, '/v1/lookup', 'POST', phoneLookup)).statusCode, 403, 'audit role cannot run lookups');
  });

  it('never writes keys or the hash secret into the logs', async () => {
    const { key } = await t.createKey(['analyst']);
    await call({ 'x-api-key': key }, '/v1/lookup', 'POST', phoneLookup);
    const text = JSON.stringify(t.logs);
    assert.ok(!text.includes(key));
    assert.ok(!text.includes(TEST_HASH_SECRET));
    assert.ok(!text.includes('bootstrap-key-for-tests-0001'));
  });
});
