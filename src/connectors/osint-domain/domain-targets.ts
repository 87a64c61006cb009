import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import type { FindingSubject, Identifier } from '../sdk.ts';

/** One registrable domain to look up, and the query identifiers that lead to it. */
export interface DomainTarget {
  /** The registrable domain (public suffix + one label), ASCII, lower-case. */
  readonly domain: string;
  /** Host names from the identifiers that are not the registrable domain itself. */
  readonly hosts: readonly string[];
  readonly about: readonly FindingSubject[];
}

/** The host name an identifier names: the domain, the e-mail's domain, the URL's host. */
function hostOf(identifier: Identifier): string | null {
  let host: string;
  if (identifier.type === 'domain') host = identifier.normalized;
  else if (identifier.type === 'email') host = identifier.normalized.slice(identifier.normalized.lastIndexOf('@') + 1);
  else if (identifier.type === 'url') host = new URL(identifier.normalized).hostname;
  else return null;
  // An address literal (`user@[192.0.2.1]`, `http://[::1]/`) has no domain to register.
  if (host.startsWith('[')) return null;
  const ascii = domainToASCII(host.replace(/\.$/, '')).toLowerCase();
  return ascii === '' ? null : ascii;
}

/**
 * Groups identifiers by registrable domain (tldts, ICANN section of the Public Suffix List):
 * `https://blog.example.co.uk/x` and `a@example.co.uk` both lead to `example.co.uk`, looked up
 * once. Identifiers without one (IP hosts, bare public suffixes) are listed in `skipped`.
 *
 * @example
 * domainTargets([{ type: 'url', value: 'https://blog.example.com/', normalized: 'https://blog.example.com/' }]).targets
 * // [{ domain: 'example.com', hosts: ['blog.example.com'], about: [{ type: 'url', normalized: 'https://blog.example.com/' }] }]
 */
export function domainTargets(identifiers: readonly Identifier[]): { targets: DomainTarget[]; skipped: string[] } {
  const byDomain = new Map<string, { hosts: Set<string>; about: FindingSubject[] }>();
  const skipped: string[] = [];
  for (const identifier of identifiers) {
    const host = hostOf(identifier);
    const domain = host === null ? null : getDomain(host, { allowPrivateDomains: false });
    if (host === null || domain === null) {
      skipped.push(`${identifier.type} has no registrable domain`);
      continue;
    }
    let entry = byDomain.get(domain);
    if (!entry) byDomain.set(domain, (entry = { hosts: new Set(), about: [] }));
    if (host !== domain) entry.hosts.add(host);
    entry.about.push({ type: identifier.type, normalized: identifier.normalized });
  }
  const targets = [...byDomain].map(([domain, { hosts, about }]) => ({ domain, hosts: [...hosts], about }));
  return { targets, skipped };
}
