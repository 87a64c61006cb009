import { type JWTPayload, jwtVerify } from 'jose';
import { ApiError } from '../errors/catalogue.ts';
import type { OidcProvider } from './oidc-provider.ts';
import { identityFromClaims, type SsoIdentity } from './sso-identity.ts';
import { tokenErrorOf } from './token-errors.ts';

/**
 * Asymmetric algorithms only. `none` and the HS* family are refused: an IdP's token must be
 * verifiable with its published public keys, and accepting HS256 would let anyone holding a
 * public key (used as an HMAC secret) forge tokens.
 */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

export interface OidcVerifierOptions {
  readonly provider: OidcProvider;
  /** OIDC_AUDIENCE: the `aud` API tokens must carry. */
  readonly audience: string;
  readonly clockSkewSeconds: number;
  /** OIDC_GROUPS_CLAIM. */
  readonly groupsClaim: string;
}

/**
 * Verifies JWTs issued by the configured OpenID provider (SPEC §4.2): signature against the
 * provider's JWKS, `iss` = the discovered issuer, `aud`, `exp` and `nbf` with a small clock
 * skew; `sub` and `email` required.
 *
 * @example
 * const { identity } = await verifier.verify(bearerToken);
 * identity.sub; // 'u_analyst_jdoe'
 */
export class OidcTokenVerifier {
  readonly #o: OidcVerifierOptions;

  constructor(options: OidcVerifierOptions) {
    this.#o = options;
  }

  /** An API bearer token (audience OIDC_AUDIENCE). Throws ApiError token_expired / token_invalid. */
  async verify(token: string): Promise<{ identity: SsoIdentity; claims: JWTPayload }> {
    return this.#verify(token, this.#o.audience, null);
  }

  /** An ID token from the code flow: audience is the client id, and the nonce must match. */
  async verifyIdToken(token: string, clientId: string, nonce: string): Promise<{ identity: SsoIdentity; claims: JWTPayload }> {
    return this.#verify(token, clientId, nonce);
  }

  async #verify(token: string, audience: string, nonce: string | null): Promise<{ identity: SsoIdentity; claims: JWTPayload }> {
    let claims: JWTPayload;
    try {
      const discovery = await this.#o.provider.discovery();
      const keys = await this.#o.provider.keys();
      ({ payload: claims } = await jwtVerify(token, keys, {
        issuer: discovery.issuer,
        audience,
        algorithms: [...OIDC_ALGORITHMS],
        clockTolerance: this.#o.clockSkewSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      throw tokenErrorOf(err);
    }
    if (nonce !== null) checkIdTokenBinding(claims, audience, nonce);
    return { identity: identityFromClaims(claims, this.#o.groupsClaim, 'oidc'), claims };
  }
}

/** OIDC Core §3.1.3.7: the nonce sent must come back; with several audiences, `azp` names us. */
function checkIdTokenBinding(claims: JWTPayload, clientId: string, nonce: string): void {
  if (claims.nonce !== nonce) throw new ApiError('token_invalid', 'The ID token does not answer this login (nonce mismatch).');
  if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== clientId) {
    throw new ApiError('token_invalid', 'The ID token was issued to another client (azp).');
  }
}
