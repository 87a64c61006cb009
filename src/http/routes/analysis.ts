import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AnalysisType } from '../../analysis/analysis-type.ts';
import { mayRead, mayReadSome } from '../../auth/principal.ts';
import {
  analysisRequestSchema,
  analysisResponseSchema,
  analysisTypeDetailSchema,
  analysisTypesResponseSchema,
} from '../../contract/analysis.ts';
import { errorResponses } from '../../contract/common.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { findAnalysis } from '../../store/analysis-results-repository.ts';

const typeParams = z.object({ type: z.string().min(1).max(128) });
const analysisParams = z.object({ analysis_id: z.string().min(1).max(128) });

// The body is checked by parseAnalysisRequest, which knows the spec's error codes; the zod
// schema is there for the OpenAPI document only.
const passThrough = () => (value: unknown) => ({ value });

function info(type: AnalysisType) {
  return {
    type: type.type,
    status: type.status,
    description: type.description,
    subject_types: [...type.subjectTypes],
    parameters_schema_url: `/v1/analysis/types/${type.type}`,
  };
}

/** SPEC §9: the catalogue, a type's parameter schema, submitting and retrieving analyses. */
export function registerAnalysisRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/v1/analysis/types',
    {
      config: { scope: null },
      schema: {
        tags: ['Analysis'],
        operationId: 'listAnalysisTypes',
        summary: 'List available analysis types',
        response: { 200: analysisTypesResponseSchema, ...errorResponses(401, 500) },
      },
    },
    async () => ({ types: engine.analyses.types.map(info) }),
  );

  app.get(
    '/v1/analysis/types/:type',
    {
      config: { scope: null },
      schema: {
        tags: ['Analysis'],
        operationId: 'getAnalysisType',
        summary: 'Get parameter schema for an analysis type',
        params: typeParams,
        response: { 200: analysisTypeDetailSchema, ...errorResponses(401, 404, 500) },
      },
    },
    async (request) => {
      const { type } = request.params as z.infer<typeof typeParams>;
      const found = engine.analyses.types.find((t) => t.type === type);
      if (!found) throw new ApiError('not_found', `No analysis type ${type}; see GET /v1/analysis/types.`);
      const { parameters_schema_url: _url, ...rest } = info(found);
      return { ...rest, parameters: found.parametersSchema, result_description: found.resultDescription };
    },
  );

  app.post(
    '/v1/analysis',
    {
      config: { scope: 'analysis:write' },
      validatorCompiler: passThrough,
      schema: {
        tags: ['Analysis'],
        operationId: 'submitAnalysis',
        summary: 'Submit an analysis request',
        body: analysisRequestSchema,
        response: { 200: analysisResponseSchema, ...errorResponses(400, 401, 403, 404, 422, 429, 500, 501) },
      },
    },
    async (request, reply) => {
      const outcome = await engine.analyses.submit({ principal: request.principal!, body: request.body, requestId: request.id, sourceIp: request.ip });
      return reply.type('application/json; charset=utf-8').send(outcome.json);
    },
  );

  app.get(
    '/v1/analysis/:analysis_id',
    {
      config: { scope: null },
      schema: {
        tags: ['Analysis'],
        operationId: 'getAnalysis',
        summary: 'Retrieve a past analysis result',
        params: analysisParams,
        response: { 200: analysisResponseSchema, ...errorResponses(401, 403, 404, 500) },
      },
    },
    async (request, reply) => {
      const { analysis_id } = request.params as z.infer<typeof analysisParams>;
      const scopes = { own: 'analysis:read:own', any: 'analysis:read:any' } as const;
      // Refuse before looking the id up, so a caller without any analysis scope learns nothing.
      if (!mayReadSome(request.principal!, scopes)) throw new ApiError('insufficient_scope', 'This operation needs the analysis:read:own or analysis:read:any scope.');
      const stored = await findAnalysis(engine.database.db, analysis_id, new Date());
      if (!stored) throw new ApiError('not_found', 'No stored analysis with this analysis_id (unknown, or past retention).');
      if (!mayRead(request.principal!, scopes, stored)) {
        throw new ApiError('insufficient_scope', 'This analysis belongs to another principal.');
      }
      return reply.type('application/json; charset=utf-8').send(stored.responseJson);
    },
  );
}
