import { z } from 'zod';

/**
 * zod fields for connector settings read from environment variables (strings). A bad value
 * fails the engine's start with a ConfigError naming the variable.
 */

/**
 * An absolute http(s) base URL.
 *
 * @example
 * z.object({ CONNECTOR_X_BASE_URL: baseUrlSetting('https://api.example.com') })
 */
export function baseUrlSetting(fallback: string) {
  return z
    .string()
    .default(fallback)
    .refine((value) => isHttpUrl(value), 'must be an absolute http(s) URL');
}

/** A comma-separated list; blank entries dropped. */
export function listSetting(fallback = '') {
  return z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );
}

/** An integer within bounds. */
export function intSetting(fallback: number, min: number, max: number) {
  return z
    .string()
    .default(String(fallback))
    .refine((value) => /^\d+$/.test(value.trim()), 'must be a whole number')
    .transform((value) => Number(value.trim()))
    .refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`);
}

/** `true` or `false`. */
export function boolSetting(fallback: boolean) {
  return z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');
}

/**
 * `key=url` pairs separated by commas, e.g. `github=http://127.0.0.1:4000,mastodon=…`.
 *
 * @example
 * urlMapSetting().parse('github=http://127.0.0.1:4000') // { github: 'http://127.0.0.1:4000' }
 */
export function urlMapSetting() {
  return z
    .string()
    .default('')
    .transform((value, ctx) => {
      const map: Record<string, string> = {};
      for (const pair of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
        const eq = pair.indexOf('=');
        const key = pair.slice(0, eq).trim().toLowerCase();
        const url = pair.slice(eq + 1).trim();
        if (eq <= 0 || !isHttpUrl(url)) {
          ctx.addIssue({ code: 'custom', message: `expected key=http(s)-url pairs, got "${pair}"` });
          return z.NEVER;
        }
        map[key] = url;
      }
      return map;
    });
}

/** The host, port and protocol an http(s) base URL needs, for a connector's `egress`. */
export function egressOf(url: string): { host: string; port: number; protocol: 'https' | 'http' } {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  return { host: parsed.hostname, port: parsed.port !== '' ? Number(parsed.port) : protocol === 'https' ? 443 : 80, protocol };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
