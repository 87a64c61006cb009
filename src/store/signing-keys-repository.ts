import type { Executor } from './executor.ts';

export interface SigningKeyRow {
  readonly keyId: string;
  readonly algorithm: string;
  readonly publicKeyPem: string;
  readonly createdAt: Date;
  readonly retiredAt: Date | null;
}

/**
 * Registers the engine's current public key. Returns the stored row: when a key id is already
 * registered with a different public key, the caller must refuse to start (a reused id would
 * make old reports unverifiable).
 */
export async function registerSigningKey(
  db: Executor,
  key: { keyId: string; algorithm: string; publicKeyPem: string },
): Promise<SigningKeyRow> {
  await db
    .insertInto('signing_keys')
    .values({ key_id: key.keyId, algorithm: key.algorithm, public_key_pem: key.publicKeyPem, created_at: new Date(), retired_at: null })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
  const row = await db.selectFrom('signing_keys').selectAll().where('key_id', '=', key.keyId).executeTakeFirstOrThrow();
  return map(row);
}

export async function findSigningKey(db: Executor, keyId: string): Promise<SigningKeyRow | null> {
  const row = await db.selectFrom('signing_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
  return row ? map(row) : null;
}

/** Every key ever used, oldest first: old reports stay verifiable after rotation. */
export async function listSigningKeys(db: Executor): Promise<SigningKeyRow[]> {
  const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('key_id').execute();
  return rows.map(map);
}

/** Marks every other key retired (they still verify; they no longer sign). */
export async function retireOtherSigningKeys(db: Executor, currentKeyId: string): Promise<void> {
  await db
    .updateTable('signing_keys')
    .set({ retired_at: new Date() })
    .where('key_id', '!=', currentKeyId)
    .where('retired_at', 'is', null)
    .execute();
  await db.updateTable('signing_keys').set({ retired_at: null }).where('key_id', '=', currentKeyId).execute();
}

function map(r: { key_id: string; algorithm: string; public_key_pem: string; created_at: Date; retired_at: Date | null }): SigningKeyRow {
  return { keyId: r.key_id, algorithm: r.algorithm, publicKeyPem: r.public_key_pem, createdAt: r.created_at, retiredAt: r.retired_at };
}
