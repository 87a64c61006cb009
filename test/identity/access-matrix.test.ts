import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { InjectOptions } from 'fastify';
import { newId } from '../../src/ids/ulid.ts';
import { parseLookupRequest } from '../../src/lookup/lookup-request.ts';
import { API_AUDIENCE, type IdentityRig, lookup, startIdentityRig } from './identity-engine.ts';

type Role = 'admin' | 'analyst' | 'audit' | 'nobody';
type Kind = 'service account' | 'SSO user';
type Verdict = 'allow' | 'deny';

const ROLES: readonly Role[] = ['admin', 'analyst', 'audit', 'nobody'];
const KINDS: readonly Kind[] = ['service account', 'SSO user'];
/** IdP groups that the test roles file maps to each role (analyst: no group, the default). */
const GROUP_OF: Record<Role, string[]> = { admin: ['cairn-admins'], analyst: [], audit: ['cairn-auditors'], nobody: ['cairn-nobody'] };

interface Caller {
  readonly role: Role;
  readonly kind: Kind;
  readonly headers: Record<string, string>;
  /** A lookup this caller owns. */
  readonly ownRequestId: string;
}

interface Fixtures {
  /** A lookup owned by another SSO user (analyst "bob"). */
  readonly usersRequestId: string;
  /** A lookup owned by another service account. */
  readonly serviceAccountsRequestId: string;
}

/** One request against a protected route, and who may make it. */
interface ProtectedCase {
  readonly name: string;
  readonly url: (caller: Caller, fx: Fixtures) => string;
  readonly body?: unknown;
  readonly allow: readonly Role[];
  /** The status an allowed caller gets (200 unless the case is about a missing object). */
  readonly allowedStatus?: number;
}

/** A public route: answers without credentials, with this status. */
interface PublicCase {
  readonly public: true;
  readonly url?: string;
  readonly status: number;
}

const EVERYONE: readonly Role[] = ['admin', 'analyst', 'audit'];
/** Routes that need no scope at all: any principal that authenticates. */
const ALL_AUTHENTICATED: readonly Role[] = ['admin', 'analyst', 'audit', 'nobody'];
const idCases = (base: (id: string) => string): ProtectedCase[] => [
  { name: 'own', url: (c) => base(c.ownRequestId), allow: ['admin', 'analyst', 'audit'] },
  { name: "another SSO user's", url: (_c, fx) => base(fx.usersRequestId), allow: ['admin', 'audit'] },
  { name: "a service account's", url: (_c, fx) => base(fx.serviceAccountsRequestId), allow: ['admin', 'audit'] },
  { name: 'unknown id', url: () => base('req_01JUNKNOWNUNKNOWNUNKNOWN00'), allow: EVERYONE, allowedStatus: 404 },
];

/**
 * Every route of the engine, and who may call it. A route registered without an entry here
 * fails the test, so a new route cannot ship without a decision on its access (SPEC §5).
 * HEAD routes follow their GET entry.
 */
