import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatasetDescription, DatasetReader, StoredDataset } from '../connectors/sdk.ts';
import type { Executor } from './executor.ts';
import type { Database } from './schema.ts';

export interface NewDataset {
  readonly id: string;
  readonly version: string;
  readonly publishedAt: Date | null;
  readonly content: unknown;
}

/**
 * Stores a dataset version and makes it current, in one transaction: a reader sees the old
 * version or the new one, never a half-written list. Storing the same id and version again is
 * a no-op (idempotent sync). Returns false when nothing changed.
 */
export async function storeDataset(db: Kysely<Database>, dataset: NewDataset, fetchedAt: Date = new Date()): Promise<boolean> {
  const content = JSON.stringify(dataset.content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('datasets').select(['sha256', 'is_current']).where('id', '=', dataset.id).where('version', '=', dataset.version).executeTakeFirst();
    if (existing && existing.sha256 === sha256 && existing.is_current) return false;
    await trx.updateTable('datasets').set({ is_current: false }).where('id', '=', dataset.id).where('is_current', '=', true).execute();
    if (existing) {
      await trx
        .updateTable('datasets')
        .set({ is_current: true, sha256, content, fetched_at: fetchedAt, published_at: dataset.publishedAt })
        .where('id', '=', dataset.id)
        .where('version', '=', dataset.version)
        .execute();
    } else {
      await trx
        .insertInto('datasets')
        .values({ id: dataset.id, version: dataset.version, published_at: dataset.publishedAt, fetched_at: fetchedAt, sha256, content, is_current: true })
        .execute();
    }
    return true;
  });
}

/** The read side handed to connectors through the SDK. */
export function createDatasetReader(db: Executor): DatasetReader {
  return {
    async read(id: string): Promise<StoredDataset | null> {
      const row = await db.selectFrom('datasets').selectAll().where('id', '=', id).where('is_current', '=', true).executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        version: row.version,
        publishedAt: row.published_at ? row.published_at.toISOString() : null,
        fetchedAt: row.fetched_at.toISOString(),
        sha256: row.sha256,
        content: JSON.parse(row.content) as unknown,
      };
    },
    async version(id: string): Promise<string | null> {
      const row = await db.selectFrom('datasets').select('version').where('id', '=', id).where('is_current', '=', true).executeTakeFirst();
      return row?.version ?? null;
    },
    async describe(id: string): Promise<DatasetDescription | null> {
      const row = await db
        .selectFrom('datasets')
        .leftJoin('dataset_sync_status', 'dataset_sync_status.dataset_id', 'datasets.id')
        .select(['datasets.version', 'datasets.published_at', 'datasets.fetched_at', 'dataset_sync_status.last_success_at', 'dataset_sync_status.last_error'])
        .where('datasets.id', '=', id)
        .where('datasets.is_current', '=', true)
        .executeTakeFirst();
      if (!row) return null;
      const confirmed = row.last_success_at !== null && row.last_success_at > row.fetched_at ? row.last_success_at : row.fetched_at;
      return {
        id,
        version: row.version,
        publishedAt: row.published_at ? row.published_at.toISOString() : null,
        fetchedAt: row.fetched_at.toISOString(),
        confirmedAt: confirmed.toISOString(),
        lastSyncError: row.last_error,
      };
    },
  };
}
