/**
 * Test support for the fake sites: the pages a site serves, built from that site's own
 * detection rules, as the real site would answer: a claimed profile shows its presence markers
 * and none of its absence markers; an unclaimed one answers with the site's not-found status,
 * absence markers, or a redirect (to its error URL, or to its home page: the soft 404 that
 * catches checkers following redirects blindly). Block pages reproduce the markup of the
 * vendors' real challenge and denial pages (not our fingerprint list), so the detector is
 * tested against what it will meet.
 */
import type { SiteRule } from './site-rule.ts';
import { fill } from './url-template.ts';

export interface FakePage {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const HTML = { 'content-type': 'text/html; charset=utf-8' };

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A stable small hash of a site name, to vary pages across sites deterministically. */
export function siteHash(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The profile page of an existing user: the presence markers and the name, and nothing the
 * site's rules read as "missing" or "blocked" (a presence marker that contains such a marker
 * is left out, and so is the HTML wrapper when a site counts `<body>` as an absence marker).
 */
export function claimedPage(rules: readonly SiteRule[], username: string): FakePage {
  const forbidden = [...new Set(rules.flatMap((r) => [...r.absenceMarkers, ...r.errorMarkers.map((m) => m.marker), ...r.activationMarkers]))];
  const clean = (text: string): boolean => !forbidden.some((f) => text.includes(f));
  const presence = [...new Set(rules.flatMap((r) => r.presenceMarkers))].filter(clean);
  const notFound = new Set(rules.flatMap((r) => r.notFoundStatuses));
  const status = [200, 201, 202, 203].find((s) => !notFound.has(s)) ?? 200;
  const inner = `${presence.join('\n')}\n<span class="handle">${escape(username)}</span>\n`;
  const wrapped = `<html><body>\n${inner}</body></html>\n`;
  return { status, headers: HTML, body: clean(wrapped) ? wrapped : inner };
}

/**
 * The answer for a user that does not exist. `homeUrl` and `errorUrl` are loopback URLs the
 * fake also serves; `softRedirect` turns a status-code site's 404 into a redirect home.
 */
export function unclaimedAnswer(rules: readonly SiteRule[], username: string, softRedirect: boolean): FakePage {
  const checks = new Set(rules.flatMap((r) => r.checks));
  const rule = rules[0]!;
  if (checks.has('response_url')) {
    const target = rule.errorUrl ? absolute(fill(rule.errorUrl, encodeURIComponent(username))) : homeOf(rule);
    return redirect(target);
  }
  if (checks.has('status_code') && softRedirect) return redirect(homeOf(rule));
  const absence = [...new Set(rules.flatMap((r) => r.absenceMarkers))];
  const status = checks.has('status_code') ? (rule.notFoundStatuses[0] ?? 404) : 200;
  const body = `<html><body>\n${absence.join('\n')}\n<p>${escape(username)}</p>\n</body></html>\n`;
  return { status, headers: HTML, body };
}

/** Any page that is not a profile probe: home pages, error pages, redirect targets. */
export function homePage(): FakePage {
  return { status: 200, headers: HTML, body: '<html><body><h1>Welcome</h1><p>Sign up today.</p></body></html>\n' };
}

export function rateLimitPage(): FakePage {
  return { status: 429, headers: { ...HTML, 'retry-after': '60' }, body: '<html><body><h1>429 Too Many Requests</h1></body></html>\n' };
}

export function serverErrorPage(): FakePage {
  return { status: 500, headers: HTML, body: '<html><body><h1>Internal Server Error</h1></body></html>\n' };
}

/** A vendor's block page, chosen by site so every vendor appears across a catalogue. */
export function blockPage(site: string): FakePage {
  const pages = BLOCK_PAGES;
  return pages[siteHash(site) % pages.length]!;
}

/**
 * A captcha interstitial served with status 200 *around* the real profile markup: the case a
 * presence-marker checker reads as found. Must come out `blocked`.
 */
export function captchaOverProfile(rules: readonly SiteRule[], username: string, site: string): FakePage {
  const profile = claimedPage(rules, username);
  const captcha =
    siteHash(site) % 2 === 0
      ? '<div id="infoDiv">Our systems have detected unusual traffic from your computer network. This page checks to see if it\'s really you sending the requests, and not a robot.</div>'
      : '<div class="main-content"><h1 class="zone-name-title h1">example.com</h1><p class="h2 spacer-bottom">Verify you are human by completing the action below.</p></div>';
  const body = profile.body.includes('<body>') ? profile.body.replace('<body>', `<body>\n${captcha}`) : `${captcha}\n${profile.body}`;
  return { status: 200, headers: HTML, body };
}

const BLOCK_PAGES: readonly FakePage[] = [
  {
    status: 403,
    headers: { ...HTML, server: 'cloudflare', 'cf-mitigated': 'challenge', 'cf-ray': '8f1e2d3c4b5a6978-AMS' },
    body: '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: \'3\',cZone: "example.com",cType: \'managed\'};}());</script></body></html>',
  },
  {
    status: 403,
    headers: { ...HTML, server: 'cloudflare' },
    body: '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper"><h1 data-translate="block_headline">Sorry, you have been blocked</h1><h2 class="cf-subheadline"><span data-translate="unable_to_access">You are unable to access</span> example.com</h2><p>This website is using a security service to protect itself from online attacks.</p></div></div></body></html>',
  },
  {
    status: 403,
    headers: { ...HTML, server: 'AkamaiGHost' },
    body: '<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don\'t have permission to access "http&#58;&#47;&#47;www&#46;example&#46;com&#47;" on this server.<P>\nReference&#32;&#35;18&#46;2f1e1002&#46;1732530000&#46;5a6b7c8d\n<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;2f1e1002\n</BODY>\n</HTML>\n',
  },
  {
    status: 403,
    headers: { ...HTML, server: 'ddos-guard' },
    body: '<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body><div id="ddg-l"><h1>Checking your browser before accessing example.com</h1></div><script src="/.well-known/ddos-guard/check?context=free_splash"></script></body></html>',
  },
  {
    status: 403,
    headers: HTML,
    body: '<html style="height:100%"><head><META NAME="ROBOTS" CONTENT="NOINDEX, NOFOLLOW"></head><body style="margin:0px;height:100%"><iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=23&xinfo=8-12690372-0%200NNN%20RT%281732530000%20127%29&incident_id=1234000980000000000-1234567890123456&edet=22" frameborder=0 width="100%" height="100%">Request unsuccessful. Incapsula incident ID: 1234000980000000000-1234567890123456</iframe></body></html>',
  },
  {
    status: 403,
    headers: HTML,
    body: '<!DOCTYPE html><html lang="en"><head><title>Access to this page has been denied</title></head><body><div class="px-captcha-container"><div class="px-captcha-header">Before we continue...</div><div class="px-captcha-message">Press &amp; Hold to confirm you are<br>a human (and not a bot).</div><div id="px-captcha"></div></div></body></html>',
  },
  {
    status: 405,
    headers: { ...HTML, 'x-amzn-waf-action': 'captcha' },
    body: '<!DOCTYPE html><html lang="en"><head><title></title><script>window.awsWafCookieDomainList = [];window.gokuProps = {"key":"AQIDAHjcYu/GjX+QlghicBg","iv":"D549pgAAAAAAAA","context":"x"};</script><script src="https://example.token.awswaf.com/example/challenge.js"></script></head><body><div id="captcha-container"></div><script>AwsWafIntegration.forceRefreshToken().then(() => window.location.reload(true));</script></body></html>',
  },
  {
    status: 403,
    headers: { ...HTML, 'x-datadome': 'protected', 'x-dd-b': '1' },
    body: '<html><head><title>example.com</title><style>#cmsg{animation: A 1.5s;}</style></head><body style="margin:0"><p id="cmsg">Please enable JS and disable any ad blocker</p><script data-cfasync="false">var dd={\'rt\':\'c\',\'cid\':\'AHrlqAAAAAMA\',\'hsh\':\'2211F522B61E269B869FA6EAFFB5E1\',\'t\':\'bv\',\'host\':\'geo.captcha-delivery.com\'}</script><script data-cfasync="false" src="https://ct.captcha-delivery.com/c.js"></script></body></html>',
  },
];

function redirect(location: string): FakePage {
  return { status: 302, headers: { location, 'content-type': 'text/html' }, body: '' };
}

function homeOf(rule: SiteRule): string {
  return rule.mainUrl !== null && /^https?:\/\//i.test(rule.mainUrl) ? rule.mainUrl : '/';
}

function absolute(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `http://${url}`;
}
