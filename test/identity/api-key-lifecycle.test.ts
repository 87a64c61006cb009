import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { apiKeyIdOf, hashApiKey } from '../../src/auth/api-keys.ts';
import { createKey, listKeys, revokeKey } from '../../src/cli/keys.ts';
import { startTestEngine, TEST_HASH_SECRET, type TestEngine } from '../helpers/engine.ts';
import { FAKE_CLIENT_SECRET } from './fake-oidc-provider.ts';
import { API_AUDIENCE, cookieFrom, type IdentityRig, lookup, startIdentityRig } from './identity-engine.ts';

/** Runs `cairn keys create` against an engine and returns what it printed. */
async function cliCreate(t: TestEngine, roles: string[]): Promise<{ id: string; key: string; printed: string[] }> {
  const printed: string[] = [];
  await createKey(t.engine, 'ci-pipeline', roles, (line) => printed.push(line));
  const key = /^key:\s+(\S+)$/.exec(printed.find((l) => l.startsWith('key:'))!)![1]!;
  const id = /^api_key_id:\s+(\S+)$/.exec(printed[0]!)![1]!;
  return { id, key, printed };
}

describe('API key lifecycle', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine();
  });
  after(() => t.close());

  it('issues keys whose id part is the loggable api_key_id, and stores only an HMAC', async () => {
    const { id, key } = await cliCreate(t, ['analyst']);
    assert.match(key, /^cairn_key_[0-9A-HJKMNP-TV-Z]{26}_[A-Za-z0-9_-]{43}$/);
    assert.equal(apiKeyIdOf(key), id);
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM api_keys WHERE id = ${id}`.execute(t.engine.database.db);
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(key) && !stored.includes(key.slice(-43)), 'neither the key nor its secret part is stored');
    assert.ok(stored.includes(hashApiKey(TEST_HASH_SECRET, key)));
    const listed: string[] = [];
    await listKeys(t.engine, (line) => listed.push(line));
    assert.ok(listed.some((l) => l.startsWith(id)));
    assert.ok(!listed.join('\n').includes(key.slice(-43)), '`keys list` never shows a key');
  });

  it('revokes at once on the engine that revoked it, even with the key cached', async () => {
    const { id, key } = await cliCreate(t, ['analyst']);
    assert.equal((await lookup(t, { 'x-api-key': key })).statusCode, 200);
    assert.equal(await revokeKey(t.engine, id, () => undefined), true);
    const res = await lookup(t, { 'x-api-key': key });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'api_key_invalid');
    assert.equal(await revokeKey(t.engine, id, () => undefined), false, 'a second revoke reports nothing to do');
  });
});

describe('secrets never reach the logs', () => {
  let rig: IdentityRig;
  before(async () => {
    rig = await startIdentityRig({ env: { LOG_LEVEL: 'debug' } });
  });
  after(() => rig.close());

  it('keeps keys, the hash secret, tokens, codes and client secrets out of every log line', async () => {
    const { id, key } = await cliCreate(rig.t, ['analyst']);
    await lookup(rig.t, { 'x-api-key': key });
    await lookup(rig.t, { 'x-api-key': `${key}x` });
    await lookup(rig.t, { authorization: `Bearer ${key}` });
    const token = await rig.oidc.mint({ sub: 'u_log', aud: API_AUDIENCE, email: 'log@example.test' });
    await lookup(rig.t, { authorization: `Bearer ${token}` });
    await lookup(rig.t, { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
    // A full console login: the authorization code travels in the callback's query string.
    rig.oidc.loginAs({ sub: 'u_log', email: 'log@example.test' });
    const start = await rig.t.inject({ method: 'GET', url: '/auth/oidc/login' });
    const callback = new URL((await fetch(start.headers.location as string, { redirect: 'manual' })).headers.get('location')!);
    const done = await rig.t.inject({ method: 'GET', url: `${callback.pathname}${callback.search}`, headers: { cookie: `cairn_oidc_flow=${cookieFrom(start, 'cairn_oidc_flow')!.value}` } });
    const session = cookieFrom(done, 'cairn_session')!.value;
    await rig.t.inject({ method: 'GET', url: '/auth/session', headers: { cookie: `cairn_session=${session}` } });
    const samlResponse = rig.saml.response({ nameId: 'u_saml_log', attributes: { email: ['s@example.test'] } });
    await rig.t.inject({ method: 'POST', url: '/auth/saml/acs', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ SAMLResponse: samlResponse }).toString() });
    await revokeKey(rig.t.engine, id, () => undefined);

    const logs = JSON.stringify(rig.t.logs);
    assert.ok(logs.includes(id), 'the key id is logged (that is what it is for)');
    const secrets: Record<string, string> = {
      'the API key': key,
      "the key's secret part": key.slice(-43),
      'API_KEY_HASH_SECRET': TEST_HASH_SECRET,
      "the key's HMAC": hashApiKey(TEST_HASH_SECRET, key),
      'an IdP token': token,
      "an IdP token's signature": token.split('.')[2]!,
      'the authorization code': callback.searchParams.get('code')!,
      'the OIDC client secret': FAKE_CLIENT_SECRET,
      'the engine session token': session,
      'a SAMLResponse': samlResponse.slice(0, 80),
    };
    for (const [what, value] of Object.entries(secrets)) assert.ok(!logs.includes(value), `${what} appears in the logs`);
  });
});
