import { z } from 'zod';
import { isHttpUrl } from '../sdk.ts';

/**
 * Settings particular to the web connectors; the common fields (URLs, numbers, booleans,
 * lists) come from the SDK.
 */

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
