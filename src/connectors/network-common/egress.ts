import dns from 'node:dns';
import type { Egress } from '../sdk.ts';

/**
 * The egress entry of a configured URL.
 *
 * @example
 * egressOfUrl('https://data.iana.org/rdap/dns.json') // { host: 'data.iana.org', port: 443, protocol: 'https' }
 */
export function egressOfUrl(url: string): Egress {
  const u = new URL(url);
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: u.port !== '' ? Number(u.port) : protocol === 'http' ? 80 : 443, protocol };
}

/**
 * The resolvers a connector's DNS questions go to: the configured list, else the system's.
 * DNS runs over UDP and falls back to TCP on the same port; the contract's egress vocabulary
 * (`https`, `http`, `tcp`) has no `udp`, so these are listed as `tcp` (docs/network-connectors.md).
 */
export function egressOfDnsServers(servers: readonly string[]): Egress[] {
  const list = servers.length > 0 ? servers : dns.getServers();
  return list.map((entry) => {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(entry);
    return match ? { host: match[1] ?? match[2]!, port: Number(match[3]), protocol: 'tcp' as const } : { host: entry, port: 53, protocol: 'tcp' as const };
  });
}

/** Removes repeated entries (same host, port and protocol). */
export function uniqueEgress(entries: readonly Egress[]): Egress[] {
  const seen = new Map<string, Egress>();
  for (const e of entries) seen.set(`${e.protocol}|${e.host}|${e.port}`, e);
  return [...seen.values()];
}
