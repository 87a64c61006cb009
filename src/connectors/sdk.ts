/**
 * The connector SDK: the only module a connector imports from the core (STYLE.md, "Core ↔
 * connectors"). A connector is a manifest (static, checked by a strict schema at start), a
 * settings schema over its own environment variables, and a `create` that returns `run` and
 * `health`. A connector never throws past `run`: it returns an outcome, and the runner still
 * catches whatever escapes.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { IDENTIFIER_TYPES, type Identifier, type IdentifierType } from '../identifiers/identifier-types.ts';
import type { Finding } from './findings.ts';

export type * from './findings.ts';
// The common fields of connector settings: the same parsers as the engine's own variables.
export {
  baseUrlField,
  blankAsUnset,
  boolField,
  boolText,
  httpUrlField,
  httpUrlText,
  intField,
  intText,
  isHttpUrl,
  listField,
  listText,
} from '../config/env-fields.ts';
export { FINDING_KINDS } from './findings.ts';
export type { Identifier, IdentifierType };
export { IDENTIFIER_TYPES };

/** SPEC §8.3 `SourceCategory`. */
export const SOURCE_CATEGORIES = [
  'person_data',
  'network_intelligence',
  'social_media',
  'business_data',
  'leak_database',
  'web_search',
  'dark_web',
  'public_records',
  'derived',
] as const;
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];

/**
 * How a connector's call ended. `ok` and `no_data` mean the source was checked; every other
 * outcome puts the connector in `source_coverage.unavailable` with that reason.
 */
export const CONNECTOR_OUTCOMES = [
  'ok',
  'no_data',
  'timeout',
  'egress_blocked',
  'credentials_invalid',
  'rate_limited',
  'connector_error',
] as const;
export type ConnectorOutcome = (typeof CONNECTOR_OUTCOMES)[number];
export type UnavailabilityReason = Exclude<ConnectorOutcome, 'ok' | 'no_data'>;

export const egressSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['https', 'http', 'tcp']),
});
export type Egress = z.infer<typeof egressSchema>;

/**
 * The manifest every connector declares. Strict: an unknown key fails at start.
 *
 * @example
 * const manifest = defineManifest({
 *   id: 'phone_metadata', name: 'Phone number metadata', category: 'person_data',
 *   description: 'Offline numbering-plan metadata.', tier: 'primary', accepts: ['phone'],
 *   credential_mode: 'intrace_managed', reliability: 0.9,
 * });
 */
export const connectorManifestSchema = z.strictObject({
  /** Stable id, snake_case; appears in `source_coverage` and `GET /v1/connectors`. */
  id: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'snake_case, 2-64 characters'),
  name: z.string().min(1).max(120),
  description: z.string().min(1).max(1000),
  category: z.enum(SOURCE_CATEGORIES),
  /** `primary` runs at depth standard and deep; `secondary` only at deep (SPEC §8.4). */
  tier: z.enum(['primary', 'secondary']),
  /** Identifier types this connector can take. */
  accepts: z.array(z.enum(IDENTIFIER_TYPES)).min(1),
  /**
   * Types it also takes when another connector derived them (e.g. a username read from a
   * social URL); used only in the second wave of a deep lookup.
   */
  accepts_derived: z.array(z.enum(IDENTIFIER_TYPES)).default([]),
  credential_mode: z.enum(['intrace_managed', 'byok']),
  /** Environment variables that must be set for the connector to be active (BYOK keys). */
  requires: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)).default([]),
  /** The engine's trust in this source, 0–1: `traceability.sources[].confidence`. */
  reliability: z.number().min(0).max(1),
  /**
   * Independence group: two connectors reading the same upstream are one confirmation, not two.
   * Defaults to the connector id.
   */
  upstream: z.string().min(1).optional(),
  /** A tighter timeout than CONNECTOR_TIMEOUT_SECONDS, in ms; never a looser one. */
  timeout_ms: z.number().int().positive().optional(),
});
export type ConnectorManifest = z.output<typeof connectorManifestSchema>;
export type ConnectorManifestInput = z.input<typeof connectorManifestSchema>;

/** Parses a manifest literal; throws on a key or value outside the closed vocabularies. */
export function defineManifest(input: ConnectorManifestInput): ConnectorManifest {
  return connectorManifestSchema.parse(input);
}

