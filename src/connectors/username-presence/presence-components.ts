/**
 * The parts a sweep runs on, built once from the settings: the catalogue source, the local
 * self-check state, the connection pools and the checker options. The connector and
 * `cairn sites selfcheck` build them the same way, so the self-check tests exactly what a
 * lookup would do.
 */
import type { ConnectorLogger, HttpClient } from '../sdk.ts';
import { CatalogueSource } from './catalogue-source.ts';
import { LocalSiteState } from './local-site-state.ts';
import { AgentPool } from './proxy-routes.ts';
import { dataDirOf, type UsernamePresenceSettings } from './settings.ts';
import type { CheckerOptions } from './site-checker.ts';
import type { SelectionOptions } from './site-selection.ts';

export interface PresenceComponents {
  readonly source: CatalogueSource;
  readonly state: LocalSiteState;
  readonly agents: AgentPool;
  readonly checker: CheckerOptions;
  readonly limits: { readonly concurrency: number; readonly perHostLimit: number };
  /** Selection settings minus depth and the local disable list, which vary per call. */
  readonly selection: Omit<SelectionOptions, 'depth' | 'locallyDisabled'>;
}

export interface ComponentServices {
  readonly http: HttpClient;
  readonly logger: ConnectorLogger;
  readonly now: () => Date;
}

/**
 * @example
 * const parts = createPresenceComponents(usernamePresenceSettings.parse(process.env), { http, logger, now: () => new Date() });
 */
export function createPresenceComponents(settings: UsernamePresenceSettings, services: ComponentServices): PresenceComponents {
  const dataDir = dataDirOf(settings);
  const agents = new AgentPool({
    http: services.http,
    perHostLimit: settings.CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT,
    keepAliveMs: settings.CONNECTOR_USERNAME_PRESENCE_KEEPALIVE_MS,
    defaultProxy: settings.CONNECTOR_USERNAME_PRESENCE_PROXY_URL ?? null,
    routes: settings.CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG,
  });
  return {
    source: new CatalogueSource({
      path: settings.USERNAME_SITES_PATH ?? null,
      url: settings.USERNAME_SITES_URL ?? null,
      sha256: settings.USERNAME_SITES_SHA256 ?? null,
      refreshMs: settings.USERNAME_SITES_REFRESH_HOURS * 3_600_000,
      maxBytes: settings.USERNAME_SITES_MAX_BYTES,
      downloadTimeoutMs: 30_000,
      dataDir,
      http: services.http,
      logger: services.logger,
      now: services.now,
    }),
    state: new LocalSiteState(dataDir),
    agents,
    checker: {
      http: services.http,
      agentFor: (rule, hostShared) => agents.agentFor(rule, hostShared),
      requestTimeoutMs: settings.CONNECTOR_USERNAME_PRESENCE_REQUEST_TIMEOUT_MS,
      maxBodyBytes: settings.CONNECTOR_USERNAME_PRESENCE_MAX_BODY_BYTES,
      userAgent: settings.CONNECTOR_USERNAME_PRESENCE_USER_AGENT,
      controls: settings.CONNECTOR_USERNAME_PRESENCE_CONTROL_PROBES,
    },
    limits: { concurrency: settings.CONNECTOR_USERNAME_PRESENCE_CONCURRENCY, perHostLimit: settings.CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT },
    selection: {
      standardTop: settings.CONNECTOR_USERNAME_PRESENCE_STANDARD_TOP,
      top: settings.CONNECTOR_USERNAME_PRESENCE_TOP ?? null,
      includeTags: settings.CONNECTOR_USERNAME_PRESENCE_TAGS,
      excludeTags: settings.CONNECTOR_USERNAME_PRESENCE_EXCLUDE_TAGS,
    },
  };
}
