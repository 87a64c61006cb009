import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide } from './presence-decision.ts';
import type { ProbeResponse } from './probe-response.ts';
import { classifyErrorReason, type SiteRule } from './site-rule.ts';

const URL_OF = 'https://site.example/u/alice';

function rule(overrides: Partial<SiteRule> = {}): SiteRule {
  return {
    name: 'Site',
    format: 'maigret',
    profileUrl: ['https://site.example/u/', ''],
    probeUrl: null,
    mainUrl: 'https://site.example/',
    method: 'GET',
    headers: {},
    payload: null,
    checks: ['status_code'],
    presenceMarkers: [],
    absenceMarkers: [],
    notFoundStatuses: [],
    errorUrl: null,
    errorMarkers: [],
    activationMarkers: [],
    usernamePattern: null,
    ignore403: false,
    similarSearch: false,
    encoding: null,
    tags: [],
    protection: [],
    rank: null,
    disabled: false,
    claimedUsername: 'alice',
    unclaimedUsername: null,
    engine: null,
    ...overrides,
  };
}

function answer(overrides: Partial<ProbeResponse> = {}): ProbeResponse {
  return { status: 200, headers: {}, requestUrl: URL_OF, url: URL_OF, redirects: [], text: '<html>profile of alice</html>', ...overrides };
}

const outcome = (r: SiteRule, a: ProbeResponse): string => decide(r, a, 'alice').outcome;

describe('status_code checks', () => {
  it('reads 2xx as found and anything else as not found', () => {
    assert.equal(outcome(rule(), answer()), 'found');
    assert.equal(outcome(rule(), answer({ status: 404 })), 'not_found');
    assert.equal(outcome(rule(), answer({ status: 301 })), 'not_found');
  });
  it("honours the site's own not-found statuses, even 2xx ones", () => {
    assert.equal(outcome(rule({ notFoundStatuses: [204] }), answer({ status: 204 })), 'not_found');
  });
  it('reads a redirect to a page that no longer names the user (home page) as not found', () => {
    const home = answer({ url: 'https://site.example/', redirects: [URL_OF] });
    const verdict = decide(rule(), home, 'alice');
    assert.equal(verdict.outcome, 'not_found');
    assert.match(verdict.reason, /no longer names the user/);
  });
  it('accepts a canonicalising redirect that keeps the user in the path', () => {
    assert.equal(outcome(rule(), answer({ url: 'https://www.site.example/u/Alice/', redirects: [URL_OF] })), 'found');
  });
  it('does not accept a redirect to a search page that only has the name in the query', () => {
    assert.equal(outcome(rule(), answer({ url: 'https://site.example/search?q=alice', redirects: [URL_OF] })), 'not_found');
  });
});

describe('message checks', () => {
  const absenceOnly = rule({ checks: ['message'], absenceMarkers: ['User not found'] });
  const both = rule({ checks: ['message'], absenceMarkers: ['User not found'], presenceMarkers: ['class="profile"'] });
  it('needs the absence markers absent', () => {
    assert.equal(outcome(absenceOnly, answer()), 'found');
    assert.equal(outcome(absenceOnly, answer({ text: 'Sorry. User not found.' })), 'not_found');
  });
  it('needs a presence marker when the site defines them', () => {
    assert.equal(outcome(both, answer()), 'not_found');
    const hit = decide(both, answer({ text: '<div class="profile">alice</div>' }), 'alice');
    assert.equal(hit.outcome, 'found');
    assert.equal(hit.evidence, 'presence_marker');
    assert.equal(hit.matched, 'class="profile"');
  });
  it('lets an absence marker win over a presence marker', () => {
    assert.equal(outcome(both, answer({ text: '<div class="profile">User not found</div>' })), 'not_found');
  });
  it('does not read an error status or an empty body as found (soft 404s)', () => {
    assert.equal(outcome(absenceOnly, answer({ status: 404 })), 'not_found');
    assert.equal(outcome(absenceOnly, answer({ text: '   ' })), 'not_found');
  });
  it('accepts a 403 "log in to view" member page only where the site says so (ignore403)', () => {
    const xenforo = rule({ checks: ['message'], presenceMarkers: ['You must be logged-in to do that.'], absenceMarkers: ['cannot be found'], ignore403: true });
    assert.equal(outcome(xenforo, answer({ status: 403, text: 'You must be logged-in to do that.' })), 'found');
    assert.equal(outcome({ ...xenforo, ignore403: false }, answer({ status: 403, text: 'You must be logged-in to do that.' })), 'blocked');
  });
});

