import net from 'node:net';
import type { FindingSubject, Identifier } from '../sdk.ts';

/** One TLS endpoint to read, and the query identifiers that lead to it. */
export interface TlsTarget {
  readonly host: string;
  readonly port: number;
  readonly about: readonly FindingSubject[];
}

/**
 * Endpoints from domain and URL identifiers: a domain on the configured port, a URL's host on
 * its own port when it names one (an https URL without one, or an http URL, on the configured
 * port). One endpoint is read once however many identifiers lead to it.
 *
 * @example
 * tlsTargets([{ type: 'url', value: 'https://example.com:8443/', normalized: 'https://example.com:8443/' }], 443)
 * // [{ host: 'example.com', port: 8443, about: [{ type: 'url', normalized: 'https://example.com:8443/' }] }]
 */
export function tlsTargets(identifiers: readonly Identifier[], defaultPort: number): TlsTarget[] {
  const byEndpoint = new Map<string, { host: string; port: number; about: FindingSubject[] }>();
  for (const identifier of identifiers) {
    let host: string;
    let port = defaultPort;
    if (identifier.type === 'domain') host = identifier.normalized;
    else if (identifier.type === 'url') {
      const url = new URL(identifier.normalized);
      host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (url.port !== '') port = Number(url.port);
    } else continue;
    const key = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
    let entry = byEndpoint.get(key);
    if (!entry) byEndpoint.set(key, (entry = { host, port, about: [] }));
    entry.about.push({ type: identifier.type, normalized: identifier.normalized });
  }
  return [...byEndpoint.values()];
}
