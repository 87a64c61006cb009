/**
 * The one-line explanation of every variable Cairn reads: the one table `.env.example` is
 * generated from (scripts/generate-env-example.ts). Names, defaults and owners come from the
 * code (config.ts, each connector's `settings`, the sanctions and tracing schemas); only the
 * words live here, because the zod schemas carry none. The generator refuses a variable without
 * a line here and a line for a variable nothing reads.
 *
 * `area` places an engine variable (or a shared one) under its heading; a connector's own
 * variables go under the connector's name. `secret` is the placeholder shown instead of a value;
 * `example` a value shown for a variable without a default; `shownDefault` the written form of a
 * default that is not a plain string, number or list (checked: it must parse to the default).
 */
export interface EnvNote {
  readonly text: string;
  readonly area?: string;
  readonly secret?: string;
  readonly example?: string;
  readonly shownDefault?: string;
}

const SERVER = 'Engine: data folder and HTTP server';
const DATABASE = 'Database';
const AUTH = 'Authentication: API keys and roles';
const OIDC = 'Identity: OpenID Connect (SSO)';
const SAML = 'Identity: SAML 2.0 (SSO)';
const SESSIONS = 'Identity: engine sessions';
const SIGNING = 'Report signing and audit identity';
const CONNECTORS = 'Connectors: common settings and outbound network';
const RETENTION = 'Retention';
const RATE = 'Rate limits (per principal)';
const OBSERVABILITY = 'Logs and metrics';
const TRACING = 'Tracing (OpenTelemetry, optional)';
const SANCTIONS = 'Sanctions lists and their sync job (sanctions_ofac, sanctions_un, sanctions_eu, sanctions_uk)';

