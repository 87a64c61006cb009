import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface WindowCounts {
  readonly allowed: boolean;
  /** Requests counted in the current fixed window, including this one when allowed. */
  readonly current: number;
  /** Requests counted in the window before it. */
  readonly previous: number;
}

/**
 * Counts one request against `key` in a sliding window of `windowSeconds` and admits it only
 * if the sliding estimate stays within `capacity`. The estimate is the classic two-window
 * interpolation: previous × (share of the previous window still inside the sliding minute) +
 * current. One atomic statement, so every engine sharing the database sees one count: the
 * row lock of ON CONFLICT serialises concurrent hits on a key. A refused request is not
 * counted, so a client that backs off is not punished for its rejected attempts.
 */
export async function hitSlidingWindow(
  db: Executor,
  key: string,
  capacity: number,
  windowSeconds: number,
  nowMs: number,
): Promise<WindowCounts> {
  const windowStart = Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
  const previousWeight = 1 - (nowMs / 1000 - windowStart) / windowSeconds;
  // Carry-over when the stored row is from an older window: the old current becomes previous
  // if it was the window just before, else both reset.
  const rows = await sql<{ current_count: number; previous_count: number }>`
    INSERT INTO rate_limit_windows AS w (key, window_start, current_count, previous_count)
    VALUES (${key}, ${windowStart}, 1, 0)
    ON CONFLICT (key) DO UPDATE SET
      previous_count = CASE
        WHEN w.window_start = ${windowStart} THEN w.previous_count
        WHEN w.window_start = ${windowStart - windowSeconds} THEN w.current_count
        ELSE 0 END,
      current_count = CASE WHEN w.window_start = ${windowStart} THEN w.current_count ELSE 0 END + 1,
      window_start = ${windowStart}
    WHERE floor(
        CASE
          WHEN w.window_start = ${windowStart} THEN w.previous_count
          WHEN w.window_start = ${windowStart - windowSeconds} THEN w.current_count
          ELSE 0 END * ${previousWeight}::float8)
      + CASE WHEN w.window_start = ${windowStart} THEN w.current_count ELSE 0 END + 1 <= ${capacity}
    RETURNING current_count, previous_count`.execute(db);
  const admitted = rows.rows[0];
  if (admitted) return { allowed: true, current: admitted.current_count, previous: admitted.previous_count };
  const row = await db.selectFrom('rate_limit_windows').select(['window_start', 'current_count', 'previous_count']).where('key', '=', key).executeTakeFirst();
  const sameWindow = row !== undefined && Number(row.window_start) === windowStart;
  return { allowed: false, current: sameWindow ? row.current_count : 0, previous: sameWindow ? row.previous_count : (row?.current_count ?? 0) };
}
