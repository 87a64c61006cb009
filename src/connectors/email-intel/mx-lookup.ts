import dns from 'node:dns';
import { UpstreamFailure } from '../web-common/upstream-failure.ts';

/** What DNS says about a mail domain. */
export type MailRouting =
  | { readonly kind: 'mx'; readonly hosts: readonly { readonly exchange: string; readonly priority: number }[] }
  /** RFC 7505: a single MX of "." declares that the domain accepts no mail. */
  | { readonly kind: 'null_mx' }
  /** No MX; RFC 5321 §5.1 then falls back to the domain's own A/AAAA address. */
  | { readonly kind: 'no_mx'; readonly hasAddress: boolean }
  /** NXDOMAIN: the domain does not exist. */
  | { readonly kind: 'no_domain' };

export interface MxLookupOptions {
  /** Resolver addresses (`ip` or `ip:port`); empty uses the system's resolvers. */
  readonly servers: readonly string[];
  readonly timeoutMs: number;
}

/**
 * MX lookups through node:dns's Resolver (c-ares), aimed at the configured servers so tests
 * point at a fake and operators at their own resolver. DNS questions go to the resolver, never
 * to a host named in the query, so the SSRF guard has nothing to check here.
 */
export class MxLookup {
  readonly #options: MxLookupOptions;

  constructor(options: MxLookupOptions) {
    this.#options = options;
  }

  /** Throws UpstreamFailure when the resolver fails (timeout, refusal, SERVFAIL). */
  async lookup(domain: string, signal: AbortSignal): Promise<MailRouting> {
    const resolver = this.#resolver();
    const cancel = (): void => resolver.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const records = await this.#ask(() => resolver.resolveMx(domain));
      if (records === 'NXDOMAIN') return { kind: 'no_domain' };
      if (records.length === 1 && records[0]!.exchange === '') return { kind: 'null_mx' };
      if (records.length > 0) {
        const hosts = [...records].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
        return { kind: 'mx', hosts: hosts.map((r) => ({ exchange: r.exchange.toLowerCase(), priority: r.priority })) };
      }
      const [v4, v6] = await Promise.all([this.#ask(() => resolver.resolve4(domain)), this.#ask(() => resolver.resolve6(domain))]);
      return { kind: 'no_mx', hasAddress: (v4 !== 'NXDOMAIN' && v4.length > 0) || (v6 !== 'NXDOMAIN' && v6.length > 0) };
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  /** A resolver answers one MX question, for the health probe; any DNS answer means reachable. */
  async probe(domain: string, signal: AbortSignal): Promise<void> {
    await this.lookup(domain, signal);
  }

  #resolver(): dns.promises.Resolver {
    // One try per server: the connector's own deadline bounds the whole lookup.
    const resolver = new dns.promises.Resolver({ timeout: this.#options.timeoutMs, tries: 1 });
    if (this.#options.servers.length > 0) resolver.setServers([...this.#options.servers]);
    return resolver;
  }

  async #ask<T>(question: () => Promise<T[]>): Promise<T[] | 'NXDOMAIN'> {
    try {
      return await question();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      // NXDOMAIN and NODATA are answers about the name, not failures of the resolver.
      if (code === dns.NOTFOUND) return 'NXDOMAIN';
      if (code === dns.NODATA) return [];
      throw new UpstreamFailure(reasonOf(code), 'dns', `DNS resolver failed (${code || 'unknown error'})`);
    }
  }
}

function reasonOf(code: string): UpstreamFailure['reason'] {
  if (code === dns.TIMEOUT || code === dns.CANCELLED) return 'timeout';
  if (code === dns.CONNREFUSED) return 'egress_blocked';
  return 'connector_error';
}
