import { type Kysely, sql } from 'kysely';

/** Datasets synced in the background (sanctions lists, site catalogues), versioned. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE datasets (
      id text NOT NULL,
      version text NOT NULL,
      published_at timestamptz,
      fetched_at timestamptz NOT NULL,
      sha256 text NOT NULL,
      content text NOT NULL,
      is_current boolean NOT NULL DEFAULT false,
      PRIMARY KEY (id, version)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX datasets_one_current ON datasets (id) WHERE is_current`.execute(db);
}
