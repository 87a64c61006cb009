import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { AssertionOptions } from './fake-saml-idp.ts';
import { ACS_URL, auditCount, cookieFrom, type IdentityRig, lookup, SP_ENTITY_ID, startIdentityRig } from './identity-engine.ts';
import { makeTestCertificate } from './test-certificate.ts';

/** POSTs a SAMLResponse to the ACS the way a browser submits the IdP's form. */
function postToAcs(rig: IdentityRig, samlResponse: string, relayState?: string): Promise<LightMyRequestResponse> {
  const form = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState !== undefined ? { RelayState: relayState } : {}) });
  return rig.t.inject({ method: 'POST', url: '/auth/saml/acs', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' }, payload: form.toString() });
}

/** Trades a session cookie for the console's bearer token. */
async function tokenOf(rig: IdentityRig, res: LightMyRequestResponse): Promise<{ access_token: string; user: Record<string, unknown> }> {
  const cookie = cookieFrom(res, 'cairn_session');
  assert.ok(cookie, `no session cookie: ${res.statusCode} ${res.body}`);
  const session = await rig.t.inject({ method: 'GET', url: '/auth/session', headers: { cookie: `cairn_session=${cookie.value}` } });
  assert.equal(session.statusCode, 200, session.body);
  return session.json();
}

describe('SAML 2.0 login (SPEC §4.3)', () => {
  let rig: IdentityRig;
  before(async () => {
    rig = await startIdentityRig({ env: { OIDC_CLOCK_SKEW_SECONDS: '30' } });
  });
  after(() => rig.close());

  it('serves SP metadata naming the entity id and the ACS (HTTP-POST)', async () => {
    const res = await rig.t.inject({ method: 'GET', url: '/auth/saml/metadata' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/samlmetadata\+xml/);
    assert.match(res.body, new RegExp(`entityID="${SP_ENTITY_ID}"`));
    assert.match(res.body, new RegExp(`Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS_URL}"`));
    assert.match(res.body, /WantAssertionsSigned="true"/);
  });

  it('logs in through the redirect binding and the ACS; the assertion becomes the principal', async () => {
    rig.saml.loginAs({ nameId: 'adfs\\jdoe', attributes: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['jdoe@gov.example'], groups: ['cairn-analysts'] } });
    const start = await rig.t.inject({ method: 'GET', url: '/auth/saml/login?return_to=/console' });
    assert.equal(start.statusCode, 302);
    assert.ok((start.headers.location as string).startsWith(`${rig.saml.baseUrl}/sso?SAMLRequest=`));
    const page = await (await fetch(start.headers.location as string)).text();
    const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(page)![1]!;
    const relayState = /name="RelayState" value="([^"]*)"/.exec(page)![1]!;
    assert.equal(relayState, '/console');
    const acs = await postToAcs(rig, samlResponse, relayState);
    assert.equal(acs.statusCode, 303, acs.body);
    assert.equal(acs.headers.location, '/console');
    const { access_token, user } = await tokenOf(rig, acs);
    assert.equal(user.idp, 'saml');
    const res = await lookup(rig.t, { authorization: `Bearer ${access_token}` });
    assert.equal(res.statusCode, 200, res.body);
    const principal = res.json().audit.principal;
    assert.equal(principal.user_id, 'adfs\\jdoe');
    assert.equal(principal.user_email, 'jdoe@gov.example');
    assert.match(principal.idp_session_id, /^_s[0-9a-f]{16}$/);
    // The same response again: its request id is spent (InResponseTo) and its assertion id seen.
    const again = await postToAcs(rig, samlResponse, relayState);
    assert.equal(again.statusCode, 401);
    assert.equal(again.json().error.code, 'token_invalid');
  });

  it('accepts an IdP-initiated response (no InResponseTo) once, and refuses its replay', async () => {
    const response = rig.saml.response({ nameId: 'idp-initiated', attributes: { email: ['ii@example.test'] } });
    const first = await postToAcs(rig, response);
    assert.equal(first.statusCode, 303, first.body);
    assert.equal(first.headers.location, '/');
    const replay = await postToAcs(rig, response);
    assert.equal(replay.statusCode, 401);
    assert.match(replay.json().error.message, /already used/);
  });

  it('maps SAML groups to roles: an auditor reads the audit log', async () => {
    const acs = await postToAcs(rig, rig.saml.response({ nameId: 'auditor-1', attributes: { email: ['aud@example.test'], groups: ['cairn-auditors', 'unrelated'] } }));
    const { access_token, user } = await tokenOf(rig, acs);
    assert.deepEqual(user.roles, ['audit']);
    assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${access_token}` } })).statusCode, 200);
  });

  const minute = 60_000;
  const other = makeTestCertificate('cairn-untrusted-signer');
  const rejections: [string, () => AssertionOptions, string, RegExp][] = [
    ['expired', () => ({ notOnOrAfter: new Date(Date.now() - 5 * minute), notBefore: new Date(Date.now() - 10 * minute) }), 'token_expired', /expired/],
    ['not yet valid', () => ({ notBefore: new Date(Date.now() + 5 * minute) }), 'token_invalid', /not yet valid/],
    ['wrong audience', () => ({ audience: 'https://someone-else.example/sp' }), 'token_invalid', /audience/],
    ['wrong recipient', () => ({ recipient: 'https://someone-else.example/acs' }), 'token_invalid', /Recipient/],
    ['wrong issuer', () => ({ issuer: 'https://rogue-idp.example' }), 'token_invalid', /another identity provider/],
    ['signed by an untrusted key', () => ({ signer: other }), 'token_invalid', /signature/i],
    ['unsigned', () => ({ unsigned: true }), 'token_invalid', /signature/i],
    ['tampered after signing', () => ({ tamper: (xml: string) => xml.replace('victim@example.test', 'attacker@example.test') }), 'token_invalid', /signature/i],
    ['missing email attribute', () => ({ attributes: { mail_nickname: ['jdoe'] } }), 'token_invalid', /email/],
    ['unsolicited InResponseTo', () => ({ inResponseTo: '_never-sent-by-this-sp' }), 'token_invalid', /InResponseTo/],
  ];
  for (const [name, options, code, reason] of rejections) {
    it(`refuses an assertion that is ${name}: 401 ${code}, no session, no audit record`, async () => {
      const before = await auditCount(rig.t);
      const res = await postToAcs(rig, rig.saml.response({ nameId: 'victim', attributes: { email: ['victim@example.test'] }, ...options() }));
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().error.code, code);
      assert.match(res.json().error.message, reason);
      assert.equal(cookieFrom(res, 'cairn_session'), undefined);
      assert.equal(await auditCount(rig.t), before);
    });
  }

  it('answers a malformed ACS post with field_required', async () => {
    const res = await rig.t.inject({ method: 'POST', url: '/auth/saml/acs', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'RelayState=/x' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'field_required');
    assert.equal(res.json().error.details[0].field, 'SAMLResponse');
    const junk = await postToAcs(rig, Buffer.from('<not-saml/>').toString('base64'));
    assert.equal(junk.statusCode, 401);
  });

  it('no API route accepts a form body (the parser is scoped to the ACS plugin)', async () => {
    const { key } = await rig.t.createKey(['analyst']);
    const res = await rig.t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'identifiers=x' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'request_malformed');
  });
});

describe('SAML with metadata from SAML_METADATA_XML_PATH', () => {
  it('validates against the certificates of a metadata file, and refuses to start on a bad file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-saml-md-'));
    const rollover = makeTestCertificate('cairn-next-idp-cert');
    const probe = await startIdentityRig({ env: { AUTH_MODE: 'api_key' } });
    const file = path.join(dir, 'idp.xml');
    fs.writeFileSync(file, probe.saml.metadataXml([rollover]));
    const rig = await startIdentityRig({ env: { SAML_METADATA_XML_PATH: file, SAML_METADATA_URL: '' } });
    try {
      // The file's IdP is the probe's: its assertions verify, signed by either published certificate.
      const viaFile = await postToAcs(rig, probe.saml.response({ nameId: 'file-user', attributes: { email: ['f@example.test'] } }));
      assert.equal(viaFile.statusCode, 303, viaFile.body);
      const rolled = await postToAcs(rig, probe.saml.response({ nameId: 'file-user', attributes: { email: ['f@example.test'] }, signer: rollover }));
      assert.equal(rolled.statusCode, 303, rolled.body);
      const foreign = await postToAcs(rig, rig.saml.response({ nameId: 'x', attributes: { email: ['x@example.test'] } }));
      assert.equal(foreign.statusCode, 401);
    } finally {
      await rig.close();
      await probe.close();
    }
    fs.writeFileSync(file, '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>');
    await assert.rejects(startIdentityRig({ env: { SAML_METADATA_XML_PATH: file, SAML_METADATA_URL: '' } }), /SAML_METADATA_XML_PATH: .*no EntityDescriptor with an IDPSSODescriptor/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
