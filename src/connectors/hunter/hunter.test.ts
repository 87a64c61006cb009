import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { FakeHunter, VALID_KEY } from './fake-hunter.ts';
import { hunter } from './hunter-connector.ts';

type Body = {
  entities: { profile: { emails?: Record<string, unknown>[]; organizations?: Record<string, unknown>[] } }[];
  source_coverage: { available: string[]; unavailable: string[]; unavailability_reason: string | null; details: { connector_id: string; outcome: string; detail?: string }[] };
};

describe('hunter (BYOK) against a fake Hunter API v2', () => {
  let fake: FakeHunter;
  let good: TestEngine;
  let bad: TestEngine;
  const lookup = async (t: TestEngine, domain: string): Promise<Body> => {
    const key = (await t.createKey(['analyst'])).key;
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'domain', value: domain }], options: { depth: 'deep' } } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Body;
  };
  const start = (apiKey: string) =>
    startTestEngine({ env: { CONNECTOR_HUNTER_API_KEY: apiKey, CONNECTOR_HUNTER_BASE_URL: fake.baseUrl, CONNECTOR_TIMEOUT_SECONDS: '1' }, connectorDefinitions: [hunter] });

  before(async () => {
    fake = await FakeHunter.start();
    good = await start(VALID_KEY);
    bad = await start('not-a-hunter-key');
  });
  after(async () => {
    await good.close();
    await bad.close();
    await fake.close();
  });

  it('lists the emails found for a domain, with type, confidence and owner, and the organisation', async () => {
    const body = await lookup(good, 'acme-widgets.example');
    const profile = body.entities[0]!.profile;
    const jane = profile.emails!.find((e) => e.email === 'jane@acme-widgets.example')!;
    assert.equal(jane.type, 'personal');
    assert.equal(jane.hunter_confidence, 94);
    assert.equal(jane.owner_name, 'Jane Doe');
    assert.equal(jane.position, 'Head of Compliance');
    assert.ok(profile.emails!.some((e) => e.email === 'info@acme-widgets.example' && e.type === 'generic'));
    assert.equal(profile.organizations![0]!.organization_name, 'Acme Widgets');
    const sent = fake.requests.find((r) => r.url.pathname === '/v2/domain-search')!;
    assert.equal(sent.url.searchParams.get('domain'), 'acme-widgets.example');
    assert.equal(sent.url.searchParams.get('limit'), '10');
    assert.equal(JSON.stringify(body).includes(VALID_KEY), false);
  });

  it('reports a domain without known addresses as checked, no data', async () => {
    const body = await lookup(good, 'quiet.example');
    assert.deepEqual(body.source_coverage.available, ['hunter']);
    assert.equal(body.source_coverage.details[0]!.outcome, 'no_data');
  });

  it('reports credentials_invalid for a refused key, and never logs it', async () => {
    const body = await lookup(bad, 'acme-widgets.example');
    assert.equal(body.source_coverage.unavailability_reason, 'credentials_invalid');
    assert.equal(body.source_coverage.details[0]!.detail, 'Hunter refused the API key (HTTP 401)');
    assert.ok(!bad.logs.some((l) => JSON.stringify(l).includes('not-a-hunter-key')));
  });

  const failures: [string, 'throttled' | 'usage_exhausted' | 'hang', string, RegExp][] = [
    ['403 rate limit', 'throttled', 'rate_limited', /HTTP 403: You have reached the rate limit/],
    ['429 usage limit', 'usage_exhausted', 'rate_limited', /rate limited by Hunter \(HTTP 429\)/],
    ['no answer', 'hang', 'timeout', /no answer within 1000 ms/],
  ];
  for (const [label, behaviour, reason, detail] of failures) {
    it(`maps ${label} to ${reason}`, async () => {
      fake.behaviour = behaviour;
      try {
        const body = await lookup(good, 'acme-widgets.example');
        assert.equal(body.source_coverage.unavailability_reason, reason);
        assert.match(body.source_coverage.details[0]!.detail ?? '', detail);
      } finally {
        fake.behaviour = 'ok';
      }
    });
  }
});