const MATRIX: Record<string, readonly ProtectedCase[] | PublicCase> = {
  'GET /health': { public: true, status: 200 },
  'GET /openapi.json': { public: true, status: 200 },
  'POST /v1/lookup': [{ name: 'submit', url: () => '/v1/lookup', body: { identifiers: [{ type: 'phone', value: '+33612345678' }] }, allow: ['admin', 'analyst'] }],
  'GET /v1/lookup/:request_id': idCases((id) => `/v1/lookup/${id}`),
  'GET /v1/connectors': [{ name: 'list', url: () => '/v1/connectors', allow: EVERYONE }],
  'GET /v1/connectors/:connector_id/health': [{ name: 'probe', url: () => '/v1/connectors/phone_metadata/health', allow: EVERYONE }],
  'GET /v1/audit': [{ name: 'list', url: () => '/v1/audit', allow: ['admin', 'audit'] }],
  'GET /v1/audit/:request_id': [
    { name: 'own request', url: (c) => `/v1/audit/${c.ownRequestId}`, allow: ['admin', 'audit'] },
    { name: "another user's request", url: (_c, fx) => `/v1/audit/${fx.usersRequestId}`, allow: ['admin', 'audit'] },
  ],
  'GET /v1/reports/:request_id/verify': idCases((id) => `/v1/reports/${id}/verify`),
  'GET /v1/reports/signing-keys': [{ name: 'list', url: () => '/v1/reports/signing-keys', allow: EVERYONE }],
  'GET /v1/reports/:request_id/pdf': idCases((id) => `/v1/reports/${id}/pdf`),
  'GET /v1/reports/:request_id/exports': [
    { name: 'own report', url: (c) => `/v1/reports/${c.ownRequestId}/exports`, allow: ['admin', 'audit'] },
    { name: "another user's report", url: (_c, fx) => `/v1/reports/${fx.usersRequestId}/exports`, allow: ['admin', 'audit'] },
  ],
  'GET /v1/analysis/types': [{ name: 'list', url: () => '/v1/analysis/types', allow: ALL_AUTHENTICATED }],
  'GET /v1/analysis/types/:type': [{ name: 'detail', url: () => '/v1/analysis/types/timeline', allow: ALL_AUTHENTICATED }],
  'POST /v1/analysis': [
    {
      name: 'unknown subject',
      url: () => '/v1/analysis',
      body: { subject: { type: 'entity', entity_id: 'ent_01JUNKNOWNUNKNOWNUNKNOWN00' }, analysis_type: 'timeline' },
      allow: ['admin', 'analyst'],
      allowedStatus: 404,
    },
  ],
  'GET /v1/analysis/:analysis_id': [{ name: 'unknown id', url: () => '/v1/analysis/ana_01JUNKNOWNUNKNOWNUNKNOWN00', allow: EVERYONE, allowedStatus: 404 }],
  'GET /api/provenance/:id/lineage': [{ name: 'unknown id', url: () => '/api/provenance/ent_01JUNKNOWNUNKNOWNUNKNOWN00/lineage', allow: EVERYONE, allowedStatus: 404 }],
  'GET /api/provenance/:id/full-lineage': [{ name: 'unknown id', url: () => '/api/provenance/ent_01JUNKNOWNUNKNOWNUNKNOWN00/full-lineage', allow: EVERYONE, allowedStatus: 404 }],
  'GET /auth/oidc/login': { public: true, status: 302 },
  'GET /auth/oidc/callback': { public: true, status: 400 },
  'GET /auth/saml/metadata': { public: true, status: 200 },
  'GET /auth/saml/login': { public: true, status: 302 },
  'POST /auth/saml/acs': { public: true, status: 400 },
  'GET /auth/session': { public: true, status: 401 },
  'POST /auth/logout': { public: true, status: 204 },
  'GET /auth/methods': { public: true, status: 200 },
  'GET /console': { public: true, status: 200 },
  'GET /console/*': { public: true, url: '/console/app.js', status: 200 },
};

