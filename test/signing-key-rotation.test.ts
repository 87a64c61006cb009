import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { verifyReportPdf } from '../src/reports/pdf/verify-report-pdf.ts';
import { parseTrustedKeys } from '../src/reports/trusted-keys.ts';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from './helpers/database.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';
import { testSigningKeyPath } from './helpers/keys.ts';
import { runLookup } from './helpers/report-fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One database two engines use in turn (a PGlite directory, or a fresh PostgreSQL database). */
async function sharedDatabase(dir: string): Promise<TestDatabase> {
  if (TEST_DATABASE === 'postgres') return createTestDatabase();
  return { target: { kind: 'pglite', dataDir: path.join(dir, 'pglite') }, url: null, drop: async () => undefined };
}

function publicPem(privateKeyFile: string): string {
  return createPublicKey(fs.readFileSync(privateKeyFile, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
}

/** `cairn verify` as a third party runs it: no engine configuration in the environment at all. */
function cairnVerify(pdfFile: string, keyFile: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'cairn.js'), 'verify', pdfFile, '--public-key', keyFile], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
    cwd: os.tmpdir(),
  });
  return { status: result.status, stdout: result.stdout + result.stderr };
}

describe('signing key rotation, end to end', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-rotation-'));
  let database: TestDatabase;
  let engineB: TestEngine;
  let analyst: { id: string; key: string };
  let oldRequestId: string;
  let pdfFromA: Buffer;
  const keyA = { file: '', pem: '' };
  const keyB = { file: '', pem: '' };

  before(async () => {
    database = await sharedDatabase(dir);
    keyA.file = await testSigningKeyPath();
    keyB.file = await testSigningKeyPath('cairn-test-signing-key-b.pem');
    keyA.pem = publicPem(keyA.file);
    keyB.pem = publicPem(keyB.file);
    const engineA = await startTestEngine({ database, env: { SIGNING_PRIVATE_KEY_PATH: keyA.file, SIGNING_KEY_ID: 'key-2026-a' } });
    analyst = await engineA.createKey(['analyst']);
    oldRequestId = (await runLookup(engineA, analyst.key, [{ type: 'phone', value: '+33612345678' }])).request_id;
    pdfFromA = (await engineA.inject({ method: 'GET', url: `/v1/reports/${oldRequestId}/pdf`, headers: { 'x-api-key': analyst.key } })).rawPayload;
    await engineA.close();
    // The rotation: a new key file and a new SIGNING_KEY_ID, then a restart on the same database.
    engineB = await startTestEngine({ database, env: { SIGNING_PRIVATE_KEY_PATH: keyB.file, SIGNING_KEY_ID: 'key-2026-b' } });
  });
  after(async () => {
    await engineB.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes both keys, the old one retired, and signs new reports with the new one', async () => {
    const keys = (await engineB.inject({ method: 'GET', url: '/v1/reports/signing-keys', headers: { 'x-api-key': analyst.key } })).json() as {
      keys: { key_id: string; retired_at: string | null; current: boolean; public_key_pem: string }[];
    };
    const byId = new Map(keys.keys.map((k) => [k.key_id, k]));
    assert.ok(byId.get('key-2026-a')?.retired_at, 'key A retired');
    assert.equal(byId.get('key-2026-a')?.current, false);
    assert.equal(byId.get('key-2026-b')?.current, true);
    assert.equal(byId.get('key-2026-a')?.public_key_pem.trim(), keyA.pem.trim());
    const fresh = await runLookup(engineB, analyst.key, [{ type: 'phone', value: '+33612345678' }]);
    assert.equal(fresh.integrity?.signing_key_id, 'key-2026-b');
  });

  it('still verifies the old report through /verify', async () => {
    const res = await engineB.inject({ method: 'GET', url: `/v1/reports/${oldRequestId}/verify`, headers: { 'x-api-key': analyst.key } });
    assert.equal(res.json().verified, true, res.body);
    assert.equal(res.json().signing_key_id, 'key-2026-a');
  });

  it('verifies a PDF exported before the rotation with key A alone, offline through the cairn command', async () => {
    const pdfFile = path.join(dir, 'before-rotation.pdf');
    const keyFile = path.join(dir, 'key-a.pem');
    fs.writeFileSync(pdfFile, pdfFromA);
    fs.writeFileSync(keyFile, keyA.pem);
    const ok = cairnVerify(pdfFile, keyFile);
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /VERIFIED/);
    const tampered = Buffer.from(pdfFromA);
    tampered[200] = tampered[200]! ^ 0x01;
    fs.writeFileSync(pdfFile, tampered);
    const failed = cairnVerify(pdfFile, keyFile);
    assert.equal(failed.status, 1);
    assert.match(failed.stdout, /FAILED: pdf_modified/);
  });

  it('exports the old report after the rotation: report signed by A, PDF by B; the published key set verifies both', async () => {
    const pdf = (await engineB.inject({ method: 'GET', url: `/v1/reports/${oldRequestId}/pdf`, headers: { 'x-api-key': analyst.key } })).rawPayload;
    const published = (await engineB.inject({ method: 'GET', url: '/v1/reports/signing-keys', headers: { 'x-api-key': analyst.key } })).body;
    const both = await verifyReportPdf(pdf, parseTrustedKeys(published));
    assert.equal(both.verified, true, JSON.stringify(both.checks));
    const onlyA = await verifyReportPdf(pdf, parseTrustedKeys(keyA.pem));
    assert.equal(onlyA.checks.find((c) => c.check === 'report_signature')!.ok, true, 'the report is genuine under key A');
    assert.equal(onlyA.reason, 'wrong_key', 'the PDF bytes were signed by key B');
  });
});
