import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { ApiError } from '../errors/catalogue.ts';
import { type IdpHttpClient, IdpUnavailableError } from './idp-http.ts';
import type { OidcDiscovery, OidcProvider } from './oidc-provider.ts';
import type { OidcTokenVerifier } from './oidc-token-verifier.ts';
import { deriveSessionKey } from './session-keys.ts';
import type { SsoIdentity } from './sso-identity.ts';

/** How long a browser may take between /auth/oidc/login and the callback. */
export const LOGIN_FLOW_TTL_SECONDS = 600;

export interface OidcLoginOptions {
  readonly provider: OidcProvider;
  readonly verifier: OidcTokenVerifier;
  readonly http: IdpHttpClient;
  readonly clientId: string;
  readonly clientSecret: string;
  /** OIDC_REDIRECT_URL: this engine's /auth/oidc/callback, as registered at the IdP. */
  readonly redirectUrl: string;
  /** API_KEY_HASH_SECRET; the flow cookie's key is derived from it. */
  readonly secret: string;
  readonly scope?: string;
}

const flowSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), return_to: z.string() });
const tokenResponseSchema = z.object({ id_token: z.string().min(1) });

const random = (): string => randomBytes(32).toString('base64url');

/**
 * The browser login of the console (SPEC §4.2): authorization-code flow with `state`, `nonce`
 * and PKCE (S256). The three secrets travel in a cookie encrypted and authenticated with a key
 * every replica derives (AES-256-GCM, 10 minutes), so the callback may land on any replica and
 * nothing is stored server-side.
 *
 * @example
 * const { authorizationUrl, flowCookie } = await login.start('/console');
 * // … the IdP redirects back to /auth/oidc/callback?code=…&state=…
 * const { identity, returnTo } = await login.finish({ code, state }, flowCookie);
 */
export class OidcLogin {
  readonly #o: OidcLoginOptions;
  readonly #flowKey: Uint8Array;

  constructor(options: OidcLoginOptions) {
    this.#o = options;
    this.#flowKey = deriveSessionKey(options.secret, 'login-flow');
  }

  async start(returnTo: string): Promise<{ authorizationUrl: string; flowCookie: string }> {
    const discovery = await this.#o.provider.discovery();
    if (discovery.authorizationEndpoint === null) throw new IdpUnavailableError('the OIDC discovery document has no authorization_endpoint');
    const flow = { state: random(), nonce: random(), verifier: random(), return_to: returnTo };
    const url = new URL(discovery.authorizationEndpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.#o.clientId,
      redirect_uri: this.#o.redirectUrl,
      scope: this.#o.scope ?? 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const flowCookie = await new EncryptJWT(flow)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${LOGIN_FLOW_TTL_SECONDS}s`)
      .encrypt(this.#flowKey);
    return { authorizationUrl: url.href, flowCookie };
  }

  /** Throws ApiError token_invalid / token_expired when the login cannot be completed. */
  async finish(params: { code: string; state: string }, flowCookie: string | undefined): Promise<{ identity: SsoIdentity; returnTo: string }> {
    const flow = await this.#openFlow(flowCookie);
    const sent = Buffer.from(flow.state);
    const received = Buffer.from(params.state);
    if (sent.length !== received.length || !timingSafeEqual(sent, received)) {
      throw new ApiError('token_invalid', 'The login answer does not belong to this browser (state mismatch); start the login again.');
    }
    const discovery = await this.#o.provider.discovery();
    const idToken = await this.#exchange(discovery, params.code, flow.verifier);
    const { identity } = await this.#o.verifier.verifyIdToken(idToken, this.#o.clientId, flow.nonce);
    return { identity, returnTo: flow.return_to };
  }

  async #openFlow(cookie: string | undefined): Promise<z.infer<typeof flowSchema>> {
    if (cookie === undefined) throw new ApiError('token_invalid', 'No login is in progress in this browser (the login cookie is missing); start the login again.');
    try {
      const { payload } = await jwtDecrypt(cookie, this.#flowKey, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      return flowSchema.parse(payload);
    } catch {
      throw new ApiError('token_invalid', 'The login took too long or its cookie was altered; start the login again.');
    }
  }

  /** RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5); client_secret_basic unless only _post is offered. */
  async #exchange(discovery: OidcDiscovery, code: string, verifier: string): Promise<string> {
    if (discovery.tokenEndpoint === null) throw new IdpUnavailableError('the OIDC discovery document has no token_endpoint');
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.#o.redirectUrl, code_verifier: verifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const usePost = !discovery.tokenEndpointAuthMethods.includes('client_secret_basic') && discovery.tokenEndpointAuthMethods.includes('client_secret_post');
    if (usePost) {
      form.set('client_id', this.#o.clientId);
      form.set('client_secret', this.#o.clientSecret);
    } else {
      const user = encodeURIComponent(this.#o.clientId);
      const password = encodeURIComponent(this.#o.clientSecret);
      headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    }
    const response = await this.#o.http.send(discovery.tokenEndpoint, { method: 'POST', headers, body: form.toString() });
    let body: unknown = null;
    try {
      body = JSON.parse(response.body.toString('utf8'));
    } catch {
      // handled below: not a token response
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (response.status !== 200 || !parsed.success) {
      const error = z.object({ error: z.string().regex(/^[\w.-]{1,64}$/) }).safeParse(body);
      throw new ApiError('token_invalid', `The identity provider did not exchange the authorization code${error.success ? ` (${error.data.error})` : ''}; start the login again.`);
    }
    return parsed.data.id_token;
  }
}
