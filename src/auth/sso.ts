import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Executor } from '../store/executor.ts';
import { IdpHttpClient } from './idp-http.ts';
import { OidcLogin } from './oidc-login.ts';
import { OidcProvider } from './oidc-provider.ts';
import { OidcTokenVerifier } from './oidc-token-verifier.ts';
import type { RoleConfigHolder } from './role-config.ts';
import { SamlMetadataSource } from './saml-metadata-source.ts';
import { SamlServiceProvider } from './saml-service-provider.ts';
import { SessionService } from './session-service.ts';
import { SsoBearerVerifier } from './sso-bearer-verifier.ts';

/** The single sign-on side of the engine, built from the configuration. */
export interface Sso {
  /** Engine sessions after an SSO login (JWT + revocable row). */
  readonly sessions: SessionService;
  /** The Bearer verifier handed to the Authenticator. */
  readonly bearer: SsoBearerVerifier;
  /** The console's OIDC code flow; null unless OIDC with a client id and secret is configured. */
  readonly oidcLogin: OidcLogin | null;
  /** The SAML service provider; null unless SAML is configured. */
  readonly saml: SamlServiceProvider | null;
  /** Whether session cookies carry `Secure` (PUBLIC_URL is https). */
  readonly secureCookies: boolean;
  /** The origin browsers show for this engine (PUBLIC_URL), for CSRF checks; null if unset. */
  readonly publicOrigin: string | null;
}

export interface SsoDependencies {
  readonly db: Executor;
  /** API_KEY_HASH_SECRET (given or generated): session and login-flow keys derive from it. */
  readonly secret: string;
  readonly organizationId: string;
  readonly roles: RoleConfigHolder;
  readonly logger: Logger;
}

/**
 * Builds OIDC (when AUTH_MODE is oidc or both and OIDC_ISSUER_URL is set) and SAML (when
 * AUTH_MODE is saml or both and IdP metadata is configured). Throws ConfigError for a bad SAML
 * metadata file.
 *
 * @example
 * const sso = await createSso(config, { db, secret, organizationId, roles, logger });
 * new Authenticator({ mode: config.auth.mode, apiKeys, bearer: sso.bearer });
 */
export async function createSso(config: Config, deps: SsoDependencies): Promise<Sso> {
  const mode = config.auth.mode;
  const logger = deps.logger.child({ component: 'sso' });
  const http = new IdpHttpClient();
  const sessions = new SessionService({
    db: deps.db,
    secret: deps.secret,
    issuer: `urn:cairn:${deps.organizationId}`,
    ttlSeconds: config.session.ttlSeconds,
    clockSkewSeconds: config.oidc.clockSkewSeconds,
  });
  let oidc: OidcTokenVerifier | null = null;
  let oidcLogin: OidcLogin | null = null;
  if ((mode === 'oidc' || mode === 'both') && config.oidc.issuerUrl !== null && config.oidc.audience !== null) {
    const provider = new OidcProvider({ issuerUrl: config.oidc.issuerUrl, http, logger, jwksCooldownMs: config.oidc.jwksCooldownSeconds * 1000 });
    oidc = new OidcTokenVerifier({ provider, audience: config.oidc.audience, clockSkewSeconds: config.oidc.clockSkewSeconds, groupsClaim: config.oidc.groupsClaim });
    const { clientId, clientSecret, redirectUrl } = config.oidc;
    if (clientId !== null && clientSecret !== null && redirectUrl !== null) {
      oidcLogin = new OidcLogin({ provider, verifier: oidc, http, clientId, clientSecret, redirectUrl, secret: deps.secret });
    }
  }
  const saml = mode === 'saml' || mode === 'both' ? await createSaml(config, deps, http, logger) : null;
  const publicOrigin = config.session.publicUrl !== null ? new URL(config.session.publicUrl).origin : null;
  return {
    sessions,
    bearer: new SsoBearerVerifier({ sessions, oidc, roles: deps.roles }),
    oidcLogin,
    saml,
    secureCookies: publicOrigin?.startsWith('https:') ?? false,
    publicOrigin,
  };
}

async function createSaml(config: Config, deps: SsoDependencies, http: IdpHttpClient, logger: Logger): Promise<SamlServiceProvider | null> {
  const { metadataUrl, metadataXmlPath, entityId, acsUrl } = config.saml;
  if ((metadataUrl === null && metadataXmlPath === null) || entityId === null || acsUrl === null) return null;
  const metadata =
    metadataXmlPath !== null ? await SamlMetadataSource.fromFile(metadataXmlPath, http, logger) : await SamlMetadataSource.fromUrl(metadataUrl!, http, logger);
  return new SamlServiceProvider({
    metadata,
    entityId,
    acsUrl,
    clockSkewSeconds: config.oidc.clockSkewSeconds,
    groupsAttribute: config.saml.groupsAttribute,
    db: deps.db,
  });
}
