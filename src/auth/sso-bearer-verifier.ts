import { decodeJwt } from 'jose';
import { ApiError } from '../errors/catalogue.ts';
import type { BearerVerifier } from './authenticate.ts';
import type { OidcTokenVerifier } from './oidc-token-verifier.ts';
import type { Principal } from './principal.ts';
import type { RoleConfigHolder } from './role-config.ts';
import type { SessionService } from './session-service.ts';
import type { SsoIdentity } from './sso-identity.ts';
import { userPrincipalOf } from './user-principal.ts';

/**
 * The Bearer side of AUTH_MODE (SPEC §4.1): the engine's own session tokens (after an OIDC or
 * SAML login) and, when OIDC is configured, tokens the IdP issued directly. The unverified
 * `iss` only picks the verifier; each verifier then checks everything with its own key and its
 * own algorithm list (HS256 for the engine, asymmetric only for the IdP), so a token cannot
 * pass as the other kind.
 */
export class SsoBearerVerifier implements BearerVerifier {
  readonly #sessions: SessionService;
  readonly #oidc: OidcTokenVerifier | null;
  readonly #roles: RoleConfigHolder;

  constructor(options: { sessions: SessionService; oidc: OidcTokenVerifier | null; roles: RoleConfigHolder }) {
    this.#sessions = options.sessions;
    this.#oidc = options.oidc;
    this.#roles = options.roles;
  }

  async verify(token: string): Promise<Principal> {
    return userPrincipalOf(await this.identityOf(token), this.#roles.current);
  }

  /** The verified identity behind a bearer token; throws ApiError token_expired / token_invalid. */
  async identityOf(token: string): Promise<SsoIdentity> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new ApiError('token_invalid', 'The bearer token is not a JWT.');
    }
    if (issuer === this.#sessions.issuer) return (await this.#sessions.verify(token)).identity;
    if (this.#oidc !== null) return (await this.#oidc.verify(token)).identity;
    throw new ApiError('token_invalid', 'The bearer token was not issued by this engine, and no OIDC provider is configured.');
  }
}
