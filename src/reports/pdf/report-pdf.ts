import { createHash } from 'node:crypto';
import type { LookupResponse } from '../../contract/lookup.ts';
import type { ReportSigner } from '../report-signer.ts';
import { drawLineageAppendix, drawProvenanceAppendix, drawVerificationAppendix } from './appendix-sections.ts';
import { buildDetachedCms } from './cms-signed-data.ts';
import { drawCoverPage } from './cover-page.ts';
import { dataFingerprints, type ExportProvenance } from './export-provenance.ts';
import { PdfCanvas } from './pdf-canvas.ts';
import { addSignatureField, fillSignature } from './pdf-signature.ts';
import { DEFAULT_PRINT_LIMITS, type PrintLimits, Truncation } from './print-limits.ts';
import { drawProfiles } from './profile-section.ts';
import { embedReportFiles } from './report-attachments.ts';
import { loadReportFonts } from './report-fonts.ts';
import { buildSigningCertificate } from './signing-certificate.ts';
import { drawAuditRecord, drawSourceAttribution, drawSourceCoverage } from './sources-section.ts';

export interface PdfExportRequest {
  /** The stored report exactly as it was sent (lookup_results.response_json). */
  readonly reportJson: string;
  readonly exportedAt: Date;
  /** user_id or api_key_id of the principal exporting. */
  readonly exportedBy: string;
  readonly includeProvenance: boolean;
  readonly engineVersion: string;
  readonly organizationId: string;
  /** Signs the PDF bytes: the engine's current key. */
  readonly signer: Pick<ReportSigner, 'keyId' | 'publicKeyPem' | 'signPkcs1'>;
  /** The public key registered under the report's signing_key_id (a hint copied into signature.json), if known. */
  readonly reportPublicKeyPem: string | null;
  /** When the current key was registered: the notBefore of its certificate. */
  readonly keyRegisteredAt: Date;
  readonly limits?: PrintLimits;
}

/** The options an export ran with (`export_config` of the provenance). */
function exportConfig(request: PdfExportRequest, limits: PrintLimits): Record<string, unknown> {
  return {
    format: 'application/pdf',
    include_provenance: request.includeProvenance,
    page_size: 'A4',
    print_limits: { max_value_chars: limits.maxValueChars, max_rows_per_table: limits.maxRowsPerTable },
    engine_version: request.engineVersion,
    pdf_signature: { standard: 'PAdES B-B (ETSI.CAdES.detached)', algorithm: 'RSASSA-PKCS1-v1_5 SHA-256', signing_key_id: request.signer.keyId },
  };
}

function renderToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The document information dictionary; with fixed dates pdfkit derives the file /ID from it (report hash and export time). */
function documentInfo(report: LookupResponse, request: PdfExportRequest): Record<string, string | Date> {
  const reportHash = report.integrity?.report_hash ?? '';
  return {
    Title: `Identity intelligence report ${report.request_id}`,
    Author: report.audit.organization_id,
    Subject: `Report ${report.request_id}, hash ${reportHash}`,
    Keywords: `${report.request_id} ${reportHash}`,
    Creator: `Cairn ${request.engineVersion}`,
    Producer: `Cairn ${request.engineVersion} (PDFKit)`,
    CreationDate: request.exportedAt,
    ModDate: request.exportedAt,
  };
}

/** Every section in order; returns the provenance when it was asked for (computed after the tables it summarises). */
function drawSections(canvas: PdfCanvas, report: LookupResponse, request: PdfExportRequest, limits: PrintLimits): ExportProvenance | null {
  const truncation = new Truncation(limits);
  drawCoverPage(canvas, { report, exportedAt: request.exportedAt, exportedBy: request.exportedBy, pdfSigningKeyId: request.signer.keyId });
  drawProfiles(canvas, report, truncation);
  drawSourceAttribution(canvas, report, truncation);
  drawSourceCoverage(canvas, report, truncation);
  drawAuditRecord(canvas, report);
  drawLineageAppendix(canvas, report, truncation);
  let provenance: ExportProvenance | null = null;
  if (request.includeProvenance) {
    provenance = {
      exported_at: request.exportedAt.toISOString(),
      exported_by: request.exportedBy,
      export_config: exportConfig(request, limits),
      data_fingerprints: dataFingerprints(report),
      truncation_summary: truncation.summary(),
    };
    drawProvenanceAppendix(canvas, provenance);
  }
  drawVerificationAppendix(canvas, report);
  return provenance;
}

/**
 * Renders a stored report as a signed PDF (SPEC §11.3): cover, entity profiles, source
 * attribution, coverage disclosure, audit record, lineage appendix, export provenance and a
 * verification appendix; the report files embedded; a PAdES signature over every byte.
 * The same report, key and export time always give the same bytes.
 */
export async function exportReportPdf(request: PdfExportRequest): Promise<Buffer> {
  const report = JSON.parse(request.reportJson) as LookupResponse;
  const canvas = new PdfCanvas(await loadReportFonts(), documentInfo(report, request));
  const provenance = drawSections(canvas, report, request, request.limits ?? DEFAULT_PRINT_LIMITS);
  const files = { reportJson: request.reportJson, report, pdfSigningKeyId: request.signer.keyId, reportPublicKeyPem: request.reportPublicKeyPem, provenance };
  embedReportFiles(canvas.doc, files, request.exportedAt);
  const reportHash = report.integrity?.report_hash ?? '';
  canvas.stampPages(`Cairn identity intelligence report · ${report.request_id} · CONFIDENTIAL`, (page, total) => `Page ${page} of ${total} · report hash ${reportHash}`);
  canvas.doc.switchToPage(0);
  addSignatureField(canvas.doc, { signedAt: request.exportedAt, signerName: `Cairn report signing key ${request.signer.keyId}`, reason: `Export of report ${report.request_id}` });
  const unsigned = await renderToBuffer(canvas.doc);
  const subject = { keyId: request.signer.keyId, organizationId: request.organizationId, publicKeyPem: request.signer.publicKeyPem, notBefore: request.keyRegisteredAt };
  const certificate = await buildSigningCertificate(subject, request.signer.signPkcs1);
  return fillSignature(unsigned, (digest) => buildDetachedCms(digest, certificate, request.signer.signPkcs1));
}

/** `sha256:<hex>` of a PDF, for logs and the export register. */
export function pdfDigest(pdf: Buffer): string {
  return `sha256:${createHash('sha256').update(pdf).digest('hex')}`;
}
