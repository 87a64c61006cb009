import type { Executor } from './executor.ts';

/** One SSO session the engine issued a JWT for. */
export interface SessionRow {
  readonly sessionId: string;
  readonly subjectKey: string;
  readonly idp: 'oidc' | 'saml';
  readonly groups: readonly string[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/**
 * Records a new session; rows that expired more than a day ago are dropped in passing, so the
 * table stays the size of the live sessions without a background job.
 *
 * @example
 * await insertSession(db, { sessionId: 'ses_01J…', subjectKey: 'user:u_jdoe', idp: 'oidc', groups: [], createdAt, expiresAt });
 */
export async function insertSession(db: Executor, row: Omit<SessionRow, 'revokedAt'>): Promise<void> {
  await db.deleteFrom('auth_sessions').where('expires_at', '<', new Date(row.createdAt.getTime() - 86_400_000)).execute();
  await db
    .insertInto('auth_sessions')
    .values({
      session_id: row.sessionId,
      subject_key: row.subjectKey,
      idp: row.idp,
      groups: [...row.groups],
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      revoked_at: null,
    })
    .execute();
}

/** The session, or null when unknown. */
export async function findSession(db: Executor, sessionId: string): Promise<SessionRow | null> {
  const r = await db.selectFrom('auth_sessions').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
  if (!r) return null;
  return {
    sessionId: r.session_id,
    subjectKey: r.subject_key,
    idp: r.idp === 'saml' ? 'saml' : 'oidc',
    groups: r.groups,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

/** Marks a session revoked (logout); false when unknown or already revoked. */
export async function revokeSession(db: Executor, sessionId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('auth_sessions')
    .set({ revoked_at: now })
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
