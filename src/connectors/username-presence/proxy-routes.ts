/**
 * Which connection pool a site's requests use: a proxy chosen by the site's tags (or Maigret
 * `protection` labels, e.g. `cf_js_challenge=socks5://…`), else the default proxy, else a
 * direct pool. Every pool is a keep-alive agent with the per-host connection limit, made by the
 * guarded client, created on first use and reused across sweeps.
 */
import type { HttpAgent, HttpClient } from '../sdk.ts';
import type { SiteRule } from './site-rule.ts';

export interface ProxyRoute {
  readonly label: string;
  readonly proxyUrl: string;
}

/**
 * Parses `tag=url,tag=url`. Throws with the offending entry, so the setting fails at start.
 *
 * @example
 * parseProxyRoutes('tor=socks5://127.0.0.1:9050, ru=http://proxy.example:3128')
 */
export function parseProxyRoutes(text: string): ProxyRoute[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const at = entry.indexOf('=');
      if (at <= 0) throw new Error(`"${entry}" is not tag=proxy-url`);
      const label = entry.slice(0, at).trim().toLowerCase();
      const proxyUrl = entry.slice(at + 1).trim();
      assertProxyUrl(proxyUrl);
      return { label, proxyUrl };
    });
}

export function assertProxyUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${value}" is not a URL`);
  }
  if (!['http:', 'https:', 'socks5:', 'socks:'].includes(url.protocol)) throw new Error(`"${value}" must be an http, https or socks5 proxy URL`);
}

export interface AgentPoolOptions {
  readonly http: HttpClient;
  readonly perHostLimit: number;
  readonly keepAliveMs: number;
  readonly defaultProxy: string | null;
  readonly routes: readonly ProxyRoute[];
}

export class AgentPool {
  readonly #o: AgentPoolOptions;
  readonly #agents = new Map<string, HttpAgent>();

  constructor(options: AgentPoolOptions) {
    this.#o = options;
  }

  /** The proxy URL for a site, or null for a direct connection. */
  proxyFor(rule: SiteRule): string | null {
    const labels = new Set([...rule.tags, ...rule.protection].map((l) => l.toLowerCase()));
    return this.#o.routes.find((route) => labels.has(route.label))?.proxyUrl ?? this.#o.defaultProxy;
  }

  /**
   * The agent for a site's requests. A host that only this site uses in the sweep gets one
   * connection (an undici Client); a host several sites share gets up to the per-host limit (a
   * Pool). Most hosts carry one site, and a Pool per origin costs about a fifth of a sweep's CPU
   * and 55 MB over a full Maigret catalogue (bench/username-sweep.ts).
   */
  agentFor(rule: SiteRule, hostShared = true): HttpAgent {
    const proxy = this.proxyFor(rule);
    const connections = hostShared ? this.#o.perHostLimit : 1;
    const key = `${proxy ?? 'direct'} ${connections}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      agent = this.#o.http.createAgent({ connectionsPerOrigin: connections, keepAliveMs: this.#o.keepAliveMs, ...(proxy !== null ? { proxyUrl: proxy } : {}) });
      this.#agents.set(key, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((a) => a.close()));
  }
}
