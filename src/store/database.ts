import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

/**
 * Where the data lives. PGlite (embedded, one process) by default; PostgreSQL with
 * DATABASE_URL. Both run the same kysely code and migrations through `pg.Pool`, so the only
 * differences are the capabilities below.
 */
export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number; readonly maxOverflow?: number }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory'; readonly template?: Blob };

export interface DatabaseCapabilities {
  /** More than one engine process can share this database (PostgreSQL, not PGlite). */
  readonly supportsSharing: boolean;
  /** Queries may run concurrently outside a transaction (PGlite has one connection). */
  readonly supportsConcurrentConnections: boolean;
}

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly pool: pg.Pool;
  readonly kind: 'postgres' | 'pglite';
  readonly capabilities: DatabaseCapabilities;
  /** Dumps a PGlite database (for test templates); null on PostgreSQL. */
  dump(): Promise<Blob | null>;
  close(): Promise<void>;
}

// Never wait forever on the database (issue #9): a stopped server must surface as an error.
const STATEMENT_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** Opens the database and runs pending migrations under PostgreSQL's advisory lock. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  const opened = target.kind === 'postgres' ? openPostgres(target) : await openPglite(target);
  try {
    await migrate(opened.db);
  } catch (err) {
    await opened.close();
    throw err;
  }
  return opened;
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): OpenDatabase {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize + (target.maxOverflow ?? 0),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
    idle_in_transaction_session_timeout: STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  });
  // A client losing its server emits 'error': on the pool while idle, on the client itself
  // while checked out. Without listeners either would crash the process; the failure still
  // reaches the query that was using the connection, which becomes database_error.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'postgres',
    capabilities: { supportsSharing: true, supportsConcurrentConnections: true },
    dump: () => Promise.resolve(null),
    close: () => db.destroy(),
  };
}

async function openPglite(target: Exclude<DatabaseTarget, { kind: 'postgres' }>): Promise<OpenDatabase> {
  let pglite: PGlite;
  let release = (): void => undefined;
  if (target.kind === 'pglite') {
    await fs.mkdir(target.dataDir, { recursive: true, mode: 0o700 });
    release = acquireDataDirLock(target.dataDir);
    try {
      pglite = await PGlite.create(path.join(target.dataDir, 'pglite'));
    } catch (err) {
      release();
      throw err;
    }
  } else {
    pglite = await PGlite.create(target.template ? { loadDataDir: target.template } : {});
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    capabilities: { supportsSharing: false, supportsConcurrentConnections: false },
    dump: async () => (await pglite.dumpDataDir('gzip')) as Blob,
    close: async () => {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function pingDatabase(db: Kysely<Database>, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`SELECT 1`.execute(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('ping timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