describe('response_url checks', () => {
  const redirecting = rule({ checks: ['response_url'], errorUrl: ['https://site.example/404'] });
  it('is found when the profile URL answers 2xx itself', () => {
    assert.equal(outcome(redirecting, answer()), 'found');
  });
  it("is not found when redirected to the site's error URL", () => {
    const verdict = decide(redirecting, answer({ url: 'https://site.example/404', redirects: [URL_OF] }), 'alice');
    assert.deepEqual([verdict.outcome, verdict.reason], ['not_found', 'redirected to the error URL']);
  });
  it('is not found when redirected anywhere else (home page)', () => {
    assert.equal(outcome(redirecting, answer({ url: 'https://site.example/', redirects: [URL_OF] })), 'not_found');
  });
  it('ignores an error URL equal to the profile URL (it would call every profile missing)', () => {
    const quora = rule({ checks: ['response_url'], errorUrl: ['https://site.example/u/', ''] });
    assert.equal(outcome(quora, answer({ url: URL_OF, redirects: ['https://site.example/u/alice?x'] })), 'found');
  });
  it('matches a schemeless error URL as a substring', () => {
    const wp = rule({ checks: ['response_url'], errorUrl: ['site.example/typo/?subdomain='] });
    assert.equal(outcome(wp, answer({ url: 'https://site.example/typo/?subdomain=alice', redirects: [URL_OF] })), 'not_found');
  });
});

describe('combined checks (Sherlock errorType list)', () => {
  it('needs every check to say found', () => {
    const r = rule({ checks: ['message', 'status_code'], absenceMarkers: ['gone'] });
    assert.equal(outcome(r, answer()), 'found');
    assert.equal(outcome(r, answer({ status: 404 })), 'not_found');
    assert.equal(outcome(r, answer({ text: 'gone' })), 'not_found');
  });
});

describe('blocks, rate limits and errors are never found', () => {
  const strong = rule({ checks: ['message'], presenceMarkers: ['class="profile"'] });
  const profile = '<div class="profile">alice</div>';
  const cases: [string, Partial<ProbeResponse>, string][] = [
    ['Cloudflare challenge over a profile', { text: `<title>Just a moment...</title>${profile}` }, 'blocked'],
    ['Cloudflare challenge header', { headers: { 'cf-mitigated': 'challenge' }, text: profile }, 'blocked'],
    ['Akamai denial', { status: 403, headers: { server: 'AkamaiGHost' }, text: 'Access Denied' }, 'blocked'],
    ['DDoS-Guard page with 200', { text: `<title>DDoS-Guard</title>${profile}` }, 'blocked'],
    ['Google captcha', { text: `Our systems have detected unusual traffic from your computer network ${profile}` }, 'blocked'],
    ['plain 403', { status: 403, text: profile }, 'blocked'],
    ['redirect to a login page', { url: 'https://site.example/login?next=/u/alice', redirects: [URL_OF], text: profile }, 'blocked'],
    ['429', { status: 429, text: profile }, 'rate_limited'],
    ['503 with Retry-After', { status: 503, headers: { 'retry-after': '30' } }, 'rate_limited'],
    ['rate-limit sentence on an error page', { status: 400, text: 'Rate limit exceeded, slow down' }, 'rate_limited'],
    ['500', { status: 500, text: profile }, 'error'],
  ];
  for (const [name, response, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(outcome(strong, answer(response)), expected));
  }
  it('does not call a 2xx page that talks about rate limits rate-limited', () => {
    assert.equal(outcome(strong, answer({ text: `${profile} my post about rate limit exceeded errors` })), 'found');
  });
  it("reads the site's own error markers by their reason", () => {
    const r = rule({ checks: ['message'], presenceMarkers: ['class="profile"'], errorMarkers: [{ marker: 'Please wait a few minutes', reason: 'Rate limited', outcome: classifyErrorReason('Rate limited') }] });
    assert.equal(outcome(r, answer({ text: `${profile} Please wait a few minutes` })), 'rate_limited');
    assert.equal(classifyErrorReason('Login required'), 'blocked');
    assert.equal(classifyErrorReason('Captcha detected'), 'blocked');
    assert.equal(classifyErrorReason('Invalid username length'), 'skipped');
    assert.equal(classifyErrorReason('Site is down'), 'error');
  });
  it('reads an activation (token refresh) page as blocked', () => {
    const r = rule({ checks: ['message'], presenceMarkers: ['class="profile"'], activationMarkers: ['Bad guest token'] });
    assert.equal(outcome(r, answer({ text: `${profile} Bad guest token` })), 'blocked');
  });
});
