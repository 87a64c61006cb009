import type { Executor } from './executor.ts';

export interface StoredResult {
  readonly requestId: string;
  readonly ownerType: 'user' | 'service_account';
  readonly ownerId: string;
  readonly queriedAt: Date;
  readonly expiresAt: Date;
  /** The response exactly as it was sent. */
  readonly responseJson: string;
  readonly reportHash: string;
  readonly reportSignature: string;
  readonly signingKeyId: string;
  readonly signedAt: Date;
}

/** The stored result, or null when unknown or past its retention (even before the purge ran). */
export async function findResult(db: Executor, requestId: string, now: Date): Promise<StoredResult | null> {
  const r = await db
    .selectFrom('lookup_results')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!r) return null;
  return {
    requestId: r.request_id,
    ownerType: r.owner_type as 'user' | 'service_account',
    ownerId: r.owner_id,
    queriedAt: r.queried_at,
    expiresAt: r.expires_at,
    responseJson: r.response_json,
    reportHash: r.report_hash,
    reportSignature: r.report_signature,
    signingKeyId: r.signing_key_id,
    signedAt: r.signed_at,
  };
}

/** Deletes results past retention; returns how many went. */
export async function purgeExpiredResults(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('lookup_results').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