/** A minimal structured logger (pino's shape). Never log identifier values at info. */
export interface ConnectorLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// ---------------------------------------------------------------------------------------------
// Outbound network services. Every request to an address that came from a user or an upstream
// goes through these: they resolve first and refuse loopback, private, link-local, metadata and
// other non-unicast targets (OUTBOUND_ALLOW_LOOPBACK=true admits 127.0.0.0/8 and ::1 only).
// ---------------------------------------------------------------------------------------------

export interface HttpRequestOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly signal?: AbortSignal;
  /** Whole-request budget (connect, headers and body); default 10 s. */
  readonly timeoutMs?: number;
  /** Body size cap in bytes; default 2 MiB. */
  readonly maxBytes?: number;
  /** `error` (default) fails with ResponseTooLargeError; `truncate` keeps the first maxBytes. */
  readonly onOverflow?: 'error' | 'truncate';
  /** Redirects to follow, each target re-checked by the guard; default 5, 0 returns the 3xx. */
  readonly maxRedirects?: number;
  /** A pool made by `HttpClient.createAgent`, for connection reuse, per-host limits or a proxy. */
  readonly agent?: HttpAgent;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** The URL of the final response, after redirects. */
  readonly url: string;
  /** Every URL visited before the final one, in order. */
  readonly redirects: readonly string[];
  readonly body: Buffer;
  readonly truncated: boolean;
  /** The body decoded with the charset of Content-Type (UTF-8 when absent). */
  text(): string;
  /** The body parsed as JSON; throws UpstreamFormatError when it is not. */
  json(): unknown;
}

/** Opaque pool handle; close it when the connector is done with it. */
export interface HttpAgent {
  close(): Promise<void>;
}

export interface HttpAgentOptions {
  /** Concurrent connections per origin; default 4. */
  readonly connectionsPerOrigin?: number;
  /** `http://`, `https://` or `socks5://` proxy URL. */
  readonly proxyUrl?: string;
  readonly keepAliveMs?: number;
}

export interface HttpClient {
  request(url: string | URL, options?: HttpRequestOptions): Promise<HttpResponse>;
  createAgent(options?: HttpAgentOptions): HttpAgent;
}

export interface TcpConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Present: wrap in TLS with this SNI name. Certificates are read, not trusted. */
  readonly tls?: { readonly servername?: string };
}

export interface TcpClient {
  /** Connects after the guard has checked every address the host resolves to. */
  connect(options: TcpConnectOptions & { tls: { servername?: string } }): Promise<TLSSocket>;
  connect(options: TcpConnectOptions): Promise<Socket>;
}

/** A dataset stored by a background sync (sanctions lists, site catalogues); read-only here. */
export interface StoredDataset {
  readonly id: string;
  readonly version: string;
  readonly publishedAt: string | null;
  readonly fetchedAt: string;
  readonly sha256: string;
  readonly content: unknown;
}

/** A dataset's current version and the state of its sync, without the content. */
export interface DatasetDescription {
  readonly id: string;
  readonly version: string;
  readonly publishedAt: string | null;
  readonly fetchedAt: string;
  /**
   * When a sync last confirmed the dataset current (finding it changed or unchanged); the
   * fetch time when no sync status was recorded.
   */
  readonly confirmedAt: string;
  /** Why the latest sync attempt failed, or null when it succeeded. */
  readonly lastSyncError: string | null;
}

export interface DatasetReader {
  /** The latest stored version, or null if the dataset was never synced. */
  read(id: string): Promise<StoredDataset | null>;
  /** The latest version string only: cheap, for cache checks. */
  version(id: string): Promise<string | null>;
  /** Version, dates and sync state without the content (cheap, for health checks); null if never synced. */
  describe(id: string): Promise<DatasetDescription | null>;
}

/** What the engine hands a connector when it creates it. */
export interface ConnectorServices {
  readonly http: HttpClient;
  readonly tcp: TcpClient;
  readonly datasets: DatasetReader;
  readonly logger: ConnectorLogger;
  /** True when OUTBOUND_ALLOW_LOOPBACK=true (tests and labs). */
  readonly allowLoopback: boolean;
  readonly now: () => Date;
}

