import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mayRead, mayReadSome, type Principal } from '../../auth/principal.ts';
import { errorResponses } from '../../contract/common.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { ulid } from '../../ids/ulid.ts';
import { exportReportPdf, pdfDigest } from '../../reports/pdf/report-pdf.ts';
import { insertReportExport } from '../../store/report-exports-repository.ts';
import { findResult, type StoredResult } from '../../store/results-repository.ts';
import { findSigningKey } from '../../store/signing-keys-repository.ts';

const params = z.object({ request_id: z.string().min(1).max(128) });
const query = z.object({
  include_provenance: z.enum(['true', 'false']).default('true').meta({ description: 'Add the export provenance appendix (SPEC §11.3). Default true.' }),
});

/** `exported_by`: the user id, or the API key id of a service account. */
function exporterOf(principal: Principal): string {
  const r = principal.record;
  return (r.type === 'user' ? r.user_id : r.api_key_id) ?? 'unknown';
}

interface ExportedPdf {
  readonly pdf: Buffer;
  readonly sha256: string;
  readonly exportedAt: Date;
}

/** Renders and signs; any failure there is a signing failure (500 `signing_failed`), logged without the report. */
async function renderPdf(engine: Engine, stored: StoredResult, principal: Principal, includeProvenance: boolean, log: FastifyBaseLogger): Promise<ExportedPdf> {
  const db = engine.database.db;
  const [current, reportKey] = await Promise.all([findSigningKey(db, engine.signer.keyId), findSigningKey(db, stored.signingKeyId)]);
  const exportedAt = new Date();
  try {
    const pdf = await exportReportPdf({
      reportJson: stored.responseJson,
      exportedAt,
      exportedBy: exporterOf(principal),
      includeProvenance,
      engineVersion: engine.version,
      organizationId: engine.organizationId,
      signer: engine.signer,
      reportPublicKeyPem: reportKey?.publicKeyPem ?? null,
      keyRegisteredAt: current?.createdAt ?? exportedAt,
    });
    return { pdf, sha256: pdfDigest(pdf), exportedAt };
  } catch (err) {
    log.error({ err: (err as Error).message, request_id: stored.requestId, key_id: engine.signer.keyId }, 'PDF export failed');
    throw new ApiError('signing_failed', 'The PDF report could not be produced and signed.');
  }
}

function recordExport(
  engine: Engine,
  exported: ExportedPdf,
  context: { stored: StoredResult; principal: Principal; sourceIp: string; includeProvenance: boolean },
): Promise<void> {
  return insertReportExport(engine.database.db, {
    exportId: `exp_${ulid()}`,
    requestId: context.stored.requestId,
    exportedAt: exported.exportedAt,
    principal: context.principal.record,
    exportedBy: exporterOf(context.principal),
    sourceIp: context.sourceIp,
    includeProvenance: context.includeProvenance,
    reportHash: context.stored.reportHash,
    pdfSha256: exported.sha256,
    pdfSigningKeyId: engine.signer.keyId,
  });
}

/**
 * GET /v1/reports/{request_id}/pdf (SPEC §11.3): the stored report as a signed PDF. Same
 * ownership rules as reading the report (403 for another analyst's report, 404 when unknown
 * or past retention). Each export is recorded in the export register (and logged) with the
 * PDF's digest before the PDF leaves: an export that cannot be recorded is not handed out.
 */
export function registerReportPdfRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/v1/reports/:request_id/pdf',
    {
      config: { scope: null },
      schema: {
        tags: ['Reports'],
        operationId: 'exportReportPdf',
        summary: 'Export a signed PDF report',
        description:
          'The stored report as application/pdf: cover with hash and signature, entity profiles, source attribution, coverage disclosure, audit record, ' +
          'data lineage and (include_provenance=true) export provenance. The report JSON is embedded and the PDF carries a PAdES signature; ' +
          'check it offline with `cairn verify report.pdf --public-key key.pem`.',
        params,
        querystring: query,
        response: errorResponses(401, 403, 404, 500),
      },
    },
    async (request, reply) => {
      const { request_id } = request.params as z.infer<typeof params>;
      const { include_provenance } = request.query as z.infer<typeof query>;
      const principal = request.principal!;
      const scopes = { own: 'reports:read:own', any: 'reports:read:any' } as const;
      // Refuse before looking the id up, so a caller without any reports scope learns nothing.
      if (!mayReadSome(principal, scopes)) throw new ApiError('insufficient_scope', 'This operation needs the reports:read:own or reports:read:any scope.');
      const stored = await findResult(engine.database.db, request_id, new Date());
      if (!stored) throw new ApiError('not_found', 'No stored report with this request_id (unknown, or past retention).');
      if (!mayRead(principal, scopes, stored)) {
        throw new ApiError('insufficient_scope', 'This report belongs to another principal.');
      }
      const exported = await renderPdf(engine, stored, principal, include_provenance === 'true', request.log);
      await recordExport(engine, exported, { stored, principal, sourceIp: request.ip, includeProvenance: include_provenance === 'true' });
      request.log.info(
        { event: 'report_exported', report_request_id: request_id, exported_by: exporterOf(principal), include_provenance, pdf_sha256: exported.sha256, pdf_signing_key_id: engine.signer.keyId },
        'report exported as PDF',
      );
      const pdf = exported.pdf;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="cairn-report-${request_id.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}
