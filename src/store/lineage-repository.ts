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
