import { z } from 'zod';
import { SOURCE_CATEGORIES } from '../connectors/sdk.ts';
import { IDENTIFIER_TYPES } from '../identifiers/identifier-types.ts';

/**
 * Wire schemas shared by several resources. These zod objects are the single source of the
 * response types (z.infer) and of the generated OpenAPI document; field names follow
 * `intrace-openapi.yaml` exactly.
 */

export const confidence = z.number().min(0).max(1);
export const sourceIds = z.array(z.string()).meta({ description: 'Ids from `traceability.sources[].id`.' });
export const dateTime = z.string().meta({ format: 'date-time' });

export const identifierType = z.enum(IDENTIFIER_TYPES).meta({ id: 'IdentifierType' });
export const sourceCategory = z.enum(SOURCE_CATEGORIES).meta({ id: 'SourceCategory' });

export const principalSchema = z
  .object({
    type: z.enum(['user', 'service_account']),
    user_id: z.string().nullable(),
    user_email: z.string().nullable(),
    idp_session_id: z.string().nullable(),
    api_key_id: z.string().nullable(),
    service_account_name: z.string().nullable(),
  })
  .meta({ id: 'Principal' });

export const auditRecordSchema = z
  .object({
    request_id: z.string(),
    principal: principalSchema,
    organization_id: z.string(),
    source_ip: z.string(),
    requester_reference: z.string().nullable(),
    identifiers_queried: z.number().int().nullable(),
    logged_at: dateTime,
  })
  .meta({ id: 'AuditRecord' });

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), issue: z.string() })).optional(),
    }),
    request_id: z.string(),
  })
  .meta({ id: 'ApiError' });

/** The documented error responses, to spread into a route's `response` schema. */
export function errorResponses(...statuses: number[]): Record<number, typeof apiErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, apiErrorSchema]));
}
