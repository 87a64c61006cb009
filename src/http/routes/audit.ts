import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditRecordSchema, errorResponses } from '../../contract/common.ts';
import { auditLogResponseSchema, auditQuerySchema } from '../../contract/audit.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { type AuditCursor, findAuditRecord, listAuditRecords } from '../../store/audit-repository.ts';

const params = z.object({ request_id: z.string().min(1).max(128) });

/** Opaque to callers: base64url of the last record's (logged_at, request_id). */
function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.loggedAt, cursor.requestId])).toString('base64url');
}

function decodeCursor(raw: string): AuditCursor {
  try {
    const [loggedAt, requestId] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof loggedAt === 'string' && typeof requestId === 'string' && !Number.isNaN(Date.parse(loggedAt))) return { loggedAt, requestId };
  } catch {
    // fall through to the error below
  }
  throw new ApiError('field_invalid', undefined, [{ field: 'cursor', issue: 'Not a cursor returned by this endpoint' }]);
}

export function registerAuditRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/v1/audit',
    {
      config: { scope: 'audit:read' },
      schema: {
        tags: ['Audit'],
        operationId: 'listAuditRecords',
        summary: 'Query the audit log',
        querystring: auditQuerySchema,
        response: { 200: auditLogResponseSchema, ...errorResponses(400, 401, 403, 500) },
      },
    },
    async (request) => {
      const query = request.query as z.infer<typeof auditQuerySchema>;
      const page = await listAuditRecords(
        engine.database.db,
        {
          ...(query.from !== undefined ? { from: new Date(query.from) } : {}),
          ...(query.to !== undefined ? { to: new Date(query.to) } : {}),
          ...(query.user_id !== undefined ? { userId: query.user_id } : {}),
        },
        query.cursor !== undefined ? decodeCursor(query.cursor) : null,
        query.limit,
      );
      return { records: page.records, total: page.total, next_cursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/v1/audit/:request_id',
    {
      config: { scope: 'audit:read' },
      schema: {
        tags: ['Audit'],
        operationId: 'getAuditRecord',
        summary: 'Get the audit record of one request',
        params,
        response: { 200: auditRecordSchema, ...errorResponses(401, 403, 404, 500) },
      },
    },
    async (request) => {
      const { request_id } = request.params as z.infer<typeof params>;
      const found = await findAuditRecord(engine.database.db, request_id);
      if (!found) throw new ApiError('not_found', 'No audit record with this request_id.');
      return found.record;
    },
  );
}
