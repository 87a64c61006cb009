import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/store/database.ts';

/**
 * Which database the suite runs on: TEST_DATABASE=pglite (default) or postgres. The runner
 * (`scripts/run-tests.mjs`) runs the whole suite once per database.
 */
export const TEST_DATABASE: 'pglite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  /** For PostgreSQL: the URL of the fresh database (other processes can share it). */
  readonly url: string | null;
  drop(): Promise<void>;
}

let template: Blob | null = null;

/**
 * A fresh, empty database for one engine. PGlite: in memory, loaded from the migrated template
 * the runner built (0.5 s instead of 3–4 s). PostgreSQL: a new database on the test server,
 * dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DATABASE === 'pglite') {
    const file = process.env.CAIRN_PGLITE_TEMPLATE;
    if (template === null && file && fs.existsSync(file)) template = new Blob([fs.readFileSync(file)]);
    return { target: { kind: 'pglite-memory', ...(template ? { template } : {}) }, url: null, drop: async () => undefined };
  }
  const created = await createPostgresDatabase(TEST_POSTGRES_URL, `cairn_t_${randomBytes(6).toString('hex')}`);
  return { target: { kind: 'postgres', url: created.url, poolSize: 10 }, ...created };
}

/**
 * A new, empty database `name` on the server of `adminUrl`, and how to drop it (with its
 * sessions). Tests and the PostgreSQL benchmarks share it.
 */
export async function createPostgresDatabase(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const onAdmin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
