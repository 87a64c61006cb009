import type pg from 'pg';

/** The slice of pg-boss's `Db` contract the runner supplies (see pg-boss `types.d.ts`). */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs pg-boss's SQL on the engine's own pool, so jobs use the database the engine opened
 * (PGlite or PostgreSQL alike) and no second pool. pg-boss sends some work as one text
 * `BEGIN; …; COMMIT;`; if a statement inside fails, PostgreSQL leaves that session in an
 * aborted transaction, and a pooled connection in that state would fail every later query
 * (on PGlite, the only connection). Such texts therefore run on a dedicated client that is
 * rolled back on error before it returns to the pool.
 */
export function poolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
      if (!/^\s*BEGIN\b/i.test(text)) return pool.query(text, values as unknown[] | undefined);
      const client = await pool.connect();
      try {
        return await client.query(text, values as unknown[] | undefined);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
