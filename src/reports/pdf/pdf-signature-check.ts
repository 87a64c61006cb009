import type { TrustedKey } from '../trusted-keys.ts';
import { keyFingerprint } from '../trusted-keys.ts';
import { assembleCms, certificateFromDer, type ParsedCms, parseDetachedCms, signedAttributesFor, verifyCmsSignature } from './cms-signed-data.ts';
import { readNode } from './der.ts';
import { digestRanges, encodeContents, SIGNATURE_CAPACITY } from './pdf-signature.ts';

export type PdfSignatureFailure = 'pdf_signature_missing' | 'pdf_modified' | 'pdf_signature_invalid' | 'wrong_key';

export interface PdfSignatureCheck {
  readonly ok: boolean;
  readonly reason: PdfSignatureFailure | null;
  readonly detail: string;
  /** The presented key that verified the signature. */
  readonly key: TrustedKey | null;
}

const fail = (reason: PdfSignatureFailure, detail: string): PdfSignatureCheck => ({ ok: false, reason, detail, key: null });

type Range = readonly [number, number, number, number];

/** The one signature whose ByteRange ends at the end of the file, or why there is none. */
function locate(pdf: Buffer): { range: Range } | PdfSignatureCheck {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => [1, 2, 3, 4].map((i) => Number(m[i])) as unknown as Range);
  if (ranges.length === 0) {
    // A damaged signature dictionary is still a changed file, not an unsigned one.
    return /\/Type \/Sig\b|\/FT \/Sig\b|ETSI\.CAdES\.detached/.test(text)
      ? fail('pdf_modified', 'the signature dictionary is damaged (no readable /ByteRange)')
      : fail('pdf_signature_missing', 'the file carries no PDF signature');
  }
  if (ranges.length > 1) return fail('pdf_modified', `${ranges.length} signature dictionaries: the file was changed or re-signed after export`);
  const range = ranges[0]!;
  const [a, b, c, d] = range;
  if (a !== 0 || c + d !== pdf.length || b >= c) return fail('pdf_modified', `the signed ranges do not cover the file (ByteRange [${range.join(' ')}], file ${pdf.length} bytes)`);
  if (c - b !== SIGNATURE_CAPACITY * 2 + 2) return fail('pdf_modified', 'the signature placeholder has an unexpected size');
  return { range };
}

function parseContents(pdf: Buffer, range: Range): ParsedCms | PdfSignatureCheck {
  const gap = pdf.subarray(range[1], range[2]).toString('latin1');
  if (!/^<[0-9a-f]*>$/.test(gap)) return fail('pdf_signature_invalid', 'the /Contents hex string is malformed');
  // Any byte of the container that does not parse, or parses into something other than what
  // the engine writes, is a damaged signature, never an exception.
  try {
    const der = readNode(Buffer.from(gap.slice(1, -1), 'hex')).raw;
    const cms = parseDetachedCms(der);
    // One encoding only: no byte of the unsigned gap can change without the check noticing.
    if (encodeContents(der) !== gap) return fail('pdf_signature_invalid', 'the /Contents are not in the canonical encoding (stray bytes after the CMS)');
    if (!cms.certificateDer) return fail('pdf_signature_invalid', 'the CMS carries no signing certificate');
    const certificate = certificateFromDer(cms.certificateDer);
    const rebuilt = assembleCms(signedAttributesFor(cms.messageDigest, certificate), cms.signature, certificate);
    if (!rebuilt.equals(der)) return fail('pdf_signature_invalid', 'the CMS structure differs from what the engine writes (altered certificate or attributes)');
    return cms;
  } catch {
    return fail('pdf_signature_invalid', 'the /Contents do not hold a well-formed CMS SignedData');
  }
}

/**
 * Checks the PAdES signature of a report PDF against the keys the verifier trusts: the
 * ByteRange must cover the whole file but the /Contents, the digest of those bytes must be
 * the signed messageDigest, and a trusted key must verify the signature. Any changed,
 * added or removed byte fails one of these with a specific reason.
 */
export function checkPdfSignature(pdf: Buffer, keys: readonly TrustedKey[]): PdfSignatureCheck {
  const located = locate(pdf);
  if ('ok' in located) return located;
  const cms = parseContents(pdf, located.range);
  if ('ok' in cms) return cms;
  // The signature first: only a verified messageDigest can tell that the signed bytes changed.
  const key = keys.find((k) => verifyCmsSignature(cms, k.key));
  if (!key) {
    const embedded = cms.certificate?.publicKey;
    if (embedded && verifyCmsSignature(cms, embedded)) {
      return fail('wrong_key', `signed by a key not among those presented: ${cms.certificate!.subject.replace(/\n/g, ', ')} (${keyFingerprint(embedded)})`);
    }
    return fail('pdf_signature_invalid', 'the signature does not verify');
  }
  if (!digestRanges(pdf, located.range).equals(cms.messageDigest)) return fail('pdf_modified', 'the signed bytes changed after signing (digest mismatch)');
  return { ok: true, reason: null, detail: `PAdES signature over ${pdf.length - SIGNATURE_CAPACITY * 2 - 2} of ${pdf.length} bytes (all but the signature itself), key ${key.keyId ?? key.fingerprint}`, key };
}
