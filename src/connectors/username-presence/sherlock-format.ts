/**
 * Sherlock's manifest (sherlock-project/sherlock, MIT): one object whose keys are site names
 * (plus `$schema`). The per-site keys are those of Sherlock's `data.schema.json`, plus
 * `username_unclaimed` from its older manifests; anything else fails that site.
 */
import { z } from 'zod';
import {
  issueText,
  markers,
  requestCarriesUsername,
  type SiteNormalization,
  skip,
  translateRegexCheck,
  tryTemplate,
} from './site-normalization.ts';
import type { CheckType, HttpMethod, SiteRule, Template } from './site-rule.ts';
import { parseSherlockTemplate, payloadTemplate } from './url-template.ts';

const errorTypeSchema = z.enum(['status_code', 'message', 'response_url']);
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

export const sherlockSiteSchema = z.strictObject({
  url: z.string(),
  urlMain: z.string(),
  urlProbe: z.string().optional(),
  errorType: oneOrMany(errorTypeSchema),
  errorMsg: oneOrMany(z.string()).optional(),
  errorCode: oneOrMany(z.number().int().min(100).max(599)).optional(),
  errorUrl: z.string().optional(),
  regexCheck: z.string().optional(),
  request_method: z.enum(['GET', 'HEAD', 'POST', 'PUT']).optional(),
  request_payload: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  username_claimed: z.string(),
  username_unclaimed: z.string().optional(),
  isNSFW: z.boolean().optional(),
  tags: oneOrMany(z.string()).optional(),
  __comment__: z.string().optional(),
});
export type SherlockSite = z.infer<typeof sherlockSiteSchema>;

/** Sherlock documents are a flat map; Maigret documents carry a `sites` object. */
export function isSherlockDocument(doc: unknown): doc is Record<string, unknown> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || 'sites' in doc) return false;
  return Object.entries(doc).some(([key, value]) => key !== '$schema' && value !== null && typeof value === 'object');
}

const list = <T>(value: T | readonly T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? [...(value as T[])] : [value as T]);

/** Normalises one Sherlock site into a `SiteRule`. */
export function normalizeSherlockSite(name: string, raw: unknown): SiteNormalization {
  const parsed = sherlockSiteSchema.safeParse(raw);
  if (!parsed.success) return skip('invalid', issueText(parsed.error.issues));
  const site = parsed.data;
  const checks = [...new Set(list<CheckType>(site.errorType))];
  const absence = markers(list(site.errorMsg));
  if (checks.includes('message') && absence.length === 0) return skip('no_markers', 'message check without errorMsg');
  const templates = tryTemplate(() => templatesOf(site));
  if (!templates.ok) return templates.skip;
  const { profileUrl, probeUrl, errorUrl, payload } = templates.value;
  if (!requestCarriesUsername(probeUrl ?? profileUrl, payload)) return skip('no_username_slot', 'the request does not carry the username');
  const pattern = translateRegexCheck(site.regexCheck);
  if (!pattern.ok) return pattern.skip;
  const rule: SiteRule = {
    name,
    format: 'sherlock',
    profileUrl,
    probeUrl,
    mainUrl: site.urlMain,
    method: methodOf(site),
    headers: { ...site.headers },
    payload,
    checks,
    presenceMarkers: [],
    absenceMarkers: absence,
    notFoundStatuses: list(site.errorCode),
    errorUrl,
    errorMarkers: [],
    activationMarkers: [],
    usernamePattern: pattern.value,
    ignore403: false,
    similarSearch: false,
    encoding: null,
    tags: [...new Set([...list(site.tags), ...(site.isNSFW ? ['nsfw'] : [])])],
    protection: [],
    // Sherlock has no traffic rank; its file order stands in, after every ranked site.
    rank: null,
    disabled: false,
    claimedUsername: site.username_claimed || null,
    unclaimedUsername: site.username_unclaimed || null,
    engine: null,
  };
  return { ok: true, rule, warnings: [] };
}

function templatesOf(site: SherlockSite): { profileUrl: Template; probeUrl: Template | null; errorUrl: Template | null; payload: Template | null } {
  const sendsBody = site.request_method === 'POST' || site.request_method === 'PUT';
  return {
    profileUrl: parseSherlockTemplate(site.url),
    probeUrl: site.urlProbe !== undefined ? parseSherlockTemplate(site.urlProbe) : null,
    errorUrl: site.errorUrl !== undefined ? parseSherlockTemplate(site.errorUrl) : null,
    payload: sendsBody && site.request_payload !== undefined && site.request_payload !== null ? payloadTemplate(site.request_payload, parseSherlockTemplate) : null,
  };
}

function methodOf(site: SherlockSite): HttpMethod {
  // Sherlock sends HEAD for status_code checks by default; we send GET so block pages and
  // soft-404 bodies can be read (see docs/username-presence.md, "Requests").
  return site.request_method ?? 'GET';
}
