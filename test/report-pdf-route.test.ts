import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyReportPdf } from '../src/reports/pdf/verify-report-pdf.ts';
import { parseTrustedKeys } from '../src/reports/trusted-keys.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';
import { pdfText, runLookup } from './helpers/report-fixtures.ts';

describe('GET /v1/reports/{request_id}/pdf', () => {
  let t: TestEngine;
  let analystA: { id: string; key: string };
  let analystB: { id: string; key: string };
  let auditor: { id: string; key: string };
  let requestId: string;
  const get = (url: string, key?: string) => t.inject({ method: 'GET', url, headers: key ? { 'x-api-key': key } : {} });

  before(async () => {
    t = await startTestEngine();
    analystA = await t.createKey(['analyst'], 'analyst-a');
    analystB = await t.createKey(['analyst'], 'analyst-b');
    auditor = await t.createKey(['audit'], 'auditor');
    requestId = (await runLookup(t, analystA.key, [{ type: 'phone', value: '+33612345678' }], 'CASE-2026-00412')).request_id;
  });
  after(() => t.close());

  it('returns a signed PDF of the owner\'s report that verifies offline with the published keys', async () => {
    const res = await get(`/v1/reports/${requestId}/pdf`, analystA.key);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), new RegExp(`attachment; filename="cairn-report-${requestId}\\.pdf"`));
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 8).toString('latin1'), '%PDF-1.7');
    const keys = await get('/v1/reports/signing-keys', analystA.key);
    const verdict = await verifyReportPdf(pdf, parseTrustedKeys(keys.body));
    assert.equal(verdict.verified, true, JSON.stringify(verdict.checks));
    const text = pdfText(pdf);
    assert.match(text, /CASE-2026-00412/);
    assert.match(text, new RegExp(`exported_by\\s+${analystA.id}`));
    assert.match(text, /Appendix B — Export provenance/);
    const logged = t.logs.find((l) => l.event === 'report_exported');
    assert.equal(logged?.pdf_sha256, `sha256:${createHash('sha256').update(pdf).digest('hex')}`);
    assert.equal(logged?.exported_by, analystA.id);
  });

  it('applies the report ownership rules: 403 for another analyst, 200 for reports:read:any, 404 when unknown, 401 without a key', async () => {
    const other = await get(`/v1/reports/${requestId}/pdf`, analystB.key);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'insufficient_scope');
    assert.equal((await get(`/v1/reports/${requestId}/pdf`, auditor.key)).statusCode, 200);
    const unknown = await get('/v1/reports/req_DOESNOTEXIST/pdf', analystA.key);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'not_found');
    assert.equal((await get(`/v1/reports/${requestId}/pdf`)).statusCode, 401);
  });

  it('honours include_provenance=false and rejects other values with a field detail', async () => {
    const res = await get(`/v1/reports/${requestId}/pdf?include_provenance=false`, analystA.key);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(pdfText(res.rawPayload), /Export provenance/);
    const bad = await get(`/v1/reports/${requestId}/pdf?include_provenance=maybe`, analystA.key);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'field_invalid');
    assert.match(JSON.stringify(bad.json().error.details), /include_provenance/);
  });

  it('records every export in the append-only export register, readable with audit:read', async () => {
    const pdf = (await get(`/v1/reports/${requestId}/pdf`, analystA.key)).rawPayload;
    const digest = `sha256:${createHash('sha256').update(pdf).digest('hex')}`;
    assert.equal((await get(`/v1/reports/${requestId}/exports`, analystA.key)).statusCode, 403, 'analysts do not read the register');
    const all = await get(`/v1/reports/${requestId}/exports`, auditor.key);
    assert.equal(all.statusCode, 200, all.body);
    const exports = all.json().exports as { exported_by: string; pdf_sha256: string; principal: { api_key_id: string }; pdf_signing_key_id: string }[];
    assert.ok(exports.length >= 2, 'the earlier exports are there too');
    const mine = await get(`/v1/reports/${requestId}/exports?pdf_sha256=${digest}`, auditor.key);
    assert.equal(mine.json().exports.length, 1);
    assert.equal(mine.json().exports[0].exported_by, analystA.id);
    assert.equal(mine.json().exports[0].principal.api_key_id, analystA.id);
    assert.equal(mine.json().exports[0].pdf_signing_key_id, t.engine.signer.keyId);
    await assert.rejects(sql`UPDATE report_exports SET exported_by = 'someone else'`.execute(t.engine.database.db), /append-only/);
    await assert.rejects(sql`DELETE FROM report_exports`.execute(t.engine.database.db), /append-only/);
  });

  it('is documented in /openapi.json', async () => {
    const spec = (await get('/openapi.json')).json() as { paths: Record<string, { get?: { operationId?: string; parameters?: { name: string }[] } }> };
    const operation = spec.paths['/v1/reports/{request_id}/pdf']?.get;
    assert.equal(operation?.operationId, 'exportReportPdf');
    assert.ok(operation?.parameters?.some((p) => p.name === 'include_provenance'));
    assert.equal(spec.paths['/v1/reports/{request_id}/exports']?.get?.operationId, 'listReportExports');
  });
});
