import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type AuditKind, type AuditRecord, auditPayload, type PrincipalRecord } from '../audit/audit-record.ts';
import type { Executor } from './executor.ts';
import type { Database } from './schema.ts';

export interface AuditFilter {
  readonly from?: Date;
  readonly to?: Date;
  readonly userId?: string;
}

export interface AuditCursor {
  readonly loggedAt: string;
  readonly requestId: string;
}

export interface AuditPage {
  readonly records: AuditRecord[];
  readonly total: number;
  readonly next: AuditCursor | null;
}

export interface ChainedAuditRecord {
  readonly seq: string;
  readonly kind: AuditKind;
  readonly record: AuditRecord;
  readonly prevHash: string;
  readonly recordHash: string;
}

/**
 * The statement that appends one record to the hash chain, optionally preceded by other
 * data-modifying CTEs (`with`) so that a lookup's result and its audit record are written by
 * ONE statement: atomic without a transaction round trip, and cheap on PGlite. The UPDATE of
 * the chain head takes its row lock, so concurrent appenders (any number of engines) queue and
 * the chain never forks or skips a number; the hash is computed inside that lock, from the old
 * head (PostgreSQL evaluates every SET expression against the old row).
 */
export function auditAppendStatement(record: AuditRecord, kind: AuditKind, withClauses: readonly RawBuilder<unknown>[] = []): RawBuilder<{ seq: string; prev_hash: string; record_hash: string }> {
  const payload = auditPayload(record, kind);
  const prefix = withClauses.length > 0 ? sql`${sql.join(withClauses, sql`, `)}, ` : sql``;
  return sql<{ seq: string; prev_hash: string; record_hash: string }>`
    WITH ${prefix}head AS (
      UPDATE audit_chain_head AS h SET
        seq = h.seq + 1,
        prev_hash = h.record_hash,
        record_hash = 'sha256:' || encode(sha256(convert_to(h.record_hash || E'\n' || (h.seq + 1)::text || E'\n' || ${payload}, 'UTF8')), 'hex')
      WHERE h.id = 1
      RETURNING h.seq, h.prev_hash, h.record_hash
    )
    INSERT INTO audit_records (seq, request_id, kind, principal, user_id, api_key_id, organization_id, source_ip,
                               requester_reference, identifiers_queried, logged_at, prev_hash, record_hash)
    SELECT head.seq, ${record.request_id}, ${kind}, ${JSON.stringify(record.principal)}::jsonb, ${record.principal.user_id},
           ${record.principal.api_key_id}, ${record.organization_id}, ${record.source_ip}, ${record.requester_reference},
           ${record.identifiers_queried}, ${record.logged_at}::timestamptz, head.prev_hash, head.record_hash
    FROM head
    RETURNING seq, prev_hash, record_hash`;
}

/** Appends one record to the audit hash chain (one statement; see `auditAppendStatement`). */
export async function appendAuditRecord(db: Executor, record: AuditRecord, kind: AuditKind): Promise<ChainedAuditRecord> {
  const { rows } = await auditAppendStatement(record, kind).execute(db);
  const row = rows[0]!;
  return { seq: String(row.seq), kind, record, prevHash: row.prev_hash, recordHash: row.record_hash };
}

type AuditRow = {
  seq: string;
  request_id: string;
  kind: string;
  principal: Record<string, unknown>;
  organization_id: string;
  source_ip: string;
  requester_reference: string | null;
  identifiers_queried: number | null;
  logged_at: Date;
  prev_hash: string;
  record_hash: string;
};

function toRecord(r: AuditRow): AuditRecord {
  return {
    request_id: r.request_id,
    principal: r.principal as unknown as PrincipalRecord,
    organization_id: r.organization_id,
    source_ip: r.source_ip,
    requester_reference: r.requester_reference,
    identifiers_queried: r.identifiers_queried,
    logged_at: r.logged_at.toISOString(),
  };
}

export async function findAuditRecord(db: Executor, requestId: string): Promise<{ kind: AuditKind; record: AuditRecord } | null> {
  const row = await db.selectFrom('audit_records').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  return row ? { kind: row.kind as AuditKind, record: toRecord(row) } : null;
}

