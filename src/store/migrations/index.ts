import type { Migration, MigrationProvider } from 'kysely';
import * as core from './0001-core.ts';
import * as datasets from './0002-datasets.ts';
import * as datasetSyncStatus from './0013-dataset-sync-status.ts';
import * as identity from './0014-identity.ts';
import * as resolutionAnalysisLineage from './0015-resolution-analysis-lineage.ts';
import * as reportExports from './0016-report-exports.ts';

/**
 * Every migration, listed explicitly (no directory scan). Names sort in the order they run;
 * each area takes its own number so parallel work never collides.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-datasets': datasets,
  '0013-dataset-sync-status': datasetSyncStatus,
  '0014-identity': identity,
  '0015-resolution-analysis-lineage': resolutionAnalysisLineage,
  '0016-report-exports': reportExports,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
