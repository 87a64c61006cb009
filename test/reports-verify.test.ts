import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

describe('report integrity: hash, RSA-PSS signature, /verify', () => {
  let t: TestEngine;
  let key: string;
  const lookup = async () =>
    (await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: '+819012345678' }] } })).json();
  const verify = async (id: string) => (await t.inject({ method: 'GET', url: `/v1/reports/${id}/verify`, headers: { 'x-api-key': key } })).json();
  before(async () => {
    t = await startTestEngine();
    key = (await t.createKey(['admin'])).key;
  });
  after(() => t.close());

  it('signs every report with the configured key and verifies it', async () => {
    const report = await lookup();
    const { integrity } = report;
    assert.equal(integrity.signing_key_id, t.engine.signer.keyId);
    assert.equal(report.entities[0].traceability.report_hash, integrity.report_hash);
    assert.equal(report.entities[0].traceability.report_signature, integrity.report_signature);
    assert.equal(Buffer.from(integrity.report_signature, 'base64').length, 512, 'RSA-4096 signature');
    const result = await verify(report.request_id);
    assert.deepEqual({ verified: result.verified, failure_reason: result.failure_reason, report_hash: result.report_hash }, { verified: true, failure_reason: null, report_hash: integrity.report_hash });
  });

  it('reports hash_mismatch when the stored report was changed', async () => {
    const report = await lookup();
    const tampered = JSON.stringify({ ...report, resolution: { ...report.resolution, confidence: 0.99 } });
    await sql`UPDATE lookup_results SET response_json = ${tampered} WHERE request_id = ${report.request_id}`.execute(t.engine.database.db);
    const result = await verify(report.request_id);
    assert.equal(result.verified, false);
    assert.equal(result.failure_reason, 'hash_mismatch');
  });

  it('reports signature_invalid when the signature was replaced', async () => {
    const report = await lookup();
    const other = await lookup();
    await sql`UPDATE lookup_results SET report_signature = ${other.integrity.report_signature} WHERE request_id = ${report.request_id}`.execute(t.engine.database.db);
    const result = await verify(report.request_id);
    assert.equal(result.failure_reason, 'signature_invalid');
  });

  it('reports unknown_signing_key when the key id is not registered', async () => {
    const report = await lookup();
    await t.engine.database.db.transaction().execute(async (trx) => {
      // Bypass the foreign key the way a restore without the keys table would.
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`UPDATE lookup_results SET signing_key_id = 'sk_gone' WHERE request_id = ${report.request_id}`.execute(trx);
    });
    const result = await verify(report.request_id);
    assert.equal(result.failure_reason, 'unknown_signing_key');
  });

  it('404 for an unknown request id', async () => {
    const res = await t.inject({ method: 'GET', url: '/v1/reports/req_nope/verify', headers: { 'x-api-key': key } });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('publishes every public key as PEM and JWK', async () => {
    const res = await t.inject({ method: 'GET', url: '/v1/reports/signing-keys', headers: { 'x-api-key': key } });
    assert.equal(res.statusCode, 200);
    const current = res.json().keys.find((k: { current: boolean }) => k.current);
    assert.equal(current.key_id, t.engine.signer.keyId);
    assert.match(current.public_key_pem, /BEGIN PUBLIC KEY/);
    assert.equal(current.public_key_jwk.kty, 'RSA');
    assert.equal(current.public_key_jwk.kid, current.key_id);
  });
});

describe('signing failure', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({
      // The one fault a loaded key cannot show on its own: an HSM or key store refusing to sign.
      signer: { keyId: 'sk_failing', publicKeyPem: (await import('./helpers/public-key.ts')).testPublicKeyPem(), sign: () => Promise.reject(new Error('key store refused')), signPkcs1: () => Promise.reject(new Error('key store refused')) },
    });
  });
  after(() => t.close());

  it('answers 500 signing_failed and stores neither result nor audit record', async () => {
    const { key } = await t.createKey(['analyst']);
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: '+33612345678' }] } });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().error.code, 'signing_failed');
    const results = await t.engine.database.db.selectFrom('lookup_results').selectAll().execute();
    const audits = await t.engine.database.db.selectFrom('audit_records').selectAll().execute();
    assert.equal(results.length, 0);
    assert.equal(audits.length, 0);
  });
});
