import { setMaxListeners } from 'node:events';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { AnalysisService } from '../analysis/analysis-service.ts';
import { ApiKeyAuthenticator, hashApiKey } from '../auth/api-keys.ts';
import { Authenticator, type BearerVerifier } from '../auth/authenticate.ts';
import { RoleConfigHolder } from '../auth/role-config.ts';
import { loadRoleConfigFile } from '../auth/role-config-file.ts';
import { createSso, type Sso } from '../auth/sso.ts';
import { type Config, ConfigError } from '../config/config.ts';
import { createConnectors } from '../connectors/connector-set.ts';
import { ConnectorHealthMonitor } from '../connectors/health-monitor.ts';
import { CONNECTOR_DEFINITIONS } from '../connectors/registry.ts';
import type { AnyConnectorDefinition, Connector, ConnectorServices } from '../connectors/sdk.ts';
import { ulid } from '../ids/ulid.ts';
import { LookupService } from '../lookup/lookup-service.ts';
import { EngineMetrics } from '../observability/metrics.ts';
import { flushTracing, startTracing } from '../observability/tracing.ts';
import { GuardedResolver } from '../net/guarded-lookup.ts';
import { GuardedHttpClient } from '../net/http-client.ts';
import { GuardedTcpClient } from '../net/tcp-client.ts';
import { RateLimiter } from '../ratelimit/rate-limiter.ts';
import { createReportSigner, type ReportSigner } from '../reports/report-signer.ts';
import { loadSigningKey } from '../reports/signing-key.ts';
import { ensureApiKey } from '../store/api-keys-repository.ts';
import { issueFirstRunKey } from './first-run-key.ts';
import { type DatabaseTarget, type OpenDatabase, openDatabase } from '../store/database.ts';
import { createDatasetReader } from '../store/datasets-repository.ts';
import { RevocationChannel } from '../store/revocation-channel.ts';
import { getOrCreateSetting } from '../store/settings-repository.ts';
import { registerSigningKey, retireOtherSigningKeys } from '../store/signing-keys-repository.ts';
import { createLogger } from './logger.ts';
import { readOrCreateSecret } from './secrets.ts';

/** Everything one engine process runs on, built once at start from the Config. */
export interface Engine {
  readonly config: Config;
  readonly version: string;
  readonly logger: Logger;
  readonly database: OpenDatabase;
  readonly organizationId: string;
  readonly apiKeyHashSecret: string;
  readonly roles: RoleConfigHolder;
  readonly apiKeys: ApiKeyAuthenticator;
  readonly authenticator: Authenticator;
  /** OIDC, SAML and engine sessions (identity, issue #3). */
  readonly sso: Sso;
  /** Revocations of API keys and sessions, seen by every engine on the database. */
  readonly revocations: RevocationChannel;
  readonly rateLimiter: RateLimiter;
  readonly signer: ReportSigner;
  readonly connectors: readonly Connector[];
  readonly connectorServices: ConnectorServices;
  readonly connectorHealth: ConnectorHealthMonitor;
  readonly lookups: LookupService;
  readonly metrics: EngineMetrics;
  readonly analyses: AnalysisService;
  readonly state: EngineState;
  close(): Promise<void>;
}

/** Lifecycle flags read by /health and by long-running requests. */
export interface EngineState {
  /** Set on SIGTERM: /health turns 503 so the load balancer stops sending traffic. */
  draining: boolean;
  /** Aborted when in-flight work must stop (drain deadline passed). */
  readonly abortSignal: AbortSignal;
  abort(): void;
}

export interface EngineOverrides {
  /** Where the data lives; by default from DATABASE_URL, else PGlite under DATA_DIR. */
  readonly database?: DatabaseTarget;
  readonly logger?: Logger;
  /** Connector definitions instead of the shipped registry (tests of the pipeline). */
  readonly connectorDefinitions?: readonly AnyConnectorDefinition[];
  /** A signer instead of the key file (fault injection in tests). */
  readonly signer?: ReportSigner;
  /** false: never write a first-run admin key (tests, CLI commands). */
  readonly firstRunKey?: boolean;
  /** Bearer verification instead of the SSO module's (OIDC + engine sessions, built from config). */
  readonly bearer?: (engine: Omit<Engine, 'authenticator'>) => Promise<BearerVerifier | null>;
}

export const ENGINE_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export function databaseTargetOf(config: Config): DatabaseTarget {
  return config.database.url !== null
    ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize, maxOverflow: config.database.maxOverflow }
    : { kind: 'pglite', dataDir: config.dataDir };
}

/**
 * Builds an engine: secrets, signing key, database (migrated), organization id, bootstrap key,
 * connectors and services. Fails fast with a ConfigError naming the variable at fault.
 */
