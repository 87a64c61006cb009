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
  auth_sessions: AuthSessionsTable;
  saml_assertions_seen: SamlAssertionsSeenTable;
  saml_requests: SamlRequestsTable;
  report_exports: ReportExportsTable;
  dataset_sync_status: DatasetSyncStatusTable;
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
  prev_hash: string;
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

export interface AuthSessionsTable {
  /** The `jti` of the engine JWT issued at SSO login. */
  session_id: string;
  /** `user:<sub>`: whose session it is. */
  subject_key: string;
  /** `oidc` or `saml`: how the user logged in. */
  idp: string;
  /** IdP groups at login; kept here, not in the token, so a long group list never bloats a cookie. */
  groups: string[];
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface SamlAssertionsSeenTable {
  assertion_id: string;
  issuer: string;
  seen_at: Timestamp;
  /** Kept until the assertion's own NotOnOrAfter (plus clock skew): after that it is refused anyway. */
  expires_at: Timestamp;
}

export interface SamlRequestsTable {
  /** The ID of an AuthnRequest this deployment sent; a Response's InResponseTo must name one. */
  request_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ReportExportsTable {
  export_id: string;
  request_id: string;
  exported_at: Timestamp;
  principal: ColumnType<Record<string, unknown>, string, never>;
  exported_by: string;
  source_ip: string;
  include_provenance: boolean;
  report_hash: string;
  pdf_sha256: string;
  pdf_signing_key_id: string;
}

export interface DatasetSyncStatusTable {
  dataset_id: string;
  last_attempt_at: Timestamp;
  /** `updated`, `unchanged` or `failed`. */
  last_outcome: string;
  /** The last attempt that ended `updated` or `unchanged`: when the list was last confirmed current. */
  last_success_at: Timestamp | null;
  last_error: string | null;
  consecutive_failures: number;
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
