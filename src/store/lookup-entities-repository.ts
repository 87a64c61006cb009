import type { Executor } from './executor.ts';
import type { StoredResult } from './results-repository.ts';
import { findResult } from './results-repository.ts';

/** An entity of a stored lookup, with the stored result it belongs to. */
export interface StoredEntity {
  readonly entityId: string;
  readonly rank: number;
  readonly result: StoredResult;
}

/**
 * The stored lookup an entity came from, or null when the entity is unknown or its lookup is
 * past retention.
 *
 * @example
 * const found = await findStoredEntity(db, 'ent_01…', new Date());
 */
export async function findStoredEntity(db: Executor, entityId: string, now: Date): Promise<StoredEntity | null> {
  const row = await db.selectFrom('lookup_entities').selectAll().where('entity_id', '=', entityId).executeTakeFirst();
  if (!row) return null;
  const result = await findResult(db, row.request_id, now);
  return result ? { entityId, rank: row.rank, result } : null;
}
