import type { Executor } from './executor.ts';

export interface ConnectorHealthRow {
  readonly connectorId: string;
  readonly status: 'reachable' | 'unreachable' | 'degraded';
  readonly checkedAt: Date;
  readonly latencyMs: number | null;
  readonly error: string | null;
}

/** Records the latest health check of a connector (shared by every engine on the database). */
export async function saveConnectorHealth(db: Executor, row: ConnectorHealthRow): Promise<void> {
  await db
    .insertInto('connector_health')
    .values({ connector_id: row.connectorId, status: row.status, checked_at: row.checkedAt, latency_ms: row.latencyMs, error: row.error })
    .onConflict((oc) =>
      oc.column('connector_id').doUpdateSet({ status: row.status, checked_at: row.checkedAt, latency_ms: row.latencyMs, error: row.error }),
    )
    .execute();
}

export async function listConnectorHealth(db: Executor): Promise<ConnectorHealthRow[]> {
  const rows = await db.selectFrom('connector_health').selectAll().execute();
  return rows.map((r) => ({
    connectorId: r.connector_id,
    status: r.status as ConnectorHealthRow['status'],
    checkedAt: r.checked_at,
    latencyMs: r.latency_ms,
    error: r.error,
  }));
}
