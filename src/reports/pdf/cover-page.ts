import type { LookupResponse } from '../../contract/lookup.ts';
import { MUTED, type PdfCanvas } from './pdf-canvas.ts';
import { drawKeyValues } from './pdf-table.ts';
import { formatValue } from './print-limits.ts';

export interface CoverFacts {
  readonly report: LookupResponse;
  readonly exportedAt: Date;
  readonly exportedBy: string;
  /** The key that signs the PDF bytes (the engine's current key; may differ from the report's after rotation). */
  readonly pdfSigningKeyId: string;
}

/**
 * The cover (SPEC §11.3): who asked what and when, the outcome, and the integrity facts a
 * third party needs to check the report offline.
 */
export function drawCoverPage(canvas: PdfCanvas, facts: CoverFacts): void {
  const { report } = facts;
  const integrity = report.integrity;
  canvas.y += 30;
  canvas.paragraph('Identity intelligence report', { size: 22, weight: 'bold' }, 2);
  canvas.paragraph('Signed export of a stored lookup result. Confidential: contains personal data.', { size: 10, color: MUTED }, 14);
  canvas.heading('Request', 2);
  drawKeyValues(canvas, [
    ['Request ID', report.request_id],
    ['Query time (UTC)', report.queried_at],
    ['Requester reference', formatValue(report.audit.requester_reference)],
    ['Organization', report.audit.organization_id],
    ['Resolution', `${report.resolution.status} · confidence ${report.resolution.confidence} · ${report.resolution.entity_count} entit${report.resolution.entity_count === 1 ? 'y' : 'ies'}`],
  ]);
  canvas.heading('Integrity', 2);
  drawKeyValues(canvas, [
    ['Report hash', integrity?.report_hash ?? formatValue(report.entities[0]?.traceability.report_hash)],
    ['Report signature', integrity?.report_signature ?? '—'],
    ['Signing key ID', integrity?.signing_key_id ?? '—'],
    ['Signing time (UTC)', integrity?.signed_at ?? '—'],
    ['Algorithm', `${integrity?.signature_algorithm ?? 'RSASSA-PSS-SHA256'} (MGF1-SHA-256, salt 32) over the ${integrity?.canonicalization ?? 'RFC8785'} canonical report`],
  ]);
  canvas.heading('This export', 2);
  drawKeyValues(canvas, [
    ['Exported at (UTC)', facts.exportedAt.toISOString()],
    ['Exported by', facts.exportedBy],
    ['PDF signature', `PAdES (ETSI.CAdES.detached), RSASSA-PKCS1-v1_5 SHA-256, key ${facts.pdfSigningKeyId}`],
  ]);
  canvas.paragraph(
    'To check this document without access to the engine: the canonical report is embedded in this PDF as report.json ' +
      '(with report.canonical.json and signature.json). Run `cairn verify report.pdf --public-key key.pem` with the public key ' +
      'published at GET /v1/reports/signing-keys, or follow the openssl procedure in the verification appendix.',
    { size: 8.5, color: MUTED },
  );
}