describe('access matrix: every route × every role × service account and SSO user', () => {
  let rig: IdentityRig;
  let callers: Caller[];
  let fixtures: Fixtures;

  before(async () => {
    rig = await startIdentityRig();
    const bob = await rig.oidc.mint({ sub: 'u_bob', aud: API_AUDIENCE, email: 'bob@example.test' });
    const other = await rig.t.createKey(['analyst'], 'other-service');
    fixtures = {
      usersRequestId: (await lookup(rig.t, { authorization: `Bearer ${bob}` })).json().request_id,
      serviceAccountsRequestId: (await lookup(rig.t, { 'x-api-key': other.key })).json().request_id,
    };
    callers = [];
    for (const role of ROLES) for (const kind of KINDS) callers.push(await makeCaller(rig, role, kind));
  });
  after(() => rig.close());

  it('has an entry for every registered route, and no entry for a route that does not exist', () => {
    const registered = new Set(rig.t.app.registeredRoutes.map((r) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`));
    for (const route of registered) assert.ok(route in MATRIX, `route ${route} has no access-matrix entry: decide who may call it`);
    for (const route of Object.keys(MATRIX)) assert.ok(registered.has(route), `matrix entry ${route} matches no registered route`);
    for (const route of rig.t.app.registeredRoutes) {
      const entry = MATRIX[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`];
      assert.equal(route.public, entry !== undefined && 'public' in entry, `${route.method} ${route.url}: public flag and matrix disagree`);
    }
  });

  it('allows and denies exactly as the matrix says', async () => {
    const failures: string[] = [];
    for (const route of rig.t.app.registeredRoutes) {
      const entry = MATRIX[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`];
      if (entry === undefined || 'public' in entry) continue;
      for (const kase of entry) {
        for (const caller of callers) {
          const expected: Verdict = kase.allow.includes(caller.role) ? 'allow' : 'deny';
          const options: InjectOptions = { method: route.method as InjectOptions['method'], url: kase.url(caller, fixtures), headers: caller.headers };
          if (kase.body !== undefined) options.payload = kase.body as InjectOptions['payload'];
          const res = await rig.t.inject(options);
          const wanted = expected === 'allow' ? (kase.allowedStatus ?? 200) : 403;
          const codeOk = expected === 'allow' || route.method === 'HEAD' || res.json().error.code === 'insufficient_scope';
          if (res.statusCode !== wanted || !codeOk) {
            failures.push(`${route.method} ${route.url} [${kase.name}] as ${caller.role} ${caller.kind}: expected ${expected} (${wanted}), got ${res.statusCode}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('answers public routes without credentials', async () => {
    for (const route of rig.t.app.registeredRoutes) {
      const entry = MATRIX[`${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`];
      if (entry === undefined || !('public' in entry)) continue;
      const res = await rig.t.inject({ method: route.method as InjectOptions['method'], url: entry.url ?? route.url });
      assert.equal(res.statusCode, entry.status, `${route.method} ${route.url}: ${res.body}`);
    }
  });

  it('denies analyst A the lookup of analyst B, and B keeps access to it', async () => {
    const alice = await rig.oidc.mint({ sub: 'u_alice', aud: API_AUDIENCE, email: 'alice@example.test' });
    const bob = await rig.oidc.mint({ sub: 'u_bob', aud: API_AUDIENCE, email: 'bob@example.test' });
    const denied = await rig.t.inject({ method: 'GET', url: `/v1/lookup/${fixtures.usersRequestId}`, headers: { authorization: `Bearer ${alice}` } });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().error.code, 'insufficient_scope');
    const mine = await rig.t.inject({ method: 'GET', url: `/v1/lookup/${fixtures.usersRequestId}`, headers: { authorization: `Bearer ${bob}` } });
    assert.equal(mine.statusCode, 200);
  });

  it('keeps SSO users and service accounts apart even when ids look alike', async () => {
    // A service account whose key id equals an SSO user's sub must not read that user's lookups.
    const key = await rig.t.createKey(['analyst'], 'lookalike');
    const twin = await rig.oidc.mint({ sub: key.id, aud: API_AUDIENCE, email: 'twin@example.test' });
    const byUser = (await lookup(rig.t, { authorization: `Bearer ${twin}` })).json().request_id as string;
    const res = await rig.t.inject({ method: 'GET', url: `/v1/lookup/${byUser}`, headers: { 'x-api-key': key.key } });
    assert.equal(res.statusCode, 403);
  });

  it('documents every route with its scope in the README', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const doc = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const route of rig.t.app.registeredRoutes) {
      if (route.method === 'HEAD') continue;
      const shown = `${route.method} ${route.url.replace(/:([a-z_]+)/g, '{$1}')}`;
      assert.ok(doc.includes(`\`${shown}\``), `README.md does not list \`${shown}\` in its route table`);
    }
  });
});

/** A caller of `role` as an API key or as an SSO user (IdP token), with one lookup of its own. */
async function makeCaller(rig: IdentityRig, role: Role, kind: Kind): Promise<Caller> {
  const headers: Record<string, string> =
    kind === 'service account'
      ? { 'x-api-key': (await rig.t.createKey([role], `svc-${role}`)).key }
      : { authorization: `Bearer ${await rig.oidc.mint({ sub: `u_${role}`, aud: API_AUDIENCE, email: `${role}@example.test`, groups: GROUP_OF[role], exp: Math.floor(Date.now() / 1000) + 3600 })}` };
  // Roles without lookup:write still need a lookup of their own: run one through the service
  // with the caller's real principal (what the route would do if the scope allowed it).
  const principal = await rig.t.engine.authenticator.authenticate({ authorization: headers.authorization, apiKey: headers['x-api-key'] });
  const requestId = newId('req');
  await rig.t.engine.lookups.lookup({ principal, request: parseLookupRequest({ identifiers: [{ type: 'phone', value: '+33612345678' }] }), requestId, sourceIp: '127.0.0.1' });
  return { role, kind, headers, ownRequestId: requestId };
}
