import type { Executor } from './executor.ts';

/**
 * Remembers the ID of an AuthnRequest this deployment sent, until `expiresAt`.
 *
 * @example
 * await saveSamlRequest(db, { requestId: '_9f3c…', createdAt: now, expiresAt });
 */
export async function saveSamlRequest(db: Executor, request: { requestId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.deleteFrom('saml_requests').where('expires_at', '<', request.createdAt).execute();
  await db
    .insertInto('saml_requests')
    .values({ request_id: request.requestId, created_at: request.createdAt, expires_at: request.expiresAt })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .execute();
}

/** When the request was sent, or null when unknown or expired. */
export async function findSamlRequest(db: Executor, requestId: string, now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('saml_requests')
    .select('created_at')
    .where('request_id', '=', requestId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? row.created_at : null;
}

/** Forgets a request id (answered, or the answer failed): one response per request. */
export async function removeSamlRequest(db: Executor, requestId: string): Promise<void> {
  await db.deleteFrom('saml_requests').where('request_id', '=', requestId).execute();
}
