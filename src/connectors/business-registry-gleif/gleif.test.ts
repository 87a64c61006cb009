import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { FakeGleif } from './fake-gleif.ts';
import { businessRegistryGleif } from './gleif-connector.ts';

type Body = {
  entities: { profile: { organizations?: Record<string, unknown>[] } }[];
  source_coverage: { available: string[]; unavailable: string[]; unavailability_reason: string | null; details: { connector_id: string; outcome: string; detail?: string }[] };
};

describe('business_registry_gleif against a fake GLEIF API', () => {
  let gleif: FakeGleif;
  let t: TestEngine;
  let key: string;
  const lookup = async (identifiers: { type: string; value: string }[]): Promise<Body> => {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Body;
  };
  const organizations = (body: Body) => body.entities.flatMap((e) => e.profile.organizations ?? []);

  before(async () => {
    gleif = await FakeGleif.start();
    t = await startTestEngine({ env: { CONNECTOR_GLEIF_BASE_URL: gleif.baseUrl, CONNECTOR_TIMEOUT_SECONDS: '1' }, connectorDefinitions: [businessRegistryGleif] });
    key = (await t.createKey(['analyst'])).key;
  });
  after(async () => {
    await t.close();
    await gleif.close();
  });

  it('maps an LEI record to the organization fields, and leaves out companies that only share a word', async () => {
    const body = await lookup([{ type: 'company_name', value: 'Apple Inc' }]);
    assert.deepEqual(body.source_coverage.available, ['business_registry_gleif']);
    const orgs = organizations(body);
    assert.equal(orgs.length, 1, JSON.stringify(orgs));
    const apple = orgs[0]!;
    assert.equal(apple.organization_name, 'APPLE INC.');
    assert.equal(apple.jurisdiction_code, 'us_ca');
    assert.equal(apple.company_number, 'C0806592');
    assert.equal(apple.current_status, 'Active');
    assert.equal(apple.incorporation_date, '1977-01-03');
    assert.equal(apple.registered_address_in_full, 'C/O C T CORPORATION SYSTEM, 330 N BRAND BLVD, STE 700, GLENDALE, US-CA, 91203-2336, US');
    assert.equal(apple.lei, 'HWUPKR0MPOU8FGXBT394');
    assert.equal(apple.headquarters_address, 'ONE APPLE PARK WAY, CUPERTINO, US-CA, 95014, US');
    assert.ok(gleif.requests.some((r) => r.includes('filter%5Bfulltext%5D=Apple+Inc') || r.includes('filter[fulltext]=Apple')));
  });

  it('matches other names and falls back to fuzzy completions when full text finds nothing', async () => {
    const byOtherName = organizations(await lookup([{ type: 'company_name', value: 'Siemens AG' }]));
    assert.equal(byOtherName[0]!.company_number, 'HRB 6684');
    const requestsBefore = gleif.requests.length;
    const typo = organizations(await lookup([{ type: 'company_name', value: 'Siemnes' }]));
    assert.equal(typo[0]!.lei, 'W38RGI023J3WT1HWRP32');
    assert.ok(gleif.requests.slice(requestsBefore).some((r) => r.startsWith('/api/v1/fuzzycompletions')));
  });

  it('tries a domain as the company name its label spells, at low confidence, and says so', async () => {
    const body = await lookup([{ type: 'domain', value: 'acme-widgets.co.uk' }]);
    const [acme] = organizations(body);
    assert.equal(acme!.organization_name, 'ACME WIDGETS LIMITED');
    assert.equal(acme!.current_status, 'Inactive');
    assert.ok(Number(acme!.confidence) < 0.5);
    const none = await lookup([{ type: 'domain', value: 'example.com' }]);
    assert.deepEqual(organizations(none), []);
    assert.equal(none.source_coverage.details[0]!.outcome, 'no_data');
  });

  const failures: [string, 'rate_limited' | 'server_error' | 'hang', string, RegExp][] = [
    ['429', 'rate_limited', 'rate_limited', /rate limited by GLEIF \(HTTP 429\); retry after 60 s/],
    ['500', 'server_error', 'connector_error', /GLEIF answered HTTP 500/],
    ['no answer', 'hang', 'timeout', /no answer within 1000 ms/],
  ];
  for (const [label, behaviour, reason, detail] of failures) {
    it(`maps ${label} to ${reason} in source_coverage`, async () => {
      gleif.behaviour = behaviour;
      try {
        const body = await lookup([{ type: 'company_name', value: 'Apple Inc' }]);
        assert.deepEqual(body.source_coverage.unavailable, ['business_registry_gleif']);
        assert.equal(body.source_coverage.unavailability_reason, reason);
        assert.match(body.source_coverage.details[0]!.detail ?? '', detail);
      } finally {
        gleif.behaviour = 'ok';
      }
    });
  }
});
