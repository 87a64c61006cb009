import { createRemoteJWKSet, customFetch } from 'jose';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type IdpHttpClient, IdpUnavailableError } from './idp-http.ts';

const DISCOVERY_PATH = '/.well-known/openid-configuration';
const DISCOVERY_MAX_AGE_MS = 60 * 60_000;

const url = z.string().refine((v) => URL.canParse(v), 'must be a URL');
const discoverySchema = z.object({
  issuer: url,
  jwks_uri: url,
  authorization_endpoint: url.optional(),
  token_endpoint: url.optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
});

/** What the engine uses from an OIDC discovery document. */
export interface OidcDiscovery {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly authorizationEndpoint: string | null;
  readonly tokenEndpoint: string | null;
  readonly tokenEndpointAuthMethods: readonly string[];
  readonly codeChallengeMethods: readonly string[];
}

export type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * OIDC_ISSUER_URL may name the issuer (`https://idp.example.com/realms/x`) or its discovery
 * document (`…/.well-known/openid-configuration`, as SPEC §4.2's example does); both work.
 *
 * @example
 * discoveryLocation('https://idp.example.com/') // { discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', issuer: 'https://idp.example.com' }
 */
export function discoveryLocation(issuerUrl: string): { discoveryUrl: string; issuer: string } {
  const trimmed = issuerUrl.replace(/\/+$/, '');
  if (trimmed.endsWith(DISCOVERY_PATH)) return { discoveryUrl: trimmed, issuer: trimmed.slice(0, -DISCOVERY_PATH.length) };
  return { discoveryUrl: `${trimmed}${DISCOVERY_PATH}`, issuer: trimmed };
}

/**
 * One OpenID provider: its discovery document (fetched on first use, refreshed hourly; a
 * failed refresh keeps the last good copy) and its signing keys (jose's remote JWK set: cached,
 * refetched once when a token names a key id it does not know, at most once per cooldown so a
 * stream of made-up key ids cannot hammer the IdP).
 */
export class OidcProvider {
  readonly #location: { discoveryUrl: string; issuer: string };
  readonly #http: IdpHttpClient;
  readonly #logger: Logger;
  readonly #jwksCooldownMs: number;
  #discovery: { value: OidcDiscovery; fetchedAt: number } | null = null;
  #pending: Promise<OidcDiscovery> | null = null;
  #keySet: { uri: string; keys: RemoteKeySet } | null = null;

  constructor(options: { issuerUrl: string; http: IdpHttpClient; logger: Logger; jwksCooldownMs?: number }) {
    this.#location = discoveryLocation(options.issuerUrl);
    this.#http = options.http;
    this.#logger = options.logger;
    this.#jwksCooldownMs = options.jwksCooldownMs ?? 30_000;
  }

  async discovery(): Promise<OidcDiscovery> {
    const cached = this.#discovery;
    if (cached && Date.now() - cached.fetchedAt < DISCOVERY_MAX_AGE_MS) return cached.value;
    this.#pending ??= this.#fetchDiscovery().finally(() => {
      this.#pending = null;
    });
    try {
      return await this.#pending;
    } catch (err) {
      if (!cached) throw err;
      this.#logger.warn({ err: (err as Error).message }, 'OIDC discovery refresh failed; using the last good document');
      return cached.value;
    }
  }

  /** The provider's key set, for jwtVerify. */
  async keys(): Promise<RemoteKeySet> {
    const { jwksUri } = await this.discovery();
    if (this.#keySet?.uri !== jwksUri) {
      const keys = createRemoteJWKSet(new URL(jwksUri), {
        timeoutDuration: 5_000,
        cooldownDuration: this.#jwksCooldownMs,
        cacheMaxAge: 10 * 60_000,
        [customFetch]: this.#http.fetch,
      });
      this.#keySet = { uri: jwksUri, keys };
    }
    return this.#keySet.keys;
  }

  async #fetchDiscovery(): Promise<OidcDiscovery> {
    const raw = await this.#http.getJson(this.#location.discoveryUrl);
    const parsed = discoverySchema.safeParse(raw);
    if (!parsed.success) {
      throw new IdpUnavailableError(`OIDC discovery document at ${this.#location.discoveryUrl} is malformed: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    }
    const doc = parsed.data;
    // OpenID Connect Discovery §4.3: the document's issuer must be the one it was fetched for.
    if (doc.issuer.replace(/\/+$/, '') !== this.#location.issuer) {
      throw new IdpUnavailableError(`OIDC discovery document names issuer ${doc.issuer}, expected ${this.#location.issuer}`);
    }
    const value: OidcDiscovery = {
      issuer: doc.issuer,
      jwksUri: doc.jwks_uri,
      authorizationEndpoint: doc.authorization_endpoint ?? null,
      tokenEndpoint: doc.token_endpoint ?? null,
      tokenEndpointAuthMethods: doc.token_endpoint_auth_methods_supported ?? ['client_secret_basic'],
      codeChallengeMethods: doc.code_challenge_methods_supported ?? [],
    };
    this.#discovery = { value, fetchedAt: Date.now() };
    return value;
  }
}
