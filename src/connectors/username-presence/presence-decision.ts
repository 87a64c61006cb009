/**
 * Reads one site's answer into a typed outcome. Positive evidence only: anything that is not a
 * clear "this profile exists" is not `found`. The rules, in the order they apply, are listed in
 * docs/username-presence.md ("Decision rules"); each step below carries its number there.
 */
import { findBlockFingerprint, findRateLimit, findWallRedirect } from './block-fingerprints.ts';
import type { ProbeResponse } from './probe-response.ts';
import type { CheckType, SiteRule } from './site-rule.ts';
import { fill } from './url-template.ts';

export const SITE_OUTCOMES = ['found', 'not_found', 'blocked', 'rate_limited', 'error', 'skipped'] as const;
export type SiteOutcome = (typeof SITE_OUTCOMES)[number];

/** What a `found` rests on, strongest first. */
export type EvidenceKind = 'presence_marker' | 'final_url' | 'no_absence_marker' | 'status_code';

export interface Verdict {
  readonly outcome: SiteOutcome;
  /** Short, human-readable: why this outcome. */
  readonly reason: string;
  /** The marker, status or URL that decided it. */
  readonly matched?: string;
  readonly evidence?: EvidenceKind;
}

const MAX_MATCHED = 200;
const clip = (text: string): string => (text.length > MAX_MATCHED ? `${text.slice(0, MAX_MATCHED)}…` : text);
const is2xx = (status: number): boolean => status >= 200 && status < 300;

/**
 * Decides what one response says about `username` on `rule`'s site.
 *
 * @example
 * decide(rule, { status: 429, headers: {}, requestUrl: u, url: u, redirects: [], text: '' }, 'alice')
 * // { outcome: 'rate_limited', reason: 'status 429', … }
 */
export function decide(rule: SiteRule, response: ProbeResponse, username: string): Verdict {
  const interrupted = findInterruption(rule, response, username);
  if (interrupted) return interrupted;
  let best: Verdict | null = null;
  for (const check of rule.checks) {
    const verdict = CHECKS[check](rule, response, username);
    if (verdict.outcome !== 'found') return verdict;
    if (best === null || rank(verdict) < rank(best)) best = verdict;
  }
  return guardFound(response, username, best!);
}

/** Steps 1-6: answers that say nothing about the username. */
function findInterruption(rule: SiteRule, response: ProbeResponse, username: string): Verdict | null {
  const { text, status } = response;
  for (const marker of rule.errorMarkers) {
    if (text.includes(marker.marker)) return { outcome: marker.outcome, reason: `site error marker: ${marker.reason}`, matched: clip(marker.marker) };
  }
  const activation = rule.activationMarkers.find((m) => text.includes(m));
  if (activation !== undefined) return { outcome: 'blocked', reason: 'the site asks for a token refresh (activation), which is not performed', matched: clip(activation) };
  const rateLimit = findRateLimit(response);
  if (rateLimit !== null) return { outcome: 'rate_limited', reason: rateLimit, matched: rateLimit };
  const fingerprint = findBlockFingerprint(response);
  if (fingerprint !== null) {
    const outcome = fingerprint.kind === 'site_unavailable' ? 'error' : 'blocked';
    return { outcome, reason: `${fingerprint.vendor} ${fingerprint.kind.replace('_', ' ')} page`, matched: fingerprint.id };
  }
  // A redirect to the site's own error URL is its not-found answer, not a wall.
  const wall = landsOnErrorUrl(rule, response, username) ? null : findWallRedirect(response);
  if (wall !== null) return { outcome: 'blocked', reason: wall === 'captcha' ? 'redirected to a captcha' : 'redirected to a login page', matched: response.url };
  if (rule.notFoundStatuses.includes(status)) return null;
  if (status === 403 && !rule.ignore403) return { outcome: 'blocked', reason: 'access denied (status 403)', matched: 'status 403' };
  if (status >= 500) return { outcome: 'error', reason: `server error (status ${status})`, matched: `status ${status}` };
  return null;
}

type Check = (rule: SiteRule, response: ProbeResponse, username: string) => Verdict;

const notFound = (reason: string, matched?: string): Verdict => ({ outcome: 'not_found', reason, ...(matched !== undefined ? { matched: clip(matched) } : {}) });

/** Markers shared by all three checks: any absence marker, or a missing presence marker, says no. */
function markerVerdict(rule: SiteRule, text: string, fallback: Verdict): Verdict {
  const absent = rule.absenceMarkers.find((m) => text.includes(m));
  if (absent !== undefined) return notFound('absence marker present', absent);
  if (rule.presenceMarkers.length === 0) return fallback;
  const present = rule.presenceMarkers.find((m) => text.includes(m));
  if (present === undefined) return notFound('no presence marker');
  return { outcome: 'found', reason: 'presence marker present', matched: clip(present), evidence: 'presence_marker' };
}

