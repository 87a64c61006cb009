import { sql } from 'kysely';
import type { AuditRecord } from '../audit/audit-record.ts';
import { auditAppendStatement } from './audit-repository.ts';
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

/**
 * Writes a lookup: its result, its entity ids and its audit record, in ONE statement, so
 * either all of it is stored or none (SPEC §6.2: result and audit record are written
 * together). With `result` null (RESULT_RETENTION_DAYS=0) only the audit record is written.
 */
export async function writeLookup(db: Executor, result: StoredResult | null, entityIds: readonly string[], audit: AuditRecord): Promise<void> {
  const withClauses = result
    ? [
        sql`result_row AS (
          INSERT INTO lookup_results (request_id, owner_type, owner_id, queried_at, expires_at, response_json,
                                      report_hash, report_signature, signing_key_id, signed_at)
          VALUES (${result.requestId}, ${result.ownerType}, ${result.ownerId}, ${result.queriedAt.toISOString()}::timestamptz,
                  ${result.expiresAt.toISOString()}::timestamptz, ${result.responseJson}, ${result.reportHash},
                  ${result.reportSignature}, ${result.signingKeyId}, ${result.signedAt.toISOString()}::timestamptz))`,
        sql`entity_rows AS (
          INSERT INTO lookup_entities (entity_id, request_id, rank)
          SELECT id, ${result.requestId}, (n - 1)::int FROM unnest(${[...entityIds]}::text[]) WITH ORDINALITY AS t(id, n))`,
      ]
    : [];
  await auditAppendStatement(audit, 'lookup', withClauses).execute(db);
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
