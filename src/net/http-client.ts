import { Agent, type Dispatcher, ProxyAgent, Socks5ProxyAgent, request } from 'undici';
import {
  EgressBlockedError,
  type HttpAgent,
  type HttpAgentOptions,
  type HttpClient,
  type HttpRequestOptions,
  type HttpResponse,
  ResponseTooLargeError,
  UpstreamFormatError,
} from '../connectors/sdk.ts';
import { ipLiteralOf, isAddressAllowed } from './address-policy.ts';
import { decodeBody } from './body-decoding.ts';
import type { GuardedResolver } from './guarded-lookup.ts';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const USER_AGENT = 'Cairn/0.1 (+https://github.com/cairn-engine/cairn)';

class GuardedAgent implements HttpAgent {
  constructor(readonly dispatcher: Dispatcher) {}
  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

/**
 * The one outbound HTTP client (undici). Every connection is made through the guarded resolver,
 * IP-literal URLs are checked before any socket opens, redirects are followed by hand so each
 * hop is checked again, and bodies are capped while they stream.
 */
export class GuardedHttpClient implements HttpClient {
  readonly #resolver: GuardedResolver;
  readonly #defaultAgent: GuardedAgent;

  constructor(resolver: GuardedResolver) {
    this.#resolver = resolver;
    this.#defaultAgent = this.createAgent({ connectionsPerOrigin: 8 }) as GuardedAgent;
  }

  createAgent(options: HttpAgentOptions = {}): HttpAgent {
    const connections = options.connectionsPerOrigin ?? 4;
    const keepAliveTimeout = options.keepAliveMs ?? 10_000;
    if (options.proxyUrl !== undefined) {
      const proxy = new URL(options.proxyUrl);
      if (proxy.protocol === 'socks5:' || proxy.protocol === 'socks:') {
        return new GuardedAgent(new Socks5ProxyAgent(options.proxyUrl, { connections }));
      }
      return new GuardedAgent(new ProxyAgent({ uri: options.proxyUrl, connections, keepAliveTimeout }));
    }
    return new GuardedAgent(
      new Agent({
        connections,
        keepAliveTimeout,
        // net.connect calls this for every host name; IP literals are checked in #checkTarget.
        connect: { lookup: this.#resolver.lookup, rejectUnauthorized: true },
      }),
    );
  }

  async request(input: string | URL, options: HttpRequestOptions = {}): Promise<HttpResponse> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const agent = (options.agent as GuardedAgent | undefined) ?? this.#defaultAgent;
    const redirects: string[] = [];
    let url = new URL(input);
    let method = (options.method ?? 'GET').toUpperCase();
    let body = options.body;

    for (;;) {
      await this.#checkTarget(url, agent !== this.#defaultAgent && !(agent.dispatcher instanceof Agent));
      const response = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers: { 'user-agent': USER_AGENT, accept: '*/*', ...options.headers },
        body: body ?? null,
        signal,
        dispatcher: agent.dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const location = headerValue(response.headers.location);
      if (response.statusCode >= 300 && response.statusCode < 400 && location !== undefined && redirects.length < maxRedirects) {
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        redirects.push(url.href);
        url = new URL(location, url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          throw new EgressBlockedError(`refused redirect to scheme ${url.protocol}`);
        }
        // RFC 9110 §15.4: 303 always, and 301/302 in practice, turn into GET without a body.
        if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const { bytes, truncated } = await readCapped(response.body, options.maxBytes ?? DEFAULT_MAX_BYTES, options.onOverflow ?? 'error');
      return buildResponse(response.statusCode, response.headers, url.href, redirects, bytes, truncated);
    }
  }

  /** IP literals never reach the resolver's lookup, so they are checked here. */
  async #checkTarget(url: URL, viaProxy: boolean): Promise<void> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new EgressBlockedError(`refused scheme ${url.protocol}`);
    }
    const literal = ipLiteralOf(url.hostname);
    if (literal !== null) {
      if (!isAddressAllowed(literal, this.#resolver.allowLoopback)) {
        throw new EgressBlockedError(`refused target ${url.hostname}: not a public address`);
      }
      return;
    }
    // Through a proxy the proxy resolves; check the name ourselves first all the same.
    if (viaProxy) await this.#resolver.resolve(url.hostname);
  }

  close(): Promise<void> {
    return this.#defaultAgent.close();
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readCapped(
  stream: AsyncIterable<Buffer> & { destroy(err?: Error): void },
  maxBytes: number,
  onOverflow: 'error' | 'truncate',
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size + chunk.length > maxBytes) {
      stream.destroy();
      if (onOverflow === 'error') throw new ResponseTooLargeError(maxBytes);
      chunks.push(chunk.subarray(0, maxBytes - size));
      return { bytes: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function buildResponse(
  status: number,
  rawHeaders: Record<string, string | string[] | undefined>,
  url: string,
  redirects: readonly string[],
  body: Buffer,
  truncated: boolean,
): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let text: string | undefined;
  return {
    status,
    headers,
    url,
    redirects,
    body,
    truncated,
    text() {
      text ??= decodeBody(body, headers['content-type']);
      return text;
    },
    json() {
      try {
        return JSON.parse(this.text()) as unknown;
      } catch {
        throw new UpstreamFormatError(`expected JSON from ${new URL(url).host}, got ${headers['content-type'] ?? 'no content type'}`);
      }
    },
  };
}
