import { type Kysely, sql } from 'kysely';
import type { LineageEvent, LineageEventType, LineageRecordType } from '../lineage/lineage-event.ts';
import type { Executor } from './executor.ts';
import type { Database } from './schema.ts';

/** Who may read a lineage record, and until when: the lookup that wrote it. */
export interface LineageContext {
  readonly requestId: string;
  readonly ownerType: 'user' | 'service_account';
  readonly ownerId: string;
  readonly expiresAt: Date;
}

/** A stored lineage event with its context. */
export interface StoredLineageEvent extends LineageEvent {
  readonly seq: string;
  readonly requestId: string;
  readonly ownerType: string;
  readonly ownerId: string;
}

/**
 * Appends events; runs in the lookup's transaction. The table refuses updates and deletes.
 *
 * @example
 * await appendLineageEvents(trx, events, { requestId, ownerType: 'user', ownerId: 'u1', expiresAt });
 */
export async function appendLineageEvents(db: Executor, events: readonly LineageEvent[], context: LineageContext): Promise<void> {
  // Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < events.length; i += 500) {
    await db
      .insertInto('lineage_events')
      .values(
        events.slice(i, i + 500).map((e) => ({
          event_id: e.eventId,
          record_id: e.recordId,
          record_type: e.recordType,
          parent_ids: [...e.parentIds],
          event_type: e.eventType,
          occurred_at: e.occurredAt,
          request_id: context.requestId,
          owner_type: context.ownerType,
          owner_id: context.ownerId,
          expires_at: context.expiresAt,
          details: JSON.stringify(e.details),
        })),
      )
      .execute();
  }
}

/**
 * The unexpired events of these records, in the order they were written.
 *
 * @example
 * const events = await findLineageEvents(db, ['ent_01…'], new Date());
 */
export async function findLineageEvents(db: Executor, recordIds: readonly string[], now: Date): Promise<StoredLineageEvent[]> {
  if (recordIds.length === 0) return [];
  const rows = await db
    .selectFrom('lineage_events')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .where('expires_at', '>', now)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: String(r.seq),
    eventId: r.event_id,
    recordId: r.record_id,
    recordType: r.record_type as LineageRecordType,
    parentIds: r.parent_ids,
    eventType: r.event_type as LineageEventType,
    occurredAt: r.occurred_at,
    details: r.details,
    requestId: r.request_id,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
  }));
}

/**
 * Deletes events past retention; the only delete the append-only trigger lets through, because
 * it sets `cairn.lineage_purge` for its own transaction. Returns how many went.
 *
 * @example
 * await purgeExpiredLineage(db, new Date());
 */
export async function purgeExpiredLineage(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('cairn.lineage_purge', 'on', true)`.execute(trx);
    const result = await trx.deleteFrom('lineage_events').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
