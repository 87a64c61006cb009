import type { Migration, MigrationProvider } from 'kysely';
import * as core from './0001-core.ts';
import * as datasets from './0002-datasets.ts';
import * as resolutionAnalysisLineage from './0015-resolution-analysis-lineage.ts';

/**
 * Every migration, listed explicitly (no directory scan). Names sort in the order they run;
 * each area takes its own number so parallel work never collides.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-datasets': datasets,
  '0015-resolution-analysis-lineage': resolutionAnalysisLineage,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