/** What one call of `run` gets. */
export interface RunContext {
  /** Aborted at this connector's timeout or when the lookup is cancelled. */
  readonly signal: AbortSignal;
  /**
   * Epoch ms by which `run` should have returned: 10% of the timeout (100–500 ms) before the
   * signal aborts, so partial results budgeted against it arrive in time.
   */
  readonly deadline: number;
  readonly depth: 'standard' | 'deep';
  readonly logger: ConnectorLogger;
}

export interface ConnectorInput {
  /** The identifiers of the types this connector accepts (query or derived). */
  readonly identifiers: readonly Identifier[];
  /** True in the second wave, when the identifiers were derived by other connectors. */
  readonly derived: boolean;
}

/** An identifier a connector discovered that other connectors may take (deep lookups only). */
export interface DerivedIdentifier {
  readonly type: IdentifierType;
  readonly value: string;
}

export interface ConnectorResult {
  readonly outcome: ConnectorOutcome;
  readonly findings: readonly Finding[];
  readonly derived?: readonly DerivedIdentifier[];
  /** Short, secret-free explanation for `source_coverage.details` and logs. */
  readonly detail?: string;
}

export interface HealthReport {
  readonly status: 'reachable' | 'unreachable' | 'degraded';
  readonly latency_ms: number | null;
  readonly error: string | null;
  readonly reason?: UnavailabilityReason;
}

export interface Connector {
  readonly manifest: ConnectorManifest;
  /** Outbound targets this instance needs (derived from its configured base URLs). */
  readonly egress: readonly Egress[];
  run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult>;
  health(signal: AbortSignal): Promise<HealthReport>;
}

/**
 * A connector module's export: its manifest, a zod object over its environment variables
 * (keys are variable names; each value carries its default), and a factory.
 *
 * @example
 * export const phoneMetadata = defineConnector({
 *   manifest,
 *   settings: z.object({}),
 *   create: (settings, services) => ({ manifest, egress: [], run, health }),
 * });
 */
export interface ConnectorDefinition<S = unknown> {
  readonly manifest: ConnectorManifest;
  readonly settings: z.ZodType<S>;
  create(settings: S, services: ConnectorServices): Connector;
}

export function defineConnector<S>(definition: ConnectorDefinition<S>): ConnectorDefinition<S> {
  return definition;
}

/** A definition with its settings type erased, as the registry holds them. */
export interface AnyConnectorDefinition {
  readonly manifest: ConnectorManifest;
  readonly settings: z.ZodType<unknown>;
  create(settings: never, services: ConnectorServices): Connector;
}

// ---------------------------------------------------------------------------------------------
// Results and typed failures
// ---------------------------------------------------------------------------------------------

/** `ok` when there are findings, `no_data` otherwise. */
export function found(findings: readonly Finding[], derived?: readonly DerivedIdentifier[]): ConnectorResult {
  return findings.length > 0
    ? { outcome: 'ok', findings, ...(derived && derived.length > 0 ? { derived } : {}) }
    : { outcome: 'no_data', findings: [], ...(derived && derived.length > 0 ? { derived } : {}) };
}

export function unavailable(reason: UnavailabilityReason, detail: string): ConnectorResult {
  return { outcome: reason, findings: [], detail };
}

/** Thrown by the network services when the SSRF guard refuses a target. */
export class EgressBlockedError extends Error {
  readonly code = 'EGRESS_BLOCKED';
  constructor(message: string) {
    super(message);
    this.name = 'EgressBlockedError';
  }
}

/** Thrown by the HTTP client when a body exceeds `maxBytes` with `onOverflow: 'error'`. */
export class ResponseTooLargeError extends Error {
  readonly code = 'RESPONSE_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`response body exceeded ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** An upstream answered, but not in the format its documentation promises. */
export class UpstreamFormatError extends Error {
  readonly code = 'UPSTREAM_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamFormatError';
  }
}

/**
 * Maps an upstream HTTP status to the outcome a connector should report, or null when the
 * status is not a failure of the source itself (2xx, 404 …).
 *
 * @example
 * outcomeForStatus(429, 'byok') // 'rate_limited'
 */
export function outcomeForStatus(status: number, mode: 'intrace_managed' | 'byok'): UnavailabilityReason | null {
  if (status === 429) return 'rate_limited';
  if ((status === 401 || status === 403) && mode === 'byok') return 'credentials_invalid';
  if (status >= 500) return 'connector_error';
  return null;
}
