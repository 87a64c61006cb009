import type { Kysely } from 'kysely';
import { z } from 'zod';
import { LIST_GROUPS, LIST_SOURCES } from '../connectors/sanctions/list-sources.ts';
import { datasetIdOf } from '../connectors/sanctions/sanctions-list.ts';
import type { SanctionsSettings } from '../connectors/sanctions/sanctions-settings.ts';
import type { ConnectorLogger, DatasetReader, HttpClient } from '../connectors/sdk.ts';
import type { Database } from '../store/schema.ts';
import type { JobDefinition } from './job-runner.ts';
import { syncSanctionsLists } from './sanctions-sync.ts';

export const SANCTIONS_SYNC_JOB = 'sanctions-sync';

const jobData = z.object({ groups: z.array(z.enum(LIST_GROUPS)).optional(), force: z.boolean().optional() });
export type SanctionsSyncJobData = z.infer<typeof jobData>;

export interface SanctionsSyncJobDeps {
  readonly db: Kysely<Database>;
  readonly http: HttpClient;
  readonly logger: ConnectorLogger;
  readonly settings: SanctionsSettings;
}

/**
 * The scheduled sync of the lists in SANCTIONS_SYNC_LISTS, on SANCTIONS_SYNC_CRON. A run in
 * which any list failed ends failed, so pg-boss retries it twice, ten minutes apart (lists that
 * did not change are a no-op the second time); the previous version of a failed list stays
 * current throughout.
 */
export function sanctionsSyncJob(deps: SanctionsSyncJobDeps): JobDefinition<SanctionsSyncJobData> {
  return {
    name: SANCTIONS_SYNC_JOB,
    cron: deps.settings.SANCTIONS_SYNC_CRON,
    expireInSeconds: Math.max(15 * 60, deps.settings.SANCTIONS_DOWNLOAD_TIMEOUT_SECONDS * LIST_SOURCES.length * 2),
    retryLimit: 2,
    retryDelaySeconds: 600,
    async handler(data, context) {
      const parsed = jobData.parse(data);
      const results = await syncSanctionsLists(deps, {
        groups: parsed.groups ?? deps.settings.SANCTIONS_SYNC_LISTS,
        force: parsed.force === true,
        signal: context.signal,
      });
      const failed = results.filter((r) => r.outcome === 'failed');
      if (failed.length > 0) throw new Error(`${failed.map((r) => `${r.list}: ${r.error}`).join('; ')}`);
    },
  };
}

/** True when a list the sync is configured for has never been stored. */
export async function hasUnsyncedList(datasets: DatasetReader, settings: SanctionsSettings): Promise<boolean> {
  for (const source of LIST_SOURCES.filter((s) => settings.SANCTIONS_SYNC_LISTS.includes(s.group))) {
    if ((await datasets.version(datasetIdOf(source.list))) === null) return true;
  }
  return false;
}
