/**
 * Chain of custody (SPEC §12): every record the engine produces (an upstream record read by a
 * connector, an entity, a profile entry) has an id and an append-only list of events. Events
 * link a record to its parents, so the history of any profile entry can be walked back to the
 * connector calls it came from.
 */
export type LineageRecordType = 'source_record' | 'entity' | 'data_point';

/**
 * - `origin`: where a record came from (`origin_feature`, `origin_source_id`, `source_details`,
 *   `created_by`, `created_by_name`).
 * - `transform`: a step applied to it (`transform_name`, `connector_name`, `executed_at`,
 *   `executed_by`, `executed_by_name`).
 * - `merge`: records merged into it (`merged_record_ids`, `merged_into`, `merge_reason`).
 * Cairn records are never edited in place, so the spec's `transition` and field-update events
 * do not occur.
 */
export type LineageEventType = 'origin' | 'transform' | 'merge';

export interface LineageEvent {
  /** `<record_id>:<n>`, unique. */
  readonly eventId: string;
  readonly recordId: string;
  readonly recordType: LineageRecordType;
  readonly parentIds: readonly string[];
  readonly eventType: LineageEventType;
  readonly occurredAt: Date;
  /** The event's own fields, as listed above, plus context. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Who a lineage event was executed by: the principal of the call. */
export interface LineageActor {
  readonly id: string;
  readonly name: string | null;
}
