/**
 * `cairn sites selfcheck` as an operator runs it: a real process, a catalogue file pointed at
 * the fake, broken definitions listed, disabled locally with --disable-broken, honoured by the
 * connector on the next lookup, and re-enabled once they pass again.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestEngine } from '../../../test/helpers/engine.ts';
import { type FakeMode, type FakeSites, startFakeSites } from './fake-sites-server.ts';
import { STATE_FILE } from './local-site-state.ts';
import { usernamePresence } from './username-presence.ts';

const CAIRN = fileURLToPath(new URL('../../../bin/cairn.js', import.meta.url));

const site = (host: string) => ({
  url: `https://${host}/people/{username}`,
  urlMain: `https://${host}/`,
  checkType: 'message',
  presenseStrs: ['<div class="profile-card">'],
  absenceStrs: ['Nobody by that name'],
  usernameClaimed: 'alice',
  usernameUnclaimed: 'noonewouldeverusethis7',
  tags: ['social'],
});
const DOC = {
  sites: { Good: site('good.example'), Liar: site('liar.example'), Stale: site('stale.example'), Walled: site('walled.example'), Other: site('other.example') },
  engines: {},
  tags: ['social'],
};

describe('cairn sites selfcheck', { concurrency: 1 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-selfcheck-'));
  const catalogueFile = path.join(dataDir, 'sites.json');
  let fake: FakeSites;

  // Asynchronous: the fake answering the command lives in this process's event loop.
  const run = async (...args: string[]): Promise<string> => {
    const { stdout } = await promisify(execFile)(process.execPath, [CAIRN, 'sites', 'selfcheck', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, USERNAME_SITES_PATH: catalogueFile, OUTBOUND_ALLOW_LOOPBACK: 'true', LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return stdout;
  };
  const state = () => JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as { sites: Record<string, { verdict: string; disabled: boolean }> };

  before(async () => {
    const modes: Record<string, FakeMode> = { Liar: 'always_claimed', Stale: 'never_claimed', Walled: 'waf' };
    fake = await startFakeSites(DOC, { modeOf: (name) => modes[name] ?? 'normal' });
    fake.writeCatalogue(catalogueFile);
  });
  after(() => fake.close());

  it('lists broken definitions, disables them locally, and the connector stops checking them', async () => {
    const out = await run('--disable-broken');
    const broken = out.slice(out.indexOf('BROKEN DEFINITIONS'), out.indexOf('checked 5 sites'));
    assert.match(broken, /^Liar\s+found\s+found\s+false positive/m);
    assert.match(broken, /^Stale\s+not_found\s+not_found\s+false negative/m);
    assert.doesNotMatch(broken, /Good|Walled|Other/);
    assert.match(out, /checked 5 sites in [\d.]+ s: ok 2, broken 2, inconclusive 1/);
    assert.match(out, /local disable list: 2 sites/);
    const recorded = state().sites;
    assert.deepEqual(Object.fromEntries(Object.entries(recorded).map(([k, v]) => [k, [v.verdict, v.disabled]])), {
      Good: ['ok', false],
      Liar: ['broken', true],
      Stale: ['broken', true],
      Walled: ['inconclusive', false],
      Other: ['ok', false],
    });

    const t = await startTestEngine({ connectorDefinitions: [usernamePresence], env: { DATA_DIR: dataDir, USERNAME_SITES_PATH: catalogueFile } });
    try {
      const key = (await t.createKey(['analyst'])).key;
      const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'username', value: 'alice' }], options: { depth: 'deep' } } });
      const body = res.json() as { entities: { profile: { social_profiles?: { platform: string }[] } }[]; source_coverage: { details: { detail?: string }[] } };
      // Liar (which claims everyone) is no longer asked; Walled still is, and stays blocked.
      assert.match(body.source_coverage.details[0]!.detail!, /^3 site checks, found 2, not_found 0, blocked 1/);
      assert.deepEqual(body.entities[0]!.profile.social_profiles!.map((p) => p.platform).sort(), ['Good', 'Other']);
    } finally {
      await t.close();
    }
  });

  it('re-enables a site once it passes again', async () => {
    await fake.close();
    fake = await startFakeSites(DOC, {});
    fake.writeCatalogue(catalogueFile);
    const out = await run('--disable-broken', '--tag', 'social');
    assert.match(out, /ok 5, broken 0, inconclusive 0/);
    assert.ok(Object.values(state().sites).every((s) => !s.disabled));
  });
});
