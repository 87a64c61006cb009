import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { sanctionsSettingsOf, startEngineJobs } from '../../jobs/engine-jobs.ts';
import { syncSanctionsLists } from '../../jobs/sanctions-sync.ts';
import { FakeListPublisher } from './fake-list-publisher.ts';
import { sanctionsEu, sanctionsOfac, sanctionsUk, sanctionsUn } from './sanctions-connectors.ts';

type Body = {
  entities: { profile: { sanctions?: Record<string, unknown>[] } }[];
  source_coverage: { available: string[]; unavailable: string[]; unavailability_reason: string | null; details: { connector_id: string; outcome: string; detail?: string }[] };
};

describe('sanctions connectors in a lookup', () => {
  let publisher: FakeListPublisher;
  let t: TestEngine;
  let key: string;

  const lookup = async (identifiers: { type: string; value: string }[], depth = 'standard'): Promise<Body> => {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers, options: { depth } } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Body;
  };
  const hits = (body: Body) => body.entities.flatMap((e) => e.profile.sanctions ?? []);
  const sync = () => syncSanctionsLists({ db: t.engine.database.db, http: t.engine.connectorServices.http, logger: t.engine.logger, settings: sanctionsSettingsOf(t.engine) });

  before(async () => {
    publisher = await FakeListPublisher.start();
    t = await startTestEngine({ env: publisher.urlSettings(), connectorDefinitions: [sanctionsOfac, sanctionsUn, sanctionsEu, sanctionsUk] });
    key = (await t.createKey(['analyst'])).key;
  });
  after(async () => {
    await t.close();
    await publisher.close();
  });

  it('reports "list not synced yet" instead of a false no-hit before the first sync', async () => {
    const body = await lookup([{ type: 'name', value: 'Vladimir Putin' }]);
    assert.deepEqual(body.source_coverage.available, []);
    assert.deepEqual(body.source_coverage.unavailable.sort(), ['sanctions_eu', 'sanctions_ofac', 'sanctions_uk', 'sanctions_un']);
    assert.equal(body.source_coverage.unavailability_reason, 'connector_error');
    const ofac = body.source_coverage.details.find((d) => d.connector_id === 'sanctions_ofac')!;
    assert.equal(ofac.detail, 'list not synced yet: ofac_sdn, ofac_consolidated');
    const health = await t.inject({ method: 'GET', url: '/v1/connectors/sanctions_un/health', headers: { 'x-api-key': key } });
    assert.equal(health.json().status, 'unreachable');
    assert.match(health.json().error, /list not synced yet/);
    assert.equal(publisher.requests.length, 0, 'a lookup never downloads');
  });

  it('finds a listed person by a transliterated name, with list, entry, program, score and explanation', async () => {
    await sync();
    const body = await lookup([{ type: 'name', value: 'Владимир Путин | dob: 1952-10-07 | nationality: RU' }]);
    assert.deepEqual(body.source_coverage.available.sort(), ['sanctions_eu', 'sanctions_ofac', 'sanctions_uk', 'sanctions_un']);
    const [hit, ...others] = hits(body);
    assert.equal(others.length, 0, JSON.stringify(others));
    assert.equal(hit!.list, 'ofac_sdn');
    assert.equal(hit!.entry_id, '35096');
    assert.equal(hit!.program, 'RUSSIA-EO14024');
    assert.equal(hit!.entry_type, 'individual');
    assert.equal(hit!.matched_name, 'PUTIN, Vladimir');
    assert.equal(hit!.alias_quality, 'strong');
    assert.equal(hit!.score, 1);
    assert.equal(hit!.list_published_at, '2026-11-20T00:00:00.000Z');
    assert.match(String(hit!.explanation), /date of birth 1952-10-07 matches listed 1952-10-07 \(\+0\.08\); nationality RU matches the list \(\+0\.03\)/);
    const ofac = body.source_coverage.details.find((d) => d.connector_id === 'sanctions_ofac')!;
    assert.equal(ofac.detail, 'checked against ofac_sdn published 2026-11-20, ofac_consolidated published 2026-11-18');
  });

  it('screens company names across lists and reports listing dates where the list has them', async () => {
    const body = await lookup([{ type: 'company_name', value: 'KOMID' }, { type: 'company_name', value: 'ЧВК Вагнер' }]);
    const byList = new Map(hits(body).map((h) => [h.list, h]));
    assert.equal(byList.get('un_consolidated')!.entry_id, 'KPe.001');
    assert.equal(byList.get('un_consolidated')!.listed_date, '2009-04-24');
    assert.equal(byList.get('un_consolidated')!.program, 'DPRK');
    assert.equal(byList.get('uk_ofsi')!.entry_id, '13917');
    assert.equal(byList.get('uk_ofsi')!.matched_name, 'ЧВК Вагнер');
  });

  it('runs at depth deep as well (sanctions are always queried)', async () => {
    const body = await lookup([{ type: 'name', value: 'Sergei Shoigu' }], 'deep');
    assert.equal(hits(body).find((h) => h.list === 'eu_fsf')!.entry_id, 'EU.6559.86');
  });

  it('lowers a hit below the threshold when the date of birth contradicts the list', async () => {
    const body = await lookup([{ type: 'name', value: 'Roman Abramovich | dob: 1990-01-01' }]);
    assert.deepEqual(hits(body), []);
    assert.ok(body.source_coverage.available.includes('sanctions_uk'), 'checked, and no hit');
  });

  it('picks up a newly synced version on the next lookup without a restart', async () => {
    const before = hits(await lookup([{ type: 'name', value: 'Saddam Hussein' }]))[0]!;
    assert.equal(before.list_published_at, '2026-11-19T16:00:05.234Z');
    const newer = FakeListPublisher.fixture('un_consolidated').toString().replace('2026-11-19T16:00:05.234Z', '2026-11-22T09:00:00.000Z');
    publisher.set('un_consolidated', { kind: 'serve', body: Buffer.from(newer) });
    await sync();
    const afterHit = hits(await lookup([{ type: 'name', value: 'Saddam Hussein' }]))[0]!;
    assert.equal(afterHit.list_published_at, '2026-11-22T09:00:00.000Z');
    assert.notEqual(afterHit.list_version, before.list_version);
    const health = await t.inject({ method: 'GET', url: '/v1/connectors/sanctions_un/health', headers: { 'x-api-key': key } });
    assert.equal(health.json().status, 'reachable');
  });

  it('lists the download hosts as egress', async () => {
    const res = await t.inject({ method: 'GET', url: '/v1/connectors', headers: { 'x-api-key': key } });
    const ofac = (res.json() as { connectors: { id: string; egress: unknown[] }[] }).connectors.find((c) => c.id === 'sanctions_ofac')!;
    assert.deepEqual(ofac.egress, [{ host: '127.0.0.1', port: new URL(publisher.baseUrl).port === '' ? 80 : Number(new URL(publisher.baseUrl).port), protocol: 'http' }]);
  });
});

describe('sanctions sync as a background job', () => {
  it('syncs on start when no list was ever synced, through the pg-boss runner', async () => {
    const publisher = await FakeListPublisher.start();
    const t = await startTestEngine({ env: publisher.urlSettings(), connectorDefinitions: [sanctionsUn] });
    const runner = await startEngineJobs(t.engine, { pollingIntervalSeconds: 0.5 });
    try {
      const end = Date.now() + 60_000;
      while ((await t.engine.connectorServices.datasets.version('sanctions.uk_ofsi')) === null) {
        if (Date.now() > end) throw new Error('the sync on start never stored the UK list');
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(runner.jobs(), [
        { name: 'sanctions-sync', cron: '0 3 * * *' },
        { name: 'retention-purge', cron: '17 * * * *' },
        { name: 'connector-health', cron: '*/5 * * * *' },
      ]);
      assert.ok(publisher.requests.some((r) => r.startsWith('/resources/xml/en/consolidated.xml')));
    } finally {
      await runner.stop();
      await t.close();
      await publisher.close();
    }
  });
});
