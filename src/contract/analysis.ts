import { z } from 'zod';
import { auditRecordSchema, confidence, dateTime } from './common.ts';

/** SPEC §9, the Analysis API's wire shapes (field names as in intrace-openapi.yaml). */

export const analysisTypeStatus = z.enum(['available', 'beta', 'deprecated']).meta({ id: 'AnalysisTypeStatus' });

export const analysisSubjectSchema = z
  .looseObject({
    type: z.string().meta({ description: 'The subject type. Currently `entity`.' }),
    entity_id: z.string().optional().meta({ description: 'Required when `type` is `entity`: an entity id from a stored lookup.' }),
  })
  .meta({ id: 'AnalysisSubject' });

export const analysisRequestSchema = z
  .object({
    subject: analysisSubjectSchema,
    analysis_type: z.string(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    options: z.object({ requester_reference: z.string().max(256).optional() }).meta({ id: 'AnalysisOptions' }).optional(),
  })
  .meta({ id: 'AnalysisRequest' });

export const analysisResultSchema = z
  .object({
    data: z.record(z.string(), z.unknown()),
    confidence: confidence.nullable().optional(),
    coverage_note: z.string().nullable().optional(),
  })
  .meta({ id: 'AnalysisResult' });

export const analysisResponseSchema = z
  .looseObject({
    analysis_id: z.string(),
    analysis_type: z.string(),
    status: z.enum(['complete', 'failed']),
    subject: analysisSubjectSchema,
    queried_at: dateTime,
    completed_at: dateTime.nullable().optional(),
    result: analysisResultSchema.nullable().optional(),
    error: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
    audit: auditRecordSchema,
    /** Cairn's addition: the parameters the analysis ran with, defaults filled in. */
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AnalysisResponse' });

export const analysisTypeInfoSchema = z
  .object({
    type: z.string(),
    status: analysisTypeStatus,
    description: z.string(),
    subject_types: z.array(z.string()).optional(),
    parameters_schema_url: z.string().optional(),
  })
  .meta({ id: 'AnalysisTypeInfo' });

export const analysisTypesResponseSchema = z.object({ types: z.array(analysisTypeInfoSchema) }).meta({ id: 'AnalysisTypesResponse' });

export const analysisTypeDetailSchema = z
  .object({
    type: z.string(),
    status: analysisTypeStatus,
    description: z.string(),
    subject_types: z.array(z.string()).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    result_description: z.string().optional(),
  })
  .meta({ id: 'AnalysisTypeDetail' });

export type AnalysisResponse = z.infer<typeof analysisResponseSchema>;
export type AnalysisTypeStatus = z.infer<typeof analysisTypeStatus>;
