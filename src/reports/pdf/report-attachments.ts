import type { LookupResponse } from '../../contract/lookup.ts';
import { canonicalJson } from '../canonical-json.ts';
import { canonicalReportBytes } from '../report-signature.ts';
import type { ExportProvenance } from './export-provenance.ts';

/** The files embedded in every report PDF (PDF 1.7 embedded files, listed in the catalog's /AF). */
export const ATTACHMENT = {
  /** The stored response exactly as the lookup API sent it. */
  report: 'report.json',
  /** The RFC 8785 bytes that were hashed and signed (report.json minus its signature fields). */
  canonical: 'report.canonical.json',
  /** Hash, signature, key id and algorithms, for openssl users. */
  signature: 'signature.json',
  provenance: 'export-provenance.json',
} as const;

export const SIGNATURE_FORMAT = 'cairn-report-signature/1';

/** signature.json: what a verifier needs besides the key. */
export function signatureManifest(report: LookupResponse, pdfSigningKeyId: string, reportPublicKeyPem: string | null): Record<string, unknown> {
  const i = report.integrity;
  return {
    format: SIGNATURE_FORMAT,
    request_id: report.request_id,
    report_hash: i?.report_hash ?? null,
    report_signature: i?.report_signature ?? null,
    signing_key_id: i?.signing_key_id ?? null,
    // A convenience copy from the engine's key register, not a trust anchor: verify with the published key.
    report_public_key_pem: reportPublicKeyPem,
    signed_at: i?.signed_at ?? null,
    signature_algorithm: 'RSASSA-PSS SHA-256, MGF1-SHA-256, salt 32',
    canonicalization: 'RFC8785 of report.json without integrity and without entities[].traceability.{report_hash,report_signature,signed_at,signing_key_id}',
    canonical_file: ATTACHMENT.canonical,
    pdf_signature: { standard: 'PAdES B-B (ETSI.CAdES.detached)', algorithm: 'RSASSA-PKCS1-v1_5 SHA-256', signing_key_id: pdfSigningKeyId },
  };
}

/** Embeds the report files; dates are the export time so that re-exports are byte-identical. */
export function embedReportFiles(
  doc: PDFKit.PDFDocument,
  files: { reportJson: string; report: LookupResponse; pdfSigningKeyId: string; reportPublicKeyPem: string | null; provenance: ExportProvenance | null },
  at: Date,
): void {
  const embed = (name: string, data: Buffer, description: string): void => {
    // pdfkit 0.20 writes /AFRelationship from `relationship`, which its type declarations lack.
    const options: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
      name,
      type: 'application/json',
      description,
      creationDate: at,
      modifiedDate: at,
      relationship: 'Data',
    };
    doc.file(data, options);
  };
  embed(ATTACHMENT.report, Buffer.from(files.reportJson, 'utf8'), 'The lookup report exactly as the API returned it');
  embed(ATTACHMENT.canonical, canonicalReportBytes(files.report), 'RFC 8785 canonical report: the bytes that were hashed and signed');
  embed(ATTACHMENT.signature, Buffer.from(`${JSON.stringify(signatureManifest(files.report, files.pdfSigningKeyId, files.reportPublicKeyPem), null, 2)}\n`, 'utf8'), 'Report hash, signature and algorithms');
  if (files.provenance) {
    embed(ATTACHMENT.provenance, Buffer.from(`${canonicalJson(files.provenance)}\n`, 'utf8'), 'Export provenance (SPEC §11.3)');
  }
}
