import { z } from 'zod';
import { auditRecordSchema } from './common.ts';

export const auditLogResponseSchema = z
  .object({ records: z.array(auditRecordSchema), total: z.number().int(), next_cursor: z.string().nullable() })
  .meta({ id: 'AuditLogResponse' });

const dateTimeParam = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), 'Must be an RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z');

export const auditQuerySchema = z.object({
  from: dateTimeParam.optional(),
  to: dateTimeParam.optional(),
  user_id: z.string().min(1).max(256).optional(),
  limit: z.coerce.number().int('Must be an integer').min(1, 'Must be between 1 and 1000').max(1000, 'Must be between 1 and 1000').default(100),
  cursor: z.string().max(512).optional(),
});
