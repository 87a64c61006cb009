import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mayRead, mayReadSome, type Principal } from '../../auth/principal.ts';
import { errorResponses } from '../../contract/common.ts';
import { fullLineageQuerySchema, fullLineageSchema, recordLineageSchema } from '../../contract/provenance.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { fullLineage, type RecordLineage, recordLineage } from '../../lineage/lineage-view.ts';

const params = z.object({ id: z.string().min(1).max(128) });

const LOOKUP_READ = { own: 'lookup:read:own', any: 'lookup:read:any' } as const;

// Refuse before looking the id up, so a caller without any lookup-read scope learns nothing.
function mayAsk(principal: Principal): void {
  if (!mayReadSome(principal, LOOKUP_READ)) throw new ApiError('insufficient_scope', 'This operation needs the lookup:read:own or lookup:read:any scope.');
}

// Lineage belongs to the lookup that wrote it: readable by whoever may read that lookup.
function authorize(principal: Principal, found: RecordLineage | null): Record<string, unknown> {
  if (!found) throw new ApiError('not_found', 'No lineage record with this id (unknown, or past retention).');
  if (!mayRead(principal, LOOKUP_READ, found.owner)) {
    throw new ApiError('insufficient_scope', 'This record belongs to a lookup of another principal.');
  }
  return found.body;
}

/** SPEC §12: chain of custody of an entity, a profile entry or an upstream record. */
export function registerProvenanceRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/api/provenance/:id/lineage',
    {
      config: { scope: null },
      schema: {
        tags: ['Provenance'],
        operationId: 'getLineage',
        summary: "A record's origin, transforms and merges",
        params,
        response: { 200: recordLineageSchema, ...errorResponses(401, 403, 404, 500) },
      },
    },
    async (request) => {
      const { id } = request.params as z.infer<typeof params>;
      mayAsk(request.principal!);
      return authorize(request.principal!, await recordLineage(engine.database.db, id, new Date()));
    },
  );

  app.get(
    '/api/provenance/:id/full-lineage',
    {
      config: { scope: null },
      schema: {
        tags: ['Provenance'],
        operationId: 'getFullLineage',
        summary: 'The ancestry of a record: chain from the roots, timeline, merge history',
        params,
        querystring: fullLineageQuerySchema,
        response: { 200: fullLineageSchema, ...errorResponses(400, 401, 403, 404, 500) },
      },
    },
    async (request) => {
      const { id } = request.params as z.infer<typeof params>;
      const { max_depth } = request.query as z.infer<typeof fullLineageQuerySchema>;
      mayAsk(request.principal!);
      return authorize(request.principal!, await fullLineage(engine.database.db, id, max_depth, new Date()));
    },
  );
}
