import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKey, revokeKey } from '../../src/cli/keys.ts';
import type { Revocation } from '../../src/store/revocation-channel.ts';
import { createTestDatabase, TEST_DATABASE } from '../helpers/database.ts';
import { startTestEngine, type TestEngine } from '../helpers/engine.ts';
import { cookieFrom, lookup, PUBLIC_URL, startIdentityRig } from './identity-engine.ts';

const SKIP = TEST_DATABASE !== 'postgres' && 'PGlite serves a single process; run with --db postgres for the two-replica case';

/**
 * Resolves when `engine` hears the revocation. The guard only turns a lost notification into a
 * failure instead of a hang; nothing here measures speed.
 */
function heardBy(t: TestEngine, wanted: (r: Revocation) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error('the other replica never heard the revocation')), 15_000);
    t.engine.revocations.subscribe((r) => {
      if (wanted(r)) {
        clearTimeout(guard);
        resolve();
      }
    });
  });
}

describe('revocation across replicas sharing one PostgreSQL database', () => {
  it('an API key revoked on one engine is refused by the other while still in its cache', { skip: SKIP }, async () => {
    const database = await createTestDatabase();
    const a = await startTestEngine({ database });
    const b = await startTestEngine({ database });
    try {
      const printed: string[] = [];
      await createKey(a.engine, 'ci-pipeline', ['analyst'], (line) => printed.push(line));
      const id = printed[0]!.split(/\s+/)[1]!;
      const key = printed.find((l) => l.startsWith('key:'))!.split(/\s+/)[1]!;
      // Both replicas hold the key in their 5 s cache now.
      assert.equal((await lookup(a, { 'x-api-key': key })).statusCode, 200);
      assert.equal((await lookup(b, { 'x-api-key': key })).statusCode, 200);
      const heard = heardBy(b, (r) => r.kind === 'api_key' && r.id === id);
      await revokeKey(a.engine, id, () => undefined);
      await heard;
      const res = await lookup(b, { 'x-api-key': key });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'api_key_invalid');
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });

  it('a console logout on one engine ends the session on the other', { skip: SKIP }, async () => {
    const database = await createTestDatabase();
    const a = await startIdentityRig({ database });
    const b = await startIdentityRig({ database });
    try {
      const form = new URLSearchParams({ SAMLResponse: a.saml.response({ nameId: 'u_roaming', attributes: { email: ['roam@example.test'] } }) });
      const acs = await a.t.inject({ method: 'POST', url: '/auth/saml/acs', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      const cookie = cookieFrom(acs, 'cairn_session')!.value;
      const token = (await b.t.inject({ method: 'GET', url: '/auth/session', headers: { cookie: `cairn_session=${cookie}` } })).json().access_token as string;
      assert.equal((await b.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
      const heard = heardBy(b.t, (r) => r.kind === 'session');
      assert.equal((await a.t.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: `cairn_session=${cookie}`, origin: PUBLIC_URL } })).statusCode, 204);
      await heard;
      const res = await b.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'token_invalid');
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
