import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { type ListGroup, LIST_SOURCES, type ListSource } from '../connectors/sanctions/list-sources.ts';
import { datasetIdOf, type SanctionsList, sanctionsListSchema } from '../connectors/sanctions/sanctions-list.ts';
import type { SanctionsSettings } from '../connectors/sanctions/sanctions-settings.ts';
import type { ConnectorLogger, HttpClient } from '../connectors/sdk.ts';
import { recordSyncAttempt, type SyncOutcome } from '../store/dataset-sync-repository.ts';
import { createDatasetReader, storeDataset } from '../store/datasets-repository.ts';
import type { Database } from '../store/schema.ts';
import { fetchListFile, type ListLocation } from './list-fetch.ts';

export interface SanctionsSyncDeps {
  readonly db: Kysely<Database>;
  readonly http: HttpClient;
  readonly logger: ConnectorLogger;
  readonly settings: SanctionsSettings;
  readonly now?: () => Date;
}

export interface SanctionsSyncOptions {
  /** Only these publishers; all four by default. */
  readonly groups?: readonly ListGroup[];
  /** Read every list from this directory (file names in `ListSource.fileName`) instead of its URL or path. */
  readonly fromPath?: string;
  /** Accept a version that shrank below SANCTIONS_MIN_RETAINED_PERCENT of the current one. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

export interface ListSyncResult {
  readonly list: string;
  readonly outcome: SyncOutcome;
  /** Where it was read: the URL, or `file:` and the path. */
  readonly source: string;
  readonly version?: string;
  readonly publishedAt?: string;
  readonly entries?: number;
  /** Why it failed; the previous version stays current. */
  readonly error?: string;
}

/**
 * Downloads (or reads), parses, checks and stores each sanctions list. Every list is handled on
 * its own: one failing leaves the others and its own previous version untouched. A file is
 * stored only after it parsed completely, carried its publication date, held at least one entry
 * and did not shrink below SANCTIONS_MIN_RETAINED_PERCENT of the stored version. The version is
 * the publication day plus a hash of the entries, so syncing the same publication again changes
 * nothing. Each outcome is recorded in `dataset_sync_status`.
 *
 * @example
 * const results = await syncSanctionsLists({ db, http, logger, settings }, { groups: ['un'] });
 */
export async function syncSanctionsLists(deps: SanctionsSyncDeps, options: SanctionsSyncOptions = {}): Promise<ListSyncResult[]> {
  const sources = LIST_SOURCES.filter((s) => options.groups === undefined || options.groups.includes(s.group));
  const results: ListSyncResult[] = [];
  for (const source of sources) {
    if (options.signal?.aborted) break;
    results.push(await syncOne(deps, source, options));
  }
  return results;
}

async function syncOne(deps: SanctionsSyncDeps, source: ListSource, options: SanctionsSyncOptions): Promise<ListSyncResult> {
  const now = deps.now ?? (() => new Date());
  const location = locate(source, deps.settings, options.fromPath);
  const sourceText = location.kind === 'url' ? location.url : `file:${location.path}`;
  const datasetId = datasetIdOf(source.list);
  try {
    const bytes = await fetchListFile(location, deps.http, {
      maxBytes: deps.settings.SANCTIONS_MAX_BYTES,
      timeoutMs: deps.settings.SANCTIONS_DOWNLOAD_TIMEOUT_SECONDS * 1000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const parsed = source.parse(bytes);
    if (parsed.entries.length === 0) throw new Error('the file holds no entries');
    await refuseShrinkage(deps, datasetId, parsed.entries.length, options.force === true);
    const content: SanctionsList = sanctionsListSchema.parse({
      list: source.list,
      published_at: parsed.publishedAt.toISOString(),
      source: sourceText,
      entry_count: parsed.entries.length,
      entries: parsed.entries,
    });
    const hash = createHash('sha256').update(JSON.stringify(content.entries)).digest('hex').slice(0, 12);
    const version = `${content.published_at.slice(0, 10)}+${hash}`;
    const changed = await storeDataset(deps.db, { id: datasetId, version, publishedAt: parsed.publishedAt, content }, now());
    const outcome: SyncOutcome = changed ? 'updated' : 'unchanged';
    await recordSyncAttempt(deps.db, { datasetId, at: now(), outcome });
    deps.logger.info({ list: source.list, outcome, version, entries: content.entry_count, source: sourceText }, 'sanctions list synced');
    return { list: source.list, outcome, source: sourceText, version, publishedAt: content.published_at, entries: content.entry_count };
  } catch (err) {
    const error = (err as Error).message;
    await recordSyncAttempt(deps.db, { datasetId, at: now(), outcome: 'failed', error }).catch(() => undefined);
    deps.logger.warn({ list: source.list, source: sourceText, err: error }, 'sanctions list sync failed; the previous version stays current');
    return { list: source.list, outcome: 'failed', source: sourceText, error };
  }
}

function locate(source: ListSource, settings: SanctionsSettings, fromPath: string | undefined): ListLocation {
  if (fromPath !== undefined) return { kind: 'file', path: path.resolve(fromPath, source.fileName) };
  const file = settings[source.pathSetting];
  return file !== undefined ? { kind: 'file', path: path.resolve(file) } : { kind: 'url', url: settings[source.urlSetting] };
}

async function refuseShrinkage(deps: SanctionsSyncDeps, datasetId: string, count: number, force: boolean): Promise<void> {
  if (force) return;
  const current = await createDatasetReader(deps.db).read(datasetId);
  const previous = (current?.content as { entry_count?: unknown } | undefined)?.entry_count;
  if (typeof previous !== 'number' || previous === 0) return;
  const retained = (count / previous) * 100;
  if (retained < deps.settings.SANCTIONS_MIN_RETAINED_PERCENT) {
    throw new Error(
      `the new file holds ${count} entries, ${retained.toFixed(0)}% of the ${previous} stored; ` +
        `below SANCTIONS_MIN_RETAINED_PERCENT=${deps.settings.SANCTIONS_MIN_RETAINED_PERCENT} (use --force if the publisher really removed them)`,
    );
  }
}
