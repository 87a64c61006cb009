import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { FakePdl, KNOWN_EMAIL, VALID_KEY } from './fake-pdl.ts';
import { peopleDataLabs } from './pdl-connector.ts';

type Profile = Record<string, unknown> & {
  person?: Record<string, unknown>;
  phones?: Record<string, unknown>[];
  emails?: Record<string, unknown>[];
  addresses?: Record<string, unknown>[];
  organizations?: Record<string, unknown>[];
  social_profiles?: Record<string, unknown>[];
};
type Body = {
  entities: { profile: Profile }[];
  source_coverage: { available: string[]; unavailable: string[]; unavailability_reason: string | null; details: { connector_id: string; outcome: string; detail?: string }[]; not_queried: { connector_id: string; reason: string }[] };
};

describe('people_data_labs (BYOK) against a fake PDL API v5', () => {
  let fake: FakePdl;
  let good: TestEngine;
  let bad: TestEngine;
  const lookup = async (t: TestEngine, identifiers: { type: string; value: string }[], depth = 'deep'): Promise<Body> => {
    const key = (await t.createKey(['analyst'])).key;
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers, options: { depth } } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Body;
  };
  const start = (apiKey: string) =>
    startTestEngine({ env: { CONNECTOR_PDL_API_KEY: apiKey, CONNECTOR_PDL_BASE_URL: fake.baseUrl, CONNECTOR_TIMEOUT_SECONDS: '1' }, connectorDefinitions: [peopleDataLabs] });

  before(async () => {
    fake = await FakePdl.start();
    good = await start(VALID_KEY);
    bad = await start('wrong-key');
  });
  after(async () => {
    await good.close();
    await bad.close();
    await fake.close();
  });

  it('enriches a person into person, phones, emails, addresses, organizations and social profiles', async () => {
    const body = await lookup(good, [{ type: 'email', value: KNOWN_EMAIL }]);
    assert.deepEqual(body.source_coverage.available, ['people_data_labs']);
    const profile = body.entities[0]!.profile;
    assert.equal(profile.person!.full_name, 'Jane Q. Doe');
    assert.equal(profile.person!.dob, '1985-07-14');
    assert.deepEqual(profile.phones!.map((p) => p.number).sort(), ['+14155550123', '+14155550199']);
    assert.equal(profile.phones!.find((p) => p.number === '+14155550123')!.type, 'mobile');
    assert.deepEqual(profile.emails!.map((e) => e.email).sort(), ['jane.doe@example.com', 'jane@acme-widgets.example']);
    assert.equal(profile.addresses![0]!.address, '455 Market St, San Francisco, California, 94105, United States');
    assert.equal(profile.addresses![0]!.country, 'US');
    const acme = profile.organizations!.find((o) => o.organization_name === 'Acme Widgets')!;
    assert.equal(acme.job_title, 'Head of Compliance');
    assert.equal(acme.employees, '51-200');
    assert.equal(acme.domain, 'acme-widgets.example');
    assert.deepEqual(profile.social_profiles!.map((s) => s.profile_url).sort(), ['https://linkedin.com/in/janedoe-example', 'https://twitter.com/janedoe_ex']);
    const sent = fake.requests.find((r) => r.url.searchParams.get('email') === KNOWN_EMAIL)!;
    assert.equal(sent.headers['x-api-key'], VALID_KEY);
    assert.equal(sent.url.searchParams.get('min_likelihood'), '6');
    assert.equal(JSON.stringify(body).includes(VALID_KEY), false);
  });

  it('is a secondary connector: not asked at depth standard', async () => {
    const body = await lookup(good, [{ type: 'email', value: KNOWN_EMAIL }], 'standard');
    assert.deepEqual(body.source_coverage.not_queried, [{ connector_id: 'people_data_labs', reason: 'depth' }]);
  });

  it('treats 404 as checked with no match', async () => {
    const body = await lookup(good, [{ type: 'email', value: 'nobody@example.com' }]);
    assert.deepEqual(body.source_coverage.available, ['people_data_labs']);
    assert.equal(body.source_coverage.details[0]!.outcome, 'no_data');
  });

  it('reports credentials_invalid for a refused key (lookup and health)', async () => {
    const body = await lookup(bad, [{ type: 'email', value: KNOWN_EMAIL }]);
    assert.equal(body.source_coverage.unavailability_reason, 'credentials_invalid');
    const key = (await bad.createKey(['analyst'])).key;
    const health = await bad.inject({ method: 'GET', url: '/v1/connectors/people_data_labs/health', headers: { 'x-api-key': key } });
    assert.equal(health.json().status, 'unreachable');
    const goodKey = (await good.createKey(['analyst'])).key;
    const okHealth = await good.inject({ method: 'GET', url: '/v1/connectors/people_data_labs/health', headers: { 'x-api-key': goodKey } });
    assert.equal(okHealth.json().status, 'reachable');
  });

  const failures: [string, 'rate_limited' | 'out_of_credits' | 'hang', string, RegExp][] = [
    ['429', 'rate_limited', 'rate_limited', /rate limited by People Data Labs \(HTTP 429\); retry after 10 s/],
    ['402 (no credits left)', 'out_of_credits', 'rate_limited', /HTTP 402: account out of credits/],
    ['no answer', 'hang', 'timeout', /no answer within 1000 ms/],
  ];
  for (const [label, behaviour, reason, detail] of failures) {
    it(`maps ${label} to ${reason}`, async () => {
      fake.behaviour = behaviour;
      try {
        const body = await lookup(good, [{ type: 'email', value: KNOWN_EMAIL }]);
        assert.equal(body.source_coverage.unavailability_reason, reason);
        assert.match(body.source_coverage.details[0]!.detail ?? '', detail);
      } finally {
        fake.behaviour = 'ok';
      }
    });
  }
});
