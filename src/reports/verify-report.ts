import type { StoredResult } from '../store/results-repository.ts';
import { canonicalReportBytes, reportHashOf, verifyReportSignature } from './report-signature.ts';

export type VerificationFailure = 'hash_mismatch' | 'signature_invalid' | 'unknown_signing_key';

export interface VerificationOutcome {
  readonly verified: boolean;
  readonly failureReason: VerificationFailure | null;
  /** The hash recomputed from the stored report now. */
  readonly recomputedHash: string | null;
}

interface EmbeddedHashes {
  readonly integrity?: { readonly report_hash?: unknown };
  readonly entities?: readonly { readonly traceability?: { readonly report_hash?: unknown } }[];
}

/**
 * Re-canonicalises a stored report, recomputes its hash, compares it with the hash on record
 * (and with the copies inside the report), then checks the RSA-PSS signature with the public
 * key registered under the report's key id (SPEC §11.4).
 */
export async function verifyStoredReport(
  stored: Pick<StoredResult, 'responseJson' | 'reportHash' | 'reportSignature' | 'signingKeyId'>,
  publicKeyFor: (keyId: string) => Promise<string | null>,
): Promise<VerificationOutcome> {
  let report: EmbeddedHashes & object;
  try {
    report = JSON.parse(stored.responseJson) as EmbeddedHashes & object;
  } catch {
    return { verified: false, failureReason: 'hash_mismatch', recomputedHash: null };
  }
  const bytes = canonicalReportBytes(report);
  const hash = reportHashOf(bytes);
  const embedded = [report.integrity?.report_hash, ...(report.entities ?? []).map((e) => e.traceability?.report_hash)].filter((h) => h !== undefined);
  if (hash !== stored.reportHash || embedded.some((h) => h !== stored.reportHash)) {
    return { verified: false, failureReason: 'hash_mismatch', recomputedHash: hash };
  }
  const publicKeyPem = await publicKeyFor(stored.signingKeyId);
  if (publicKeyPem === null) return { verified: false, failureReason: 'unknown_signing_key', recomputedHash: hash };
  const ok = await verifyReportSignature(bytes, stored.reportSignature, publicKeyPem);
  return ok ? { verified: true, failureReason: null, recomputedHash: hash } : { verified: false, failureReason: 'signature_invalid', recomputedHash: hash };
}
