import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { FakeOpenCorporates, VALID_TOKEN } from './fake-opencorporates.ts';
import { businessRegistryOpencorporates } from './opencorporates-connector.ts';

type Body = {
  entities: { profile: { organizations?: Record<string, unknown>[] } }[];
  source_coverage: { available: string[]; unavailable: string[]; unavailability_reason: string | null; details: { connector_id: string; outcome: string; detail?: string }[] };
};

describe('business_registry_opencorporates (BYOK) against a fake OpenCorporates API', () => {
  let oc: FakeOpenCorporates;
  const engines: TestEngine[] = [];
  const engine = async (token: string): Promise<{ t: TestEngine; key: string }> => {
    const t = await startTestEngine({
      env: { CONNECTOR_OPENCORPORATES_API_KEY: token, CONNECTOR_OPENCORPORATES_BASE_URL: oc.baseUrl, CONNECTOR_TIMEOUT_SECONDS: '1' },
      connectorDefinitions: [businessRegistryOpencorporates],
    });
    engines.push(t);
    return { t, key: (await t.createKey(['analyst'])).key };
  };
  const lookup = async ({ t, key }: { t: TestEngine; key: string }, value: string): Promise<Body> => {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'company_name', value }] } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Body;
  };

  before(async () => {
    oc = await FakeOpenCorporates.start();
  });
  after(async () => {
    for (const t of engines) await t.close();
    await oc.close();
  });

  it('is not active without its key', async () => {
    const t = await startTestEngine({ connectorDefinitions: [businessRegistryOpencorporates] });
    engines.push(t);
    assert.deepEqual(t.engine.connectors, []);
  });

  it('maps search results to organizations with the registry fields, best name matches only', async () => {
    const e = await engine(VALID_TOKEN);
    const body = await lookup(e, 'Acme Corp');
    assert.deepEqual(body.source_coverage.available, ['business_registry_opencorporates']);
    const orgs = body.entities.flatMap((x) => x.profile.organizations ?? []);
    assert.deepEqual(orgs.map((o) => `${o.jurisdiction_code}/${o.company_number}`).sort(), ['gb/04567890', 'us_de/2345678']);
    const gb = orgs.find((o) => o.jurisdiction_code === 'gb')!;
    assert.equal(gb.current_status, 'Dissolved');
    assert.equal(gb.incorporation_date, '2002-10-14');
    assert.equal(gb.registered_address_in_full, '10 High Street, Reading, RG1 1AA');
    assert.deepEqual(gb.previous_names, ['ACME TRADING LIMITED']);
    const sent = oc.requests.at(-1)!;
    assert.equal(sent.url.searchParams.get('q'), 'Acme Corp');
    assert.equal(JSON.stringify(body).includes(VALID_TOKEN), false, 'the token never appears in the report');
    const health = await e.t.inject({ method: 'GET', url: '/v1/connectors/business_registry_opencorporates/health', headers: { 'x-api-key': e.key } });
    assert.equal(health.json().status, 'reachable');
  });

  it('reports credentials_invalid for a refused token, in lookups and in health', async () => {
    const e = await engine('wrong-token');
    const body = await lookup(e, 'Acme Corp');
    assert.equal(body.source_coverage.unavailability_reason, 'credentials_invalid');
    assert.equal(body.source_coverage.details[0]!.detail, 'OpenCorporates refused the API key (HTTP 401)');
    const health = await e.t.inject({ method: 'GET', url: '/v1/connectors/business_registry_opencorporates/health', headers: { 'x-api-key': e.key } });
    assert.equal(health.json().status, 'unreachable');
    assert.equal(health.json().error, 'OpenCorporates refused the API key (HTTP 401)');
    assert.ok(!e.t.logs.some((l) => JSON.stringify(l).includes('wrong-token')), 'the key is never logged');
  });

  const failures: [string, 'rate_limited' | 'quota_exceeded' | 'hang', string, RegExp][] = [
    ['429', 'rate_limited', 'rate_limited', /rate limited by OpenCorporates \(HTTP 429\); retry after 30 s/],
    ['403 for an exhausted allowance', 'quota_exceeded', 'rate_limited', /HTTP 403: Usage limits exceeded/],
    ['no answer', 'hang', 'timeout', /no answer within 1000 ms/],
  ];
  for (const [label, behaviour, reason, detail] of failures) {
    it(`maps ${label} to ${reason}`, async () => {
      const e = engines.find((x) => x.engine.connectors.length > 0 && x.engine.config.env.CONNECTOR_OPENCORPORATES_API_KEY === VALID_TOKEN)!;
      oc.behaviour = behaviour;
      try {
        const body = await lookup({ t: e, key: (await e.createKey(['analyst'])).key }, 'Acme Corp');
        assert.equal(body.source_coverage.unavailability_reason, reason);
        assert.match(body.source_coverage.details[0]!.detail ?? '', detail);
      } finally {
        oc.behaviour = 'ok';
      }
    });
  }
});
