import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { FakeListPublisher } from '../connectors/sanctions/fake-list-publisher.ts';
import { LIST_SOURCES } from '../connectors/sanctions/list-sources.ts';
import { datasetIdOf, type SanctionsList } from '../connectors/sanctions/sanctions-list.ts';
import { sanctionsSettingsSchema, type SanctionsSettings } from '../connectors/sanctions/sanctions-settings.ts';
import type { ConnectorLogger } from '../connectors/sdk.ts';
import { GuardedResolver } from '../net/guarded-lookup.ts';
import { GuardedHttpClient } from '../net/http-client.ts';
import { type OpenDatabase, openDatabase } from '../store/database.ts';
import { listSyncStatus } from '../store/dataset-sync-repository.ts';
import { createDatasetReader } from '../store/datasets-repository.ts';
import { type SanctionsSyncDeps, syncSanctionsLists } from './sanctions-sync.ts';

const quiet: ConnectorLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('sanctions list sync', () => {
  let publisher: FakeListPublisher;
  let testDb: TestDatabase;
  let database: OpenDatabase;
  let http: GuardedHttpClient;
  let deps: SanctionsSyncDeps;

  const settings = (extra: Record<string, string> = {}): SanctionsSettings => sanctionsSettingsSchema.parse({ ...publisher.urlSettings(), ...extra });
  const reader = () => createDatasetReader(database.db);
  const stored = async (list: Parameters<typeof datasetIdOf>[0]) => (await reader().read(datasetIdOf(list)))?.content as SanctionsList | undefined;
  const datasetRows = async () => (await database.db.selectFrom('datasets').select(['id', 'version']).execute()).length;

  before(async () => {
    publisher = await FakeListPublisher.start();
    http = new GuardedHttpClient(new GuardedResolver({ allowLoopback: true }));
  });
  after(async () => {
    await http.close();
    await publisher.close();
  });
  beforeEach(async () => {
    if (database) {
      await database.close();
      await testDb.drop();
    }
    testDb = await createTestDatabase();
    database = await openDatabase(testDb.target);
    for (const list of ['ofac_sdn', 'ofac_consolidated', 'un_consolidated', 'eu_fsf', 'uk_ofsi'] as const) publisher.set(list, { kind: 'serve' });
    deps = { db: database.db, http, logger: quiet, settings: settings() };
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  it('downloads, parses and stores every list with its publication date', async () => {
    const results = await syncSanctionsLists(deps);
    assert.deepEqual(
      results.map((r) => [r.list, r.outcome, r.entries]),
      [
        ['ofac_sdn', 'updated', 4],
        ['ofac_consolidated', 'updated', 2],
        ['un_consolidated', 'updated', 3],
        ['eu_fsf', 'updated', 2],
        ['uk_ofsi', 'updated', 3],
      ],
    );
    const sdn = await reader().read(datasetIdOf('ofac_sdn'));
    assert.match(sdn!.version, /^2026-11-20\+[0-9a-f]{12}$/);
    assert.equal(sdn!.publishedAt, '2026-11-20T00:00:00.000Z');
    const content = sdn!.content as SanctionsList;
    assert.equal(content.source, publisher.urlOf('ofac_sdn'));
    assert.equal(content.entries.find((e) => e.id === '35096')!.names[0]!.name, 'PUTIN, Vladimir Vladimirovich');
    assert.equal((await stored('un_consolidated'))!.published_at, '2026-11-19T16:00:05.234Z');
    const status = await listSyncStatus(database.db);
    assert.equal(status.length, 5);
    assert.ok(status.every((s) => s.lastOutcome === 'updated' && s.lastError === null && s.lastSuccessAt !== null));
  });

  it('is idempotent: the same publications again change nothing', async () => {
    await syncSanctionsLists(deps);
    const versions = await Promise.all(LIST_SOURCES.map((s) => reader().version(datasetIdOf(s.list))));
    const again = await syncSanctionsLists(deps);
    assert.ok(again.every((r) => r.outcome === 'unchanged'), JSON.stringify(again));
    assert.deepEqual(await Promise.all(LIST_SOURCES.map((s) => reader().version(datasetIdOf(s.list)))), versions);
    assert.equal(await datasetRows(), 5);
    const status = await listSyncStatus(database.db);
    assert.ok(status.every((s) => s.lastOutcome === 'unchanged'));
  });

  it('stores a new publication as a new current version', async () => {
    await syncSanctionsLists(deps, { groups: ['un'] });
    const before = await reader().version(datasetIdOf('un_consolidated'));
    const newer = FakeListPublisher.fixture('un_consolidated')
      .toString()
      .replace('dateGenerated="2026-11-19T16:00:05.234Z"', 'dateGenerated="2026-11-21T16:00:00.000Z"')
      .replace('<FIRST_NAME>SADDAM</FIRST_NAME>', '<FIRST_NAME>SADDAM</FIRST_NAME><!-- amended -->');
    publisher.set('un_consolidated', { kind: 'serve', body: Buffer.from(newer) });
    const [result] = await syncSanctionsLists(deps, { groups: ['un'] });
    assert.equal(result!.outcome, 'updated');
    const after = await reader().version(datasetIdOf('un_consolidated'));
    assert.notEqual(after, before);
    assert.match(after!, /^2026-11-21\+/);
  });

  const failures: [string, (p: FakeListPublisher) => void, RegExp][] = [
    ['a half-downloaded file (connection dropped before Content-Length)', (p) => p.set('ofac_sdn', { kind: 'cut', after: 1500 }), /download failed/],
    ['a file cut off at a clean byte boundary but served whole', (p) => p.set('ofac_sdn', { kind: 'serve', body: FakeListPublisher.fixture('ofac_sdn').subarray(0, 2000) }), /not well-formed XML/],
    ['an HTML error page served with 200', (p) => p.set('ofac_sdn', { kind: 'serve', body: Buffer.from('<html><body>Maintenance</body></html>') }), /no sdnList root/],
    ['a 503 from the publisher', (p) => p.set('ofac_sdn', { kind: 'status', status: 503 }), /HTTP 503/],
  ];
  for (const [label, breakIt, reason] of failures) {
    it(`keeps the previous list in place after ${label}`, async () => {
      await syncSanctionsLists(deps);
      const before = await reader().read(datasetIdOf('ofac_sdn'));
      breakIt(publisher);
      const results = await syncSanctionsLists(deps);
      const sdn = results.find((r) => r.list === 'ofac_sdn')!;
      assert.equal(sdn.outcome, 'failed');
      assert.match(sdn.error!, reason);
      assert.ok(results.filter((r) => r.list !== 'ofac_sdn').every((r) => r.outcome === 'unchanged'), 'the other lists still synced');
      const after = await reader().read(datasetIdOf('ofac_sdn'));
      assert.equal(after!.version, before!.version);
      assert.deepEqual(after!.content, before!.content);
      const status = (await listSyncStatus(database.db)).find((s) => s.datasetId === datasetIdOf('ofac_sdn'))!;
      assert.equal(status.lastOutcome, 'failed');
      assert.equal(status.consecutiveFailures, 1);
      assert.ok(status.lastSuccessAt !== null, 'the last success is remembered');
      assert.equal((await reader().describe(datasetIdOf('ofac_sdn')))!.lastSyncError, sdn.error);
    });
  }

  it('refuses a download larger than SANCTIONS_MAX_BYTES and one that never answers', async () => {
    deps = { ...deps, settings: { ...settings({ SANCTIONS_MAX_BYTES: '2048' }), SANCTIONS_DOWNLOAD_TIMEOUT_SECONDS: 1 } };
    publisher.set('un_consolidated', { kind: 'hang' });
    const results = await syncSanctionsLists(deps, { groups: ['ofac', 'un'] });
    assert.match(results.find((r) => r.list === 'ofac_sdn')!.error!, /exceeded 2048 bytes/);
    assert.match(results.find((r) => r.list === 'un_consolidated')!.error!, /timed out/);
    assert.equal(await reader().version(datasetIdOf('ofac_sdn')), null);
  });

  it('refuses a list that shrank below SANCTIONS_MIN_RETAINED_PERCENT unless forced', async () => {
    await syncSanctionsLists(deps, { groups: ['ofac'] });
    // The same publication with only its last entry left.
    const full = FakeListPublisher.fixture('ofac_sdn').toString().replace('<Record_Count>4</Record_Count>', '<Record_Count>1</Record_Count>');
    const one = full.slice(0, full.indexOf('<sdnEntry>')) + full.slice(full.lastIndexOf('<sdnEntry>'));
    publisher.set('ofac_sdn', { kind: 'serve', body: Buffer.from(one) });
    const [refused] = await syncSanctionsLists(deps, { groups: ['ofac'] });
    assert.equal(refused!.outcome, 'failed');
    assert.match(refused!.error!, /holds 1 entries, 25% of the 4 stored/);
    const [forced] = await syncSanctionsLists(deps, { groups: ['ofac'], force: true });
    assert.equal(forced!.outcome, 'updated');
    assert.equal((await stored('ofac_sdn'))!.entry_count, 1);
  });

  it('loads files from a directory (air-gapped) or from SANCTIONS_<LIST>_PATH without any download', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-lists-'));
    try {
      for (const source of LIST_SOURCES) fs.writeFileSync(path.join(dir, source.fileName), FakeListPublisher.fixture(source.list));
      const requestsBefore = publisher.requests.length;
      const results = await syncSanctionsLists(deps, { fromPath: dir });
      assert.ok(results.every((r) => r.outcome === 'updated' && r.source.startsWith('file:')), JSON.stringify(results));
      assert.equal(publisher.requests.length, requestsBefore, 'nothing was downloaded');

      const unPath = path.join(dir, 'un-consolidated.xml');
      deps = { ...deps, settings: settings({ SANCTIONS_UN_PATH: unPath }) };
      const [un] = await syncSanctionsLists(deps, { groups: ['un'] });
      assert.equal(un!.source, `file:${unPath}`);
      assert.equal(un!.outcome, 'unchanged');
      const [missing] = await syncSanctionsLists({ ...deps, settings: settings({ SANCTIONS_EU_PATH: path.join(dir, 'nope.xml') }) }, { groups: ['eu'] });
      assert.match(missing!.error!, /cannot read .*nope\.xml: ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
