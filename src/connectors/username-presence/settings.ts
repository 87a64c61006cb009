/**
 * The connector's environment variables (documented in docs/username-presence.md). An empty
 * value counts as unset, as for the engine's own variables.
 */
import path from 'node:path';
import { z } from 'zod';
import { boolText, httpUrlText, intText, listText } from '../sdk.ts';
import { assertProxyUrl, parseProxyRoutes, type ProxyRoute } from './proxy-routes.ts';

const unsetIfEmpty = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: string) => z.preprocess((v) => unsetIfEmpty(v) ?? fallback, schema);

const int = intText;
const bool = boolText();
const list = listText();
const httpUrl = httpUrlText();
const proxyUrl = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    try {
      assertProxyUrl(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });
const proxyRoutes = z.string().transform((v, ctx): ProxyRoute[] => {
  try {
    return parseProxyRoutes(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

// A current desktop browser: site definitions were recorded with browser requests, and many
// sites answer unknown clients differently (the same choice as Sherlock and Maigret).
export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

export const usernamePresenceSettings = z
  .object({
    DATA_DIR: withDefault(z.string().trim().min(1), './data'),
    USERNAME_SITES_PATH: optional(z.string().trim().min(1)),
    USERNAME_SITES_URL: optional(httpUrl),
    USERNAME_SITES_SHA256: optional(
      z
        .string()
        .trim()
        .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits')
        .transform((v) => v.toLowerCase()),
    ),
    USERNAME_SITES_REFRESH_HOURS: withDefault(int(1, 8760), '24'),
    USERNAME_SITES_MAX_BYTES: withDefault(int(1024, 256 * 1024 * 1024), String(16 * 1024 * 1024)),
    CONNECTOR_USERNAME_PRESENCE_CONCURRENCY: withDefault(int(1, 1000), '100'),
    CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT: withDefault(int(1, 64), '4'),
    CONNECTOR_USERNAME_PRESENCE_REQUEST_TIMEOUT_MS: withDefault(int(100, 120_000), '8000'),
    CONNECTOR_USERNAME_PRESENCE_MAX_BODY_BYTES: withDefault(int(1024, 16 * 1024 * 1024), String(256 * 1024)),
    CONNECTOR_USERNAME_PRESENCE_KEEPALIVE_MS: withDefault(int(100, 600_000), '2000'),
    CONNECTOR_USERNAME_PRESENCE_STANDARD_TOP: withDefault(int(1, 100_000), '500'),
    CONNECTOR_USERNAME_PRESENCE_TOP: optional(int(1, 100_000)),
    CONNECTOR_USERNAME_PRESENCE_TAGS: withDefault(list, ''),
    CONNECTOR_USERNAME_PRESENCE_EXCLUDE_TAGS: withDefault(list, ''),
    CONNECTOR_USERNAME_PRESENCE_PROXY_URL: optional(proxyUrl),
    CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG: withDefault(proxyRoutes, ''),
    CONNECTOR_USERNAME_PRESENCE_USER_AGENT: withDefault(z.string().trim().min(1).refine((v) => !/[\r\n\0]/.test(v), 'must be one line'), DEFAULT_USER_AGENT),
    CONNECTOR_USERNAME_PRESENCE_CONTROL_PROBES: withDefault(bool, 'true'),
  })
  .superRefine((s, ctx) => {
    if (s.USERNAME_SITES_PATH !== undefined && s.USERNAME_SITES_URL !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['USERNAME_SITES_URL'], message: 'set USERNAME_SITES_PATH or USERNAME_SITES_URL, not both' });
    }
  });

export type UsernamePresenceSettings = z.output<typeof usernamePresenceSettings>;

/** DATA_DIR as the engine resolves it. */
export function dataDirOf(settings: UsernamePresenceSettings): string {
  return path.resolve(settings.DATA_DIR);
}
