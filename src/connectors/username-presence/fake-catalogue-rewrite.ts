/**
 * Test support for the fake sites: rewrites every site URL of a Maigret or Sherlock document to
 * loopback, keeping the original host as the first path segment, so
 * `https://github.com/{}` becomes `http://127.0.0.1:PORT/github.com/{}`. Each original host gets
 * its own port (its own origin), so per-host limits behave as they would against the real
 * sites; a subdomain template (`https://{}.tumblr.com`) becomes a path (`/{}.tumblr.com`).
 */

/** Fields that hold URLs, per document part. Engine presets may carry absolute URLs too. */
const MAIGRET_SITE_FIELDS = ['url', 'urlMain', 'urlProbe', 'errorUrl'] as const;
const SHERLOCK_SITE_FIELDS = ['url', 'urlMain', 'urlProbe', 'errorUrl'] as const;

const ABSOLUTE = /^https?:\/\/([^/?#]*)(.*)$/is;
// Schemeless values appear only in `errorUrl` (Maigret's WordPress: `wordpress.com/typo/…`).
const SCHEMELESS = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)([/?#].*)?$/i;

export type HostPorts = (host: string) => number;

/** Hosts named by a document, lower-cased, in first-seen order. */
export function collectHosts(document: unknown): string[] {
  const hosts = new Set<string>();
  visitUrls(document, (value, field) => {
    const host = hostOf(value, field);
    if (host !== null) hosts.add(host);
    return value;
  });
  return [...hosts];
}

/** A deep copy of the document with every site URL pointed at its host's loopback port. */
export function rewriteDocument(document: unknown, portOf: HostPorts): unknown {
  const copy = structuredClone(document);
  visitUrls(copy, (value, field) => rewriteUrl(value, field, portOf));
  return copy;
}

export function rewriteUrl(value: string, field: string, portOf: HostPorts): string {
  const absolute = ABSOLUTE.exec(value);
  if (absolute) {
    const host = absolute[1]!.toLowerCase();
    return `http://127.0.0.1:${portOf(host)}/${host}${absolute[2] ?? ''}`;
  }
  const schemeless = field === 'errorUrl' ? SCHEMELESS.exec(value) : null;
  if (schemeless) {
    const host = schemeless[1]!.toLowerCase();
    return `127.0.0.1:${portOf(host)}/${host}${schemeless[2] ?? ''}`;
  }
  return value;
}

function hostOf(value: string, field: string): string | null {
  const absolute = ABSOLUTE.exec(value);
  if (absolute) return absolute[1]!.toLowerCase();
  const schemeless = field === 'errorUrl' ? SCHEMELESS.exec(value) : null;
  return schemeless ? schemeless[1]!.toLowerCase() : null;
}

type Visit = (value: string, field: string) => string;

function visitUrls(document: unknown, visit: Visit): void {
  if (document === null || typeof document !== 'object') return;
  const doc = document as Record<string, unknown>;
  if ('sites' in doc) {
    for (const site of Object.values(asRecord(doc.sites))) visitFields(site, MAIGRET_SITE_FIELDS, visit);
    for (const engine of Object.values(asRecord(doc.engines))) visitFields(asRecord(engine).site, MAIGRET_SITE_FIELDS, visit);
    return;
  }
  for (const [name, site] of Object.entries(doc)) if (name !== '$schema') visitFields(site, SHERLOCK_SITE_FIELDS, visit);
}

function visitFields(site: unknown, fields: readonly string[], visit: Visit): void {
  const record = asRecord(site);
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string') record[field] = visit(value, field);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
