/**
 * End to end: a real engine, `POST /v1/lookup` with a username, the connector reading a slice
 * of the real Maigret catalogue (engines included) from USERNAME_SITES_PATH, rewritten to the
 * loopback fake. The username exists on a handful of sites; two more show it behind a WAF page
 * and a captcha page.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { MAIGRET_SITES, readSharedJson } from '../../../test/helpers/username-sites.ts';
import { isUsernameAllowed } from './control-username.ts';
import { type FakeSites, startFakeSites } from './fake-sites-server.ts';
import type { SiteRule } from './site-rule.ts';
import { orderByRank } from './site-selection.ts';
import { usernamePresence } from './username-presence.ts';

const USERNAME = 'cairnprobe42';
const STANDARD_TOP = 40;

/** The 150 best-ranked Maigret sites, with the engines and tags they refer to. */
function maigretSlice(): unknown {
  const doc = readSharedJson(MAIGRET_SITES) as { sites: Record<string, { alexaRank?: number }>; engines: unknown; tags: unknown };
  const ranked = Object.entries(doc.sites)
    .filter(([, s]) => typeof s.alexaRank === 'number' && s.alexaRank > 0)
    .sort(([, a], [, b]) => a.alexaRank! - b.alexaRank!)
    .slice(0, 150);
  return { sites: Object.fromEntries(ranked), engines: doc.engines, tags: doc.tags };
}

interface Profile {
  platform: string;
  username: string;
  profile_url: string;
  confidence: number;
  extended: { evidence: { status: number; matched: string; kind: string; url: string } };
}

describe('username lookup through the engine', { concurrency: 1 }, () => {
  let fake: FakeSites;
  let t: TestEngine;
  let key: string;
  const claimed = new Set<string>();
  const blockedClaims = new Map<string, 'waf' | 'captcha'>();
  let inStandard: string[] = [];
  let onlyDeep: string[] = [];

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-username-'));
    fake = await startFakeSites(maigretSlice(), {
      isClaimed: (site, username) => username === USERNAME && (claimed.has(site) || blockedClaims.has(site)),
      modeOf: (site) => blockedClaims.get(site) ?? 'normal',
    });
    // Sites that will be checked, in the order the connector ranks them.
    const usable = orderByRank(fake.catalogue.rules.filter((r: SiteRule) => !r.disabled && isUsernameAllowed(r, USERNAME)));
    const top = usable.slice(0, STANDARD_TOP);
    inStandard = [top[0]!, top[5]!, top[17]!, top[33]!].map((r) => r.name);
    onlyDeep = [usable[STANDARD_TOP + 10]!.name];
    for (const name of [...inStandard, ...onlyDeep]) claimed.add(name);
    blockedClaims.set(top[2]!.name, 'waf');
    blockedClaims.set(top[3]!.name, 'captcha');
    const file = path.join(dir, 'sites.json');
    fake.writeCatalogue(file);
    t = await startTestEngine({
      connectorDefinitions: [usernamePresence],
      env: { USERNAME_SITES_PATH: file, CONNECTOR_USERNAME_PRESENCE_STANDARD_TOP: String(STANDARD_TOP), CONNECTOR_TIMEOUT_SECONDS: '60' },
    });
    key = (await t.createKey(['analyst'])).key;
  });
  after(async () => {
    await t?.close();
    await fake?.close();
  });

  const lookup = async (depth: 'standard' | 'deep') => {
    const res = await t.inject({
      method: 'POST',
      url: '/v1/lookup',
      headers: { 'x-api-key': key },
      payload: { identifiers: [{ type: 'username', value: `@${USERNAME}` }], options: { depth } },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { entities: { profile: { social_profiles?: Profile[] } }[]; source_coverage: { available: string[]; details: { connector_id: string; outcome: string; detail?: string }[] } };
  };

  it('finds the profiles among the top sites at depth standard, and none behind a block page', async () => {
    const body = await lookup('standard');
    const profiles = body.entities[0]?.profile.social_profiles ?? [];
    assert.deepEqual(profiles.map((p) => p.platform).sort(), [...inStandard].sort());
    for (const p of profiles) {
      assert.equal(p.username, USERNAME);
      assert.match(p.profile_url, /^http:\/\/127\.0\.0\.1:\d+\//);
      assert.ok(p.confidence > 0 && p.confidence <= 1);
      assert.equal(p.extended.evidence.status, 200);
      assert.ok(p.extended.evidence.matched.length > 0);
    }
    assert.deepEqual(body.source_coverage.available, ['username_presence']);
    const detail = body.source_coverage.details.find((d) => d.connector_id === 'username_presence')!;
    assert.equal(detail.outcome, 'ok');
    assert.match(detail.detail!, new RegExp(`^${STANDARD_TOP} site checks, found ${inStandard.length}, not_found \\d+, blocked 2,`));
  });

  it('checks every enabled site at depth deep', async () => {
    const body = await lookup('deep');
    const platforms = (body.entities[0]?.profile.social_profiles ?? []).map((p) => p.platform).sort();
    assert.deepEqual(platforms, [...inStandard, ...onlyDeep].sort());
  });
});
