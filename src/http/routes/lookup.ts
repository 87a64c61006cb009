import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mayRead, mayReadSome } from '../../auth/principal.ts';
import { errorResponses } from '../../contract/common.ts';
import { lookupRequestSchema, lookupResponseSchema } from '../../contract/lookup.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { parseLookupRequest } from '../../lookup/lookup-request.ts';
import { findResult } from '../../store/results-repository.ts';
import { rateLimitError, setRateLimitHeaders } from '../auth-hook.ts';

const requestIdParams = z.object({ request_id: z.string().min(1).max(128) });

// The body is checked by parseLookupRequest, which knows the spec's error codes; the zod
// schema is there for the OpenAPI document only.
const passThrough = () => (value: unknown) => ({ value });

export function registerLookupRoutes(app: FastifyInstance, engine: Engine): void {
  app.post(
    '/v1/lookup',
    {
      config: { scope: 'lookup:write' },
      validatorCompiler: passThrough,
      schema: {
        tags: ['Lookup'],
        operationId: 'createLookup',
        summary: 'Submit an identifier lookup',
        body: lookupRequestSchema,
        response: { 200: lookupResponseSchema, ...errorResponses(400, 401, 403, 422, 429, 500) },
      },
    },
    async (request, reply) => {
      const lookupRequest = parseLookupRequest(request.body);
      const principal = request.principal!;
      if (lookupRequest.depth === 'deep') {
        const decision = await engine.rateLimiter.hitDeep(principal);
        if (!decision.allowed) {
          setRateLimitHeaders(reply, decision);
          throw rateLimitError(decision);
        }
      }
      const outcome = await engine.lookups.lookup({
        principal,
        request: lookupRequest,
        requestId: request.id,
        sourceIp: request.ip,
        signal: engine.state.abortSignal,
      });
      return reply.type('application/json; charset=utf-8').send(outcome.json);
    },
  );

  app.get(
    '/v1/lookup/:request_id',
    {
      config: { scope: null },
      schema: {
        tags: ['Lookup'],
        operationId: 'getLookup',
        summary: 'Retrieve a past lookup result',
        params: requestIdParams,
        response: { 200: lookupResponseSchema, ...errorResponses(401, 403, 404, 500) },
      },
    },
    async (request, reply) => {
      const { request_id } = request.params as z.infer<typeof requestIdParams>;
      const scopes = { own: 'lookup:read:own', any: 'lookup:read:any' } as const;
      if (!mayReadSome(request.principal!, scopes)) throw new ApiError('insufficient_scope', 'This operation needs the lookup:read:own or lookup:read:any scope.');
      const stored = await findResult(engine.database.db, request_id, new Date());
      if (!stored) throw new ApiError('not_found', 'No stored lookup with this request_id (unknown, or past retention).');
      if (!mayRead(request.principal!, scopes, stored)) {
        throw new ApiError('insufficient_scope', 'This lookup belongs to another principal.');
      }
      return reply.type('application/json; charset=utf-8').send(stored.responseJson);
    },
  );
}
