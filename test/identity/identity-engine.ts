import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { AnyConnectorDefinition } from '../../src/connectors/sdk.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { startTestEngine, type TestEngine } from '../helpers/engine.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FakeOidcProvider } from './fake-oidc-provider.ts';
import { FakeSamlIdp } from './fake-saml-idp.ts';

/** Where the engine believes browsers reach it (requests themselves go through inject). */
export const PUBLIC_URL = 'http://cairn.test';
export const API_AUDIENCE = 'cairn-api-audience';
export const ACS_URL = `${PUBLIC_URL}/auth/saml/acs`;
export const SP_ENTITY_ID = `${PUBLIC_URL}/auth/saml/metadata`;

/** The roles file the identity tests run with. */
export const TEST_ROLES_YAML = `# roles file used by the identity tests
roles:
  nobody: []
group_mappings:
  cairn-analysts: analyst
  cairn-auditors: [audit]
  cairn-admins: admin
  cairn-nobody: nobody
default_user_roles: [analyst]
principals:
  "user:u_limited":
    rate_limit: { requests_per_minute: 2, burst: 0 }
`;

export interface IdentityRig {
  readonly t: TestEngine;
  readonly oidc: FakeOidcProvider;
  readonly saml: FakeSamlIdp;
  readonly rolesFile: string;
  close(): Promise<void>;
}

/**
 * A test engine with AUTH_MODE=both, OIDC (code flow included) against the fake provider,
 * SAML against the fake IdP's metadata URL, and the test roles file.
 */
export async function startIdentityRig(
  options: { env?: Record<string, string>; database?: TestDatabase; rolesYaml?: string; connectorDefinitions?: readonly AnyConnectorDefinition[] } = {},
): Promise<IdentityRig> {
  const oidc = await FakeOidcProvider.start();
  const saml = await FakeSamlIdp.start({ entityId: SP_ENTITY_ID, acsUrl: ACS_URL });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-roles-'));
  const rolesFile = path.join(dir, 'roles.yaml');
  fs.writeFileSync(rolesFile, options.rolesYaml ?? TEST_ROLES_YAML);
  const started = startTestEngine({
    ...(options.database ? { database: options.database } : {}),
    ...(options.connectorDefinitions ? { connectorDefinitions: options.connectorDefinitions } : {}),
    env: {
      AUTH_MODE: 'both',
      PUBLIC_URL,
      OIDC_ISSUER_URL: oidc.issuer,
      OIDC_AUDIENCE: API_AUDIENCE,
      OIDC_CLIENT_ID: FAKE_CLIENT_ID,
      OIDC_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      SAML_METADATA_URL: saml.metadataUrl,
      ROLE_CONFIG_PATH: rolesFile,
      RATE_LIMIT_REQUESTS_PER_MINUTE: '100000',
      ...options.env,
    },
  });
  const t = await started.catch(async (err: unknown) => {
    await oidc.close();
    await saml.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    t,
    oidc,
    saml,
    rolesFile,
    async close() {
      await t.close();
      await oidc.close();
      await saml.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How many audit records exist: a rejected credential must not add one. */
export async function auditCount(t: TestEngine): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_records`.execute(t.engine.database.db);
  return Number(rows[0]!.n);
}

/** A phone lookup as the given credentials. */
export function lookup(t: TestEngine, headers: Record<string, string>): Promise<LightMyRequestResponse> {
  return t.inject({ method: 'POST', url: '/v1/lookup', headers, payload: { identifiers: [{ type: 'phone', value: '+33612345678' }] } });
}

/** The value of a Set-Cookie for `name` in a response, or undefined. */
export function cookieFrom(res: LightMyRequestResponse, name: string): { value: string; attributes: string } | undefined {
  const raw = res.headers['set-cookie'];
  for (const line of [raw ?? []].flat()) {
    const [pair, ...attributes] = String(line).split(';');
    const eq = pair!.indexOf('=');
    if (pair!.slice(0, eq).trim() === name) return { value: pair!.slice(eq + 1), attributes: attributes.join(';') };
  }
  return undefined;
}
