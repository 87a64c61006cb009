import { z } from 'zod';
import { dateTime } from './common.ts';

/**
 * SPEC §12 lineage endpoints (outside the OpenAPI contract, under `/api`). Events carry their
 * type's own fields: origin (`origin_feature`, `origin_source_id`, `source_details`,
 * `created_by`, `created_by_name`), transform (`transform_name`, `connector_name`,
 * `executed_at`, `executed_by`, `executed_by_name`), merge (`merged_record_ids`, `merged_into`,
 * `merge_reason`).
 */
export const lineageEventSchema = z
  .looseObject({
    event_id: z.string(),
    event_type: z.enum(['origin', 'transform', 'merge']),
    record_id: z.string(),
    record_type: z.enum(['source_record', 'entity', 'data_point']),
    occurred_at: dateTime,
    parent_ids: z.array(z.string()),
  })
  .meta({ id: 'LineageEvent' });

export const recordLineageSchema = z
  .object({
    record_id: z.string(),
    record_type: z.string(),
    request_id: z.string(),
    parent_ids: z.array(z.string()),
    origin: lineageEventSchema.nullable(),
    transforms: z.array(lineageEventSchema),
    transitions: z.array(lineageEventSchema),
    updates: z.array(lineageEventSchema),
    merges: z.array(lineageEventSchema),
    events: z.array(lineageEventSchema),
  })
  .meta({ id: 'RecordLineage' });

export const fullLineageSchema = z
  .object({
    record_id: z.string(),
    record_type: z.string(),
    max_depth: z.number().int(),
    truncated: z.boolean(),
    chain: z.array(
      z.object({
        record_id: z.string(),
        record_type: z.string().nullable(),
        depth: z.number().int(),
        parent_ids: z.array(z.string()),
        events: z.array(lineageEventSchema),
      }),
    ),
    timeline: z.array(lineageEventSchema),
    merge_history: z.array(lineageEventSchema),
  })
  .meta({ id: 'FullLineage' });

export const fullLineageQuerySchema = z.object({
  max_depth: z.coerce.number().int('Must be an integer').min(1, 'Must be between 1 and 500').max(500, 'Must be between 1 and 500').default(50),
});
