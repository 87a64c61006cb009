import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../config/config.ts';
import { scopesOf, userRolesOf } from './role-config.ts';
import { loadRoleConfigFile } from './role-config-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-roles-unit-'));
let n = 0;
function file(text: string): string {
  const f = path.join(dir, `roles-${n++}.yaml`);
  fs.writeFileSync(f, text);
  return f;
}

/** The example of docs/identity.md, verbatim: the documentation must stay loadable. */
function documentedExample(): string {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'identity.md'), 'utf8');
  const match = /<!-- roles-example -->\s*```yaml\n([\s\S]*?)```/.exec(doc);
  assert.ok(match, 'docs/identity.md has a roles example marked <!-- roles-example -->');
  return match[1]!;
}

/** The short example of the README, verbatim (its indentation inside a list item removed). */
function readmeExample(): string {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const match = /<!-- roles-example -->\s*```yaml\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'README.md has a roles example marked <!-- roles-example -->');
  return match[1]!.replace(/^ {2}/gm, '');
}

describe('roles file (ROLE_CONFIG_PATH)', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the README example', async () => {
    const config = await loadRoleConfigFile(file(readmeExample()));
    assert.deepEqual(config.groupMappings['fraud-team'], ['investigator']);
  });

  it('loads the documented example', async () => {
    const config = await loadRoleConfigFile(file(documentedExample()));
    assert.deepEqual(config.groupMappings['cairn-auditors'], ['audit']);
    assert.deepEqual(userRolesOf(config, 'user:someone', []), ['analyst']);
    assert.ok(scopesOf(config, ['investigator']).has('lookup:read:any'));
    assert.equal(config.principals['key:key_01JSVC0BATCH0SCREENING00001']?.rateLimit?.requestsPerMinute, 600);
  });

  it('keeps the built-in roles and lets groups and principal entries pick roles', async () => {
    const config = await loadRoleConfigFile(
      file('roles:\n  nobody: []\ngroup_mappings:\n  g-audit: audit\n  g-both: [analyst, audit]\n  constructor: nobody\nprincipals:\n  "user:boss":\n    roles: [admin]\n'),
    );
    assert.deepEqual(userRolesOf(config, 'user:x', ['g-audit']), ['audit']);
    assert.deepEqual(userRolesOf(config, 'user:x', ['g-both', 'g-audit']), ['analyst', 'audit']);
    assert.deepEqual(userRolesOf(config, 'user:x', ['unmapped']), ['analyst']);
    assert.deepEqual(userRolesOf(config, 'user:x', ['toString']), ['analyst'], 'inherited object keys are not groups');
    assert.deepEqual(userRolesOf(config, 'user:boss', ['g-audit']), ['admin']);
    assert.ok(!scopesOf(config, ['analyst']).has('audit:read'), 'audit:read comes only with audit (and admin)');
  });

  it('accepts an empty file (every default applies)', async () => {
    const config = await loadRoleConfigFile(file('# nothing configured yet\n'));
    assert.deepEqual(config.defaultUserRoles, ['analyst']);
  });

  const invalid: [string, string, RegExp][] = [
    ['an unknown scope', 'roles:\n  ops:\n    - lookup:write\n    - lookup:delete\n', /^ROLE_CONFIG_PATH: line 4: roles\.ops\[1\]: unknown scope "lookup:delete"/],
    ['a group mapped to an unknown role', 'group_mappings:\n  a: analyst\n  b: [audit, auditor]\n', /^ROLE_CONFIG_PATH: line 3: group_mappings\.b\[1\]: unknown role "auditor"/],
    ['an unknown default role', '\n\ndefault_user_roles: [viewer]\n', /^ROLE_CONFIG_PATH: line 3: default_user_roles\[0\]: unknown role "viewer"/],
    ['an unknown top-level key', 'roles: {}\napi_keys: {}\n', /^ROLE_CONFIG_PATH: line 1: Unrecognized key: "api_keys"/],
    ['a malformed principal key', 'principals:\n  jdoe:\n    roles: [admin]\n', /^ROLE_CONFIG_PATH: line 2: principals\.jdoe: a principal is "user:<IdP subject>" or "key:<api_key_id>"/],
    ['a zero rate limit', 'principals:\n  "user:a":\n    rate_limit:\n      requests_per_minute: 0\n', /^ROLE_CONFIG_PATH: line 4: principals\.user:a\.rate_limit\.requests_per_minute: Too small/],
    ['a typo in a rate-limit key', 'principals:\n  "key:key_1":\n    rate_limit: { request_per_minute: 5 }\n', /^ROLE_CONFIG_PATH: line 3: .*Unrecognized key: "request_per_minute"/],
    ['broken YAML', 'roles:\n  a: [lookup:write\n', /^ROLE_CONFIG_PATH: line 3: /],
    ['a duplicate key', 'roles:\n  a: []\n  a: [audit:read]\n', /^ROLE_CONFIG_PATH: line 3: Map keys must be unique/],
    ['a bad role name', 'roles:\n  Ops Team: []\n', /^ROLE_CONFIG_PATH: line 2: roles\.Ops Team: .*role name/],
  ];
  for (const [what, text, message] of invalid) {
    it(`refuses ${what} with the line and the reason`, async () => {
      await assert.rejects(loadRoleConfigFile(file(text)), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, message);
        return true;
      });
    });
  }

  it('names a missing file', async () => {
    await assert.rejects(loadRoleConfigFile(path.join(dir, 'absent.yaml')), /ROLE_CONFIG_PATH: cannot read .*absent\.yaml: ENOENT/);
  });
});
