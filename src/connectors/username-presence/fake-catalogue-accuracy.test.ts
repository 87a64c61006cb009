/**
 * Every definition of the real Maigret and Sherlock catalogues, exercised offline: the fake
 * serves each site from its own rules, and each site is checked with its claimed name and a
 * name that should not exist (the self-check). A share of the sites answer with block pages,
 * captcha pages wrapped around the real profile, rate limits or server errors instead.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loopbackHttpClient, MAIGRET_SITES, readSharedJson, SHERLOCK_SITES } from '../../../test/helpers/username-sites.ts';
import { BUILTIN_CATALOGUE } from './catalogue-source.ts';
import { type FakeMode, type FakeSites, startFakeSites } from './fake-sites-server.ts';
import { siteHash } from './fake-site-pages.ts';
import { AgentPool } from './proxy-routes.ts';
import { runSelfCheck, type SelfCheckReport } from './self-check.ts';

/**
 * Sites that probe the very same URL (several Maigret entries share one API) are one site to
 * the fake, so the mode is drawn per probe request, not per entry.
 */
const probeKeyOf = new Map<string, string>();

/** 70 % of sites behave normally; the rest block, captcha, rate-limit or fail. */
function modeOf(site: string): FakeMode {
  const slot = siteHash(`mode:${probeKeyOf.get(site) ?? site}`) % 20;
  if (slot < 14) return 'normal';
  if (slot < 16) return 'waf';
  if (slot < 18) return 'captcha';
  if (slot < 19) return 'rate_limit';
  return 'server_error';
}

async function selfCheckAgainstFake(document: unknown): Promise<{ report: SelfCheckReport; fake: FakeSites }> {
  const fake = await startFakeSites(document, { modeOf });
  for (const rule of fake.catalogue.rules) {
    // Ports differ from run to run; the key must not, so the split of modes is reproducible.
    const key = `${rule.method} ${(rule.probeUrl ?? rule.profileUrl).join('{}')} ${rule.payload?.join('{}') ?? ''}`;
    probeKeyOf.set(rule.name, key.replace(/127\.0\.0\.1:\d+/g, 'fake'));
  }
  const http = loopbackHttpClient();
  const agents = new AgentPool({ http, perHostLimit: 4, keepAliveMs: 4_000, defaultProxy: null, routes: [] });
  try {
    const sites = fake.catalogue.rules.filter((r) => !r.disabled);
    const report = await runSelfCheck(sites, {
      http,
      agentFor: (rule) => agents.agentFor(rule),
      requestTimeoutMs: 20_000,
      maxBodyBytes: 256 * 1024,
      userAgent: 'cairn-test',
      concurrency: 100,
      perHostLimit: 4,
      deadline: Date.now() + 300_000,
    });
    return { report, fake };
  } finally {
    await agents.close();
    await http.close();
  }
}

function assertAccuracy(name: string, report: SelfCheckReport): void {
  const normal = report.rows.filter((r) => modeOf(r.site) === 'normal' && r.claimed !== null);
  const truePositives = normal.filter((r) => r.claimed!.outcome === 'found').length;
  const falsePositives = report.rows.filter((r) => r.unclaimed?.outcome === 'found').length;
  const recall = truePositives / normal.length;
  const precision = truePositives / (truePositives + falsePositives);
  console.log(`# ${name}: ${report.rows.length} enabled sites, ${normal.length} serving normally; precision ${(precision * 100).toFixed(2)} %, recall ${(recall * 100).toFixed(2)} % (${truePositives}/${normal.length}); unclaimed found: ${falsePositives}`);

  assert.equal(falsePositives, 0, 'an unclaimed name was found');
  assert.ok(recall >= 0.99, `recall ${recall}`);
  const misses = normal.filter((r) => r.claimed!.outcome !== 'found').map((r) => `${r.site}: ${r.reason}`);
  console.log(`# ${name} misses: ${misses.join(' | ') || 'none'}`);

  for (const mode of ['waf', 'captcha'] as const) {
    const rows = report.rows.filter((r) => modeOf(r.site) === mode);
    assert.ok(rows.length > 0);
    const found = rows.filter((r) => r.claimed?.outcome === 'found' || r.unclaimed?.outcome === 'found');
    assert.deepEqual(found.map((r) => r.site), [], `${mode} pages read as found`);
    const blocked = rows.filter((r) => r.claimed?.outcome === 'blocked').length;
    console.log(`# ${name} ${mode}: ${rows.length} sites, claimed name blocked on ${blocked}`);
    // A site's own error marker may name the block first (e.g. "Captcha detected" → blocked, or "rate limit").
    assert.ok(rows.every((r) => r.claimed === null || ['blocked', 'rate_limited', 'skipped'].includes(r.claimed.outcome)), `${mode}: ${JSON.stringify(rows.find((r) => r.claimed && !['blocked', 'rate_limited', 'skipped'].includes(r.claimed.outcome)))}`);
  }
  const limited = report.rows.filter((r) => modeOf(r.site) === 'rate_limit' && r.claimed !== null && r.claimed.outcome !== 'skipped');
  assert.ok(limited.every((r) => r.claimed!.outcome === 'rate_limited'));
  const failing = report.rows.filter((r) => modeOf(r.site) === 'server_error' && r.claimed !== null && r.claimed.outcome !== 'skipped');
  assert.ok(failing.every((r) => r.claimed!.outcome === 'error'));
  // Blocked, limited and failing sites are inconclusive, never "broken", so never disabled on that evidence.
  assert.ok(report.rows.filter((r) => modeOf(r.site) !== 'normal').every((r) => r.verdict !== 'ok'));
}

describe('accuracy on the fake of the full Maigret catalogue', () => {
  let result: { report: SelfCheckReport; fake: FakeSites };
  before(async () => {
    result = await selfCheckAgainstFake(readSharedJson(MAIGRET_SITES));
  });
  after(() => result?.fake.close());

  it('finds claimed names, never finds unclaimed names, and never reads a block page as found', () => {
    assert.ok(result.report.rows.length > 2500, `${result.report.rows.length} enabled sites`);
    assertAccuracy('maigret', result.report);
  });
});

describe('accuracy on the fake of the full Sherlock catalogue', () => {
  let result: { report: SelfCheckReport; fake: FakeSites };
  before(async () => {
    result = await selfCheckAgainstFake(readSharedJson(SHERLOCK_SITES));
  });
  after(() => result?.fake.close());

  it('finds claimed names, never finds unclaimed names, and never reads a block page as found', () => {
    assert.equal(result.report.rows.length, 481);
    assertAccuracy('sherlock', result.report);
  });
});

describe('accuracy on the fake of the shipped catalogue', () => {
  let result: { report: SelfCheckReport; fake: FakeSites };
  before(async () => {
    result = await selfCheckAgainstFake(JSON.parse(fs.readFileSync(BUILTIN_CATALOGUE, 'utf8')));
  });
  after(() => result?.fake.close());

  it('finds claimed names, never finds unclaimed names, and never reads a block page as found', () => {
    assertAccuracy('shipped', result.report);
  });
});
