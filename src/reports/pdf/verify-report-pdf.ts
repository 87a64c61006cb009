import { createPublicKey } from 'node:crypto';
import type { LookupResponse } from '../../contract/lookup.ts';
import { canonicalReportBytes, reportHashOf, verifyReportSignature } from '../report-signature.ts';
import { keyFingerprint, type TrustedKey } from '../trusted-keys.ts';
import { readEmbeddedFile } from './pdf-embedded-files.ts';
import { checkPdfSignature, type PdfSignatureFailure } from './pdf-signature-check.ts';
import { ATTACHMENT } from './report-attachments.ts';

export type PdfVerificationFailure = PdfSignatureFailure | 'key_id_mismatch' | 'no_embedded_report' | 'report_hash_mismatch' | 'report_signature_invalid';

export interface VerificationCheck {
  readonly check: 'pdf_signature' | 'embedded_report' | 'report_hash' | 'report_signature';
  readonly ok: boolean;
  readonly reason: PdfVerificationFailure | null;
  readonly detail: string;
}

export interface PdfVerification {
  readonly verified: boolean;
  /** The first failure, in check order (PDF signature first: a changed file explains the rest). */
  readonly reason: PdfVerificationFailure | null;
  readonly checks: readonly VerificationCheck[];
  readonly requestId: string | null;
  readonly reportHash: string | null;
}

type Report = LookupResponse & object;

const pass = (check: VerificationCheck['check'], detail: string): VerificationCheck => ({ check, ok: true, reason: null, detail });
const failed = (check: VerificationCheck['check'], reason: PdfVerificationFailure, detail: string): VerificationCheck => ({ check, ok: false, reason, detail });

function readReport(pdf: Buffer): { report: Report } | VerificationCheck {
  const bytes = readEmbeddedFile(pdf, ATTACHMENT.report);
  if (!bytes) return failed('embedded_report', 'no_embedded_report', `no readable ${ATTACHMENT.report} embedded in the PDF`);
  try {
    const report = JSON.parse(bytes.toString('utf8')) as Report;
    const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
    // Untrusted input: the shape the hash and signature checks walk must be there before they run.
    if (!isObject(report) || typeof report.request_id !== 'string') throw new Error('not a report');
    if (!Array.isArray(report.entities) || !report.entities.every((e) => isObject(e) && (e.traceability === undefined || isObject(e.traceability)))) throw new Error('bad entities');
    if (report.integrity !== undefined && !isObject(report.integrity)) throw new Error('bad integrity');
    return { report };
  } catch {
    return failed('embedded_report', 'no_embedded_report', `${ATTACHMENT.report} is not a report JSON`);
  }
}

function checkHash(pdf: Buffer, report: Report, canonical: Buffer): VerificationCheck {
  const hash = reportHashOf(canonical);
  const claimed = report.integrity?.report_hash;
  if (typeof claimed !== 'string') return failed('report_hash', 'report_hash_mismatch', 'the report carries no report_hash');
  const copies = report.entities?.map((e) => e.traceability?.report_hash) ?? [];
  if (hash !== claimed) return failed('report_hash', 'report_hash_mismatch', `recomputed ${hash}, report says ${claimed}`);
  if (copies.some((c) => c !== claimed)) return failed('report_hash', 'report_hash_mismatch', 'an entity carries a different report_hash');
  const canonicalFile = readEmbeddedFile(pdf, ATTACHMENT.canonical);
  if (canonicalFile && !canonicalFile.equals(canonical)) return failed('report_hash', 'report_hash_mismatch', `${ATTACHMENT.canonical} differs from the canonical form of ${ATTACHMENT.report}`);
  return pass('report_hash', hash);
}

/** The key the PDF names for the report (signature.json), as an untrusted hint for telling a wrong key from a bad signature. */
function hintedKey(pdf: Buffer): TrustedKey | null {
  try {
    const manifest = JSON.parse(readEmbeddedFile(pdf, ATTACHMENT.signature)?.toString('utf8') ?? 'null') as { report_public_key_pem?: unknown } | null;
    if (typeof manifest?.report_public_key_pem !== 'string') return null;
    const key = createPublicKey(manifest.report_public_key_pem);
    return { keyId: null, key, fingerprint: keyFingerprint(key) };
  } catch {
    return null;
  }
}

async function checkReportSignature(pdf: Buffer, report: Report, canonical: Buffer, keys: readonly TrustedKey[]): Promise<VerificationCheck> {
  const keyId = report.integrity?.signing_key_id ?? null;
  const signature = report.integrity?.report_signature;
  if (typeof signature !== 'string') return failed('report_signature', 'report_signature_invalid', 'the report carries no signature');
  const verifies = (k: TrustedKey): Promise<boolean> => verifyReportSignature(canonical, signature, k.key.export({ type: 'spki', format: 'pem' }).toString());
  const named = keys.filter((k) => k.keyId === keyId);
  const anonymous = keys.filter((k) => k.keyId === null);
  for (const k of [...named, ...anonymous]) if (await verifies(k)) return pass('report_signature', `RSASSA-PSS signature verifies with key ${k.keyId ?? k.fingerprint}`);
  for (const k of keys.filter((k) => k.keyId !== null && k.keyId !== keyId)) {
    if (await verifies(k)) return failed('report_signature', 'key_id_mismatch', `the report names key ${keyId ?? '(none)'} but was signed with key ${k.keyId}`);
  }
  const hint = hintedKey(pdf);
  if (hint && !keys.some((k) => k.fingerprint === hint.fingerprint) && (await verifies(hint))) {
    return failed('report_signature', 'wrong_key', `signed with key ${keyId ?? '(unnamed)'} (${hint.fingerprint}), which is not among the keys presented`);
  }
  if (named.length === 0 && anonymous.length === 0) return failed('report_signature', 'wrong_key', `the report names key ${keyId ?? '(none)'}, which is not among the keys presented`);
  return failed('report_signature', 'report_signature_invalid', `the signature does not verify with key ${keyId ?? '(unnamed)'}`);
}

/**
 * Offline verification of a report PDF (`cairn verify`): the PAdES signature over the file,
 * then the embedded report: re-canonicalised (RFC 8785), its hash recomputed and compared,
 * its RSA-PSS signature checked with the presented keys. Every check runs and is reported;
 * `reason` is the first failure.
 */
export async function verifyReportPdf(pdf: Buffer, keys: readonly TrustedKey[]): Promise<PdfVerification> {
  const pdfCheck = checkPdfSignature(pdf, keys);
  const checks: VerificationCheck[] = [pdfCheck.ok ? pass('pdf_signature', pdfCheck.detail) : failed('pdf_signature', pdfCheck.reason!, pdfCheck.detail)];
  const read = readReport(pdf);
  let requestId: string | null = null;
  let reportHash: string | null = null;
  if ('check' in read) checks.push(read);
  else {
    const { report } = read;
    requestId = report.request_id;
    reportHash = report.integrity?.report_hash ?? null;
    const canonical = canonicalReportBytes(report);
    checks.push(pass('embedded_report', `${ATTACHMENT.report} for ${report.request_id}`));
    checks.push(checkHash(pdf, report, canonical));
    checks.push(await checkReportSignature(pdf, report, canonical, keys));
  }
  const firstFailure = checks.find((c) => !c.ok);
  return { verified: firstFailure === undefined, reason: firstFailure?.reason ?? null, checks, requestId, reportHash };
}
