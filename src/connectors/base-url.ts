import type { Egress } from './sdk.ts';

/** The egress entry a base URL needs. */
export function egressOf(baseUrl: string): Egress {
  const url = new URL(baseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port !== '' ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

/** `base` + `path` with query parameters (undefined ones left out), encoded. */
export function urlWith(base: string, path: string, params: Readonly<Record<string, string | number | undefined>> = {}): string {
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, String(value));
  return url.href;
}
