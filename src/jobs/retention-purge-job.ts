import type { Kysely } from 'kysely';
import type { ConnectorLogger } from '../connectors/sdk.ts';
import { purgeExpiredAnalyses } from '../store/analysis-results-repository.ts';
import { purgeAuditBefore } from '../store/audit-repository.ts';
import { purgeExpiredHousekeeping } from '../store/housekeeping-repository.ts';
import { purgeExpiredLineage } from '../store/lineage-repository.ts';
import { purgeExpiredResults } from '../store/results-repository.ts';
import type { Database } from '../store/schema.ts';
import type { JobDefinition } from './job-runner.ts';

export const RETENTION_PURGE_JOB = 'retention-purge';
const DAY_MS = 86_400_000;

/**
 * Applies the retention settings (SPEC §17): results, their entities and identifier index,
 * analyses and lineage past RESULT_RETENTION_DAYS (they carry their own `expires_at`), audit
 * records older than AUDIT_RETENTION_DAYS (never under 365, enforced by the config), and the
 * engine's short-lived rows. Hourly; one run at a time across every engine on the database.
 */
export function retentionPurgeJob(options: { db: Kysely<Database>; auditRetentionDays: number; logger: ConnectorLogger; now?: () => Date }): JobDefinition {
  return {
    name: RETENTION_PURGE_JOB,
    cron: '17 * * * *',
    expireInSeconds: 30 * 60,
    handler: async () => {
      const now = options.now?.() ?? new Date();
      const removed = {
        results: await purgeExpiredResults(options.db, now),
        analyses: await purgeExpiredAnalyses(options.db, now),
        lineage_events: await purgeExpiredLineage(options.db, now),
        ...(await purgeExpiredHousekeeping(options.db, now)),
      };
      const audit = await purgeAuditBefore(options.db, new Date(now.getTime() - options.auditRetentionDays * DAY_MS), now);
      options.logger.info({ removed: { ...removed, audit_records: audit.recordsRemoved }, audit_through_seq: audit.throughSeq }, 'retention purge done');
    },
  };
}
