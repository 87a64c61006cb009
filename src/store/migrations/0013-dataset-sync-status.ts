import { type Kysely, sql } from 'kysely';

/**
 * The outcome of the latest sync of each dataset. The datasets table only changes when a list
 * changes, so without this a list that was checked this morning and found unchanged would look
 * as old as its last change; and a sync that keeps failing must be visible (health, CLI).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dataset_sync_status (
      dataset_id text PRIMARY KEY,
      last_attempt_at timestamptz NOT NULL,
      last_outcome text NOT NULL CHECK (last_outcome IN ('updated', 'unchanged', 'failed')),
      last_success_at timestamptz,
      last_error text,
      consecutive_failures integer NOT NULL DEFAULT 0
    )`.execute(db);
}