export const ENV_NOTES: Readonly<Record<string, EnvNote>> = {
  POSTGRES_PASSWORD: { text: 'Password of the cairn PostgreSQL user; compose builds DATABASE_URL from it (use URL-safe characters: openssl rand -hex 24).', secret: '<database password>' },
  CAIRN_PORT: { text: 'Loopback port the engine is published on; empty gives each replica an ephemeral port (for --scale engine=N).' },
  CAIRN_DOMAIN: { text: 'Name clients use to reach Caddy (profile proxy).' },
  CAIRN_TLS: { text: 'Caddy TLS: internal, an ACME e-mail address, or "/etc/caddy/certs/cert.pem /etc/caddy/certs/key.pem" from ./certs.' },
  CAIRN_SIGNING_KEY_FILE: { text: 'Host file holding the report signing key (PEM RSA-4096), mounted as the Docker secret signing_key.' },

  DATA_DIR: { area: SERVER, text: 'Folder for the embedded database (PGlite), generated secrets, the first-run key and caches.' },
  HOST: { area: SERVER, text: 'Address the HTTP API listens on; 0.0.0.0 inside a container.' },
  PORT: { area: SERVER, text: 'Port of the HTTP API.' },
  TRUST_PROXY: { area: SERVER, text: 'true behind a reverse proxy or load balancer: source_ip is read from X-Forwarded-For.' },
  SHUTDOWN_GRACE_SECONDS: { area: SERVER, text: 'After SIGTERM, how long in-flight lookups may finish before their connectors are aborted.' },
  JOBS_ENABLED: { area: SERVER, text: 'cairn serve also runs the background jobs (retention purge, connector health, sanctions sync); false leaves them to cairn worker processes.' },
  DATABASE_URL: { area: DATABASE, text: 'PostgreSQL connection URL; unset, the engine uses embedded PGlite under DATA_DIR (one process only).', secret: 'postgresql://cairn:<password>@postgres:5432/cairn' },
  DATABASE_POOL_SIZE: { area: DATABASE, text: 'PostgreSQL connections kept per process.' },
  DATABASE_MAX_OVERFLOW: { area: DATABASE, text: 'Extra PostgreSQL connections a process may open under load.' },
  AUTH_MODE: { area: AUTH, text: 'Accepted credentials: api_key, oidc, saml or both (API keys plus SSO).' },
  API_KEY_HASH_SECRET: { area: AUTH, text: 'HMAC secret of stored API keys and root of session keys; every replica must share it (generated into DATA_DIR if unset: evaluation only).', secret: '<random string, at least 32 characters>' },
  BOOTSTRAP_API_KEY: { area: AUTH, text: 'An API key registered at start (first install); at least 16 characters.', secret: '<an API key you generated>' },
  BOOTSTRAP_API_KEY_ROLES: { area: AUTH, text: 'Comma-separated roles of BOOTSTRAP_API_KEY.' },
  ROLE_CONFIG_PATH: { area: AUTH, text: 'YAML roles file (custom roles, SSO group mapping); reloaded on SIGHUP. Unset: built-in roles.', example: '/etc/cairn/roles.yaml' },
  OIDC_ISSUER_URL: { area: OIDC, text: "The IdP's issuer or discovery URL; required when AUTH_MODE=oidc.", example: 'https://idp.example.com/realms/cairn' },
  OIDC_AUDIENCE: { area: OIDC, text: 'The aud claim API bearer tokens must carry; required with OIDC_ISSUER_URL.', example: 'cairn' },
  OIDC_CLIENT_ID: { area: OIDC, text: "Enables the console's authorization-code login (with OIDC_CLIENT_SECRET).", example: 'cairn-console' },
  OIDC_CLIENT_SECRET: { area: OIDC, text: 'Confidential-client secret of OIDC_CLIENT_ID.', secret: '<client secret from the IdP>' },
  OIDC_REDIRECT_URL: { area: OIDC, text: 'Redirect URI registered at the IdP; unset: <PUBLIC_URL>/auth/oidc/callback.', example: 'https://cairn.example.org/auth/oidc/callback' },
  OIDC_GROUPS_CLAIM: { area: OIDC, text: "Claim holding the user's groups (a dotted path reaches nested claims)." },
  OIDC_CLOCK_SKEW_SECONDS: { area: OIDC, text: 'Tolerance on exp/nbf of tokens and on SAML validity times.' },
  OIDC_JWKS_COOLDOWN_SECONDS: { area: OIDC, text: 'Least time between two JWKS refetches caused by unknown key ids.' },
  SAML_METADATA_URL: { area: SAML, text: 'IdP metadata URL (refreshed hourly, last good copy kept).', example: 'https://idp.example.com/saml/metadata' },
  SAML_METADATA_XML_PATH: { area: SAML, text: 'IdP metadata file, read at start; wins over SAML_METADATA_URL.', example: '/etc/cairn/idp-metadata.xml' },
  SAML_ENTITY_ID: { area: SAML, text: "This service provider's entity id; unset: <PUBLIC_URL>/auth/saml/metadata.", example: 'https://cairn.example.org/auth/saml/metadata' },
  SAML_ACS_URL: { area: SAML, text: 'Assertion consumer service URL; unset: <PUBLIC_URL>/auth/saml/acs.', example: 'https://cairn.example.org/auth/saml/acs' },
  SAML_GROUPS_ATTRIBUTE: { area: SAML, text: 'Assertion attribute whose values map to roles.' },
  SESSION_TTL_SECONDS: { area: SESSIONS, text: 'Lifetime of an engine session (console cookie and its bearer token), 60-86400.' },
  PUBLIC_URL: { area: SESSIONS, text: 'The URL browsers use; gives the SSO callback defaults, https makes cookies Secure. Set it in production.', example: 'https://cairn.example.org' },
  SIGNING_PRIVATE_KEY_PATH: { area: SIGNING, text: 'PEM RSA private key (4096 bits or more) that signs reports; keep it a mounted secret (unset: generated into DATA_DIR, evaluation only).', example: '/run/secrets/cairn_signing_key' },
  SIGNING_KEY_ID: { area: SIGNING, text: 'Key id written into every report; unset: sk_ + SHA-256 of the public key.', example: 'sk_2026_01' },
  ORGANIZATION_ID: { area: SIGNING, text: 'organization_id of audit records; unset: generated once per database.', example: 'org_acme' },
  REDACT_CREDENTIAL_PASSWORDS: { area: SIGNING, text: 'Never put plaintext passwords from breach sources into a report.' },
  CONNECTOR_TIMEOUT_SECONDS: { area: CONNECTORS, text: 'Timeout of one connector call within a lookup.' },
  CONNECTOR_ENABLED: { area: CONNECTORS, text: 'Comma-separated connector ids to run; unset: all (BYOK ones once their key is set). An unknown id stops the start.', example: 'phone_metadata,osint_domain,email_intel' },
  OUTBOUND_ALLOW_LOOPBACK: { area: CONNECTORS, text: 'Let connectors reach 127.0.0.0/8 and ::1 (tests and labs only).' },
  OUTBOUND_DNS_SERVERS: { area: CONNECTORS, text: 'Resolvers (ip or ip:port, comma-separated) for outbound names and DNS connectors; unset: the system resolvers.', example: '1.1.1.1,9.9.9.9' },
  RESULT_RETENTION_DAYS: { area: RETENTION, text: 'Days a lookup result stays retrievable; 0 keeps nothing past the response.' },
  AUDIT_RETENTION_DAYS: { area: RETENTION, text: 'Days audit records are kept; at least 365.' },
  RATE_LIMIT_REQUESTS_PER_MINUTE: { area: RATE, text: 'Requests per minute per principal.' },
  RATE_LIMIT_BURST: { area: RATE, text: 'Requests a principal may send above the rate in a burst.' },
  RATE_LIMIT_DEEP_LOOKUPS_PER_MINUTE: { area: RATE, text: 'Lookups at depth deep per minute per principal.' },
  LOG_LEVEL: { area: OBSERVABILITY, text: 'debug, info, warning or error.' },
  LOG_FORMAT: { area: OBSERVABILITY, text: 'json (one object per line) or text.' },
  METRICS_ENABLED: { area: OBSERVABILITY, text: 'Serve Prometheus metrics on METRICS_PORT.' },
  METRICS_PORT: { area: OBSERVABILITY, text: 'Port of the Prometheus /metrics endpoint (same HOST as the API).' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { area: TRACING, text: 'OTLP/HTTP collector base URL; set, spans go to <url>/v1/traces as JSON. Unset: tracing is off and its SDK never loads.', example: 'http://otel-collector:4318' },
  OTEL_SERVICE_NAME: { area: TRACING, text: 'service.name of the exported spans.' },
  OTEL_EXPORTER_OTLP_HEADERS: { area: TRACING, text: 'Headers sent to the collector, name=value pairs, comma-separated, values percent-encoded.', secret: 'authorization=Bearer%20<collector token>' },

  CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: { text: 'Resolvers for DNS records (ip, ip:port, [v6]:port); empty: OUTBOUND_DNS_SERVERS, else the system resolvers.' },
  CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS: { text: 'Budget for all DNS questions about one domain.' },
  CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL: { text: "IANA's RDAP bootstrap file for domains (or a mirror)." },
  CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_TTL_SECONDS: { text: 'How long the bootstrap file and WHOIS referrals are kept in memory.' },
  CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: { text: 'Timeout of the bootstrap fetch and of one RDAP query.' },
  CONNECTOR_OSINT_DOMAIN_WHOIS_HOST: { text: "WHOIS server that names each TLD's WHOIS server." },
  CONNECTOR_OSINT_DOMAIN_WHOIS_PORT: { text: 'Port of every WHOIS server asked (change only for labs and tests).' },
  CONNECTOR_OSINT_DOMAIN_WHOIS_TIMEOUT_MS: { text: 'Timeout of one WHOIS query.' },
  CONNECTOR_OSINT_IP_GEOIP_IPV4_PATH: { text: 'MaxMind-format city database for IPv4; the default is the bundled DB-IP Lite file (relative to the install directory).' },
  CONNECTOR_OSINT_IP_GEOIP_IPV6_PATH: { text: 'MaxMind-format city database for IPv6; the default is the bundled DB-IP Lite file.' },
  CONNECTOR_OSINT_IP_ASN_IPV4_PATH: { text: 'ASN table for IPv4, CSV start,end,asn,organisation; the default is the bundled file.' },
  CONNECTOR_OSINT_IP_ASN_IPV6_PATH: { text: 'ASN table for IPv6, CSV start,end,asn,organisation; the default is the bundled file.' },
  CONNECTOR_OSINT_IP_DNS_SERVERS: { text: 'Resolvers for PTR queries; empty: OUTBOUND_DNS_SERVERS, else the system resolvers.' },
  CONNECTOR_OSINT_IP_DNS_TIMEOUT_MS: { text: 'Budget for the reverse DNS questions about one address.' },
  CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV4_URL: { text: "IANA's RDAP bootstrap file for IPv4." },
  CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV6_URL: { text: "IANA's RDAP bootstrap file for IPv6." },
  CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_TTL_SECONDS: { text: 'How long the bootstrap files are kept in memory.' },
  CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS: { text: 'Timeout of the bootstrap fetch and of one RDAP query.' },
  CONNECTOR_TLS_CERTIFICATE_PORT: { text: 'Port for domains and for URLs without a port.' },
  CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS: { text: 'Connect and handshake timeout.' },
  CONNECTOR_TLS_CERTIFICATE_MAX_SAN_DOMAINS: { text: 'At most this many related domains per certificate.' },
  CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET: { text: 'host:port the health probe reads a certificate from.', shownDefault: 'example.com:443' },
  CONNECTOR_EMAIL_INTEL_DNS_SERVERS: { text: 'Resolvers for MX/SPF/DMARC questions (ip or ip:port, comma-separated); empty: the system resolvers.' },
  CONNECTOR_EMAIL_INTEL_DNS_TIMEOUT_MS: { text: 'Per-query DNS timeout (one try per server).' },
  CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL: { text: 'Gravatar JSON profile base URL.' },
  CONNECTOR_EMAIL_INTEL_GRAVATAR_ENABLED: { text: 'false skips Gravatar entirely.' },
  CONNECTOR_EMAIL_INTEL_HTTP_TIMEOUT_MS: { text: 'Gravatar request budget (never past the connector deadline).' },
  CONNECTOR_EMAIL_INTEL_HEALTH_DOMAIN: { text: 'Domain whose MX the health probe asks for.' },
  CONNECTOR_WEB_PAGE_MAX_BYTES: { text: 'Body cap; the rest of a longer page is not read.' },
  CONNECTOR_WEB_PAGE_TIMEOUT_MS: { text: 'Whole-request budget (never past the connector deadline).' },
  CONNECTOR_WEB_PAGE_MAX_REDIRECTS: { text: 'Redirects followed, each checked by the SSRF guard.' },
  CONNECTOR_WEB_PAGE_USER_AGENT: { text: "User-Agent sent to pages; empty: the engine's default." },
  CONNECTOR_WEB_PAGE_HEALTH_URL: { text: 'Page the health probe fetches.' },
  CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL: { text: 'GitHub REST API base URL.' },
  CONNECTOR_SOCIAL_URL_GITHUB_TOKEN: { text: 'Optional GitHub token (raises the rate limit; sent as Bearer, never logged).', secret: '<GitHub token>' },
  CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL: { text: 'Bluesky AppView base URL.' },
  CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS: { text: 'Per-platform base URL overrides, id=url pairs, comma-separated (mirrors, tests).' },
  CONNECTOR_SOCIAL_URL_TIMEOUT_MS: { text: 'Per-request budget (never past the connector deadline).' },
  CONNECTOR_SOCIAL_URL_MAX_BYTES: { text: 'Body cap for pages and API answers.' },
  CONNECTOR_SOCIAL_URL_NODEINFO_CHECK: { text: 'false trusts any /@user host as Mastodon without asking NodeInfo.' },
  CONNECTOR_SOCIAL_URL_USER_AGENT: { text: "User-Agent for profile pages and APIs; empty: the engine's default." },
  USERNAME_SITES_PATH: { text: 'Site catalogue file (Maigret or Sherlock JSON), re-read when it changes; with neither PATH nor URL, the small bundled catalogue.', example: '/etc/cairn/sites.json' },
  USERNAME_SITES_URL: { text: 'Site catalogue URL, downloaded through the SSRF guard and cached in DATA_DIR; not with USERNAME_SITES_PATH.', example: 'https://mirror.example.org/maigret/data.json' },
  USERNAME_SITES_SHA256: { text: 'Pin: the catalogue text must have this SHA-256 (hex).' },
  USERNAME_SITES_REFRESH_HOURS: { text: 'How often a downloaded catalogue is refreshed.' },
  USERNAME_SITES_MAX_BYTES: { text: 'Size cap of a catalogue download.' },
  CONNECTOR_USERNAME_PRESENCE_CONCURRENCY: { text: 'Requests in flight at once over all sites.' },
  CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT: { text: 'Requests (and connections) in flight per host.' },
  CONNECTOR_USERNAME_PRESENCE_REQUEST_TIMEOUT_MS: { text: 'Budget of one site request (connect, headers, body).' },
  CONNECTOR_USERNAME_PRESENCE_MAX_BODY_BYTES: { text: 'Bodies are cut (not failed) at this size.' },
  CONNECTOR_USERNAME_PRESENCE_KEEPALIVE_MS: { text: 'Idle time before a kept-alive connection closes.' },
  CONNECTOR_USERNAME_PRESENCE_STANDARD_TOP: { text: 'Sites checked at depth standard.' },
  CONNECTOR_USERNAME_PRESENCE_TOP: { text: 'A cap on sites checked at every depth; unset: no cap at depth deep.', example: '2000' },
  CONNECTOR_USERNAME_PRESENCE_TAGS: { text: 'Only sites with one of these tags (comma-separated); empty: every site.' },
  CONNECTOR_USERNAME_PRESENCE_EXCLUDE_TAGS: { text: 'Never sites with these tags (comma-separated), e.g. porn,dating.' },
  CONNECTOR_USERNAME_PRESENCE_PROXY_URL: { text: 'Proxy for every site probe (http://, https:// or socks5://).', example: 'socks5://127.0.0.1:9050' },
  CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG: { text: 'tag=proxy-url pairs, comma-separated: a proxy per catalogue tag or protection label.' },
  CONNECTOR_USERNAME_PRESENCE_USER_AGENT: { text: 'User-Agent of every probe (site definitions were recorded with a browser).' },
  CONNECTOR_USERNAME_PRESENCE_CONTROL_PROBES: { text: 'Check weak hits against a control username that should not exist.' },

  SANCTIONS_OFAC_URL: { area: SANCTIONS, text: 'OFAC SDN list download.' },
  SANCTIONS_OFAC_PATH: { area: SANCTIONS, text: 'Read the OFAC SDN XML from this file instead (air-gapped installs).', example: '/srv/lists/SDN.XML' },
  SANCTIONS_OFAC_CONSOLIDATED_URL: { area: SANCTIONS, text: 'OFAC consolidated (non-SDN) list download.' },
  SANCTIONS_OFAC_CONSOLIDATED_PATH: { area: SANCTIONS, text: 'Read the OFAC consolidated XML from this file instead.', example: '/srv/lists/CONSOLIDATED.XML' },
  SANCTIONS_UN_URL: { area: SANCTIONS, text: 'UN Security Council consolidated list download.' },
  SANCTIONS_UN_PATH: { area: SANCTIONS, text: 'Read the UN list from this file instead.', example: '/srv/lists/consolidated.xml' },
  SANCTIONS_EU_URL: { area: SANCTIONS, text: 'EU financial sanctions (FSF) full XML download.' },
  SANCTIONS_EU_PATH: { area: SANCTIONS, text: 'Read the EU list from this file instead.', example: '/srv/lists/eu-fsf.xml' },
  SANCTIONS_UK_URL: { area: SANCTIONS, text: 'UK OFSI consolidated list (CSV) download.' },
  SANCTIONS_UK_PATH: { area: SANCTIONS, text: 'Read the UK list from this file instead.', example: '/srv/lists/ConList.csv' },
  SANCTIONS_MATCH_THRESHOLD: { area: SANCTIONS, text: 'Entries scoring at least this (0-1) are reported.' },
  SANCTIONS_SYNC_LISTS: { area: SANCTIONS, text: 'Publishers the background sync fetches (comma-separated: ofac, un, eu, uk).' },
  SANCTIONS_SYNC_CRON: { area: SANCTIONS, text: 'When the background sync runs (five-field cron, UTC).' },
  SANCTIONS_SYNC_ON_START: { area: SANCTIONS, text: 'Sync at start when a configured list was never stored.' },
  SANCTIONS_DOWNLOAD_TIMEOUT_SECONDS: { area: SANCTIONS, text: 'Timeout of one list download.' },
  SANCTIONS_MAX_BYTES: { area: SANCTIONS, text: 'Largest list file accepted, in bytes.' },
  SANCTIONS_MIN_RETAINED_PERCENT: { area: SANCTIONS, text: 'A new version smaller than this share of the stored one is refused (cairn sanctions sync --force overrides).' },
  SANCTIONS_STALE_AFTER_DAYS: { area: SANCTIONS, text: "A list not confirmed current for this many days makes its connector's health degraded." },

  CONNECTOR_GLEIF_BASE_URL: { text: 'GLEIF API base URL.' },
  CONNECTOR_GLEIF_MAX_RESULTS: { text: 'LEI records kept per identifier.' },
  CONNECTOR_OPENCORPORATES_API_KEY: { text: 'Your OpenCorporates API token; setting it enables the connector.', secret: '<OpenCorporates API token>' },
  CONNECTOR_OPENCORPORATES_BASE_URL: { text: 'OpenCorporates API base URL.' },
  CONNECTOR_OPENCORPORATES_MAX_RESULTS: { text: 'Companies kept per identifier.' },
  CONNECTOR_HIBP_API_KEY: { text: 'Your Have I Been Pwned API key; setting it enables the connector.', secret: '<HIBP API key>' },
  CONNECTOR_HIBP_BASE_URL: { text: 'HIBP API base URL.' },
  CONNECTOR_HIBP_USER_AGENT: { text: 'User-Agent naming the application (HIBP requires one).' },
  CONNECTOR_PDL_API_KEY: { text: 'Your People Data Labs API key; setting it enables the connector.', secret: '<People Data Labs API key>' },
  CONNECTOR_PDL_BASE_URL: { text: 'People Data Labs API base URL.' },
  CONNECTOR_PDL_MIN_LIKELIHOOD: { text: 'Lowest PDL match likelihood (1-10) accepted.' },
  CONNECTOR_HUNTER_API_KEY: { text: 'Your Hunter.io API key; setting it enables the connector.', secret: '<Hunter.io API key>' },
  CONNECTOR_HUNTER_BASE_URL: { text: 'Hunter.io API base URL.' },
  CONNECTOR_HUNTER_LIMIT: { text: 'Addresses kept per domain.' },
};
