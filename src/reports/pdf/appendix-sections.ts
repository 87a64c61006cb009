import type { LookupResponse } from '../../contract/lookup.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { ExportProvenance } from './export-provenance.ts';
import { MUTED, type PdfCanvas } from './pdf-canvas.ts';
import { drawKeyValues, drawTable } from './pdf-table.ts';
import { formatValue, type Truncation } from './print-limits.ts';

/** Appendix A: data lineage (SPEC §11.1 `data_lineage`): which sources assert each value. */
export function drawLineageAppendix(canvas: PdfCanvas, report: LookupResponse, t: Truncation): void {
  canvas.addPage();
  canvas.heading('Appendix A — Data lineage');
  canvas.paragraph('Each path points into the report JSON (report.json); the sources are ids from the source attribution tables.', { size: 8.5, color: MUTED });
  if (report.entities.length === 0) canvas.paragraph('No entity, hence no lineage.', { size: 9, color: MUTED });
  report.entities.forEach((entity, i) => {
    canvas.heading(`Entity ${i + 1}: ${entity.entity_id}`, 3);
    const all = Object.entries(entity.traceability.data_lineage).map(([path, ids]) => [path, ids.join(', ')]);
    const { rows, omitted } = t.rows(`entities[${i}].traceability.data_lineage`, all);
    drawTable(
      canvas,
      [
        { header: 'Path', share: 0.6 },
        { header: 'Sources', share: 0.4 },
      ],
      rows,
    );
    if (omitted > 0) canvas.paragraph(`${omitted} more lineage paths are in the embedded report.json.`, { size: 8, color: MUTED });
  });
}

/** Appendix B: export provenance (SPEC §11.3). */
export function drawProvenanceAppendix(canvas: PdfCanvas, provenance: ExportProvenance): void {
  canvas.addPage();
  canvas.heading('Appendix B — Export provenance');
  canvas.paragraph(
    'Fingerprints are SHA-256 over the RFC 8785 canonical JSON of each section of report.json, computed at export. ' +
      'Anyone holding the same data can recompute them; a mismatch means the data changed since this export. ' +
      'The same values are embedded as export-provenance.json.',
    { size: 8.5, color: MUTED },
  );
  drawKeyValues(canvas, [
    ['exported_at', provenance.exported_at],
    ['exported_by', provenance.exported_by],
    ...Object.entries(provenance.export_config).map(([k, v]) => [`export_config.${k}`, typeof v === 'object' && v !== null ? canonicalJson(v) : formatValue(v)] as const),
  ]);
  canvas.heading('data_fingerprints', 3);
  drawTable(
    canvas,
    [
      { header: 'Section', share: 0.32 },
      { header: 'SHA-256', share: 0.68 },
    ],
    Object.entries(provenance.data_fingerprints).map(([section, hash]) => [section, hash]),
  );
  const summary = provenance.truncation_summary;
  canvas.heading('truncation_summary', 3);
  canvas.paragraph(summary.note, { size: 9 });
  drawTable(
    canvas,
    [
      { header: 'Section', share: 0.5 },
      { header: 'Rows in report', share: 0.25, align: 'right' },
      { header: 'Rows printed', share: 0.25, align: 'right' },
    ],
    [
      ...summary.tables.map((s) => [s.section, String(s.total_rows), String(s.printed_rows)]),
      ['values shortened (characters cut)', String(summary.shortened_values), '—'],
      ['limits', `max_rows_per_table ${summary.limits.max_rows_per_table}`, `max_value_chars ${summary.limits.max_value_chars}`],
    ],
  );
}

/** Appendix C: how a third party checks this file offline. */
export function drawVerificationAppendix(canvas: PdfCanvas, report: LookupResponse): void {
  canvas.addPage();
  canvas.heading('Appendix C — Verifying this document');
  const keyId = report.integrity?.signing_key_id ?? 'the report key';
  const steps = [
    '1. Get the public key(s): GET /v1/reports/signing-keys publishes every key the engine ever used (PEM and JWK), retired ones included. ' +
      `The report was signed with key ${keyId}; the PDF bytes with the key named in the PDF signature.`,
    '2. With Cairn: `cairn verify report.pdf --public-key signing-keys.json` (or a PEM / JWK file per key) checks the PDF signature over every byte, ' +
      'extracts report.json, re-canonicalises it (RFC 8785), recomputes the hash and verifies the report signature. It needs no engine and no network.',
    '3. With standard tools: `pdfsig report.pdf` (poppler) or Acrobat show the PDF signature; the certificate is self-signed, so compare its key with the published one. ' +
      '`pdfdetach -saveall report.pdf` extracts report.json, report.canonical.json and signature.json; then ' +
      '`sha256sum report.canonical.json` equals the report hash, and ' +
      '`jq -r .report_signature signature.json | base64 -d > report.sig; openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 ' +
      '-sigopt rsa_mgf1_md:sha256 -verify key.pem -signature report.sig report.canonical.json` prints "Verified OK".',
    '4. report.canonical.json must equal the RFC 8785 form of report.json without integrity and without each entity\'s report_hash, report_signature, ' +
      'signed_at and signing_key_id (cairn verify checks this).',
  ];
  for (const step of steps) canvas.paragraph(step, { size: 9 }, 6);
}
