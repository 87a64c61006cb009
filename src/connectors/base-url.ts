import { z } from 'zod';
import type { Egress } from './sdk.ts';

/**
 * A connector's upstream base URL as a setting: an http(s) URL with its default, trailing
 * slashes dropped, so tests point the connector at a fake on loopback.
 *
 * @example
 * settings: z.object({ CONNECTOR_GLEIF_BASE_URL: baseUrlSetting('https://api.gleif.org/api/v1') })
 */
export function baseUrlSetting(defaultUrl: string) {
  return blankAsUnset(
    z
      .string()
      .trim()
      .refine((v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          return false;
        }
      }, 'must be an http(s) URL')
      .transform((v) => v.replace(/\/+$/, ''))
      .default(defaultUrl.replace(/\/+$/, '')),
  );
}

/**
 * An empty variable reads as unset, so its default applies (as for the engine's own variables
 * in config.ts): `FOO=` in an env file must not fail a URL or number check.
 */
export function blankAsUnset<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

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

/** A whole number setting with bounds and a default. */
export function intSetting(min: number, max: number, fallback: number) {
  return blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .default(fallback),
  );
}
