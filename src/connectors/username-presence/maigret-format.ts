/**
 * Maigret's `data.json` (soxoj/maigret, MIT): `{ sites, engines, tags }`. Every key a site or
 * an engine may carry is listed here, and nothing else is accepted: Maigret itself takes any
 * key (STYLE.md notes its 584 `presenseStrs` beside 13 `presenceStrs`), so a typo there
 * silently disables a marker; here it fails that one site, loudly.
 */
import { z } from 'zod';

const strings = z.array(z.string());
const stringMap = z.record(z.string(), z.string());

/** Maigret `activation`: a method-specific token refresh; the keys are those of its methods. */
const activationSchema = z.strictObject({
  method: z.string(),
  marks: strings,
  url: z.string().optional(),
  src: z.string().optional(),
  dst: z.string().optional(),
  static_param: z.string().optional(),
  format: z.string().optional(),
  checksum_indexes: z.array(z.number()).optional(),
  checksum_constant: z.number().optional(),
  app_token: z.string().optional(),
});

/** The fields a site and an engine preset share (an engine's `site` is a partial site). */
const siteFields = {
  url: z.string().optional(),
  urlMain: z.string().optional(),
  urlSubpath: z.string().optional(),
  urlProbe: z.string().optional(),
  errorUrl: z.string().optional(),
  checkType: z.enum(['message', 'status_code', 'response_url']).optional(),
  presenseStrs: strings.optional(),
  presenceStrs: strings.optional(),
  absenceStrs: strings.optional(),
  errors: stringMap.optional(),
  headers: stringMap.optional(),
  getParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  regexCheck: z.string().optional(),
  requestMethod: z.enum(['GET', 'HEAD', 'POST', 'PUT']).optional(),
  requestPayload: z.unknown().optional(),
  requestHeadOnly: z.boolean().optional(),
  ignore403: z.boolean().optional(),
  similarSearch: z.boolean().optional(),
  activation: activationSchema.optional(),
  encoding: z.string().optional(),
  protection: strings.optional(),
  protocol: z.string().optional(),
  type: z.string().optional(),
  tags: strings.optional(),
  alexaRank: z.number().int().optional(),
  disabled: z.boolean().optional(),
  usernameClaimed: z.string().optional(),
  usernameUnclaimed: z.string().optional(),
  source: z.string().optional(),
  mirrors: strings.optional(),
  // Sic: Maigret's own spelling, used only to extract usernames from URLs.
  caseSentitive: z.boolean().optional(),
};

export const maigretSiteSchema = z.strictObject({ ...siteFields, engine: z.string().optional() });
export type MaigretSite = z.infer<typeof maigretSiteSchema>;

export const maigretEngineSchema = z.strictObject({
  name: z.string().optional(),
  site: z.strictObject(siteFields),
  // Markers of the engine's main page, which Maigret uses to recognise the engine of a new
  // site. They are kept for validation only: a profile check never reads them.
  presenseStrs: strings.optional(),
  presenceStrs: strings.optional(),
});
export type MaigretEngine = z.infer<typeof maigretEngineSchema>;

/** The document shape; sites and engines are checked one by one so one bad site fails alone. */
export const maigretDocumentSchema = z.strictObject({
  sites: z.record(z.string(), z.unknown()),
  engines: z.record(z.string(), z.unknown()).optional(),
  tags: strings.optional(),
});

export function isMaigretDocument(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && 'sites' in doc && !Array.isArray(doc);
}

export interface MergeResult {
  readonly site: MaigretSite;
  /** One line per site value an engine preset replaced. */
  readonly overrides: readonly string[];
}

/**
 * Merges an engine preset into a site the way Maigret's `update_from_engine` does: lists are
 * concatenated (site first), maps are merged, and a scalar of the preset replaces the site's.
 * Unlike Maigret, every replacement of a different site value is reported.
 *
 * @example
 * mergeEngine({ checkType: 'status_code' }, { site: { checkType: 'message' } }).overrides
 * // ['checkType: "status_code" replaced by engine value "message"']
 */
export function mergeEngine(site: MaigretSite, engine: MaigretEngine): MergeResult {
  const merged: Record<string, unknown> = { ...site };
  const overrides: string[] = [];
  for (const [key, value] of Object.entries(engine.site)) {
    const own = merged[key];
    if (Array.isArray(value)) merged[key] = [...(Array.isArray(own) ? own : []), ...value];
    else if (value !== null && typeof value === 'object') {
      const ownMap = (own ?? {}) as Record<string, unknown>;
      for (const [entry, entryValue] of Object.entries(value)) {
        if (entry in ownMap && ownMap[entry] !== entryValue) overrides.push(`${key}.${entry}: replaced by engine value ${JSON.stringify(entryValue)}`);
      }
      merged[key] = { ...ownMap, ...value };
    } else {
      if (own !== undefined && own !== value) overrides.push(`${key}: ${JSON.stringify(own)} replaced by engine value ${JSON.stringify(value)}`);
      merged[key] = value;
    }
  }
  return { site: merged as MaigretSite, overrides };
}
