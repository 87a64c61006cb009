import type { AuthMode } from '../config/config.ts';
import { ApiError } from '../errors/catalogue.ts';
import type { ApiKeyAuthenticator } from './api-keys.ts';
import type { Principal } from './principal.ts';

/**
 * Verifies a bearer token (an IdP's OIDC JWT, or the engine's own JWT issued after SSO) and
 * returns the user principal; throws ApiError `token_expired` or `token_invalid`.
 */
export interface BearerVerifier {
  verify(token: string): Promise<Principal>;
}

export interface Credentials {
  readonly authorization?: string | undefined;
  readonly apiKey?: string | undefined;
}

/**
 * Picks the strategy by AUTH_MODE (SPEC §4.1): `api_key` takes X-API-Key only, `oidc`/`saml`
 * take Bearer only, `both` takes either. A credential of a kind the mode does not accept is
 * rejected as invalid rather than ignored, so a misconfigured client learns why.
 */
export class Authenticator {
  readonly #mode: AuthMode;
  readonly #apiKeys: ApiKeyAuthenticator | null;
  readonly #bearer: BearerVerifier | null;

  constructor(options: { mode: AuthMode; apiKeys: ApiKeyAuthenticator | null; bearer: BearerVerifier | null }) {
    this.#mode = options.mode;
    this.#apiKeys = options.apiKeys;
    this.#bearer = options.bearer;
  }

  get acceptsApiKeys(): boolean {
    return this.#apiKeys !== null && (this.#mode === 'api_key' || this.#mode === 'both');
  }

  get acceptsBearer(): boolean {
    return this.#bearer !== null && this.#mode !== 'api_key';
  }

  async authenticate(credentials: Credentials): Promise<Principal> {
    const bearer = parseBearer(credentials.authorization);
    const apiKey = credentials.apiKey?.trim();
    if (bearer === undefined && (apiKey === undefined || apiKey === '')) throw new ApiError('credentials_missing');
    if (bearer !== undefined) {
      if (!this.acceptsBearer) {
        throw new ApiError('token_invalid', `Bearer tokens are not accepted: this engine runs with AUTH_MODE=${this.#mode}.`);
      }
      if (bearer === null) throw new ApiError('token_invalid', 'The Authorization header is not of the form "Bearer <token>".');
      return this.#bearer!.verify(bearer);
    }
    if (!this.acceptsApiKeys) {
      throw new ApiError('api_key_invalid', `API keys are not accepted: this engine runs with AUTH_MODE=${this.#mode}.`);
    }
    return this.#apiKeys!.authenticate(apiKey!);
  }
}

/** undefined: no Authorization header; null: present but not a bearer token. */
function parseBearer(header: string | undefined): string | null | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
