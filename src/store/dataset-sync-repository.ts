import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export type SyncOutcome = 'updated' | 'unchanged' | 'failed';

export interface SyncAttempt {
  readonly datasetId: string;
  readonly at: Date;
  readonly outcome: SyncOutcome;
  /** Secret-free reason, for `failed`. */
  readonly error?: string;
}

export interface SyncStatusRow {
  readonly datasetId: string;
  readonly lastAttemptAt: Date;
  readonly lastOutcome: SyncOutcome;
  readonly lastSuccessAt: Date | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
}

/**
 * Records how a dataset's sync ended. A success clears the error and the failure count; a
 * failure keeps the last success time, so "confirmed current at" survives a bad night.
 *
 * @example
 * await recordSyncAttempt(db, { datasetId: 'sanctions.un_consolidated', at: new Date(), outcome: 'unchanged' });
 */
export async function recordSyncAttempt(db: Executor, attempt: SyncAttempt): Promise<void> {
  const failed = attempt.outcome === 'failed';
  await db
    .insertInto('dataset_sync_status')
    .values({
      dataset_id: attempt.datasetId,
      last_attempt_at: attempt.at,
      last_outcome: attempt.outcome,
      last_success_at: failed ? null : attempt.at,
      last_error: failed ? (attempt.error ?? 'failed') : null,
      consecutive_failures: failed ? 1 : 0,
    })
    .onConflict((oc) =>
      oc.column('dataset_id').doUpdateSet({
        last_attempt_at: attempt.at,
        last_outcome: attempt.outcome,
        last_success_at: failed ? sql`dataset_sync_status.last_success_at` : attempt.at,
        last_error: failed ? (attempt.error ?? 'failed') : null,
        consecutive_failures: failed ? sql`dataset_sync_status.consecutive_failures + 1` : 0,
      }),
    )
    .execute();
}

/** The sync status of every dataset ever synced, by id. */
export async function listSyncStatus(db: Executor): Promise<SyncStatusRow[]> {
  const rows = await db.selectFrom('dataset_sync_status').selectAll().orderBy('dataset_id').execute();
  return rows.map((r) => ({
    datasetId: r.dataset_id,
    lastAttemptAt: r.last_attempt_at,
    lastOutcome: r.last_outcome as SyncOutcome,
    lastSuccessAt: r.last_success_at,
    lastError: r.last_error,
    consecutiveFailures: r.consecutive_failures,
  }));
}
