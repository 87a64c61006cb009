import { createHash } from 'node:crypto';
import { canonicalJson } from '../reports/canonical-json.ts';

/** SPEC §4.5 `Principal`: for users the key fields are null, and the other way round. */
export interface PrincipalRecord {
  readonly type: 'user' | 'service_account';
  readonly user_id: string | null;
  readonly user_email: string | null;
  readonly idp_session_id: string | null;
  readonly api_key_id: string | null;
  readonly service_account_name: string | null;
}

/** SPEC §10 `AuditRecord`. Identifier values never appear: only their count. */
export interface AuditRecord {
  readonly request_id: string;
  readonly principal: PrincipalRecord;
  readonly organization_id: string;
  readonly source_ip: string;
  readonly requester_reference: string | null;
  readonly identifiers_queried: number | null;
  readonly logged_at: string;
}

/** What an audit record is about: a lookup or an analysis (audited identically, SPEC §9). */
export type AuditKind = 'lookup' | 'analysis';

/**
 * The chain hash of one record: SHA-256 over the RFC 8785 form of the record, its kind, its
 * sequence number and the previous record's hash. Editing, removing or reordering any record
 * changes every hash after it, which `cairn audit verify` detects.
 *
 * @example
 * hashAuditRecord(record, 'lookup', '1', GENESIS_HASH) // 'sha256:9f2c…'
 */
export function hashAuditRecord(record: AuditRecord, kind: AuditKind, seq: string, prevHash: string): string {
  const payload = canonicalJson({ ...record, kind, seq, prev_hash: prevHash });
  return `sha256:${createHash('sha256').update(payload, 'utf8').digest('hex')}`;
}

export { GENESIS_HASH } from '../store/migrations/0001-core.ts';
