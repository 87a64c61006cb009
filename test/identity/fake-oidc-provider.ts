import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** The user the fake's authorization endpoint logs in (auto-approve). */
export interface FakeUser {
  readonly sub: string;
  readonly email?: string;
  readonly groups?: readonly string[];
  readonly sid?: string;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly nonce: string | undefined;
  readonly challenge: string;
  readonly user: FakeUser;
}

export const FAKE_CLIENT_ID = 'cairn-console';
export const FAKE_CLIENT_SECRET = 'fake-client-secret-for-tests-only';

/**
 * An OpenID provider on 127.0.0.1 speaking the real protocol: discovery document, JWKS (RS256
 * keys generated at start; `rotate()` publishes and switches to a new key), an authorization
 * endpoint that approves at once and redirects with a code, and a token endpoint that checks
 * client authentication (basic or post), the redirect URI and the PKCE S256 verifier before
 * issuing an ID token. Counts JWKS fetches so tests can see refetches.
 */
export class FakeOidcProvider {
  readonly #server: http.Server;
  readonly #codes = new Map<string, PendingCode>();
  #keys: SigningKey[] = [];
  #user: FakeUser = { sub: 'u_fake', email: 'fake@example.test' };
  #authMethods: readonly string[];
  issuer = '';
  jwksFetches = 0;
  /** How the client authenticated at the token endpoint, per request. */
  readonly tokenRequests: { readonly auth: 'basic' | 'post' | 'none'; readonly ok: boolean }[] = [];

  private constructor(authMethods: readonly string[]) {
    this.#authMethods = authMethods;
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch((err: Error) => {
        res.writeHead(500).end(err.message);
      });
    });
  }

  static async start(options: { authMethods?: readonly string[] } = {}): Promise<FakeOidcProvider> {
    const fake = new FakeOidcProvider(options.authMethods ?? ['client_secret_basic', 'client_secret_post']);
    await fake.rotate();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.issuer = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}/realms/test`;
    return fake;
  }

  get currentKid(): string {
    return this.#keys.at(-1)!.kid;
  }

  /** Publishes a new key and signs with it from now on; `dropOld` unpublishes the others. */
  async rotate(options: { dropOld?: boolean } = {}): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `k${this.#keys.length + 1}-${randomBytes(4).toString('hex')}`;
    const key = { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
    this.#keys = options.dropOld ? [key] : [...this.#keys, key];
    return kid;
  }

  /** The user the next authorization request logs in. */
  loginAs(user: FakeUser): void {
    this.#user = user;
  }

  /**
   * A JWT from this issuer, signed with the current key unless told otherwise. `claims`
   * override the defaults (iss, iat, exp in 5 minutes); `undefined` removes a claim.
   */
  async mint(claims: Record<string, unknown>, options: { kid?: string; privateKey?: CryptoKey; alg?: string } = {}): Promise<string> {
    const key = this.#keys.at(-1)!;
    const now = Math.floor(Date.now() / 1000);
    const payload = Object.fromEntries(Object.entries({ iss: this.issuer, iat: now, exp: now + 300, ...claims }).filter(([, v]) => v !== undefined)) as JWTPayload;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
      .sign(options.privateKey ?? key.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const path = url.pathname.replace(/^\/realms\/test/, '');
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') return json(res, 200, this.#discovery());
    if (req.method === 'GET' && path === '/jwks') {
      this.jwksFetches++;
      return json(res, 200, { keys: this.#keys.map((k) => k.publicJwk) });
    }
    if (req.method === 'GET' && path === '/authorize') return this.#authorize(url, res);
    if (req.method === 'POST' && path === '/token') return this.#token(req, res);
    res.writeHead(404).end();
  }

  #discovery(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: this.#authMethods,
      code_challenge_methods_supported: ['S256'],
    };
  }

  #authorize(url: URL, res: http.ServerResponse): void {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri');
    if (q.get('response_type') !== 'code' || q.get('client_id') !== FAKE_CLIENT_ID || !redirectUri || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      return json(res, 400, { error: 'invalid_request' });
    }
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { clientId: FAKE_CLIENT_ID, redirectUri, nonce: q.get('nonce') ?? undefined, challenge: q.get('code_challenge')!, user: this.#user });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.href }).end();
  }

  async #token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const { auth, clientId, secret } = clientCredentials(req, form);
    const clientOk = clientId === FAKE_CLIENT_ID && secret === FAKE_CLIENT_SECRET && this.#authMethods.includes(auth === 'basic' ? 'client_secret_basic' : 'client_secret_post');
    const code = form.get('code') ?? '';
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const grantOk =
      pending !== undefined &&
      form.get('grant_type') === 'authorization_code' &&
      form.get('redirect_uri') === pending.redirectUri &&
      createHash('sha256').update(verifier).digest('base64url') === pending.challenge;
    this.tokenRequests.push({ auth, ok: clientOk && grantOk });
    if (!clientOk) return json(res, 401, { error: 'invalid_client' });
    if (!grantOk) return json(res, 400, { error: 'invalid_grant' });
    const user = pending.user;
    const idToken = await this.mint({
      sub: user.sub,
      aud: FAKE_CLIENT_ID,
      nonce: pending.nonce,
      email: user.email,
      groups: user.groups ? [...user.groups] : undefined,
      sid: user.sid,
    });
    json(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }
}

function clientCredentials(req: http.IncomingMessage, form: URLSearchParams): { auth: 'basic' | 'post' | 'none'; clientId: string | null; secret: string | null } {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return { auth: 'basic', clientId: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  if (form.has('client_secret')) return { auth: 'post', clientId: form.get('client_id'), secret: form.get('client_secret') };
  return { auth: 'none', clientId: form.get('client_id'), secret: null };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
