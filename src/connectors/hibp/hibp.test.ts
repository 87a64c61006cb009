import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { FakeHibp, PWNED_EMAIL, VALID_KEY } from './fake-hibp.ts';
import { hibp } from './hibp-connector.ts';

type Body = {
  entities: { profile: { credentials?: Record<string, unknown>[]; indicators?: Record<string, unknown> } }[];
  source_coverage: { available: string[]; unavailable: string[]; unavailability_reason: string | null; details: { connector_id: string; outcome: string; detail?: string }[] };
};

describe('hibp (BYOK) against a fake Have I Been Pwned API v3', () => {
  let fake: FakeHibp;
  let good: TestEngine;
  let bad: TestEngine;
  const lookup = async (t: TestEngine, email: string): Promise<Body> => {
    const key = (await t.createKey(['analyst'])).key;
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'email', value: email }] } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Body;
  };
  const start = (apiKey: string) =>
    startTestEngine({ env: { CONNECTOR_HIBP_API_KEY: apiKey, CONNECTOR_HIBP_BASE_URL: fake.baseUrl, CONNECTOR_TIMEOUT_SECONDS: '1' }, connectorDefinitions: [hibp] });

  before(async () => {
    fake = await FakeHibp.start();
    good = await start(VALID_KEY);
    bad = await start('not-the-key');
  });
  after(async () => {
    await good.close();
    await bad.close();
    await fake.close();
  });

  it('turns each breach into a credential entry without any password, plus the breach indicator', async () => {
    const body = await lookup(good, PWNED_EMAIL);
    const profile = body.entities[0]!.profile;
    const credentials = profile.credentials!;
    assert.deepEqual(credentials.map((c) => c.source_name), ['Adobe', 'Example Forum']);
    const adobe = credentials[0]!;
    assert.equal(adobe.email, PWNED_EMAIL);
    assert.equal(adobe.breach_date, '2013-10-04');
    assert.deepEqual(adobe.data_classes, ['Email addresses', 'Password hints', 'Passwords', 'Usernames']);
    assert.equal(adobe.is_verified, true);
    assert.ok(credentials.every((c) => c.password === undefined && c.hash === undefined));
    assert.equal(profile.indicators!.has_breach_records, true);
    const sent = fake.requests.at(-1)!;
    assert.equal(sent.url.pathname, '/api/v3/breachedaccount/pwned%40example.com');
    assert.equal(sent.url.searchParams.get('truncateResponse'), 'false');
    assert.equal(sent.headers['hibp-api-key'], VALID_KEY);
    assert.ok(sent.headers['user-agent']);
    assert.equal(JSON.stringify(body).includes(VALID_KEY), false);
  });

  it('treats 404 as checked and not pwned', async () => {
    const body = await lookup(good, 'clean@example.com');
    assert.deepEqual(body.source_coverage.available, ['hibp']);
    assert.equal(body.source_coverage.details[0]!.outcome, 'no_data');
  });

  it('reports credentials_invalid for a refused key, and never logs it', async () => {
    const body = await lookup(bad, PWNED_EMAIL);
    assert.equal(body.source_coverage.unavailability_reason, 'credentials_invalid');
    assert.equal(body.source_coverage.details[0]!.detail, 'Have I Been Pwned refused the API key (HTTP 401)');
    const key = (await bad.createKey(['analyst'])).key;
    const health = await bad.inject({ method: 'GET', url: '/v1/connectors/hibp/health', headers: { 'x-api-key': key } });
    assert.equal(health.json().status, 'unreachable');
    assert.ok(!bad.logs.some((l) => JSON.stringify(l).includes('not-the-key')));
  });

  it('maps 429 to rate_limited with the Retry-After it gave', async () => {
    fake.behaviour = 'rate_limited';
    try {
      const body = await lookup(good, PWNED_EMAIL);
      assert.equal(body.source_coverage.unavailability_reason, 'rate_limited');
      assert.equal(body.source_coverage.details[0]!.detail, 'rate limited by Have I Been Pwned (HTTP 429); retry after 2 s');
    } finally {
      fake.behaviour = 'ok';
    }
  });

  it('maps no answer to timeout', async () => {
    fake.behaviour = 'hang';
    try {
      const body = await lookup(good, PWNED_EMAIL);
      assert.equal(body.source_coverage.unavailability_reason, 'timeout');
    } finally {
      fake.behaviour = 'ok';
    }
  });
});
