import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorResponses } from '../../contract/common.ts';
import { reportExportsResponseSchema } from '../../contract/report-exports.ts';
import type { Engine } from '../../engine/engine.ts';
import { listReportExports } from '../../store/report-exports-repository.ts';

const params = z.object({ request_id: z.string().min(1).max(128) });
const query = z.object({
  pdf_sha256: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional()
    .meta({ description: 'Only the export that produced the PDF with this digest (`sha256:<hex>` of the file).' }),
});

/**
 * GET /v1/reports/{request_id}/exports (Cairn's addition): who exported a report as PDF, when,
 * and the digest of each file, for chain of custody. An audit scope, like the audit log:
 * it names principals. Registered entries outlive the report's own retention.
 */
export function registerReportExportRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/v1/reports/:request_id/exports',
    {
      config: { scope: 'audit:read' },
      schema: {
        tags: ['Reports'],
        operationId: 'listReportExports',
        summary: 'Export register of a report (who exported which PDF, when, with its SHA-256)',
        params,
        querystring: query,
        response: { 200: reportExportsResponseSchema, ...errorResponses(400, 401, 403, 500) },
      },
    },
    async (request) => {
      const { request_id } = request.params as z.infer<typeof params>;
      const { pdf_sha256 } = request.query as z.infer<typeof query>;
      const rows = await listReportExports(engine.database.db, { requestId: request_id, ...(pdf_sha256 !== undefined ? { pdfSha256: pdf_sha256 } : {}) });
      return {
        request_id,
        exports: rows.map((e) => ({
          export_id: e.exportId,
          exported_at: e.exportedAt.toISOString(),
          exported_by: e.exportedBy,
          principal: e.principal,
          source_ip: e.sourceIp,
          include_provenance: e.includeProvenance,
          report_hash: e.reportHash,
          pdf_sha256: e.pdfSha256,
          pdf_signing_key_id: e.pdfSigningKeyId,
        })),
      };
    },
  );
}
