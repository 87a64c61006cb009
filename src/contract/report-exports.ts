import { z } from 'zod';
import { dateTime, principalSchema } from './common.ts';

/** Cairn's addition: the export register of one report (GET /v1/reports/{request_id}/exports). */
export const reportExportsResponseSchema = z
  .object({
    request_id: z.string(),
    exports: z.array(
      z.object({
        export_id: z.string(),
        exported_at: dateTime,
        exported_by: z.string(),
        principal: principalSchema,
        source_ip: z.string(),
        include_provenance: z.boolean(),
        report_hash: z.string(),
        pdf_sha256: z.string(),
        pdf_signing_key_id: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReportExports' });
