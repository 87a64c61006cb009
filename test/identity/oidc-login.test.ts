import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { FakeOidcProvider } from './fake-oidc-provider.ts';
import { auditCount, cookieFrom, type IdentityRig, lookup, PUBLIC_URL, startIdentityRig } from './identity-engine.ts';

/** Follows the browser through /auth/oidc/login → fake IdP → /auth/oidc/callback. */
async function browserLogin(rig: IdentityRig, returnTo = '/console'): Promise<{ callback: LightMyRequestResponse; flowCookie: string; callbackUrl: URL }> {
  const start = await rig.t.inject({ method: 'GET', url: `/auth/oidc/login?return_to=${encodeURIComponent(returnTo)}` });
  assert.equal(start.statusCode, 302, start.body);
  const flow = cookieFrom(start, 'cairn_oidc_flow');
  assert.ok(flow, 'the login sets the flow cookie');
  const atIdp = await fetch(start.headers.location as string, { redirect: 'manual' });
  assert.equal(atIdp.status, 302);
  const callbackUrl = new URL(atIdp.headers.get('location')!);
  const callback = await rig.t.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}`, headers: { cookie: `cairn_oidc_flow=${flow.value}` } });
  return { callback, flowCookie: flow.value, callbackUrl };
}

describe('OIDC authorization-code login for the console', () => {
  let rig: IdentityRig;
  before(async () => {
    rig = await startIdentityRig();
  });
  after(() => rig.close());

  it('sends the browser to the IdP with state, nonce and a PKCE S256 challenge', async () => {
    const res = await rig.t.inject({ method: 'GET', url: '/auth/oidc/login' });
    const target = new URL(res.headers.location as string);
    assert.equal(target.origin + target.pathname, `${rig.oidc.issuer}/authorize`);
    const q = target.searchParams;
    assert.equal(q.get('redirect_uri'), `${PUBLIC_URL}/auth/oidc/callback`);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('state')!, /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('nonce')!, /^[A-Za-z0-9_-]{43}$/);
    assert.match(q.get('scope')!, /\bopenid\b.*\bemail\b/);
    const flow = cookieFrom(res, 'cairn_oidc_flow')!;
    assert.match(flow.attributes, /HttpOnly/);
    assert.match(flow.attributes, /SameSite=Lax/);
    // The cookie is encrypted: neither state nor the PKCE verifier is readable in it.
    assert.ok(!Buffer.from(flow.value.split('.')[3] ?? '', 'base64url').toString('latin1').includes(q.get('state')!));
  });

  it('logs in end to end: session cookie, /auth/session token, lookups attributed to the user', async () => {
    rig.oidc.loginAs({ sub: 'u_console_ann', email: 'ann@example.test', sid: 'okta-sid-7', groups: ['cairn-analysts'] });
    const { callback } = await browserLogin(rig, '/console/lookups?x=1');
    assert.equal(callback.statusCode, 303, callback.body);
    assert.equal(callback.headers.location, '/console/lookups?x=1');
    const session = cookieFrom(callback, 'cairn_session')!;
    assert.match(session.attributes, /HttpOnly/);
    assert.match(session.attributes, /SameSite=Lax/);
    assert.doesNotMatch(session.attributes, /Secure/, 'PUBLIC_URL is http here');
    assert.equal(cookieFrom(callback, 'cairn_oidc_flow')?.value, '', 'the flow cookie is single-use');
    assert.equal(rig.oidc.tokenRequests.at(-1)?.auth, 'basic');

    const who = await rig.t.inject({ method: 'GET', url: '/auth/session', headers: { cookie: `cairn_session=${session.value}` } });
    assert.equal(who.statusCode, 200, who.body);
    assert.equal(who.headers['cache-control'], 'no-store');
    const body = who.json();
    assert.deepEqual(body.user, { user_id: 'u_console_ann', user_email: 'ann@example.test', idp_session_id: 'okta-sid-7', idp: 'oidc', roles: ['analyst'] });

    const res = await lookup(rig.t, { authorization: `Bearer ${body.access_token}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().audit.principal.user_id, 'u_console_ann');
    assert.equal(res.json().audit.principal.idp_session_id, 'okta-sid-7');
    // The API does not take the cookie itself: Bearer or X-API-Key only.
    const cookieOnly = await lookup(rig.t, { cookie: `cairn_session=${session.value}` });
    assert.equal(cookieOnly.json().error.code, 'credentials_missing');
  });

  it('logout revokes the session: its token stops working at once', async () => {
    rig.oidc.loginAs({ sub: 'u_leaving', email: 'leaving@example.test' });
    const session = cookieFrom((await browserLogin(rig)).callback, 'cairn_session')!;
    const token = (await rig.t.inject({ method: 'GET', url: '/auth/session', headers: { cookie: `cairn_session=${session.value}` } })).json().access_token as string;
    assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);

    const crossSite = await rig.t.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: `cairn_session=${session.value}`, origin: 'https://evil.example' } });
    assert.equal(crossSite.statusCode, 403, 'a cross-site POST cannot log the user out');
    assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);

    const out = await rig.t.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: `cairn_session=${session.value}`, origin: PUBLIC_URL } });
    assert.equal(out.statusCode, 204);
    assert.equal(cookieFrom(out, 'cairn_session')?.value, '');
    const after = await rig.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().error.code, 'token_invalid');
    const gone = await rig.t.inject({ method: 'GET', url: '/auth/session', headers: { cookie: `cairn_session=${session.value}` } });
    assert.equal(gone.statusCode, 401);
  });

  it('refuses a callback whose state does not match the browser’s login', async () => {
    const { callbackUrl, flowCookie } = await browserLogin(rig);
    callbackUrl.searchParams.set('state', 'forged-state-forged-state-forged-state-abcd');
    const before = await auditCount(rig.t);
    const res = await rig.t.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}`, headers: { cookie: `cairn_oidc_flow=${flowCookie}` } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'token_invalid');
    assert.equal(cookieFrom(res, 'cairn_session'), undefined);
    assert.equal(await auditCount(rig.t), before);
  });

  it('refuses a callback without the flow cookie, or with an altered one', async () => {
    const start = await rig.t.inject({ method: 'GET', url: '/auth/oidc/login' });
    const flow = cookieFrom(start, 'cairn_oidc_flow')!.value;
    const atIdp = await fetch(start.headers.location as string, { redirect: 'manual' });
    const cb = new URL(atIdp.headers.get('location')!);
    const path = `${cb.pathname}${cb.search}`;
    const missing = await rig.t.inject({ method: 'GET', url: path });
    assert.equal(missing.json().error.code, 'token_invalid');
    const parts = flow.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}${parts[3]!.endsWith('AA') ? 'BB' : 'AA'}`;
    const altered = await rig.t.inject({ method: 'GET', url: path, headers: { cookie: `cairn_oidc_flow=${parts.join('.')}` } });
    assert.equal(altered.json().error.code, 'token_invalid');
    // The code was spent by neither attempt; the real cookie still completes the login.
    const ok = await rig.t.inject({ method: 'GET', url: path, headers: { cookie: `cairn_oidc_flow=${flow}` } });
    assert.equal(ok.statusCode, 303, ok.body);
  });

  it('refuses a replayed authorization code', async () => {
    const { callbackUrl, flowCookie, callback } = await browserLogin(rig);
    assert.equal(callback.statusCode, 303);
    const again = await rig.t.inject({ method: 'GET', url: `${callbackUrl.pathname}${callbackUrl.search}`, headers: { cookie: `cairn_oidc_flow=${flowCookie}` } });
    assert.equal(again.statusCode, 401);
    assert.match(again.json().error.message, /invalid_grant/);
  });

  it('reports an IdP error and a missing code in the documented envelope', async () => {
    const denied = await rig.t.inject({ method: 'GET', url: '/auth/oidc/callback?error=access_denied&state=x' });
    assert.equal(denied.statusCode, 401);
    assert.match(denied.json().error.message, /access_denied/);
    const bare = await rig.t.inject({ method: 'GET', url: '/auth/oidc/callback' });
    assert.equal(bare.statusCode, 400);
    assert.equal(bare.json().error.code, 'field_required');
    assert.deepEqual(bare.json().error.details.map((d: { field: string }) => d.field), ['code', 'state']);
  });

  it('refuses an ID token without an email claim', async () => {
    rig.oidc.loginAs({ sub: 'u_no_mail' });
    const { callback } = await browserLogin(rig);
    assert.equal(callback.statusCode, 401);
    assert.equal(callback.json().error.code, 'token_invalid');
    assert.match(callback.json().error.message, /email/);
  });

  it('never redirects off the engine after login (open-redirect guard)', async () => {
    rig.oidc.loginAs({ sub: 'u_redirect', email: 'r@example.test' });
    for (const target of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) {
      const { callback } = await browserLogin(rig, target);
      assert.equal(callback.headers.location, '/', target);
    }
  });
});

