import { z } from 'zod';

/**
 * The zod fields every environment variable is parsed with: the engine's own (config.ts) and
 * each connector's settings (through the SDK). One set, so `FOO=` means "unset" everywhere and a
 * bad value reads the same whichever module owns the variable.
 */

/**
 * An empty variable reads as unset, so the default applies: `FOO=` in an env file must not
 * fail a URL or number check.
 *
 * @example
 * blankAsUnset(z.string().default('x')).parse('') // 'x'
 */
export function blankAsUnset<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
}

/** A whole number within bounds. */
export function intText(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** true/false (also 1/0, yes/no), any case. */
export function boolText() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), 'must be true or false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
}

/** True when `value` is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL. */
export function httpUrlText() {
  return z.string().trim().refine(isHttpUrl, 'must be an http(s) URL');
}

/** A comma-separated list, blank entries dropped. */
export function listText() {
  return z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}

/**
 * An integer variable with a default and bounds, blank meaning unset.
 *
 * @example
 * z.object({ X_TIMEOUT_MS: intField(100, 60_000, 5000) }).parse({}) // { X_TIMEOUT_MS: 5000 }
 */
export function intField(min: number, max: number, fallback: number) {
  return blankAsUnset(intText(min, max).default(fallback));
}

/** A boolean variable with a default, blank meaning unset. */
export function boolField(fallback: boolean) {
  return blankAsUnset(boolText().default(fallback));
}

/**
 * A base URL with a default, trailing slashes dropped, blank meaning unset.
 *
 * @example
 * z.object({ CONNECTOR_X_BASE_URL: baseUrlField('https://api.example.com/') }).parse({}) // 'https://api.example.com'
 */
export function baseUrlField(fallback: string) {
  return blankAsUnset(
    httpUrlText()
      .transform((v) => v.replace(/\/+$/, ''))
      .default(fallback.replace(/\/+$/, '')),
  );
}

/** A comma-separated list with a default (empty unless given), blank meaning unset. */
export function listField(fallback = '') {
  return blankAsUnset(z.string().default(fallback)).pipe(listText());
}

/** An http(s) URL (a file's address, kept as written) with a default, blank meaning unset. */
export function httpUrlField(fallback: string) {
  return blankAsUnset(httpUrlText().default(fallback));
}
