import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/**
 * Deletes short-lived rows that have served their purpose: rate-limit windows no request
 * touched for two windows, expired SSO sessions, SAML request ids and replay-protection
 * entries past their assertions' lifetime. Returns the rows removed per table.
 */
export async function purgeExpiredHousekeeping(db: Executor, now: Date): Promise<Record<string, number>> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const counts: Record<string, number> = {};
  const run = async (table: string, statement: ReturnType<typeof sql>) => {
    const result = await statement.execute(db);
    counts[table] = Number(result.numAffectedRows ?? 0n);
  };
  await run('rate_limit_windows', sql`DELETE FROM rate_limit_windows WHERE window_start < ${nowSeconds - 180}`);
  await run('auth_sessions', sql`DELETE FROM auth_sessions WHERE expires_at <= ${now.toISOString()}::timestamptz`);
  await run('saml_requests', sql`DELETE FROM saml_requests WHERE expires_at <= ${now.toISOString()}::timestamptz`);
  await run('saml_assertions_seen', sql`DELETE FROM saml_assertions_seen WHERE expires_at <= ${now.toISOString()}::timestamptz`);
  return counts;
}
