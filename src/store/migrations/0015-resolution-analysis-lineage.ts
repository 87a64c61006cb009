import { type Kysely, sql } from 'kysely';

/**
 * Entity resolution, analyses and lineage (issue #7):
 * - `entity_identifiers`: the normalised identity keys and associations of every stored entity,
 *   written in the lookup's transaction; the graph analyses find related lookups through it.
 *   Rows go with their entity (and so with the stored result) when retention removes it.
 * - `analysis_results`: stored `AnalysisResponse`s, kept like lookup results.
 * - `lineage_events`: the append-only chain of custody (SPEC §12), refused UPDATE, DELETE and
 *   TRUNCATE in the database, except DELETE inside a retention purge (cairn.lineage_purge).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE entity_identifiers (
      entity_id text NOT NULL REFERENCES lookup_entities (entity_id) ON DELETE CASCADE,
      request_id text NOT NULL,
      role text NOT NULL CHECK (role IN ('identity', 'association')),
      key text NOT NULL,
      key_type text NOT NULL,
      label text NOT NULL,
      relation text,
      PRIMARY KEY (entity_id, role, key)
    )`.execute(db);
  await sql`CREATE INDEX entity_identifiers_key ON entity_identifiers (key)`.execute(db);

  await sql`
    CREATE TABLE analysis_results (
      analysis_id text PRIMARY KEY,
      request_id text NOT NULL,
      analysis_type text NOT NULL,
      entity_id text,
      status text NOT NULL,
      owner_type text NOT NULL,
      owner_id text NOT NULL,
      queried_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      response_json text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX analysis_results_expires_at ON analysis_results (expires_at)`.execute(db);

  await sql`
    CREATE TABLE lineage_events (
      seq bigserial PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      record_id text NOT NULL,
      record_type text NOT NULL CHECK (record_type IN ('source_record', 'entity', 'data_point')),
      parent_ids text[] NOT NULL,
      event_type text NOT NULL CHECK (event_type IN ('origin', 'transform', 'merge')),
      occurred_at timestamptz NOT NULL,
      request_id text NOT NULL,
      owner_type text NOT NULL,
      owner_id text NOT NULL,
      expires_at timestamptz NOT NULL,
      details jsonb NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX lineage_events_record ON lineage_events (record_id, seq)`.execute(db);
  await sql`CREATE INDEX lineage_events_expires_at ON lineage_events (expires_at)`.execute(db);
  await sql`
    CREATE FUNCTION lineage_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('cairn.lineage_purge', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER lineage_events_append_only BEFORE UPDATE OR DELETE ON lineage_events
    FOR EACH ROW EXECUTE FUNCTION lineage_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER lineage_events_no_truncate BEFORE TRUNCATE ON lineage_events
    FOR EACH STATEMENT EXECUTE FUNCTION lineage_append_only()`.execute(db);
}
