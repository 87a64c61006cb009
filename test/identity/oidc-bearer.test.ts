import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { base64url, importPKCS8, SignJWT } from 'jose';
import { API_AUDIENCE, auditCount, type IdentityRig, lookup, startIdentityRig } from './identity-engine.ts';

const now = (): number => Math.floor(Date.now() / 1000);

describe('OIDC bearer tokens (SPEC §4.2, §4.4)', () => {
  let rig: IdentityRig;
  before(async () => {
    // Cooldown 0: every unknown kid may refetch once, so the rotation test needs no waiting.
    rig = await startIdentityRig({ env: { OIDC_JWKS_COOLDOWN_SECONDS: '0', OIDC_CLOCK_SKEW_SECONDS: '30' } });
  });
  after(() => rig.close());

  const valid = (claims: Record<string, unknown> = {}): Promise<string> =>
    rig.oidc.mint({ sub: 'u_analyst_jdoe', aud: API_AUDIENCE, email: 'jdoe@example.test', sid: 'idp-session-1', ...claims });

  it('attributes a lookup to the user: sub, email and sid land in the audit principal', async () => {
    const res = await lookup(rig.t, { authorization: `Bearer ${await valid()}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().audit.principal, {
      type: 'user',
      user_id: 'u_analyst_jdoe',
      user_email: 'jdoe@example.test',
      idp_session_id: 'idp-session-1',
      api_key_id: null,
      service_account_name: null,
    });
  });

  it('uses jti as the IdP session id when the token has no sid', async () => {
    const res = await lookup(rig.t, { authorization: `Bearer ${await valid({ sid: undefined, jti: 'jti-42' })}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().audit.principal.idp_session_id, 'jti-42');
  });

  it('accepts a token inside the clock skew', async () => {
    const token = await valid({ exp: now() - 10, nbf: now() + 10 });
    assert.equal((await lookup(rig.t, { authorization: `Bearer ${token}` })).statusCode, 200);
  });

  it('with AUTH_MODE=both an API key still works and is attributed to the service account', async () => {
    const { id, key } = await rig.t.createKey(['analyst'], 'batch-screening');
    const res = await lookup(rig.t, { 'x-api-key': key });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().audit.principal.type, 'service_account');
    assert.equal(res.json().audit.principal.api_key_id, id);
    assert.equal(res.json().audit.principal.user_id, null);
  });

  // Each case pins the reason too, so it fails for the cause it is named after.
  const rejections: [string, () => Promise<string>, string, RegExp][] = [
    ['expired', () => valid({ exp: now() - 120, iat: now() - 600 }), 'token_expired', /expired/],
    ['not yet valid', () => valid({ nbf: now() + 300 }), 'token_invalid', /not valid yet/],
    ['wrong audience', () => valid({ aud: 'someone-else' }), 'token_invalid', /OIDC_AUDIENCE/],
    ['wrong issuer', () => valid({ iss: 'https://evil.example/realms/test' }), 'token_invalid', /another issuer/],
    ['missing email claim', () => valid({ email: undefined }), 'token_invalid', /email/],
    ['missing sub', () => valid({ sub: undefined }), 'token_invalid', /sub/],
    ['wrong signature', async () => otherKeyToken(await valid()), 'token_invalid', /signature does not verify/],
    ['alg none', async () => unsignedToken(await valid()), 'token_invalid', /algorithm/],
    ['HS256 signed with a public key as secret', async () => hs256Token(await valid()), 'token_invalid', /algorithm/],
    ['unknown kid', () => rig.oidc.mint({ sub: 'u1', aud: API_AUDIENCE, email: 'a@b.test' }, { kid: 'no-such-kid' }), 'token_invalid', /does not publish/],
    ['not a JWT', async () => 'not.a.jwt', 'token_invalid', /not a JWT/],
  ];
  for (const [name, token, code, reason] of rejections) {
    it(`rejects ${name} with 401 ${code} and writes no audit record`, async () => {
      const before = await auditCount(rig.t);
      const res = await lookup(rig.t, { authorization: `Bearer ${await token()}` });
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, code);
      assert.match(res.json().error.message, reason);
      assert.equal(await auditCount(rig.t), before);
    });
  }

  it('follows key rotation: an unknown kid triggers exactly one JWKS refetch', async () => {
    await lookup(rig.t, { authorization: `Bearer ${await valid()}` });
    const fetches = rig.oidc.jwksFetches;
    await rig.oidc.rotate({ dropOld: true });
    const res = await lookup(rig.t, { authorization: `Bearer ${await valid()}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rig.oidc.jwksFetches, fetches + 1);
    // The new key is cached now: no further fetch.
    await lookup(rig.t, { authorization: `Bearer ${await valid()}` });
    assert.equal(rig.oidc.jwksFetches, fetches + 1);
    // A kid the IdP never published: one refetch, then a clean 401.
    const bogus = await rig.oidc.mint({ sub: 'u1', aud: API_AUDIENCE, email: 'a@b.test' }, { kid: 'never-published' });
    const refused = await lookup(rig.t, { authorization: `Bearer ${bogus}` });
    assert.equal(refused.json().error.code, 'token_invalid');
    assert.equal(rig.oidc.jwksFetches, fetches + 2);
  });

  it('maps IdP groups to roles through the roles file', async () => {
    const auditor = await valid({ sub: 'u_auditor', groups: ['cairn-auditors'] });
    assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${auditor}` } })).statusCode, 200);
    // An auditor alone has no lookup:write: audit and query access stay apart (SPEC §5).
    assert.equal((await lookup(rig.t, { authorization: `Bearer ${auditor}` })).json().error.code, 'insufficient_scope');
    const analyst = await valid({ sub: 'u_plain' });
    const denied = await rig.t.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${analyst}` } });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'insufficient_scope');
  });

  it('applies a per-principal rate limit from the roles file to an SSO user', async () => {
    const token = await valid({ sub: 'u_limited' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await rig.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${token}` } })).statusCode);
    assert.deepEqual(statuses, [200, 200, 429]);
  });
});

