import { findLineageEvents, type StoredLineageEvent } from '../store/lineage-repository.ts';
import type { Executor } from '../store/executor.ts';

/** The owner of a lineage record: the lookup that wrote it. */
export interface LineageOwner {
  readonly requestId: string;
  readonly ownerType: string;
  readonly ownerId: string;
}

export interface RecordLineage {
  readonly owner: LineageOwner;
  readonly body: Record<string, unknown>;
}

/** One event as the API shows it: its own fields (SPEC §12) beside id, type, time and parents. */
export function renderEvent(e: StoredLineageEvent): Record<string, unknown> {
  return {
    event_id: e.eventId,
    event_type: e.eventType,
    record_id: e.recordId,
    record_type: e.recordType,
    occurred_at: e.occurredAt.toISOString(),
    parent_ids: [...e.parentIds],
    ...e.details,
  };
}

function parentsOf(events: readonly StoredLineageEvent[]): string[] {
  return [...new Set(events.flatMap((e) => e.parentIds))].sort();
}

/**
 * `GET /api/provenance/{id}/lineage`: one record's origin, transforms and merges. Cairn never
 * edits a record in place, so `transitions` and `updates` are always empty lists. Null when the
 * record is unknown or past retention.
 *
 * @example
 * const lineage = await recordLineage(db, 'ent_01…', new Date());
 */
export async function recordLineage(db: Executor, recordId: string, now: Date): Promise<RecordLineage | null> {
  const events = await findLineageEvents(db, [recordId], now);
  if (events.length === 0) return null;
  const first = events[0]!;
  const rendered = events.map(renderEvent);
  return {
    owner: { requestId: first.requestId, ownerType: first.ownerType, ownerId: first.ownerId },
    body: {
      record_id: recordId,
      record_type: first.recordType,
      request_id: first.requestId,
      parent_ids: parentsOf(events),
      origin: rendered.find((e) => e.event_type === 'origin') ?? null,
      transforms: rendered.filter((e) => e.event_type === 'transform'),
      transitions: [],
      updates: [],
      merges: rendered.filter((e) => e.event_type === 'merge'),
      events: rendered,
    },
  };
}

/**
 * `GET /api/provenance/{id}/full-lineage`: every ancestor up to `maxDepth` generations, as a
 * `chain` from the root ancestors to the record (each step with its events in time order), a
 * `timeline` of all their events, and the `merge_history` that formed the record.
 *
 * @example
 * const full = await fullLineage(db, 'lin_01…', 50, new Date());
 */
export async function fullLineage(db: Executor, recordId: string, maxDepth: number, now: Date): Promise<RecordLineage | null> {
  const own = await findLineageEvents(db, [recordId], now);
  if (own.length === 0) return null;
  const depthOf = new Map<string, number>([[recordId, 0]]);
  const eventsOf = new Map<string, StoredLineageEvent[]>([[recordId, own]]);
  let frontier = parentsOf(own);
  let depth = 1;
  for (; frontier.length > 0 && depth <= maxDepth; depth++) {
    const fresh = frontier.filter((id) => !depthOf.has(id));
    const events = await findLineageEvents(db, fresh, now);
    for (const id of fresh) depthOf.set(id, depth);
    for (const e of events) eventsOf.set(e.recordId, [...(eventsOf.get(e.recordId) ?? []), e]);
    frontier = parentsOf(events).filter((id) => !depthOf.has(id));
  }
  const all = [...eventsOf.values()].flat().sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || Number(a.seq) - Number(b.seq));
  const chain = [...depthOf]
    .sort(([a, da], [b, db_]) => db_ - da || (a < b ? -1 : 1))
    .map(([id, d]) => {
      const events = eventsOf.get(id) ?? [];
      return { record_id: id, record_type: events[0]?.recordType ?? null, depth: d, parent_ids: parentsOf(events), events: events.map(renderEvent) };
    });
  const first = own[0]!;
  return {
    owner: { requestId: first.requestId, ownerType: first.ownerType, ownerId: first.ownerId },
    body: {
      record_id: recordId,
      record_type: first.recordType,
      max_depth: maxDepth,
      truncated: frontier.length > 0,
      chain,
      timeline: all.map(renderEvent),
      merge_history: all.filter((e) => e.eventType === 'merge').map(renderEvent),
    },
  };
}
