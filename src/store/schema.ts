import type { ColumnType, Generated } from 'kysely';

/**
 * The tables, as kysely sees them. One interface per table; repositories under `store/` are
 * the only code that names them.
 */
export interface Database {
  engine_settings: EngineSettingsTable;
  api_keys: ApiKeysTable;
  signing_keys: SigningKeysTable;
  lookup_results: LookupResultsTable;
  lookup_entities: LookupEntitiesTable;
  audit_records: AuditRecordsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_purges: AuditPurgesTable;
  rate_limit_windows: RateLimitWindowsTable;
  connector_health: ConnectorHealthTable;
  datasets: DatasetsTable;
  entity_identifiers: EntityIdentifiersTable;
  analysis_results: AnalysisResultsTable;
  lineage_events: LineageEventsTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface EngineSettingsTable {
  key: string;
  value: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** hex HMAC-SHA256(API_KEY_HASH_SECRET, key); the key itself is never stored. */
  key_hash: string;
  roles: string[];
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface SigningKeysTable {
  key_id: string;
  algorithm: string;
  public_key_pem: string;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface LookupResultsTable {
  request_id: string;
  /** `user` or `service_account`, and the user id or api key id: who may read it back. */
  owner_type: string;
  owner_id: string;
  queried_at: Timestamp;
  expires_at: Timestamp;
  /** The response exactly as sent, so GET returns identical bytes and /verify re-hashes them. */
  response_json: string;
  report_hash: string;
  report_signature: string;
  signing_key_id: string;
  signed_at: Timestamp;
}

export interface LookupEntitiesTable {
  entity_id: string;
  request_id: string;
  rank: number;
}

export interface AuditRecordsTable {
  seq: ColumnType<string, string | number, never>;
  request_id: string;
  kind: string;
  principal: ColumnType<Record<string, unknown>, string, never>;
  user_id: string | null;
  api_key_id: string | null;
  organization_id: string;
  source_ip: string;
  requester_reference: string | null;
  identifiers_queried: number | null;
  logged_at: Timestamp;
  prev_hash: string;
  record_hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: ColumnType<string, string | number, string | number>;
  record_hash: string;
}

export interface AuditPurgesTable {
  id: Generated<number>;
  purged_at: Timestamp;
  through_seq: ColumnType<string, string | number, never>;
  through_hash: string;
  records_removed: number;
}

export interface RateLimitWindowsTable {
  key: string;
  window_start: ColumnType<string, string | number, string | number>;
  current_count: number;
  previous_count: number;
}

export interface ConnectorHealthTable {
  connector_id: string;
  status: string;
  checked_at: Timestamp;
  latency_ms: number | null;
  error: string | null;
}

export interface DatasetsTable {
  id: string;
  version: string;
  published_at: Timestamp | null;
  fetched_at: Timestamp;
  sha256: string;
  /** JSON text of the parsed dataset. */
  content: string;
  is_current: Generated<boolean>;
}

/** Normalised identity keys and associations of a stored entity (for graph analyses). */
export interface EntityIdentifiersTable {
  entity_id: string;
  request_id: string;
  role: 'identity' | 'association';
  /** `email:jane@example.com`, `phone:+15551234567`, `org:acme`, … */
  key: string;
  key_type: string;
  label: string;
  relation: string | null;
}

export interface AnalysisResultsTable {
  analysis_id: string;
  request_id: string;
  analysis_type: string;
  entity_id: string | null;
  status: string;
  owner_type: string;
  owner_id: string;
  queried_at: Timestamp;
  expires_at: Timestamp;
  /** The AnalysisResponse exactly as sent. */
  response_json: string;
}

export interface LineageEventsTable {
  seq: ColumnType<string, never, never>;
  event_id: string;
  record_id: string;
  record_type: string;
  parent_ids: string[];
  event_type: string;
  occurred_at: Timestamp;
  request_id: string;
  owner_type: string;
  owner_id: string;
  expires_at: Timestamp;
  details: ColumnType<Record<string, unknown>, string, never>;
}
