/**
 * IANA's RDAP bootstrap registries (RFC 9224): which RDAP server answers for a TLD (`dns.json`)
 * or an address block (`ipv4.json`, `ipv6.json`). The files are fetched through the guarded
 * HTTP client and kept in memory for a TTL; a failed refresh keeps serving the stale copy.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { type HttpClient, UpstreamFormatError } from '../sdk.ts';
import { UpstreamStatusError } from './upstream-gaps.ts';
import { failureOfStatus } from './rdap-client.ts';

// RFC 9224 §3: `services` is an array of [entries, urls] (object tags add a contact first).
const bootstrapFileSchema = z.looseObject({
  version: z.string().optional(),
  publication: z.string().optional(),
  services: z.array(z.array(z.array(z.string())).min(2)),
});

/** RFC 9224 §3: when a service lists several URLs, https is preferred. */
function pickServiceUrl(urls: readonly string[]): string | null {
  const usable = urls.filter((u) => /^https?:\/\//i.test(u));
  const chosen = usable.find((u) => /^https:/i.test(u)) ?? usable[0];
  if (chosen === undefined) return null;
  return chosen.endsWith('/') ? chosen : `${chosen}/`;
}

function servicesOf(json: unknown, file: string): readonly (readonly string[])[][] {
  const parsed = bootstrapFileSchema.safeParse(json);
  if (!parsed.success) throw new UpstreamFormatError(`${file} is not an RFC 9224 bootstrap file`);
  return parsed.data.services;
}

/**
 * `dns.json`: TLD (or longer suffix) → RDAP base URL, longest label match first (RFC 9224 §4).
 *
 * @example
 * DomainBootstrap.parse({ services: [[['com'], ['https://rdap.verisign.com/com/v1/']]] }).serverFor('a.example.com')
 * // 'https://rdap.verisign.com/com/v1/'
 */
export class DomainBootstrap {
  readonly #bySuffix: ReadonlyMap<string, string>;
  readonly publication: string | null;

  private constructor(bySuffix: ReadonlyMap<string, string>, publication: string | null) {
    this.#bySuffix = bySuffix;
    this.publication = publication;
  }

  static parse(json: unknown): DomainBootstrap {
    const map = new Map<string, string>();
    for (const service of servicesOf(json, 'dns.json')) {
      const [entries, urls] = [service[service.length - 2]!, service[service.length - 1]!];
      const url = pickServiceUrl(urls);
      if (url !== null) for (const entry of entries) map.set(entry.toLowerCase().replace(/\.$/, ''), url);
    }
    return new DomainBootstrap(map, (json as { publication?: string }).publication ?? null);
  }

  get size(): number {
    return this.#bySuffix.size;
  }

  serverFor(domain: string): string | null {
    const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length; i++) {
      const url = this.#bySuffix.get(labels.slice(i).join('.'));
      if (url !== undefined) return url;
    }
    return null;
  }
}

interface IpService {
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
  readonly url: string;
}

/**
 * `ipv4.json` / `ipv6.json`: CIDR block → RDAP base URL, longest prefix first (RFC 9224 §5).
 *
 * @example
 * IpBootstrap.parse({ services: [[['8.0.0.0/8'], ['https://rdap.arin.net/registry/']]] }).serverFor('8.8.8.8')
 * // 'https://rdap.arin.net/registry/'
 */
export class IpBootstrap {
  readonly #services: readonly IpService[];

  private constructor(services: readonly IpService[]) {
    this.#services = services;
  }

  static parse(json: unknown): IpBootstrap {
    const services: IpService[] = [];
    for (const service of servicesOf(json, 'the IP bootstrap file')) {
      const [entries, urls] = [service[service.length - 2]!, service[service.length - 1]!];
      const url = pickServiceUrl(urls);
      if (url === null) continue;
      for (const entry of entries) {
        try {
          const [network, prefix] = ipaddr.parseCIDR(entry);
          services.push({ network, prefix, url });
        } catch {
          // A malformed entry is skipped; the rest of the registry stays usable.
        }
      }
    }
    return new IpBootstrap(services.sort((a, b) => b.prefix - a.prefix));
  }

  get size(): number {
    return this.#services.length;
  }

  serverFor(ip: string): string | null {
    const address = ipaddr.parse(ip);
    for (const service of this.#services) {
      if (service.network.kind() === address.kind() && address.match(service.network, service.prefix)) return service.url;
    }
    return null;
  }
}

export interface BootstrapCacheOptions<T> {
  readonly http: HttpClient;
  readonly url: string;
  readonly ttlMs: number;
  readonly parse: (json: unknown) => T;
  readonly now: () => Date;
}

/**
 * One bootstrap file in memory. Concurrent callers share one fetch; a fetch that fails while a
 * stale copy exists returns the stale copy (the registries change a few times a month).
 */
export class BootstrapCache<T> {
  readonly #o: BootstrapCacheOptions<T>;
  #entry: { readonly value: T; readonly fetchedAt: number } | null = null;
  #inflight: Promise<T> | null = null;

  constructor(options: BootstrapCacheOptions<T>) {
    this.#o = options;
  }

  get url(): string {
    return this.#o.url;
  }

  /** The cached registry while fresh; otherwise a refresh, falling back to the stale copy. */
  async get(signal: AbortSignal, timeoutMs: number): Promise<T> {
    const entry = this.#entry;
    if (entry !== null && this.#o.now().getTime() - entry.fetchedAt < this.#o.ttlMs) return entry.value;
    try {
      return await this.refresh(signal, timeoutMs);
    } catch (err) {
      if (entry !== null) return entry.value;
      throw err;
    }
  }

  /** Fetches the file now (health probes use this: a cached copy proves nothing). */
  refresh(signal: AbortSignal, timeoutMs: number): Promise<T> {
    this.#inflight ??= this.#fetch(timeoutMs).finally(() => {
      this.#inflight = null;
    });
    // A fetch already under way (a health probe's, another lookup's) runs on its starter's
    // timeout; this caller waits no longer than its own.
    return raceSignal(this.#inflight, AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]));
  }

  async #fetch(timeoutMs: number): Promise<T> {
    // Not tied to one caller's signal: the fetch is shared, each caller races its own.
    const response = await this.#o.http.request(this.#o.url, { headers: { accept: 'application/json' }, timeoutMs, maxBytes: 8 * 1024 * 1024 });
    if (response.status !== 200) {
      const failure = failureOfStatus(response.status);
      throw new UpstreamStatusError(failure, response.status, `bootstrap ${new URL(this.#o.url).pathname} answered HTTP ${response.status}`);
    }
    const value = this.#o.parse(response.json());
    this.#entry = { value, fetchedAt: this.#o.now().getTime() };
    return value;
  }
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
