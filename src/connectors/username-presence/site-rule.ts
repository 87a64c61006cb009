/**
 * The one internal rule format both catalogue formats (Maigret, Sherlock) are normalised into.
 * The checker, the sweep, the self-check and the fake only ever see `SiteRule`s, so a detection
 * method is implemented once whatever file it came from.
 */
import { z } from 'zod';

/** A detection method. A rule lists one or more; every one must say "found" (Sherlock's list form). */
export const CHECK_TYPES = ['status_code', 'message', 'response_url'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * A text with username slots: the username goes between consecutive parts
 * (`['https://x.com/', '']` renders `https://x.com/alice`). A plain string cannot carry this
 * safely, because a catalogue's literal text may contain anything we would pick as a marker.
 */
export const templateSchema = z.array(z.string()).min(1).readonly();
export type Template = z.infer<typeof templateSchema>;

/** How a site-specific `errors` marker is read (see `classifyErrorReason`). */
export const MARKER_OUTCOMES = ['blocked', 'rate_limited', 'skipped', 'error'] as const;
export type MarkerOutcome = (typeof MARKER_OUTCOMES)[number];

const errorMarkerSchema = z.strictObject({
  marker: z.string().min(1),
  reason: z.string(),
  outcome: z.enum(MARKER_OUTCOMES),
});
export type ErrorMarker = z.infer<typeof errorMarkerSchema>;

/** Strict: a normaliser that forgets or invents a field fails here, not in the checker. */
export const siteRuleSchema = z.strictObject({
  name: z.string().min(1),
  format: z.enum(['maigret', 'sherlock']),
  /** The page a person would open; becomes `profile_url`. */
  profileUrl: templateSchema,
  /** Where the check is made when it differs from the profile page (an API, `urlProbe`). */
  probeUrl: templateSchema.nullable(),
  mainUrl: z.string().nullable(),
  method: z.enum(HTTP_METHODS),
  headers: z.record(z.string(), z.string()),
  /** JSON text of the request body, with username slots inside its string values. */
  payload: templateSchema.nullable(),
  checks: z.array(z.enum(CHECK_TYPES)).min(1),
  presenceMarkers: z.array(z.string().min(1)),
  absenceMarkers: z.array(z.string().min(1)),
  /** Statuses that mean "no such user" (Sherlock `errorCode`). */
  notFoundStatuses: z.array(z.number().int().min(100).max(599)),
  /** Where a missing user is sent (`errorUrl`); schemeless values match as a substring. */
  errorUrl: templateSchema.nullable(),
  errorMarkers: z.array(errorMarkerSchema),
  /** Maigret `activation.marks`: the page asks for a token refresh we do not perform. */
  activationMarkers: z.array(z.string().min(1)),
  /** JavaScript source of the site's username pattern, already translated from Python. */
  usernamePattern: z.object({ source: z.string(), flags: z.string() }).nullable(),
  ignore403: z.boolean(),
  /** The site answers with similar names (a search), not an exact profile. */
  similarSearch: z.boolean(),
  /** Body charset forced by the catalogue (Maigret `encoding`), else the Content-Type one. */
  encoding: z.string().nullable(),
  tags: z.array(z.string()),
  /** Maigret `protection` labels (tls_fingerprint, cf_js_challenge …). */
  protection: z.array(z.string()),
  /** Traffic rank (Maigret `alexaRank`); null sorts last. */
  rank: z.number().int().positive().nullable(),
  disabled: z.boolean(),
  claimedUsername: z.string().min(1).nullable(),
  unclaimedUsername: z.string().min(1).nullable(),
  engine: z.string().nullable(),
});
export type SiteRule = z.infer<typeof siteRuleSchema>;

/**
 * Reads a Maigret `errors` reason into an outcome. The reason is free text written by site
 * maintainers ("Login required", "Rate limited", "Invalid username length"), so the reading is
 * by keywords; anything unrecognised stays an `error`, never a `found`.
 *
 * @example
 * classifyErrorReason('Rate limited') // 'rate_limited'
 */
export function classifyErrorReason(reason: string): MarkerOutcome {
  if (/rate.?limit|too many/i.test(reason)) return 'rate_limited';
  if (/invalid|not allowed|illegal|unsupported username/i.test(reason)) return 'skipped';
  if (/captcha|bot|block|denied|forbidden|login|auth|session|token|verif|protect|challenge|censor|restrict/i.test(reason)) return 'blocked';
  return 'error';
}

/** True when a found answer rests on a positive marker rather than on the absence of one. */
export function hasPositiveEvidence(rule: SiteRule): boolean {
  return rule.presenceMarkers.length > 0;
}
