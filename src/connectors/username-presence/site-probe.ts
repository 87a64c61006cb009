/**
 * Turns a rule and a username into the HTTP request to make, or into the reason no request
 * should be made (`skipped`): a username the site's pattern rejects, or one that cannot be
 * placed in the URL safely.
 */
import { isUsernameAllowed } from './control-username.ts';
import type { HttpMethod, SiteRule } from './site-rule.ts';
import { renderPayload, renderUrl } from './url-template.ts';

export interface ProbePlan {
  readonly url: string;
  /** The page a person would open; `profile_url` of a finding. */
  readonly profileUrl: string;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type PlannedProbe = { readonly ok: true; readonly plan: ProbePlan } | { readonly ok: false; readonly reason: string };

// Set by the HTTP client or meaningless per site; a catalogue cannot override them.
const DROPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-authorization', 'proxy-connection']);

const BASE_HEADERS: Readonly<Record<string, string>> = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.7',
  'accept-language': 'en-US,en;q=0.9',
};

/**
 * Plans the probe request for `username` on `rule`'s site.
 *
 * @example
 * planProbe(githubRule, 'alice', 'Mozilla/5.0 …') // { ok: true, plan: { url: 'https://github.com/alice', … } }
 */
export function planProbe(rule: SiteRule, username: string, userAgent: string): PlannedProbe {
  if (!isUsernameAllowed(rule, username)) return { ok: false, reason: "the username does not fit the site's username pattern" };
  const profile = renderUrl(rule.profileUrl, username);
  if (!profile.ok) return { ok: false, reason: profile.reason };
  const probe = rule.probeUrl ? renderUrl(rule.probeUrl, username) : profile;
  if (!probe.ok) return { ok: false, reason: probe.reason };
  const headers: Record<string, string> = { ...BASE_HEADERS, 'user-agent': userAgent };
  for (const [name, value] of Object.entries(rule.headers)) {
    const lower = name.toLowerCase();
    if (!DROPPED_HEADERS.has(lower) && isHeaderValueSafe(value)) headers[lower] = value;
  }
  const plan: ProbePlan = { url: probe.url, profileUrl: profile.url, method: rule.method, headers };
  if (rule.payload === null) return { ok: true, plan };
  headers['content-type'] ??= 'application/json';
  return { ok: true, plan: { ...plan, body: renderPayload(rule.payload, username) } };
}

/** Header values go on the wire as they are: no CR, LF or NUL (header injection). */
function isHeaderValueSafe(value: string): boolean {
  return !/[\r\n\0]/.test(value);
}

/** The key the per-host limit counts by: the probe's host (with port), or the site name. */
export function hostKeyOf(plan: PlannedProbe, rule: SiteRule): string {
  if (!plan.ok) return `site:${rule.name}`;
  try {
    return new URL(plan.plan.url).host;
  } catch {
    return `site:${rule.name}`;
  }
}
