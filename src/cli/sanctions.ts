import { LIST_GROUPS, type ListGroup, LIST_SOURCES } from '../connectors/sanctions/list-sources.ts';
import { datasetIdOf } from '../connectors/sanctions/sanctions-list.ts';
import type { Engine } from '../engine/engine.ts';
import { sanctionsSettingsOf } from '../jobs/engine-jobs.ts';
import { syncSanctionsLists } from '../jobs/sanctions-sync.ts';
import { listSyncStatus } from '../store/dataset-sync-repository.ts';

export interface SyncCommandOptions {
  readonly list?: string[];
  readonly fromPath?: string;
  readonly force?: boolean;
}

/**
 * `cairn sanctions sync`: the same sync the scheduled job runs, now, in this process, printing
 * one line per list. Returns false when a list failed (exit code 1).
 */
export async function sanctionsSyncCommand(engine: Engine, options: SyncCommandOptions, out: (line: string) => void): Promise<boolean> {
  const groups = options.list?.map((g) => g.trim().toLowerCase());
  const unknown = groups?.filter((g) => !(LIST_GROUPS as readonly string[]).includes(g)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown list ${unknown.join(', ')}; choose from ${LIST_GROUPS.join(', ')}`);
  const settings = sanctionsSettingsOf(engine);
  const results = await syncSanctionsLists(
    { db: engine.database.db, http: engine.connectorServices.http, logger: engine.logger, settings },
    {
      groups: (groups as ListGroup[] | undefined) ?? settings.SANCTIONS_SYNC_LISTS,
      ...(options.fromPath !== undefined ? { fromPath: options.fromPath } : {}),
      force: options.force === true,
    },
  );
  for (const r of results) {
    if (r.outcome === 'failed') out(`${r.list}: FAILED, previous version kept: ${r.error} (${r.source})`);
    else out(`${r.list}: ${r.outcome}, version ${r.version}, published ${r.publishedAt?.slice(0, 10)}, ${r.entries} entries (${r.source})`);
  }
  return results.every((r) => r.outcome !== 'failed');
}

/** `cairn sanctions status`: the stored version and the last sync of every list. */
export async function sanctionsStatusCommand(engine: Engine, out: (line: string) => void): Promise<void> {
  const status = new Map((await listSyncStatus(engine.database.db)).map((s) => [s.datasetId, s]));
  for (const source of LIST_SOURCES) {
    const id = datasetIdOf(source.list);
    const description = await engine.connectorServices.datasets.describe(id);
    const sync = status.get(id);
    const stored = description ? `version ${description.version}, published ${description.publishedAt?.slice(0, 10) ?? '?'}, confirmed current ${description.confirmedAt}` : 'never synced';
    const last = sync ? `; last sync ${sync.lastAttemptAt.toISOString()} ${sync.lastOutcome}${sync.lastError ? ` (${sync.lastError}, ${sync.consecutiveFailures} in a row)` : ''}` : '';
    out(`${source.list}: ${stored}${last}`);
  }
}
