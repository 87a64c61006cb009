import { type Kysely, sql } from 'kysely';

/**
 * The export register: one row per PDF the engine handed out (who, when, which report, the
 * PDF's SHA-256 and signing key), so an operator can later confirm that a PDF presented to a
 * court is one the engine produced. Kept apart from audit_records, whose hash chain covers
 * lookups and analyses only; append-only through the same trigger function.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_exports (
      export_id text PRIMARY KEY,
      request_id text NOT NULL,
      exported_at timestamptz NOT NULL,
      principal jsonb NOT NULL,
      exported_by text NOT NULL,
      source_ip text NOT NULL,
      include_provenance boolean NOT NULL,
      report_hash text NOT NULL,
      pdf_sha256 text NOT NULL,
      pdf_signing_key_id text NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX report_exports_by_request ON report_exports (request_id, exported_at)`.execute(db);
  await sql`CREATE INDEX report_exports_by_digest ON report_exports (pdf_sha256)`.execute(db);
  await sql`
    CREATE TRIGGER report_exports_append_only BEFORE UPDATE OR DELETE ON report_exports
    FOR EACH ROW EXECUTE FUNCTION audit_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER report_exports_no_truncate BEFORE TRUNCATE ON report_exports
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`.execute(db);
}
