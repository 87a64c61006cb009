import type { Executor } from './executor.ts';

export interface ApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly keyHash: string;
  readonly roles: readonly string[];
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

function toRow(r: { id: string; name: string; key_hash: string; roles: string[]; created_at: Date; revoked_at: Date | null }): ApiKeyRow {
  return { id: r.id, name: r.name, keyHash: r.key_hash, roles: r.roles, createdAt: r.created_at, revokedAt: r.revoked_at };
}

export async function insertApiKey(db: Executor, key: { id: string; name: string; keyHash: string; roles: readonly string[] }): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({ id: key.id, name: key.name, key_hash: key.keyHash, roles: [...key.roles], created_at: new Date(), revoked_at: null })
    .execute();
}

/** Inserts unless a key with this hash exists; returns the stored row either way. */
export async function ensureApiKey(
  db: Executor,
  key: { id: string; name: string; keyHash: string; roles: readonly string[] },
): Promise<ApiKeyRow> {
  await db
    .insertInto('api_keys')
    .values({ id: key.id, name: key.name, key_hash: key.keyHash, roles: [...key.roles], created_at: new Date(), revoked_at: null })
    // No conflict target: replicas starting together race on both the primary key (the id is
    // derived from the hash) and key_hash, and PostgreSQL raises whichever the arbiter misses.
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', key.keyHash).executeTakeFirstOrThrow();
  return toRow(row);
}

export async function findApiKeyByHash(db: Executor, keyHash: string): Promise<ApiKeyRow | null> {
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function listApiKeys(db: Executor): Promise<ApiKeyRow[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toRow);
}

/** Marks a key revoked; returns false when there is no such key or it was already revoked. */
export async function revokeApiKey(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