describe('OIDC login with client_secret_post and an https PUBLIC_URL', () => {
  let rig: IdentityRig;
  let postOnly: FakeOidcProvider;
  before(async () => {
    postOnly = await FakeOidcProvider.start({ authMethods: ['client_secret_post'] });
    rig = await startIdentityRig({ env: { OIDC_ISSUER_URL: `${postOnly.issuer}/.well-known/openid-configuration`, PUBLIC_URL: 'https://cairn.example' } });
  });
  after(async () => {
    await rig.close();
    await postOnly.close();
  });

  it('authenticates with client_secret_post when that is all the IdP offers, and marks cookies Secure', async () => {
    postOnly.loginAs({ sub: 'u_post', email: 'post@example.test' });
    const start = await rig.t.inject({ method: 'GET', url: '/auth/oidc/login' });
    assert.match(cookieFrom(start, 'cairn_oidc_flow')!.attributes, /Secure/);
    const atIdp = await fetch(start.headers.location as string, { redirect: 'manual' });
    const cb = new URL(atIdp.headers.get('location')!);
    assert.equal(cb.origin, 'https://cairn.example');
    const callback = await rig.t.inject({ method: 'GET', url: `${cb.pathname}${cb.search}`, headers: { cookie: `cairn_oidc_flow=${cookieFrom(start, 'cairn_oidc_flow')!.value}` } });
    assert.equal(callback.statusCode, 303, callback.body);
    assert.match(cookieFrom(callback, 'cairn_session')!.attributes, /Secure/);
    assert.equal(postOnly.tokenRequests.at(-1)?.auth, 'post');
  });
});
