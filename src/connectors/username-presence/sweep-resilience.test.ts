/**
 * A sweep against sites that misbehave: hanging, slow, blocking, rate limiting, failing. The
 * sweep must always return (its deadline is absolute), type every outcome, and respect its
 * global and per-host limits. Nothing here asserts on elapsed time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loopbackHttpClient } from '../../../test/helpers/username-sites.ts';
import type { Catalogue } from './catalogue.ts';
import { type FakeMode, type FakeSites, startFakeSites } from './fake-sites-server.ts';
import { AgentPool } from './proxy-routes.ts';
import type { SiteRule } from './site-rule.ts';
import { planProbe } from './site-probe.ts';
import { dispatchOrder, runSweep, type SweepOptions } from './sweep.ts';

const site = (host: string, extra: Record<string, unknown> = {}) => ({
  url: `https://${host}/u/{}`,
  urlMain: `https://${host}/`,
  errorType: 'status_code',
  username_claimed: 'alice',
  ...extra,
});

const DOC: Record<string, unknown> = {
  Fine: site('fine.example'),
  Hanging: site('hanging.example'),
  Slow: site('slow.example'),
  Waf: site('waf.example'),
  Limited: site('limited.example'),
  Failing: site('failing.example'),
  Strict: site('strict.example', { regexCheck: '^[0-9]+$' }),
  SoftStatus: site('soft-status.example'),
  SoftMarker: site('soft-marker.example', { errorType: 'message', errorMsg: 'No such user' }),
};
for (let i = 0; i < 12; i++) DOC[`Shared${i}`] = site('shared.example', { url: `https://shared.example/s${i}/{}` });
for (let i = 0; i < 20; i++) DOC[`Wide${i}`] = site(`wide${i}.example`);

const MODES: Record<string, FakeMode> = {
  Hanging: 'hang',
  Slow: 'slow',
  Waf: 'waf',
  Limited: 'rate_limit',
  Failing: 'server_error',
  SoftStatus: 'always_claimed',
  SoftMarker: 'always_claimed',
};

describe('sweeps against misbehaving sites', { concurrency: 1 }, () => {
  let fake: FakeSites;
  let catalogue: Catalogue;
  const http = loopbackHttpClient();
  const agents = new AgentPool({ http, perHostLimit: 2, keepAliveMs: 2_000, defaultProxy: null, routes: [] });
  const options = (overrides: Partial<SweepOptions> = {}): SweepOptions => ({
    http,
    agentFor: (rule) => agents.agentFor(rule),
    requestTimeoutMs: 60_000,
    maxBodyBytes: 64 * 1024,
    userAgent: 'cairn-test',
    concurrency: 10,
    perHostLimit: 2,
    deadline: Date.now() + 60_000,
    ...overrides,
  });
  const rules = (...names: string[]): SiteRule[] => names.map((n) => catalogue.rules.find((r) => r.name === n)!);
  const jobs = (names: string[], username = 'alice') => rules(...names).map((rule) => ({ rule, username }));

  before(async () => {
    fake = await startFakeSites(DOC, { modeOf: (name) => MODES[name] ?? 'normal', slowMs: 120_000, latencyMs: 20 });
    catalogue = fake.catalogue;
  });
  after(async () => {
    await agents.close();
    await http.close();
    await fake.close();
  });

  it('returns at its deadline with partial results when a site hangs', async () => {
    const { results, summary } = await runSweep(jobs(['Fine', 'Hanging', 'Slow']), options({ deadline: Date.now() + 4_000 }));
    const byName = Object.fromEntries(results.map((r) => [r.site, r]));
    assert.equal(byName.Fine!.outcome, 'found');
    assert.equal(byName.Hanging!.outcome, 'error');
    assert.match(byName.Hanging!.reason, /^deadline/);
    assert.equal(byName.Slow!.outcome, 'error');
    assert.equal(summary.deadlineReached, true);
    assert.equal(summary.notReached, 2);
  });

  it('types a request timeout as an error, and the sweep goes on', async () => {
    const { results } = await runSweep(jobs(['Hanging', 'Fine']), options({ requestTimeoutMs: 1_500 }));
    assert.equal(results[0]!.outcome, 'error');
    assert.match(results[0]!.reason, /^timeout/);
    assert.equal(results[1]!.outcome, 'found');
  });

  it('reads block pages as blocked, 429 as rate_limited and 500 as error', async () => {
    const { results, summary } = await runSweep(jobs(['Waf', 'Limited', 'Failing']), options());
    assert.deepEqual(results.map((r) => r.outcome), ['blocked', 'rate_limited', 'error']);
    assert.deepEqual([summary.counts.found, summary.counts.blocked, summary.counts.rate_limited, summary.counts.error], [0, 1, 1, 1]);
  });

  it('skips a username the site pattern refuses, without a request', async () => {
    const before = fake.served;
    const { results } = await runSweep(jobs(['Strict']), options());
    assert.equal(results[0]!.outcome, 'skipped');
    assert.equal(fake.served, before);
    const digits = await runSweep(jobs(['Strict'], '12345'), options());
    assert.equal(digits.results[0]!.outcome, 'not_found');
  });

  it('calls a site that answers every name the same way not found (control probe)', async () => {
    const { results } = await runSweep(jobs(['SoftStatus', 'SoftMarker', 'Fine']), options());
    assert.deepEqual(results.map((r) => r.outcome), ['not_found', 'not_found', 'found']);
    assert.match(results[0]!.reason, /soft 404/);
    assert.equal(results[2]!.control, 'confirmed');
  });

  it('never has more requests in flight than the global limit, nor per host than the host limit', async () => {
    const names = [...Array.from({ length: 12 }, (_, i) => `Shared${i}`), ...Array.from({ length: 20 }, (_, i) => `Wide${i}`)];
    const fresh = await startFakeSites(DOC, { latencyMs: 40 });
    const local = new AgentPool({ http, perHostLimit: 2, keepAliveMs: 2_000, defaultProxy: null, routes: [] });
    try {
      const sweepRules = names.map((n) => fresh.catalogue.rules.find((r) => r.name === n)!);
      const sharedFlag = new Map<string, boolean>();
      const agentFor = (rule: SiteRule, hostShared: boolean) => {
        sharedFlag.set(rule.name, hostShared);
        return local.agentFor(rule, hostShared);
      };
      const { summary } = await runSweep(sweepRules.map((rule) => ({ rule, username: 'alice' })), { ...options({ concurrency: 5, perHostLimit: 2 }), agentFor });
      assert.equal(summary.counts.found, 32);
      // The crowded host gets a pool (up to the host limit in parallel), a host of one site a single connection.
      assert.ok(names.every((n) => sharedFlag.get(n) === n.startsWith('Shared')), JSON.stringify([...sharedFlag]));
      assert.equal(fresh.peak.perPort, 2, 'the shared host was asked up to its limit in parallel');
      assert.ok(fresh.peak.total <= 5, `peak overall ${fresh.peak.total}`);
      assert.ok(fresh.peak.total >= 2, 'requests ran in parallel');
    } finally {
      await local.close();
      await fresh.close();
    }
  });

  it('queues the sites of a crowded host first, so its per-host rounds overlap the rest', () => {
    const picked = rules('Wide0', 'Shared0', 'Wide1', 'Shared1', 'Shared2', 'Wide2');
    const list = picked.map((rule) => ({ rule, username: 'alice' }));
    const order = dispatchOrder(list, list.map((j) => planProbe(j.rule, j.username, 'ua')), 2);
    assert.deepEqual(order.map((i) => picked[i]!.name), ['Shared0', 'Shared1', 'Shared2', 'Wide0', 'Wide1', 'Wide2']);
  });

  it('stops at once when the lookup is cancelled', async () => {
    const controller = new AbortController();
    const sweep = runSweep(jobs(['Hanging', 'Slow']), options({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('client gone')), 100);
    const { results } = await sweep;
    assert.ok(results.every((r) => r.outcome === 'error'));
  });
});
