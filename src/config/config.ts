import path from 'node:path';
import { z } from 'zod';
import { boolText, httpUrlText, intText, listText } from './env-fields.ts';

/**
 * Every engine setting, read once from the environment at start (SPEC §15 plus Cairn's own).
 * A bad value stops the start with one line naming the variable; nothing below reads
 * `process.env` again.
 *
 * @example
 * const config = loadConfig(process.env);
 * config.http.port; // 8000
 */
export interface Config {
  readonly dataDir: string;
  readonly http: { readonly host: string; readonly port: number; readonly trustProxy: boolean };
  readonly database: { readonly url: string | null; readonly poolSize: number; readonly maxOverflow: number };
  readonly auth: {
    readonly mode: AuthMode;
    readonly apiKeyHashSecret: string | null;
    readonly bootstrapApiKey: string | null;
    readonly bootstrapApiKeyRoles: readonly string[];
    readonly roleConfigPath: string | null;
  };
  readonly oidc: {
    readonly issuerUrl: string | null;
    readonly audience: string | null;
    readonly clientId: string | null;
    readonly clientSecret: string | null;
    /** OIDC_REDIRECT_URL, else `<PUBLIC_URL>/auth/oidc/callback`. */
    readonly redirectUrl: string | null;
    readonly groupsClaim: string;
    readonly clockSkewSeconds: number;
    /** OIDC_JWKS_COOLDOWN_SECONDS: least time between two JWKS refetches caused by unknown key ids. */
    readonly jwksCooldownSeconds: number;
  };
  readonly saml: {
    readonly metadataUrl: string | null;
    readonly metadataXmlPath: string | null;
    /** SAML_ENTITY_ID, else `<PUBLIC_URL>/auth/saml/metadata`. */
    readonly entityId: string | null;
    /** SAML_ACS_URL, else `<PUBLIC_URL>/auth/saml/acs`. */
    readonly acsUrl: string | null;
    /** SAML_GROUPS_ATTRIBUTE: the assertion attribute whose values map to roles. */
    readonly groupsAttribute: string;
  };
  readonly session: { readonly ttlSeconds: number; readonly publicUrl: string | null };
  readonly signing: { readonly privateKeyPath: string | null; readonly keyId: string | null };
  readonly connectors: {
    readonly timeoutMs: number;
    readonly enabled: readonly string[] | null;
    readonly allowLoopback: boolean;
    /** Resolvers for outbound name resolution (host or host:port); null = the system's. */
    readonly dnsServers: readonly string[] | null;
  };
  readonly retention: { readonly resultDays: number; readonly auditDays: number };
  readonly rateLimit: {
    readonly requestsPerMinute: number;
    readonly burst: number;
    readonly deepLookupsPerMinute: number;
  };
  readonly log: { readonly level: LogLevel; readonly format: 'json' | 'text' };
  readonly metrics: { readonly enabled: boolean; readonly port: number };
  readonly otelEndpoint: string | null;
  readonly organizationId: string | null;
  readonly redactCredentialPasswords: boolean;
  readonly shutdownGraceSeconds: number;
  /** `cairn serve` runs the background jobs too (false: leave them to `cairn worker`). */
  readonly jobsEnabled: boolean;
  /** The raw environment, for connector settings that each connector parses itself. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type AuthMode = 'oidc' | 'saml' | 'api_key' | 'both';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** Thrown when a variable is missing or malformed; the message is the one line printed at start. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const bool = boolText();
const int = intText;
const httpUrl = httpUrlText();
const list = listText();

/** One entry per variable: its parser and its default (undefined = optional, no default). */
const variables = {
  DATA_DIR: { parse: z.string().trim().min(1), default: './data' },
  HOST: { parse: z.string().trim().min(1), default: '127.0.0.1' },
  PORT: { parse: int(0, 65535), default: '8000' },
  TRUST_PROXY: { parse: bool, default: 'false' },
  DATABASE_URL: {
    parse: z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgresql:// URL'),
    default: undefined,
  },
  DATABASE_POOL_SIZE: { parse: int(1, 1000), default: '10' },
  DATABASE_MAX_OVERFLOW: { parse: int(0, 1000), default: '5' },
  AUTH_MODE: { parse: z.enum(['oidc', 'saml', 'api_key', 'both']), default: 'api_key' },
  API_KEY_HASH_SECRET: { parse: z.string().min(16, 'must be at least 16 characters'), default: undefined },
  BOOTSTRAP_API_KEY: { parse: z.string().min(16, 'must be at least 16 characters'), default: undefined },
  BOOTSTRAP_API_KEY_ROLES: { parse: list, default: 'admin' },
  ROLE_CONFIG_PATH: { parse: z.string().trim().min(1), default: undefined },
  OIDC_ISSUER_URL: { parse: httpUrl, default: undefined },
  OIDC_AUDIENCE: { parse: z.string().trim().min(1), default: undefined },
  OIDC_CLIENT_ID: { parse: z.string().trim().min(1), default: undefined },
  OIDC_CLIENT_SECRET: { parse: z.string().min(1), default: undefined },
  OIDC_REDIRECT_URL: { parse: httpUrl, default: undefined },
  OIDC_GROUPS_CLAIM: { parse: z.string().trim().min(1), default: 'groups' },
  OIDC_CLOCK_SKEW_SECONDS: { parse: int(0, 600), default: '30' },
  OIDC_JWKS_COOLDOWN_SECONDS: { parse: int(0, 3600), default: '30' },
  SAML_METADATA_URL: { parse: httpUrl, default: undefined },
  SAML_METADATA_XML_PATH: { parse: z.string().trim().min(1), default: undefined },
  SAML_ENTITY_ID: { parse: z.string().trim().min(1), default: undefined },
  SAML_ACS_URL: { parse: httpUrl, default: undefined },
  SAML_GROUPS_ATTRIBUTE: { parse: z.string().trim().min(1), default: 'groups' },
  SESSION_TTL_SECONDS: { parse: int(60, 86400), default: '3600' },
  PUBLIC_URL: { parse: httpUrl, default: undefined },
  SIGNING_PRIVATE_KEY_PATH: { parse: z.string().trim().min(1), default: undefined },
  SIGNING_KEY_ID: {
    parse: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -'),
    default: undefined,
  },
  CONNECTOR_TIMEOUT_SECONDS: { parse: int(1, 600), default: '10' },
  CONNECTOR_ENABLED: { parse: list, default: undefined },
  OUTBOUND_ALLOW_LOOPBACK: { parse: bool, default: 'false' },
  OUTBOUND_DNS_SERVERS: { parse: list, default: undefined },
  RESULT_RETENTION_DAYS: { parse: int(0, 36500), default: '365' },
  // SPEC §10: 0 is forbidden and one year is the enforced minimum.
  AUDIT_RETENTION_DAYS: { parse: int(365, 36500), default: '2555' },
  RATE_LIMIT_REQUESTS_PER_MINUTE: { parse: int(1, 1_000_000), default: '60' },
  RATE_LIMIT_BURST: { parse: int(0, 1_000_000), default: '10' },
  RATE_LIMIT_DEEP_LOOKUPS_PER_MINUTE: { parse: int(1, 1_000_000), default: '10' },
  LOG_LEVEL: { parse: z.enum(['debug', 'info', 'warning', 'error']), default: 'info' },
  LOG_FORMAT: { parse: z.enum(['json', 'text']), default: 'json' },
  METRICS_ENABLED: { parse: bool, default: 'true' },
  METRICS_PORT: { parse: int(0, 65535), default: '9090' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { parse: httpUrl, default: undefined },
  ORGANIZATION_ID: {
    parse: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of A-Z a-z 0-9 . _ : -'),
    default: undefined,
  },
  REDACT_CREDENTIAL_PASSWORDS: { parse: bool, default: 'true' },
  SHUTDOWN_GRACE_SECONDS: { parse: int(0, 3600), default: '30' },
  JOBS_ENABLED: { parse: bool, default: 'true' },
} as const;

type Variables = typeof variables;
type Parsed = { [K in keyof Variables]: z.output<Variables[K]['parse']> | undefined };

/** The names of every variable the engine itself reads (connectors declare theirs in manifests). */
export const ENGINE_VARIABLES: readonly string[] = Object.keys(variables);

/** Each engine variable's default as written in the environment (undefined: none); `.env.example` is generated from it. */
export const ENGINE_VARIABLE_DEFAULTS: Readonly<Record<string, string | undefined>> = Object.fromEntries(
  Object.entries(variables).map(([name, spec]) => [name, spec.default]),
);

function parseVariables(env: Readonly<Record<string, string | undefined>>): Parsed {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(variables)) {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? spec.default : raw;
    if (value === undefined) {
      out[name] = undefined;
      continue;
    }
    const result = (spec.parse as z.ZodType).safeParse(value);
    if (!result.success) {
      throw new ConfigError(name, result.error.issues[0]?.message ?? 'invalid value');
    }
    out[name] = result.data;
  }
  return out as Parsed;
}

function need<T>(value: T | undefined, name: string, why: string): T {
  if (value === undefined) throw new ConfigError(name, `is required ${why}`);
  return value;
}

/**
 * SSO needs its URLs: the OIDC code flow a redirect URL and a client secret, SAML an entity id
 * and an ACS URL (each explicit, or derived from PUBLIC_URL).
 */
function checkSsoVariables(v: Parsed, mode: AuthMode): void {
  const oidc = (mode === 'oidc' || mode === 'both') && v.OIDC_ISSUER_URL !== undefined;
  if (oidc && v.OIDC_CLIENT_ID !== undefined) {
    need(v.OIDC_CLIENT_SECRET, 'OIDC_CLIENT_SECRET', 'when OIDC_CLIENT_ID is set (confidential client, SPEC §4.2)');
    if (v.OIDC_REDIRECT_URL === undefined && v.PUBLIC_URL === undefined) {
      throw new ConfigError('OIDC_REDIRECT_URL', 'or PUBLIC_URL is required when OIDC_CLIENT_ID is set (the login callback URL)');
    }
  }
  const saml = (mode === 'saml' || mode === 'both') && (v.SAML_METADATA_URL !== undefined || v.SAML_METADATA_XML_PATH !== undefined);
  if (saml && v.PUBLIC_URL === undefined) {
    need(v.SAML_ENTITY_ID, 'SAML_ENTITY_ID', 'when SAML is configured and PUBLIC_URL is not set');
    need(v.SAML_ACS_URL, 'SAML_ACS_URL', 'when SAML is configured and PUBLIC_URL is not set');
  }
}

/** Reads and validates the environment; throws ConfigError on the first bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const v = parseVariables(env);
  const mode = v.AUTH_MODE ?? 'api_key';
  if (mode === 'oidc' || mode === 'both') {
    // With `both`, OIDC is optional: SSO may come from SAML instead.
    if (mode === 'oidc') need(v.OIDC_ISSUER_URL, 'OIDC_ISSUER_URL', 'when AUTH_MODE=oidc');
    if (v.OIDC_ISSUER_URL !== undefined) need(v.OIDC_AUDIENCE, 'OIDC_AUDIENCE', 'when OIDC_ISSUER_URL is set');
  }
  if (mode === 'saml') {
    if (v.SAML_METADATA_URL === undefined && v.SAML_METADATA_XML_PATH === undefined) {
      throw new ConfigError('SAML_METADATA_URL', 'or SAML_METADATA_XML_PATH is required when AUTH_MODE=saml');
    }
  }
  checkSsoVariables(v, mode);
  if (v.SIGNING_KEY_ID !== undefined && v.SIGNING_PRIVATE_KEY_PATH === undefined) {
    throw new ConfigError('SIGNING_PRIVATE_KEY_PATH', 'is required when SIGNING_KEY_ID is set');
  }
  const dataDir = path.resolve(v.DATA_DIR ?? './data');
  const publicUrl = v.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    dataDir,
    http: { host: v.HOST ?? '127.0.0.1', port: v.PORT ?? 8000, trustProxy: v.TRUST_PROXY ?? false },
    database: {
      url: v.DATABASE_URL ?? null,
      poolSize: v.DATABASE_POOL_SIZE ?? 10,
      maxOverflow: v.DATABASE_MAX_OVERFLOW ?? 5,
    },
    auth: {
      mode,
      apiKeyHashSecret: v.API_KEY_HASH_SECRET ?? null,
      bootstrapApiKey: v.BOOTSTRAP_API_KEY ?? null,
      bootstrapApiKeyRoles: v.BOOTSTRAP_API_KEY_ROLES ?? ['admin'],
      roleConfigPath: v.ROLE_CONFIG_PATH ?? null,
    },
    oidc: {
      issuerUrl: v.OIDC_ISSUER_URL ?? null,
      audience: v.OIDC_AUDIENCE ?? null,
      clientId: v.OIDC_CLIENT_ID ?? null,
      clientSecret: v.OIDC_CLIENT_SECRET ?? null,
      redirectUrl: v.OIDC_REDIRECT_URL ?? (publicUrl !== undefined ? `${publicUrl}/auth/oidc/callback` : null),
      groupsClaim: v.OIDC_GROUPS_CLAIM ?? 'groups',
      clockSkewSeconds: v.OIDC_CLOCK_SKEW_SECONDS ?? 30,
      jwksCooldownSeconds: v.OIDC_JWKS_COOLDOWN_SECONDS ?? 30,
    },
    saml: {
      metadataUrl: v.SAML_METADATA_URL ?? null,
      metadataXmlPath: v.SAML_METADATA_XML_PATH ?? null,
      entityId: v.SAML_ENTITY_ID ?? (publicUrl !== undefined ? `${publicUrl}/auth/saml/metadata` : null),
      acsUrl: v.SAML_ACS_URL ?? (publicUrl !== undefined ? `${publicUrl}/auth/saml/acs` : null),
      groupsAttribute: v.SAML_GROUPS_ATTRIBUTE ?? 'groups',
    },
    session: { ttlSeconds: v.SESSION_TTL_SECONDS ?? 3600, publicUrl: v.PUBLIC_URL ?? null },
    signing: { privateKeyPath: v.SIGNING_PRIVATE_KEY_PATH ?? null, keyId: v.SIGNING_KEY_ID ?? null },
    connectors: {
      timeoutMs: (v.CONNECTOR_TIMEOUT_SECONDS ?? 10) * 1000,
      enabled: v.CONNECTOR_ENABLED ?? null,
      allowLoopback: v.OUTBOUND_ALLOW_LOOPBACK ?? false,
      dnsServers: v.OUTBOUND_DNS_SERVERS ?? null,
    },
    retention: { resultDays: v.RESULT_RETENTION_DAYS ?? 365, auditDays: v.AUDIT_RETENTION_DAYS ?? 2555 },
    rateLimit: {
      requestsPerMinute: v.RATE_LIMIT_REQUESTS_PER_MINUTE ?? 60,
      burst: v.RATE_LIMIT_BURST ?? 10,
      deepLookupsPerMinute: v.RATE_LIMIT_DEEP_LOOKUPS_PER_MINUTE ?? 10,
    },
    log: { level: v.LOG_LEVEL ?? 'info', format: v.LOG_FORMAT ?? 'json' },
    metrics: { enabled: v.METRICS_ENABLED ?? true, port: v.METRICS_PORT ?? 9090 },
    otelEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    organizationId: v.ORGANIZATION_ID ?? null,
    redactCredentialPasswords: v.REDACT_CREDENTIAL_PASSWORDS ?? true,
    shutdownGraceSeconds: v.SHUTDOWN_GRACE_SECONDS ?? 30,
    jobsEnabled: v.JOBS_ENABLED ?? true,
    env: { ...env },
  };
}