/** One page in (logged_at, request_id) order, with the total of matches before paging. */
export async function listAuditRecords(db: Executor, filter: AuditFilter, cursor: AuditCursor | null, limit: number): Promise<AuditPage> {
  let base = db.selectFrom('audit_records');
  if (filter.from) base = base.where('logged_at', '>=', filter.from);
  if (filter.to) base = base.where('logged_at', '<=', filter.to);
  if (filter.userId !== undefined) base = base.where('user_id', '=', filter.userId);
  let page = base.selectAll();
  if (cursor) {
    page = page.where((eb) =>
      eb.or([
        eb('logged_at', '>', new Date(cursor.loggedAt)),
        eb.and([eb('logged_at', '=', new Date(cursor.loggedAt)), eb('request_id', '>', cursor.requestId)]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    page.orderBy('logged_at').orderBy('request_id').limit(limit + 1).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const records = rows.slice(0, limit).map(toRecord);
  const last = records[records.length - 1];
  return {
    records,
    total: Number(count.n),
    next: rows.length > limit && last ? { loggedAt: last.logged_at, requestId: last.request_id } : null,
  };
}

/** Walks the chain in sequence order, `batch` rows at a time. */
export async function* walkAuditChain(db: Executor, batch = 1000): AsyncGenerator<ChainedAuditRecord> {
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('audit_records')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      yield { seq: String(row.seq), kind: row.kind as AuditKind, record: toRecord(row), prevHash: row.prev_hash, recordHash: row.record_hash };
    }
    if (rows.length < batch) return;
    after = String(rows[rows.length - 1]!.seq);
  }
}

/** The last purge, whose `through_hash` is where the remaining chain must start. */
export async function lastAuditPurge(db: Executor): Promise<{ throughSeq: string; throughHash: string } | null> {
  const row = await db.selectFrom('audit_purges').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { throughSeq: String(row.through_seq), throughHash: row.through_hash } : null;
}

export async function readAuditChainHead(db: Executor): Promise<{ seq: string; recordHash: string }> {
  const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: String(head.seq), recordHash: head.record_hash };
}

export interface AuditPurge {
  readonly recordsRemoved: number;
  readonly throughSeq: string | null;
}

/**
 * Removes the audit records older than `cutoff`, as a prefix of the chain: everything up to
 * the last record before the first one that must stay (records are ordered by sequence, and
 * logged_at can be a few milliseconds out of order between concurrent writers). The purge is
 * recorded in `audit_purges` with the hash of the last removed record, where the chain check
 * then starts. Runs in its own transaction with `cairn.audit_purge` set, the only way past the
 * table's append-only trigger.
 */
export async function purgeAuditBefore(db: Kysely<Database>, cutoff: Date, now: Date): Promise<AuditPurge> {
  return db.transaction().execute(async (trx) => {
    // Serialise with appenders and with another engine's purge.
    await trx.selectFrom('audit_chain_head').select('seq').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const keep = await trx.selectFrom('audit_records').select((eb) => eb.fn.min('seq').as('seq')).where('logged_at', '>=', cutoff).executeTakeFirst();
    const last = await trx
      .selectFrom('audit_records')
      .select(['seq', 'record_hash'])
      .where('logged_at', '<', cutoff)
      .$if(keep?.seq !== null && keep?.seq !== undefined, (qb) => qb.where('seq', '<', String(keep!.seq)))
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return { recordsRemoved: 0, throughSeq: null };
    await sql`SELECT set_config('cairn.audit_purge', 'on', true)`.execute(trx);
    const removed = await trx.deleteFrom('audit_records').where('seq', '<=', String(last.seq)).executeTakeFirst();
    const count = Number(removed.numDeletedRows);
    await trx.insertInto('audit_purges').values({ purged_at: now, through_seq: String(last.seq), through_hash: last.record_hash, records_removed: count }).execute();
    return { recordsRemoved: count, throughSeq: String(last.seq) };
  });
}
