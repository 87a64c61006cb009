import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { reloadRolesOnSighup } from '../../src/auth/role-config-reload.ts';
import { startTestEngine } from '../helpers/engine.ts';
import { API_AUDIENCE, type IdentityRig, startIdentityRig, TEST_ROLES_YAML } from './identity-engine.ts';

describe('roles file at start and on SIGHUP', () => {
  let rig: IdentityRig;
  let stop: () => void;
  let outcomes: boolean[];
  let nextReload: () => Promise<boolean>;
  before(async () => {
    rig = await startIdentityRig();
    outcomes = [];
    const waiters: ((ok: boolean) => void)[] = [];
    // The same wiring `cairn serve` installs.
    stop = reloadRolesOnSighup(
      { path: rig.rolesFile, holder: rig.t.engine.roles, logger: rig.t.engine.logger, invalidate: () => rig.t.engine.apiKeys.invalidate() },
      (ok) => {
        outcomes.push(ok);
        waiters.shift()?.(ok);
      },
    );
    nextReload = () => new Promise<boolean>((resolve) => waiters.push(resolve));
  });
  after(async () => {
    stop();
    await rig.close();
  });

  const get = (url: string, headers: Record<string, string>): Promise<number> => rig.t.inject({ method: 'GET', url, headers }).then((r) => r.statusCode);

  it('applies an edited file on SIGHUP, to SSO users and to cached API keys alike', async () => {
    const ops = await rig.oidc.mint({ sub: 'u_ops', aud: API_AUDIENCE, email: 'ops@example.test', groups: ['cairn-ops'], exp: Math.floor(Date.now() / 1000) + 3600 });
    const { id, key } = await rig.t.createKey(['analyst'], 'reporting');
    assert.equal(await get('/v1/audit', { authorization: `Bearer ${ops}` }), 403);
    assert.equal(await get('/v1/audit', { 'x-api-key': key }), 403, 'the key is cached with its analyst scopes now');

    fs.writeFileSync(rig.rolesFile, `${TEST_ROLES_YAML}  "key:${id}":\n    roles: [audit]\n`.replace('  cairn-nobody: nobody\n', '  cairn-nobody: nobody\n  cairn-ops: [audit]\n'));
    const reloaded = nextReload();
    process.kill(process.pid, 'SIGHUP');
    assert.equal(await reloaded, true);
    assert.equal(await get('/v1/audit', { authorization: `Bearer ${ops}` }), 200);
    assert.equal(await get('/v1/audit', { 'x-api-key': key }), 200);
  });

  it('keeps the configuration in force when the new file is invalid, and logs the line at fault', async () => {
    const auditor = await rig.oidc.mint({ sub: 'u_aud', aud: API_AUDIENCE, email: 'aud@example.test', groups: ['cairn-auditors'] });
    fs.writeFileSync(rig.rolesFile, 'roles:\n  ops: [lookup:write]\ngroup_mappings:\n  cairn-auditors: auditors\n');
    const reloaded = nextReload();
    process.kill(process.pid, 'SIGHUP');
    assert.equal(await reloaded, false);
    assert.equal(await get('/v1/audit', { authorization: `Bearer ${auditor}` }), 200, 'the previous mappings still apply');
    const logged = rig.t.logs.find((l) => l.msg === 'roles file not reloaded: keeping the previous configuration');
    assert.match(String(logged?.reason), /^ROLE_CONFIG_PATH: line 4: group_mappings\.cairn-auditors: unknown role "auditors"/);
  });
});

describe('roles file at start', () => {
  it('refuses to start on an invalid file, naming the line and the reason', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/cairn-bad-roles-${process.pid}.yaml`;
    fs.writeFileSync(file, 'roles:\n  analyst:\n    - lookup:write\n    - lookups:read\n');
    try {
      await assert.rejects(startTestEngine({ env: { ROLE_CONFIG_PATH: file } }), /^ConfigError: ROLE_CONFIG_PATH: line 4: roles\.analyst\[1\]: unknown scope "lookups:read"/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('without a file, SSO users are analysts and audit:read needs the audit role', async () => {
    const rig = await startIdentityRig({ env: { ROLE_CONFIG_PATH: '' } });
    try {
      const grouped = await rig.oidc.mint({ sub: 'u_g', aud: API_AUDIENCE, email: 'g@example.test', groups: ['cairn-auditors'] });
      assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${grouped}` } })).statusCode, 403);
      assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${grouped}` } })).statusCode, 200);
      const { key } = await rig.t.createKey(['audit']);
      assert.equal((await rig.t.inject({ method: 'GET', url: '/v1/audit', headers: { 'x-api-key': key } })).statusCode, 200);
    } finally {
      await rig.close();
    }
  });
});
