import type { Executor } from './executor.ts';

export interface StoredAnalysis {
  readonly analysisId: string;
  readonly requestId: string;
  readonly analysisType: string;
  readonly entityId: string | null;
  readonly status: 'complete' | 'failed';
  readonly ownerType: 'user' | 'service_account';
  readonly ownerId: string;
  readonly queriedAt: Date;
  readonly expiresAt: Date;
  /** The AnalysisResponse exactly as it was sent. */
  readonly responseJson: string;
}

/**
 * Stores one analysis response; runs in the analysis's transaction with its audit record.
 *
 * @example
 * await insertAnalysis(trx, { analysisId: 'ana_01…', … });
 */
export async function insertAnalysis(db: Executor, analysis: StoredAnalysis): Promise<void> {
  await db
    .insertInto('analysis_results')
    .values({
      analysis_id: analysis.analysisId,
      request_id: analysis.requestId,
      analysis_type: analysis.analysisType,
      entity_id: analysis.entityId,
      status: analysis.status,
      owner_type: analysis.ownerType,
      owner_id: analysis.ownerId,
      queried_at: analysis.queriedAt,
      expires_at: analysis.expiresAt,
      response_json: analysis.responseJson,
    })
    .execute();
}

/**
 * The stored analysis, or null when unknown or past retention (even before the purge ran).
 *
 * @example
 * const stored = await findAnalysis(db, 'ana_01…', new Date());
 */
export async function findAnalysis(db: Executor, analysisId: string, now: Date): Promise<StoredAnalysis | null> {
  const r = await db.selectFrom('analysis_results').selectAll().where('analysis_id', '=', analysisId).where('expires_at', '>', now).executeTakeFirst();
  if (!r) return null;
  return {
    analysisId: r.analysis_id,
    requestId: r.request_id,
    analysisType: r.analysis_type,
    entityId: r.entity_id,
    status: r.status as StoredAnalysis['status'],
    ownerType: r.owner_type as StoredAnalysis['ownerType'],
    ownerId: r.owner_id,
    queriedAt: r.queried_at,
    expiresAt: r.expires_at,
    responseJson: r.response_json,
  };
}

/**
 * Deletes analyses past retention; returns how many went. For the retention job.
 *
 * @example
 * await purgeExpiredAnalyses(db, new Date());
 */
export async function purgeExpiredAnalyses(db: Executor, now: Date): Promise<number> {
  const result = await db.deleteFrom('analysis_results').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