export async function createEngine(config: Config, overrides: EngineOverrides = {}): Promise<Engine> {
  const logger = overrides.logger ?? createLogger(config.log);
  // OTEL_EXPORTER_OTLP_ENDPOINT set: load the SDK and export spans; unset: nothing is loaded.
  await startTracing(config, ENGINE_VERSION, logger);
  const apiKeyHashSecret = await resolveApiKeyHashSecret(config, logger);
  const signer = overrides.signer ?? (await resolveSigner(config, logger));
  const database = await openDatabase(overrides.database ?? databaseTargetOf(config));
  try {
    const db = database.db;
    const organizationId = config.organizationId ?? (await getOrCreateSetting(db, 'organization_id', () => `org_${ulid().toLowerCase()}`));
    const registered = await registerSigningKey(db, { keyId: signer.keyId, algorithm: 'RSASSA-PSS-SHA256', publicKeyPem: signer.publicKeyPem });
    if (registered.publicKeyPem.trim() !== signer.publicKeyPem.trim()) {
      throw new ConfigError('SIGNING_KEY_ID', `${signer.keyId} is already registered with a different public key; give a new key a new id`);
    }
    await retireOtherSigningKeys(db, signer.keyId);
    // A bad roles file refuses the start: "ROLE_CONFIG_PATH: line N: reason".
    const roles = new RoleConfigHolder(config.auth.roleConfigPath !== null ? await loadRoleConfigFile(config.auth.roleConfigPath) : undefined);
    if (config.auth.bootstrapApiKey !== null) {
      const keyHash = hashApiKey(apiKeyHashSecret, config.auth.bootstrapApiKey);
      await ensureApiKey(db, { id: `key_bootstrap_${keyHash.slice(0, 12)}`, name: 'bootstrap', keyHash, roles: config.auth.bootstrapApiKeyRoles });
    } else if (overrides.firstRunKey !== false && config.auth.mode !== 'oidc' && config.auth.mode !== 'saml') {
      await issueFirstRunKey(db, apiKeyHashSecret, config.dataDir, logger);
    }
    const resolver = new GuardedResolver({ allowLoopback: config.connectors.allowLoopback, ...(config.connectors.dnsServers ? { servers: config.connectors.dnsServers } : {}) });
    const http = new GuardedHttpClient(resolver);
    const connectorLogger = logger.child({ component: 'connectors' });
    const connectorServices: ConnectorServices = {
      http,
      tcp: new GuardedTcpClient(resolver),
      datasets: createDatasetReader(db),
      logger: connectorLogger,
      allowLoopback: config.connectors.allowLoopback,
      now: () => new Date(),
    };
    const connectors = createConnectors(overrides.connectorDefinitions ?? CONNECTOR_DEFINITIONS, config, connectorServices);
    const apiKeys = new ApiKeyAuthenticator({ db, secret: apiKeyHashSecret, roles });
    const sso = await createSso(config, { db, secret: apiKeyHashSecret, organizationId, roles, logger });
    const revocations = new RevocationChannel(database, (err) => logger.warn({ err: err.message }, 'revocation listener connection lost; reconnecting'));
    revocations.subscribe((revoked) => {
      if (revoked.kind !== 'all') logger.info({ kind: revoked.kind, id: revoked.id }, 'credential revoked: dropped from the cache');
      if (revoked.kind !== 'session') apiKeys.invalidate();
      if (revoked.kind !== 'api_key') sso.sessions.invalidate(revoked.kind === 'session' ? revoked.id : null);
    });
    await revocations.start();
    const metrics = new EngineMetrics(database.pool);
    const rateLimiter = new RateLimiter(db, config.rateLimit, { onReject: (limit) => metrics.rateLimitRejected(limit) });
    const abort = new AbortController();
    // Every in-flight connector run listens on it: many listeners are expected, not a leak.
    setMaxListeners(0, abort.signal);
    const state: EngineState = { draining: false, abortSignal: abort.signal, abort: () => abort.abort(new Error('engine shutting down')) };
    const lookups = new LookupService({
      db,
      connectors,
      signer,
      organizationId,
      connectorTimeoutMs: config.connectors.timeoutMs,
      resultRetentionDays: config.retention.resultDays,
      redactCredentialPasswords: config.redactCredentialPasswords,
      logger: connectorLogger,
      observer: { connectorRun: (run) => metrics.connectorRun(run), lookupCompleted: (status, depth) => metrics.lookupCompleted(status, depth) },
    });
    const analyses = new AnalysisService({
      db,
      organizationId,
      resultRetentionDays: config.retention.resultDays,
      logger: logger.child({ component: 'analysis' }),
    });
    const base = {
      config,
      version: ENGINE_VERSION,
      logger,
      database,
      organizationId,
      apiKeyHashSecret,
      roles,
      apiKeys,
      sso,
      revocations,
      rateLimiter,
      signer,
      connectors,
      connectorServices,
      connectorHealth: new ConnectorHealthMonitor(db, connectorLogger),
      lookups,
      metrics,
      analyses,
      state,
      close: async () => {
        state.abort();
        await revocations.close();
        await http.close();
        await database.close();
        // Spans of the last requests leave now; the SDK itself stops in shutdownTracing (process exit).
        await flushTracing();
      },
    };
    const bearer = overrides.bearer ? await overrides.bearer(base) : sso.bearer;
    return { ...base, authenticator: new Authenticator({ mode: config.auth.mode, apiKeys, bearer }) };
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function resolveApiKeyHashSecret(config: Config, logger: Logger): Promise<string> {
  if (config.auth.apiKeyHashSecret !== null) return config.auth.apiKeyHashSecret;
  const { value, generated } = await readOrCreateSecret(config.dataDir, 'api-key-hash-secret');
  logger.warn(
    { data_dir: config.dataDir, generated },
    'API_KEY_HASH_SECRET is not set: using a secret generated into DATA_DIR. For evaluation only: set API_KEY_HASH_SECRET in production (replicas must share it).',
  );
  return value;
}

async function resolveSigner(config: Config, logger: Logger): Promise<ReportSigner> {
  const key = await loadSigningKey({ path: config.signing.privateKeyPath, keyId: config.signing.keyId, dataDir: config.dataDir });
  if (config.signing.privateKeyPath === null) {
    logger.warn(
      { data_dir: config.dataDir, key_id: key.keyId, generated: key.generated },
      'SIGNING_PRIVATE_KEY_PATH is not set: signing reports with an RSA-4096 key generated into DATA_DIR. For evaluation only: provide your own key in production.',
    );
  }
  return createReportSigner(key);
}
