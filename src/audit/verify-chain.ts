import { walkAuditChain, lastAuditPurge, readAuditChainHead } from '../store/audit-repository.ts';
import type { Executor } from '../store/executor.ts';
import { auditPayload, chainHash, GENESIS_HASH } from './audit-record.ts';

export interface ChainReport {
  readonly ok: boolean;
  readonly recordsChecked: number;
  /** The first record that does not chain, and why. */
  readonly firstBreak: { readonly seq: string; readonly requestId: string | null; readonly reason: string } | null;
}

/**
 * Walks the audit chain from its start (or from the last recorded retention purge) and checks
 * that every record's hash is what its content and its predecessor's hash give, that sequence
 * numbers have no gap, and that the chain head points at the last record.
 */
export async function verifyAuditChain(db: Executor): Promise<ChainReport> {
  const purge = await lastAuditPurge(db);
  let expectedPrev = purge?.throughHash ?? GENESIS_HASH;
  let expectedSeq = BigInt(purge?.throughSeq ?? '0') + 1n;
  let checked = 0;
  for await (const row of walkAuditChain(db)) {
    if (BigInt(row.seq) < expectedSeq) continue;
    const breakAt = (reason: string): ChainReport => ({ ok: false, recordsChecked: checked, firstBreak: { seq: row.seq, requestId: row.record.request_id, reason } });
    if (BigInt(row.seq) !== expectedSeq) return breakAt(`gap: expected record ${expectedSeq}, found ${row.seq}`);
    if (row.prevHash !== expectedPrev) return breakAt('prev_hash does not match the hash of the record before it');
    if (chainHash(row.prevHash, row.seq, auditPayload(row.record, row.kind)) !== row.recordHash) return breakAt('record content does not match its hash (edited)');
    expectedPrev = row.recordHash;
    expectedSeq += 1n;
    checked += 1;
  }
  const head = await readAuditChainHead(db);
  if (BigInt(head.seq) !== expectedSeq - 1n || head.recordHash !== expectedPrev) {
    return { ok: false, recordsChecked: checked, firstBreak: { seq: head.seq, requestId: null, reason: `chain head (${head.seq}) does not point at the last record (${expectedSeq - 1n}): records were removed from the end` } };
  }
  return { ok: true, recordsChecked: checked, firstBreak: null };
}
