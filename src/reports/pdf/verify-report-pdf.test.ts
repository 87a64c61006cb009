import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { runLookup } from '../../../test/helpers/report-fixtures.ts';
import type { LookupResponse } from '../../contract/lookup.ts';
import { canonicalReportBytes, reportHashOf } from '../report-signature.ts';
import { createReportSigner, type ReportSigner } from '../report-signer.ts';
import { parseTrustedKeys, type TrustedKey } from '../trusted-keys.ts';
import { SIGNATURE_CAPACITY } from './pdf-signature.ts';
import { exportReportPdf } from './report-pdf.ts';
import { verifyReportPdf } from './verify-report-pdf.ts';

const flip = (pdf: Buffer, at: number): Buffer => {
  const copy = Buffer.from(pdf);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

function otherSigner(keyId: string): ReportSigner {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return createReportSigner({ keyId, privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() });
}

describe('offline verification of report PDFs', () => {
  let t: TestEngine;
  let json: string;
  let pdf: Buffer;
  let keys: TrustedKey[];
  let gap: { start: number; end: number };
  const render = (reportJson: string, signer: ReportSigner = t.engine.signer): Promise<Buffer> =>
    exportReportPdf({
      reportJson,
      exportedAt: new Date('2026-03-01T10:00:00Z'),
      exportedBy: 'key_test',
      includeProvenance: true,
      engineVersion: t.engine.version,
      organizationId: t.engine.organizationId,
      signer,
      reportPublicKeyPem: t.engine.signer.publicKeyPem,
      keyRegisteredAt: new Date('2026-01-01T00:00:00Z'),
    });

  before(async () => {
    t = await startTestEngine();
    const key = await t.createKey(['analyst']);
    const body = await runLookup(t, key.key, [{ type: 'phone', value: '+33612345678' }], 'CASE-7');
    json = (await t.inject({ method: 'GET', url: `/v1/lookup/${body.request_id}`, headers: { 'x-api-key': key.key } })).body;
    pdf = await render(json);
    keys = parseTrustedKeys(t.engine.signer.publicKeyPem);
    const start = pdf.indexOf('/Contents <', 0, 'latin1') + '/Contents '.length;
    gap = { start, end: start + SIGNATURE_CAPACITY * 2 + 2 };
  });
  after(() => t.close());

  it('verifies an untouched PDF with a PEM key, a JWK and the signing-keys endpoint body', async () => {
    assert.equal((await verifyReportPdf(pdf, keys)).verified, true);
    const jwk = { ...createPublicKey(t.engine.signer.publicKeyPem).export({ format: 'jwk' }), kid: t.engine.signer.keyId };
    const byJwk = await verifyReportPdf(pdf, parseTrustedKeys(JSON.stringify(jwk)));
    assert.equal(byJwk.verified, true, JSON.stringify(byJwk.checks));
    const admin = await t.createKey(['admin']);
    const published = await t.inject({ method: 'GET', url: '/v1/reports/signing-keys', headers: { 'x-api-key': admin.key } });
    const result = await verifyReportPdf(pdf, parseTrustedKeys(published.body));
    assert.equal(result.verified, true);
    assert.deepEqual(result.checks.map((c) => c.check), ['pdf_signature', 'embedded_report', 'report_hash', 'report_signature']);
  });

  it('reports pdf_modified for a flipped byte in the signed bytes (header, page content, embedded file, xref, last byte)', async () => {
    for (const at of [0, 20, Math.floor(gap.start / 2), gap.end + 100, Math.floor((gap.end + pdf.length) / 2), pdf.length - 30, pdf.length - 1]) {
      const result = await verifyReportPdf(flip(pdf, at), keys);
      assert.equal(result.verified, false, `byte ${at}`);
      assert.equal(result.reason, 'pdf_modified', `byte ${at}: ${JSON.stringify(result.checks)}`);
    }
  });

  it('detects a flipped byte anywhere: pdf_modified in the signed ranges, pdf_signature_invalid inside the signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pdf.length - 1 }), async (at) => {
        const result = await verifyReportPdf(flip(pdf, at), keys);
        // The gap is the hex string with its brackets: the bytes the signature cannot cover.
        const inGap = at >= gap.start && at < gap.end;
        assert.equal(result.verified, false);
        assert.equal(result.reason, inGap ? 'pdf_signature_invalid' : 'pdf_modified', `byte ${at}: ${JSON.stringify(result.checks[0])}`);
      }),
      { numRuns: 150 },
    );
    for (const at of [gap.start + 1, gap.start + 2000, gap.end - 2]) {
      assert.equal((await verifyReportPdf(flip(pdf, at), keys)).reason, 'pdf_signature_invalid', `signature byte ${at}`);
    }
  });

  it('reports pdf_modified for bytes appended (an incremental update) or cut off', async () => {
    const appended = Buffer.concat([pdf, Buffer.from('\n1 0 obj\n<< >>\nendobj\n%%EOF\n', 'latin1')]);
    assert.equal((await verifyReportPdf(appended, keys)).reason, 'pdf_modified');
    assert.equal((await verifyReportPdf(pdf.subarray(0, pdf.length - 10), keys)).reason, 'pdf_modified');
  });

  it('reports report_hash_mismatch when one field of the report is changed and the PDF re-rendered and re-signed', async () => {
    const edited = JSON.parse(json) as LookupResponse;
    (edited.entities[0]!.profile.phones![0] as { carrier: string }).carrier = 'Another Carrier';
    const result = await verifyReportPdf(await render(JSON.stringify(edited)), keys);
    assert.equal(result.checks[0]!.ok, true, 'the PDF signature itself is valid');
    assert.equal(result.verified, false);
    assert.equal(result.reason, 'report_hash_mismatch');
  });

  it('reports report_signature_invalid when the hash is recomputed for the edited report but the signature is the old one', async () => {
    const edited = JSON.parse(json) as LookupResponse;
    (edited.entities[0]!.profile.phones![0] as { carrier: string }).carrier = 'Another Carrier';
    const hash = reportHashOf(canonicalReportBytes(edited));
    const forged: LookupResponse = {
      ...edited,
      entities: edited.entities.map((e) => ({ ...e, traceability: { ...e.traceability, report_hash: hash } })),
      integrity: { ...edited.integrity!, report_hash: hash },
    };
    const result = await verifyReportPdf(await render(JSON.stringify(forged)), keys);
    assert.equal(result.reason, 'report_signature_invalid', JSON.stringify(result.checks));
  });

  it('reports wrong_key for another public key, and key_id_mismatch when the right key is published under another id', async () => {
    const stranger = parseTrustedKeys(otherSigner('sk_stranger').publicKeyPem);
    const wrong = await verifyReportPdf(pdf, stranger);
    assert.equal(wrong.reason, 'wrong_key');
    assert.equal(wrong.checks.find((c) => c.check === 'report_signature')!.reason, 'wrong_key');

    const misnamed = { ...createPublicKey(t.engine.signer.publicKeyPem).export({ format: 'jwk' }), kid: 'sk_some_other_id' };
    const result = await verifyReportPdf(pdf, parseTrustedKeys(JSON.stringify(misnamed)));
    assert.equal(result.checks[0]!.ok, true);
    assert.equal(result.reason, 'key_id_mismatch');
  });

  it('reports wrong_key when the PDF was re-signed with a key the verifier does not trust', async () => {
    const result = await verifyReportPdf(await render(json, otherSigner('sk_forger')), keys);
    assert.equal(result.reason, 'wrong_key');
    assert.equal(result.checks.find((c) => c.check === 'report_signature')!.ok, true, 'the report itself is still genuine');
  });

  it('reports no_embedded_report and pdf_signature_missing for files that are not signed report PDFs', async () => {
    const renamed = Buffer.from(pdf.toString('latin1').replaceAll('(report.json)', '(report.jsox)'), 'latin1');
    const result = await verifyReportPdf(renamed, keys);
    assert.equal(result.reason, 'pdf_modified');
    assert.equal(result.checks.find((c) => c.check === 'embedded_report')!.reason, 'no_embedded_report');
    const plain = await verifyReportPdf(Buffer.from('%PDF-1.7\n%%EOF\n'), keys);
    assert.equal(plain.reason, 'pdf_signature_missing');
    assert.equal(plain.checks[1]!.reason, 'no_embedded_report');
    for (const body of ['{"request_id":"req_x","entities":"not a list"}', '[1,2]', '{"request_id":"req_x","entities":[],"integrity":3}', 'not json']) {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((resolve) => doc.on('end', resolve));
      doc.file(Buffer.from(body), { name: 'report.json' });
      doc.end();
      await done;
      const odd = await verifyReportPdf(Buffer.concat(chunks), keys);
      assert.equal(odd.checks[1]!.reason, 'no_embedded_report', body);
    }
  });
});
