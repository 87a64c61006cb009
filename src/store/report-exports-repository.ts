import type { PrincipalRecord } from '../audit/audit-record.ts';
import type { Executor } from './executor.ts';

/** One PDF export, as the export register keeps it (migration 0016). */
export interface ReportExport {
  readonly exportId: string;
  readonly requestId: string;
  readonly exportedAt: Date;
  readonly principal: PrincipalRecord;
  readonly exportedBy: string;
  readonly sourceIp: string;
  readonly includeProvenance: boolean;
  readonly reportHash: string;
  /** `sha256:<hex>` of the PDF exactly as sent. */
  readonly pdfSha256: string;
  readonly pdfSigningKeyId: string;
}

/**
 * Records an export. The table is append-only (a trigger refuses UPDATE, DELETE, TRUNCATE).
 *
 * @example
 * await insertReportExport(db, { exportId: 'exp_01…', requestId: 'req_01…', exportedAt: new Date(), … });
 */
export async function insertReportExport(db: Executor, e: ReportExport): Promise<void> {
  await db
    .insertInto('report_exports')
    .values({
      export_id: e.exportId,
      request_id: e.requestId,
      exported_at: e.exportedAt,
      principal: JSON.stringify(e.principal),
      exported_by: e.exportedBy,
      source_ip: e.sourceIp,
      include_provenance: e.includeProvenance,
      report_hash: e.reportHash,
      pdf_sha256: e.pdfSha256,
      pdf_signing_key_id: e.pdfSigningKeyId,
    })
    .execute();
}

/**
 * Exports of one report, oldest first; or, with `pdfSha256`, the export that produced that
 * exact file (to answer "did our engine produce this PDF?").
 *
 * @example
 * await listReportExports(db, { requestId: 'req_01…' }) // [{ exportId, exportedBy, pdfSha256, … }]
 */
export async function listReportExports(db: Executor, filter: { requestId: string; pdfSha256?: string }): Promise<ReportExport[]> {
  let query = db.selectFrom('report_exports').selectAll().where('request_id', '=', filter.requestId);
  if (filter.pdfSha256 !== undefined) query = query.where('pdf_sha256', '=', filter.pdfSha256);
  const rows = await query.orderBy('exported_at').orderBy('export_id').execute();
  return rows.map((r) => ({
    exportId: r.export_id,
    requestId: r.request_id,
    exportedAt: r.exported_at,
    principal: r.principal as unknown as PrincipalRecord,
    exportedBy: r.exported_by,
    sourceIp: r.source_ip,
    includeProvenance: r.include_provenance,
    reportHash: r.report_hash,
    pdfSha256: r.pdf_sha256,
    pdfSigningKeyId: r.pdf_signing_key_id,
  }));
}
