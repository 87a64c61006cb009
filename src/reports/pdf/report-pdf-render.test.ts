import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { fakeConnector, inkPerPage, manyFindings, pdfsig, pdfText, runLookup, storeSignedReport } from '../../../test/helpers/report-fixtures.ts';
import type { LookupResponse } from '../../contract/lookup.ts';
import { parseTrustedKeys } from '../trusted-keys.ts';
import { listEmbeddedFiles } from './pdf-embedded-files.ts';
import { exportReportPdf } from './report-pdf.ts';
import { verifyReportPdf } from './verify-report-pdf.ts';

const EXPORTED_AT = new Date('2026-03-01T10:00:00.000Z');

describe('report PDF rendering', () => {
  let t: TestEngine;
  let key: { id: string; key: string };
  const render = (reportJson: string, includeProvenance = true, exportedAt = EXPORTED_AT): Promise<Buffer> =>
    exportReportPdf({
      reportJson,
      exportedAt,
      exportedBy: key.id,
      includeProvenance,
      engineVersion: t.engine.version,
      organizationId: t.engine.organizationId,
      signer: t.engine.signer,
      reportPublicKeyPem: t.engine.signer.publicKeyPem,
      keyRegisteredAt: new Date('2026-01-01T00:00:00Z'),
    });
  const stored = async (body: LookupResponse): Promise<string> => {
    const res = await t.inject({ method: 'GET', url: `/v1/lookup/${body.request_id}`, headers: { 'x-api-key': key.key } });
    return res.body;
  };

  before(async () => {
    t = await startTestEngine({
      connectorDefinitions: [fakeConnector('bulk_source', (value) => (value === 'prolific' ? manyFindings(value, 400) : [])), fakeConnector('quiet_source', () => [])],
    });
    key = await t.createKey(['analyst']);
  });
  after(() => t.close());

  function assertReadable(pdf: Buffer, report: LookupResponse): string {
    const ink = inkPerPage(pdf);
    assert.ok(ink.length >= 5, `expected cover, profiles, sources, lineage and verification pages, got ${ink.length}`);
    ink.forEach((count, i) => assert.ok(count > 500, `page ${i + 1} looks blank (${count} dark pixels)`));
    const text = pdfText(pdf);
    assert.ok(text.includes(report.request_id), 'request id extractable');
    assert.ok(text.includes(report.integrity!.report_hash), 'report hash extractable');
    assert.match(pdfsig(pdf), /Signature is Valid/);
    return text;
  }

  it('renders an empty (no_match) report with its coverage disclosure', async () => {
    const body = await runLookup(t, key.key, [{ type: 'username', value: 'nobody' }], 'CASE-EMPTY');
    assert.equal(body.resolution.status, 'no_match');
    const pdf = await render(await stored(body));
    const text = assertReadable(pdf, body);
    assert.match(text, /No entity matched this query/);
    assert.match(text, /Checked: bulk_source, quiet_source/);
    assert.match(text, /CASE-EMPTY/);
    assert.deepEqual(listEmbeddedFiles(pdf).sort(), ['export-provenance.json', 'report.canonical.json', 'report.json', 'signature.json']);
  });

  it('renders an ambiguous report: several entities, Unicode names in Latin, Cyrillic, Greek and CJK scripts', async () => {
    const base = await runLookup(t, key.key, [{ type: 'username', value: 'nobody' }]);
    const person = (full_name: string, phone: string, i: number) => ({
      entity_id: `ent_TEST${i}`,
      confidence: 0.5 - i * 0.1,
      profile: {
        person: { full_name, confidence: 0.6, sources: ['src_001'] },
        phones: [{ number: phone, carrier: 'テスト通信', confidence: 0.55, sources: ['src_001'] }],
      },
      traceability: {
        report_hash: '',
        signed_at: '',
        sources: [{ id: 'src_001', name: 'Test source', category: 'social_media' as const, retrieved_at: base.queried_at, confidence: 0.8 }],
        data_lineage: { 'profile.person.full_name': ['src_001'], 'profile.phones[0].number': ['src_001'] },
      },
    });
    const entities = [person('Иван Петров', '+79161234567', 0), person('Γιώργος Παπαδόπουλος', '+306912345678', 1), person('王小明 김민수', '+8613812345678', 2)];
    const { integrity: _i, ...rest } = base;
    const unsigned: LookupResponse = { ...rest, request_id: 'req_TESTAMBIGUOUS', audit: { ...rest.audit, request_id: 'req_TESTAMBIGUOUS' }, resolution: { status: 'ambiguous', confidence: 0.42, entity_count: 3 }, entities };
    const json = await storeSignedReport(t.engine, unsigned, { ownerType: 'service_account', ownerId: key.id });
    const report = JSON.parse(json) as LookupResponse;
    const pdf = await render(json);
    const text = assertReadable(pdf, report);
    for (const name of ['Иван Петров', 'Γιώργος Παπαδόπουλος', '王小明', '김민수', 'テスト通信']) assert.ok(text.includes(name), `${name} rendered as text`);
    assert.match(text, /Entity 3 of 3/);
    assert.match(text, /matched 3 distinct entities/);
    const verdict = await verifyReportPdf(pdf, parseTrustedKeys(t.engine.signer.publicKeyPem));
    assert.equal(verdict.verified, true, JSON.stringify(verdict.checks));
  });

  it('paginates a large report (hundreds of findings) and counts what the pages leave out', async () => {
    const body = await runLookup(t, key.key, [{ type: 'username', value: 'prolific' }]);
    const lineageRows = Object.keys(body.entities[0]!.traceability.data_lineage).length;
    assert.ok(lineageRows > 1000, `large lineage (${lineageRows} paths)`);
    const json = await stored(body);
    const pdf = await render(json);
    const text = assertReadable(pdf, body);
    const pages = inkPerPage(pdf).length;
    assert.ok(pages > 30, `many pages (${pages})`);
    assert.match(text, new RegExp(`Page ${pages} of ${pages}`));
    assert.match(text, /result 398/, 'the last web result is printed');

    const tight = await exportReportPdf({
      reportJson: json,
      exportedAt: EXPORTED_AT,
      exportedBy: key.id,
      includeProvenance: true,
      engineVersion: t.engine.version,
      organizationId: t.engine.organizationId,
      signer: t.engine.signer,
      reportPublicKeyPem: null,
      keyRegisteredAt: new Date('2026-01-01T00:00:00Z'),
      limits: { maxRowsPerTable: 100, maxValueChars: 40 },
    });
    const tightText = pdfText(tight);
    assert.match(tightText, /more lineage paths are in the embedded report\.json/);
    assert.match(tightText, new RegExp(`entities\\[0\\]\\.traceability\\.data_lineage\\s+${lineageRows}\\s+100`));
    assert.ok(inkPerPage(tight).length < pages, 'limits shorten the printed report');
  });

  it('gives byte-identical output for the same report and export time, and a different one at another time', async () => {
    const body = await runLookup(t, key.key, [{ type: 'username', value: 'nobody' }]);
    const json = await stored(body);
    const [a, b] = [await render(json), await render(json)];
    assert.ok(a.equals(b), 'same input, same bytes');
    const later = await render(json, true, new Date('2026-03-01T10:00:01.000Z'));
    assert.ok(!later.equals(a));
  });

  it('leaves the provenance appendix and file out when include_provenance is false', async () => {
    const body = await runLookup(t, key.key, [{ type: 'username', value: 'nobody' }]);
    const json = await stored(body);
    const withProvenance = pdfText(await render(json, true));
    assert.match(withProvenance, /Appendix B — Export provenance/);
    assert.match(withProvenance, /data_fingerprints/);
    const pdf = await render(json, false);
    assert.doesNotMatch(pdfText(pdf), /Export provenance/);
    assert.ok(!listEmbeddedFiles(pdf).includes('export-provenance.json'));
  });
});