describe('AUTH_MODE decides which credentials count (SPEC §4.1)', () => {
  it('api_key mode refuses bearer tokens; oidc mode refuses API keys', async () => {
    const keysOnly = await startIdentityRig({ env: { AUTH_MODE: 'api_key' } });
    try {
      const token = await keysOnly.oidc.mint({ sub: 'u1', aud: API_AUDIENCE, email: 'a@b.test' });
      const res = await lookup(keysOnly.t, { authorization: `Bearer ${token}` });
      assert.equal(res.json().error.code, 'token_invalid');
    } finally {
      await keysOnly.close();
    }
    const oidcOnly = await startIdentityRig({ env: { AUTH_MODE: 'oidc' } });
    try {
      const { key } = await oidcOnly.t.createKey(['analyst']);
      assert.equal((await lookup(oidcOnly.t, { 'x-api-key': key })).json().error.code, 'api_key_invalid');
      const token = await oidcOnly.oidc.mint({ sub: 'u1', aud: API_AUDIENCE, email: 'a@b.test' });
      assert.equal((await lookup(oidcOnly.t, { authorization: `Bearer ${token}` })).statusCode, 200);
    } finally {
      await oidcOnly.close();
    }
  });
});

/** The same claims, signed by a key the IdP never published (same kid). */
async function otherKeyToken(token: string): Promise<string> {
  const [header, payload] = token.split('.');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  const { kid } = JSON.parse(Buffer.from(header!, 'base64url').toString()) as { kid: string };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}

/** `alg: none`, no signature. */
function unsignedToken(token: string): string {
  const payload = token.split('.')[1]!;
  return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
}

/** The classic confusion attack: HS256 with some public material as the HMAC secret. */
async function hs256Token(token: string): Promise<string> {
  const [header, payload] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(header!, 'base64url').toString()) as { kid: string };
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode('public-key-material-used-as-secret'));
}

describe('an identity provider that cannot be reached', () => {
  it('answers 500 internal_error (retryable) for bearer tokens and SAML logins, while API keys keep working', async () => {
    const closed = await closedPort();
    const rig = await startIdentityRig({ env: { OIDC_ISSUER_URL: `http://127.0.0.1:${closed}/realms/gone`, SAML_METADATA_URL: `http://127.0.0.1:${closed}/metadata` } });
    try {
      const before = await auditCount(rig.t);
      const token = await rig.oidc.mint({ sub: 'u1', aud: API_AUDIENCE, email: 'a@b.test' });
      const res = await lookup(rig.t, { authorization: `Bearer ${token}` });
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().error.code, 'internal_error');
      assert.match(res.json().error.message, /identity provider could not be reached/);
      const login = await rig.t.inject({ method: 'GET', url: '/auth/saml/login' });
      assert.equal(login.statusCode, 500);
      assert.equal(login.json().error.code, 'internal_error');
      assert.equal(await auditCount(rig.t), before);
      const { key } = await rig.t.createKey(['analyst']);
      assert.equal((await lookup(rig.t, { 'x-api-key': key })).statusCode, 200);
      assert.ok(rig.t.logs.some((l) => l.msg === 'SAML IdP metadata could not be loaded at start; SAML logins fail until it can'));
    } finally {
      await rig.close();
    }
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
