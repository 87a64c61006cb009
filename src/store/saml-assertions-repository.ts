import type { Executor } from './executor.ts';

/**
 * Records that an assertion was consumed. Returns true the first time an id is seen and false
 * on every later attempt (a replay), on any replica: the primary key decides, in one statement.
 * Ids whose assertions have expired are dropped in passing; an expired assertion is refused by
 * its NotOnOrAfter before it gets here.
 *
 * @example
 * if (!(await recordAssertionOnce(db, { assertionId: '_a1b2', issuer: 'https://idp', expiresAt, now }))) refuse();
 */
export async function recordAssertionOnce(
  db: Executor,
  assertion: { assertionId: string; issuer: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  await db.deleteFrom('saml_assertions_seen').where('expires_at', '<', assertion.now).execute();
  const result = await db
    .insertInto('saml_assertions_seen')
    .values({ assertion_id: assertion.assertionId, issuer: assertion.issuer, seen_at: assertion.now, expires_at: assertion.expiresAt })
    .onConflict((oc) => oc.column('assertion_id').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
