/**
 * Parsers for the environment variables of the network connectors. Each takes the raw value
 * (undefined or '' when unset) and yields a typed value or a zod issue; the engine names the
 * variable when one fails at start.
 */
import net from 'node:net';
import { z } from 'zod';

function blankToUndefined(raw: unknown): unknown {
  return typeof raw === 'string' && raw.trim() === '' ? undefined : raw;
}

/** A host name or IP literal (no port, no scheme). */
export function hostSetting(defaultValue: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[?[0-9A-Fa-f:.]+\]?)$/, 'must be a host name or IP address')
      .optional()
      .transform((v) => (v ?? defaultValue).replace(/^\[(.*)\]$/, '$1')),
  );
}

/** `host:port` (IPv6 in brackets), e.g. `example.com:443`. */
export function hostPortSetting(defaultValue: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        const parsed = parseHostPort(v ?? defaultValue);
        if (parsed === null) {
          ctx.addIssue({ code: 'custom', message: 'must be host:port, e.g. example.com:443 or [2001:db8::1]:443' });
          return z.NEVER;
        }
        return parsed;
      }),
  );
}

function parseHostPort(value: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(value);
  if (match === null) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1] ?? match[2]!, port };
}

/**
 * A comma-separated list of DNS servers as `node:dns` takes them: `1.1.1.1`, `1.1.1.1:5353`,
 * `[2606:4700::1111]:53`. Host names are refused (a resolver cannot resolve its own address).
 * An empty list means the system's resolvers.
 *
 * @example
 * dnsServersSetting().parse('127.0.0.1:5353, 9.9.9.9') // ['127.0.0.1:5353', '9.9.9.9']
 */
export function dnsServersSetting() {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        const entries = (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0);
        const bad = entries.find((e) => !isDnsServer(e));
        if (bad !== undefined) {
          ctx.addIssue({ code: 'custom', message: `${bad} is not an IP address, IP:port or [IPv6]:port` });
          return z.NEVER;
        }
        return entries;
      }),
  );
}

function isDnsServer(entry: string): boolean {
  if (net.isIP(entry) !== 0) return true;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/.exec(entry);
  if (match === null) return false;
  const port = Number(match[3]);
  return net.isIP(match[1] ?? match[2]!) !== 0 && port >= 1 && port <= 65535;
}

/** A file path; the default is computed when the settings are parsed, never at import. */
export function pathSetting(defaultValue: () => string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .optional()
      .transform((v) => v ?? defaultValue()),
  );
}
