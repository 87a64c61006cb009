import { type Kysely, sql } from 'kysely';

/** Core tables: settings, API keys, signing keys, results, the audit chain, rate limits, health. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE engine_settings (
      key text PRIMARY KEY,
      value text NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      id text PRIMARY KEY,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      roles text[] NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE signing_keys (
      key_id text PRIMARY KEY,
      algorithm text NOT NULL,
      public_key_pem text NOT NULL,
      created_at timestamptz NOT NULL,
      retired_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE lookup_results (
      request_id text PRIMARY KEY,
      owner_type text NOT NULL,
      owner_id text NOT NULL,
      queried_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      response_json text NOT NULL,
      report_hash text NOT NULL,
      report_signature text NOT NULL,
      signing_key_id text NOT NULL REFERENCES signing_keys (key_id),
      signed_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX lookup_results_expires_at ON lookup_results (expires_at)`.execute(db);
  await sql`CREATE INDEX lookup_results_owner ON lookup_results (owner_type, owner_id, queried_at)`.execute(db);

  // Entity ids of stored lookups, so analyses can find the lookup an entity came from.
  await sql`
    CREATE TABLE lookup_entities (
      entity_id text PRIMARY KEY,
      request_id text NOT NULL REFERENCES lookup_results (request_id) ON DELETE CASCADE,
      rank integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX lookup_entities_request ON lookup_entities (request_id)`.execute(db);

  await sql`
    CREATE TABLE audit_records (
      seq bigint PRIMARY KEY,
      request_id text NOT NULL UNIQUE,
      kind text NOT NULL,
      principal jsonb NOT NULL,
      user_id text,
      api_key_id text,
      organization_id text NOT NULL,
      source_ip text NOT NULL,
      requester_reference text,
      identifiers_queried integer,
      logged_at timestamptz NOT NULL,
      prev_hash text NOT NULL,
      record_hash text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_records_logged_at ON audit_records (logged_at, request_id)`.execute(db);
  await sql`CREATE INDEX audit_records_user_id ON audit_records (user_id, logged_at)`.execute(db);

  // One row: the tip of the hash chain. Appenders lock it, so the chain never forks, even with
  // several engine processes writing at once.
  await sql`
    CREATE TABLE audit_chain_head (
      id integer PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      record_hash text NOT NULL,
      prev_hash text NOT NULL
    )`.execute(db);
  await sql`INSERT INTO audit_chain_head (id, seq, record_hash, prev_hash) VALUES (1, 0, ${GENESIS_HASH}, ${GENESIS_HASH})`.execute(db);

  await sql`
    CREATE TABLE audit_purges (
      id serial PRIMARY KEY,
      purged_at timestamptz NOT NULL,
      through_seq bigint NOT NULL,
      through_hash text NOT NULL,
      records_removed integer NOT NULL
    )`.execute(db);

  // Append-only in the database itself (SPEC §10): UPDATE, DELETE and TRUNCATE are refused,
  // except DELETE inside the retention purge's transaction, which sets cairn.audit_purge.
  await sql`
    CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_records'
         AND current_setting('cairn.audit_purge', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  for (const table of ['audit_records', 'audit_purges']) {
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`.execute(db);
  }

  await sql`
    CREATE TABLE rate_limit_windows (
      key text PRIMARY KEY,
      window_start bigint NOT NULL,
      current_count integer NOT NULL,
      previous_count integer NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE connector_health (
      connector_id text PRIMARY KEY,
      status text NOT NULL,
      checked_at timestamptz NOT NULL,
      latency_ms integer,
      error text
    )`.execute(db);
}

/** The `prev_hash` of the first audit record. */
export const GENESIS_HASH = `sha256:${'0'.repeat(64)}`;