const CHECKS: Readonly<Record<CheckType, Check>> = {
  status_code(rule, response) {
    const { status } = response;
    if (rule.notFoundStatuses.includes(status)) return notFound(`status ${status} is the site's not-found status`, `status ${status}`);
    if (!is2xx(status)) return notFound(`status ${status}`, `status ${status}`);
    return markerVerdict(rule, response.text, { outcome: 'found', reason: `status ${status}`, matched: `status ${status}`, evidence: 'status_code' });
  },
  message(rule, response) {
    const { status } = response;
    const absent = rule.absenceMarkers.find((m) => response.text.includes(m));
    if (absent !== undefined) return notFound('absence marker present', absent);
    // XenForo-style sites answer 403 with a "log in to view" page for members that exist.
    if (!is2xx(status) && !(status === 403 && rule.ignore403)) return notFound(`status ${status}`, `status ${status}`);
    if (response.text.trim() === '') return notFound('empty body');
    return markerVerdict(rule, response.text, { outcome: 'found', reason: 'no absence marker', matched: 'no absence marker', evidence: 'no_absence_marker' });
  },
  response_url(rule, response, username) {
    if (landsOnErrorUrl(rule, response, username)) return notFound('redirected to the error URL', response.url);
    if (response.redirects.length > 0 && !isSamePage(response.requestUrl, response.url, username)) return notFound('redirected away from the profile', response.url);
    if (!is2xx(response.status)) return notFound(`status ${response.status}`, `status ${response.status}`);
    return markerVerdict(rule, response.text, { outcome: 'found', reason: 'answered at the profile URL', matched: response.url, evidence: 'final_url' });
  },
};

/** Step 8: a weak `found` that was redirected away from a URL naming the user is a soft 404. */
function guardFound(response: ProbeResponse, username: string, verdict: Verdict): Verdict {
  if (verdict.evidence === 'presence_marker' || response.redirects.length === 0) return verdict;
  const asked = usernamePlaces(response.requestUrl, username);
  if (!asked.path && !asked.query) return verdict;
  if (!keepsUsername(asked, usernamePlaces(response.url, username))) return notFound('redirected to a page that no longer names the user', response.url);
  return verdict;
}

const EVIDENCE_RANK: Readonly<Record<EvidenceKind, number>> = { presence_marker: 0, final_url: 1, no_absence_marker: 2, status_code: 3 };
const rank = (verdict: Verdict): number => EVIDENCE_RANK[verdict.evidence ?? 'status_code'];

interface UsernamePlaces {
  readonly path: boolean;
  readonly query: boolean;
}

/** Where the username appears in a URL (host and path together, or query), decoded, case-folded. */
export function usernamePlaces(url: string, username: string): UsernamePlaces {
  const needles = [username.toLowerCase(), encodeURIComponent(username).toLowerCase()];
  const has = (text: string): boolean => {
    const lower = text.toLowerCase();
    let decoded = lower;
    try {
      decoded = decodeURIComponent(lower.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: compare the raw text.
    }
    return needles.some((n) => lower.includes(n) || decoded.includes(n));
  };
  try {
    const u = new URL(url);
    return { path: has(`${u.host}${u.pathname}`), query: has(u.search) };
  } catch {
    return { path: has(url), query: false };
  }
}

/** The landing URL names the user where the asked URL did (a search page `?q=alice` does not keep a profile path). */
function keepsUsername(asked: UsernamePlaces, landed: UsernamePlaces): boolean {
  return asked.path ? landed.path : landed.query || landed.path;
}

/**
 * Same page modulo scheme, `www.`, case, trailing slash: `http://x.com/Alice` and
 * `https://www.x.com/alice/` are one profile; `https://x.com/` is not.
 */
export function isSamePage(asked: string, landed: string, username: string): boolean {
  const a = comparable(asked);
  const b = comparable(landed);
  if (a === null || b === null) return false;
  if (a.host !== b.host) return false;
  return a.rest === b.rest || keepsUsername(usernamePlaces(asked, username), usernamePlaces(landed, username));
}

function comparable(url: string): { host: string; rest: string } | null {
  try {
    const u = new URL(url);
    let path = u.pathname.toLowerCase();
    while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    return { host: u.host.toLowerCase().replace(/^www\./, ''), rest: `${path}${u.search.toLowerCase()}` };
  } catch {
    return null;
  }
}

/** The answer was redirected to the site's declared not-found page (`errorUrl`). */
function landsOnErrorUrl(rule: SiteRule, response: ProbeResponse, username: string): boolean {
  if (rule.errorUrl === null || response.redirects.length === 0) return false;
  return matchesErrorUrl(response.url, fill(rule.errorUrl, encodeURIComponent(username)), response.requestUrl);
}

/**
 * `errorUrl` with a scheme is compared as a page (see isSamePage); a schemeless one
 * (`wordpress.com/typo/?subdomain=`) as a substring. An errorUrl equal to the page asked for
 * (Quora's in Maigret) would call every profile missing, so it is ignored.
 */
function matchesErrorUrl(landed: string, errorUrl: string, asked: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(errorUrl)) return landed.toLowerCase().includes(errorUrl.toLowerCase());
  const target = comparable(errorUrl);
  const at = comparable(landed);
  const askedPage = comparable(asked);
  if (target === null || at === null) return false;
  if (askedPage !== null && askedPage.host === target.host && askedPage.rest === target.rest) return false;
  return at.host === target.host && at.rest === target.rest;
}
