import { type Kysely, sql } from 'kysely';

/**
 * Identity (issue #3): SSO sessions the engine issued (so logout revokes a token on every
 * replica), SAML assertion ids already consumed (replay protection shared by every replica),
 * and the ids of SAML AuthnRequests this deployment sent (InResponseTo checks).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE auth_sessions (
      session_id text PRIMARY KEY,
      subject_key text NOT NULL,
      idp text NOT NULL,
      groups text[] NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX auth_sessions_expires_at ON auth_sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE saml_assertions_seen (
      assertion_id text PRIMARY KEY,
      issuer text NOT NULL,
      seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX saml_assertions_seen_expires_at ON saml_assertions_seen (expires_at)`.execute(db);

  await sql`
    CREATE TABLE saml_requests (
      request_id text PRIMARY KEY,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX saml_requests_expires_at ON saml_requests (expires_at)`.execute(db);
}
