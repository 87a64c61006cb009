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
 * The RFC 8785 form of a record and its kind: the part of the chain input that describes the
 * request. Computed once, in JavaScript, and handed to the database with the record.
 */
export function auditPayload(record: AuditRecord, kind: AuditKind): string {
  return canonicalJson({ ...record, kind });
}

/**
 * The chain hash of one record: SHA-256 over `<previous record's hash>\n<seq>\n<payload>`
 * (UTF-8), written `sha256:<hex>`. The database computes it while it holds the chain head's
 * row lock (see `appendAuditRecord`); `cairn audit verify` recomputes it here. Editing,
 * removing or reordering any record changes every hash after it.
 *
 * @example
 * chainHash(GENESIS_HASH, '1', auditPayload(record, 'lookup')) // 'sha256:9f2c…'
 */
export function chainHash(prevHash: string, seq: string, payload: string): string {
  return `sha256:${createHash('sha256').update(`${prevHash}\n${seq}\n${payload}`, 'utf8').digest('hex')}`;
}

export { GENESIS_HASH } from '../store/migrations/0001-core.ts';
