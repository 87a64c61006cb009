import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type AnyConnectorDefinition, defineConnector, defineManifest, type Finding, found } from '../../src/connectors/sdk.ts';
import type { LookupResponse } from '../../src/contract/lookup.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { canonicalReportBytes, reportHashOf } from '../../src/reports/report-signature.ts';
import { writeLookup } from '../../src/store/lookup-write.ts';
import type { TestEngine } from './engine.ts';

/** A connector of test code: takes usernames and names, returns `findings(value)`. */
export function fakeConnector(id: string, findings: (value: string) => Finding[]): AnyConnectorDefinition {
  const manifest = defineManifest({
    id,
    name: `Test source ${id}`,
    description: 'Connector defined by the PDF report tests.',
    category: 'social_media',
    tier: 'primary',
    accepts: ['username', 'name'],
    credential_mode: 'intrace_managed',
    reliability: 0.8,
  });
  return defineConnector({
    manifest,
    settings: z.object({}),
    create: () => ({
      manifest,
      egress: [],
      run: async (input) => found(input.identifiers.flatMap((i) => findings(i.normalized))),
      health: async () => ({ status: 'reachable', latency_ms: 0, error: null }),
    }),
  }) as AnyConnectorDefinition;
}

const NAMES = ['Иван Петров', 'Γιώργος Παπαδόπουλος', '王小明', '山田太郎', '김민수', 'Zoë Łukasiewicz', 'Şahin Öztürk'];

/** Hundreds of findings about one username: a report of many pages. */
export function manyFindings(value: string, count: number): Finding[] {
  const about = [{ type: 'username' as const, normalized: value }];
  return Array.from({ length: count }, (_, i): Finding => {
    const name = NAMES[i % NAMES.length]!;
    const confidence = 0.5 + (i % 5) / 10;
    return i % 2 === 0
      ? { kind: 'web_result', data: { title: `${name} — result ${i}`, url: `https://example.org/${value}/${i}`, snippet: `Mention ${i} of ${value} on a forum. `.repeat(3) }, confidence, about }
      : { kind: 'social_profile', data: { platform: `site${i}`, username: value, bio: `${name} profile ${i}`, profile_url: `https://site${i}.example/${value}` }, confidence, about };
  });
}

/** Logs in as `key` and runs a lookup; returns the response body. */
export async function runLookup(t: TestEngine, key: string, identifiers: { type: string; value: string }[], reference?: string): Promise<LookupResponse> {
  const res = await t.inject({
    method: 'POST',
    url: '/v1/lookup',
    headers: { 'x-api-key': key },
    payload: { identifiers, ...(reference ? { options: { requester_reference: reference } } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`lookup failed: ${res.statusCode} ${res.body}`);
  return res.json() as LookupResponse;
}

/**
 * Signs and stores a report built by a test (the pipeline does not produce `ambiguous` yet):
 * the real canonicalisation, hash and engine signer, stored as a lookup would store it.
 */
export async function storeSignedReport(engine: Engine, unsigned: LookupResponse, owner: { ownerType: 'user' | 'service_account'; ownerId: string }): Promise<string> {
  const bytes = canonicalReportBytes(unsigned);
  const reportHash = reportHashOf(bytes);
  const signature = await engine.signer.sign(bytes);
  const signedAt = new Date().toISOString();
  const keyId = engine.signer.keyId;
  const signed: LookupResponse = {
    ...unsigned,
    entities: unsigned.entities.map((e) => ({ ...e, traceability: { ...e.traceability, report_hash: reportHash, report_signature: signature, signed_at: signedAt, signing_key_id: keyId } })),
    integrity: { report_hash: reportHash, report_signature: signature, signed_at: signedAt, signing_key_id: keyId, signature_algorithm: 'RSASSA-PSS-SHA256', canonicalization: 'RFC8785' },
  };
  const json = JSON.stringify(signed);
  const queriedAt = new Date(unsigned.queried_at);
  const stored = {
    requestId: signed.request_id,
    ...owner,
    queriedAt,
    expiresAt: new Date(queriedAt.getTime() + 86_400_000 * 30),
    responseJson: json,
    reportHash,
    reportSignature: signature,
    signingKeyId: keyId,
    signedAt: new Date(signedAt),
  };
  await writeLookup(engine.database.db, { result: stored, entityIds: signed.entities.map((e) => e.entity_id), identifiers: [], lineage: null, audit: signed.audit });
  return json;
}

function withTempPdf<T>(pdf: Buffer, task: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return task(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** The text of every page (poppler's pdftotext). */
export function pdfText(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']));
}

/** pdfsig's verdict on the PDF signature (poppler, NSS). */
export function pdfsig(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout);
}

/**
 * Rasterises every page with pdftoppm (greyscale PGM at 30 dpi) and counts the pixels that are
 * not white on each: a blank page counts 0.
 */
export function inkPerPage(pdf: Buffer): number[] {
  return withTempPdf(pdf, (file, dir) => {
    run('pdftoppm', ['-gray', '-r', '30', file, path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
    return pages.map((name) => {
      const pgm = fs.readFileSync(path.join(dir, name));
      // P5 header: magic, width, height, maxval, each followed by whitespace; then one byte per pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
      if (!header) throw new Error(`${name} is not a binary PGM`);
      const pixels = pgm.subarray(header[0].length);
      let ink = 0;
      for (const value of pixels) if (value < 200) ink++;
      return ink;
    });
  });
}
