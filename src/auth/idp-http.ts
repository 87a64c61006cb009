import { request } from 'undici';

/** A response from an identity provider, read whole (bounded). */
export interface IdpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** The IdP could not be reached or answered outside the bounds; verification cannot proceed. */
export class IdpUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdpUnavailableError';
  }
}

export interface IdpHttpOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_BYTES = 512 * 1024;
const USER_AGENT = 'Cairn/0.1 (identity)';

/**
 * The HTTP client for identity-provider endpoints (OIDC discovery, JWKS, token endpoint, SAML
 * metadata). These URLs are operator configuration, not user input, and IdPs often live on the
 * private network (Keycloak, ADFS), so this client does not apply the connectors' SSRF address
 * policy; it is bounded instead: a deadline for the whole exchange, a size cap while the body
 * streams, and no redirects (an IdP endpoint that redirects is a misconfiguration to see, not
 * to follow). TLS is verified; add a private CA with NODE_EXTRA_CA_CERTS.
 *
 * @example
 * const http = new IdpHttpClient({ timeoutMs: 5000 });
 * const res = await http.send('https://idp.example.com/.well-known/openid-configuration');
 */
export class IdpHttpClient {
  readonly #timeoutMs: number;
  readonly #maxBytes: number;

  constructor(options: IdpHttpOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  async send(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {}): Promise<IdpResponse> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new IdpUnavailableError(`refused scheme ${target.protocol}`);
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      const response = await request(target, {
        method: init.method ?? 'GET',
        headers: { 'user-agent': USER_AGENT, accept: 'application/json', ...init.headers },
        body: init.body ?? null,
        signal,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.#maxBytes) {
          response.body.destroy();
          throw new IdpUnavailableError(`${target.host} answered more than ${this.#maxBytes} bytes`);
        }
        chunks.push(chunk);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      return { status: response.statusCode, headers, body: Buffer.concat(chunks) };
    } catch (err) {
      if (err instanceof IdpUnavailableError) throw err;
      throw new IdpUnavailableError(`${target.host} unreachable: ${(err as Error).message}`, { cause: err });
    }
  }

  /** GET and parse JSON; throws IdpUnavailableError on a non-200 status or a body that is not JSON. */
  async getJson(url: string): Promise<unknown> {
    const response = await this.send(url);
    if (response.status !== 200) throw new IdpUnavailableError(`${new URL(url).host} answered HTTP ${response.status} for ${new URL(url).pathname}`);
    try {
      return JSON.parse(response.body.toString('utf8')) as unknown;
    } catch {
      throw new IdpUnavailableError(`${new URL(url).host} did not answer JSON for ${new URL(url).pathname}`);
    }
  }

  /** This client as the `fetch` jose's remote JWK set calls (bounded the same way). */
  readonly fetch = async (url: string, init: { headers?: Headers | Record<string, string>; signal?: AbortSignal }): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const response = await this.send(url, { headers, ...(init.signal ? { signal: init.signal } : {}) });
    return new Response(new Uint8Array(response.body), { status: response.status, headers: response.headers });
  };
}
