import { z } from 'zod';
import { CONNECTOR_OUTCOMES } from '../connectors/sdk.ts';
import { auditRecordSchema, confidence, dateTime, identifierType, sourceCategory } from './common.ts';
import { entityProfileSchema } from './profile.ts';
import { entityExplanationSchema } from './resolution.ts';

/**
 * The lookup request as documented, for the OpenAPI document. Validation itself is done by
 * `lookup/lookup-request.ts`, which needs to tell the spec's error codes apart.
 */
export const lookupRequestSchema = z
  .object({
    identifiers: z
      .array(z.object({ type: identifierType, value: z.string() }).meta({ id: 'IdentifierInput' }))
      .min(1)
      .max(20),
    options: z
      .object({
        depth: z.enum(['standard', 'deep']).default('standard').meta({ id: 'LookupDepth' }),
        requester_reference: z.string().max(256).optional(),
      })
      .meta({ id: 'LookupOptions' })
      .optional(),
  })
  .meta({ id: 'LookupRequest' });

export const sourceReferenceSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    category: sourceCategory,
    retrieved_at: dateTime,
    confidence,
  })
  .meta({ id: 'SourceReference' });

export const traceabilitySchema = z
  .looseObject({
    report_hash: z.string(),
    report_signature: z.string().optional(),
    signed_at: dateTime,
    signing_key_id: z.string().optional(),
    sources: z.array(sourceReferenceSchema),
    data_lineage: z.record(z.string(), z.array(z.string())),
    /** Cairn's addition: profile path → lineage record id, for `GET /api/provenance/{id}/lineage`. */
    record_ids: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: 'Traceability' });

export const entitySchema = z
  .looseObject({
    entity_id: z.string(),
    confidence,
    profile: entityProfileSchema,
    traceability: traceabilitySchema,
    explanation: entityExplanationSchema.optional(),
  })
  .meta({ id: 'Entity' });

export const unavailabilityReason = z.enum(['egress_blocked', 'connector_error', 'credentials_invalid', 'rate_limited', 'timeout']);

export const sourceCoverageSchema = z
  .looseObject({
    available: z.array(z.string()),
    unavailable: z.array(z.string()),
    unavailability_reason: unavailabilityReason.nullable(),
    /** Cairn's addition: one line per connector that was planned, with its outcome. */
    details: z
      .array(
        z.object({
          connector_id: z.string(),
          outcome: z.enum(CONNECTOR_OUTCOMES),
          duration_ms: z.number().int(),
          detail: z.string().optional(),
        }),
      )
      .optional(),
    /** Cairn's addition: connectors that exist but were not asked, and why. */
    not_queried: z
      .array(z.object({ connector_id: z.string(), reason: z.enum(['depth', 'not_applicable']) }))
      .optional(),
  })
  .meta({ id: 'SourceCoverage' });

/** Cairn's addition: the report's integrity fields at top level, present even with no entity. */
export const reportIntegritySchema = z
  .object({
    report_hash: z.string(),
    report_signature: z.string(),
    signed_at: dateTime,
    signing_key_id: z.string(),
    signature_algorithm: z.literal('RSASSA-PSS-SHA256'),
    canonicalization: z.literal('RFC8785'),
  })
  .meta({ id: 'ReportIntegrity' });

export const lookupResponseSchema = z
  .looseObject({
    request_id: z.string(),
    queried_at: dateTime,
    resolution: z
      .object({
        status: z.enum(['resolved', 'ambiguous', 'no_match']),
        confidence,
        entity_count: z.number().int(),
        /** Cairn's addition: the decision in one sentence (margin, floor). */
        explanation: z.string().optional(),
      })
      .meta({ id: 'EntityResolution' }),
    entities: z.array(entitySchema),
    source_coverage: sourceCoverageSchema,
    audit: auditRecordSchema,
    integrity: reportIntegritySchema.optional(),
  })
  .meta({ id: 'LookupResponse' });

export type LookupResponse = z.infer<typeof lookupResponseSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type SourceReference = z.infer<typeof sourceReferenceSchema>;
export type SourceCoverage = z.infer<typeof sourceCoverageSchema>;
export type Traceability = z.infer<typeof traceabilitySchema>;
