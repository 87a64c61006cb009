/**
 * Pages that say nothing about the username: WAF and bot-protection interstitials, captchas,
 * censorship notices, rate-limit answers. A match makes the site `blocked` (or `rate_limited`),
 * whatever presence marker the page may also contain: a challenge page often embeds the
 * profile page's own markup around the challenge, which is how block pages become false hits
 * in Maigret and Sherlock (PEERS.md §2.1, §2.2, §7).
 *
 * Each fingerprint is a substring that occurs on the vendor's challenge or denial page and not
 * on the ordinary pages the vendor serves, dated by when it was taken, as Sherlock does, so a
 * drifted fingerprint can be traced. Sources: Sherlock's `WAFHitMsgs` and Maigret's
 * `COMMON_ERRORS` (both MIT; their notices are in docs/username-presence.md), and the vendors'
 * block pages.
 */
import type { ProbeResponse } from './probe-response.ts';

export interface BlockFingerprint {
  readonly id: string;
  readonly vendor: string;
  readonly kind: 'waf' | 'captcha' | 'bot_protection' | 'censorship' | 'site_unavailable';
  /** Substring of the body. */
  readonly body?: string;
  /** Header name (lower case) and the value pattern that marks a challenge. */
  readonly header?: readonly [string, RegExp];
  /** When present, the fingerprint only counts with one of these statuses. */
  readonly statuses?: readonly number[];
}

export const BLOCK_FINGERPRINTS: readonly BlockFingerprint[] = [
  // Cloudflare
  { id: 'cf-mitigated-header', vendor: 'Cloudflare', kind: 'waf', header: ['cf-mitigated', /challenge/i] }, // 2024
  { id: 'cf-just-a-moment', vendor: 'Cloudflare', kind: 'bot_protection', body: '<title>Just a moment...</title>' }, // 2023-2025
  { id: 'cf-chl-opt', vendor: 'Cloudflare', kind: 'bot_protection', body: 'window._cf_chl_opt' }, // 2023-2025
  { id: 'cf-challenge-error-text', vendor: 'Cloudflare', kind: 'bot_protection', body: '<span id="challenge-error-text">' }, // 2024-11 (Sherlock)
  { id: 'cf-challenge-css', vendor: 'Cloudflare', kind: 'bot_protection', body: '.loading-spinner{visibility:hidden}body.no-js .challenge-running{display:none}' }, // 2024-05 (Sherlock)
  { id: 'cf-attention-required', vendor: 'Cloudflare', kind: 'captcha', body: '<title>Attention Required! | Cloudflare</title>' }, // Maigret
  { id: 'cf-checking-browser', vendor: 'Cloudflare', kind: 'bot_protection', body: 'Checking your browser before accessing' }, // Maigret, legacy IUAM
  { id: 'cf-stand-by', vendor: 'Cloudflare', kind: 'bot_protection', body: 'Please stand by, while we are checking your browser' }, // Maigret
  { id: 'cf-browser-verification', vendor: 'Cloudflare', kind: 'bot_protection', body: 'cf-browser-verification' }, // legacy IUAM
  { id: 'cf-block-headline', vendor: 'Cloudflare', kind: 'waf', body: 'data-translate="block_headline"' }, // "Sorry, you have been blocked"
  { id: 'cf-security-service', vendor: 'Cloudflare', kind: 'waf', body: 'This website is using a security service to protect itself from online attacks.' }, // Maigret
  { id: 'cf-turnstile-verify', vendor: 'Cloudflare', kind: 'captcha', body: 'Verify you are human by completing the action below' }, // 2024
  // Akamai
  { id: 'akamai-reference', vendor: 'Akamai', kind: 'waf', body: 'Reference&#32;&#35;' }, // Access Denied page
  { id: 'akamai-edgesuite', vendor: 'Akamai', kind: 'waf', body: 'errors.edgesuite.net' },
  { id: 'akamai-sec-cpt', vendor: 'Akamai', kind: 'bot_protection', body: '/_sec/cp_challenge/' }, // Bot Manager challenge
  { id: 'akamai-server-403', vendor: 'Akamai', kind: 'waf', header: ['server', /^AkamaiGHost/i], statuses: [403] },
  // DDoS-Guard
  { id: 'ddg-title', vendor: 'DDoS-Guard', kind: 'bot_protection', body: '<title>DDoS-Guard</title>' },
  { id: 'ddg-well-known', vendor: 'DDoS-Guard', kind: 'bot_protection', body: '/.well-known/ddos-guard/' },
  { id: 'ddg-check', vendor: 'DDoS-Guard', kind: 'bot_protection', body: 'check.ddos-guard.net' },
  { id: 'ddg-server', vendor: 'DDoS-Guard', kind: 'bot_protection', header: ['server', /^ddos-guard/i], statuses: [403, 503] },
  // Imperva Incapsula
  { id: 'incapsula-incident', vendor: 'Imperva', kind: 'waf', body: 'Incapsula incident ID' }, // Maigret
  { id: 'incapsula-resource', vendor: 'Imperva', kind: 'bot_protection', body: '/_Incapsula_Resource' },
  // PerimeterX / HUMAN
  { id: 'px-identifiers', vendor: 'PerimeterX', kind: 'bot_protection', body: 'perimeterxIdentifiers' }, // 2024-04 (Sherlock)
  { id: 'px-captcha', vendor: 'PerimeterX', kind: 'captcha', body: '<div id="px-captcha">' },
  { id: 'px-press-hold', vendor: 'PerimeterX', kind: 'captcha', body: 'Press &amp; Hold to confirm you are' },
  // AWS WAF
  { id: 'aws-waf-token', vendor: 'AWS WAF', kind: 'bot_protection', body: 'AwsWafIntegration.forceRefreshToken' }, // 2024-11 (Sherlock)
  { id: 'aws-waf-action', vendor: 'AWS WAF', kind: 'captcha', header: ['x-amzn-waf-action', /captcha|challenge/i] },
  // DataDome
  { id: 'datadome-captcha', vendor: 'DataDome', kind: 'captcha', body: 'captcha-delivery.com' },
  // Others
  { id: 'sucuri-denied', vendor: 'Sucuri', kind: 'waf', body: '<title>Sucuri WebSite Firewall - Access Denied</title>' },
  { id: 'vercel-checkpoint', vendor: 'Vercel', kind: 'bot_protection', body: '<title>Vercel Security Checkpoint</title>' },
  { id: 'blazingfast', vendor: 'Blazingfast', kind: 'bot_protection', body: 'DDoS Protection by</font> Blazingfast.io' }, // Maigret
  { id: 'google-unusual-traffic', vendor: 'Google', kind: 'captcha', body: 'Our systems have detected unusual traffic from your computer network' },
  { id: 'mailru-captcha', vendor: 'Mail.ru', kind: 'captcha', body: "document.getElementById('validate_form_submit').disabled=true" }, // Maigret
  { id: 'ru-censorship-rostelecom', vendor: 'Rostelecom', kind: 'censorship', body: '<title>Доступ ограничен</title>' }, // Maigret
  { id: 'ru-censorship-law', vendor: 'MGTS', kind: 'censorship', body: 'Доступ к информационному ресурсу ограничен на основании Федерального закона' }, // Maigret
  { id: 'beget-site-blocked', vendor: 'Beget', kind: 'site_unavailable', body: 'Сайт заблокирован хостинг-провайдером' }, // Maigret
];

/** Final URLs that are a captcha or a login wall rather than the page asked for. */
const CAPTCHA_PATH = /\/showcaptcha\b/i;
const LOGIN_PATH = /(?:^|\/)(?:login|signin|sign-in|sign_in|log-in|session\/new)(?:[/.?#]|$)/i;

/** Matches the response against the fingerprints; the first hit wins. */
export function findBlockFingerprint(response: ProbeResponse): BlockFingerprint | null {
  for (const fingerprint of BLOCK_FINGERPRINTS) {
    if (fingerprint.statuses && !fingerprint.statuses.includes(response.status)) continue;
    if (fingerprint.header) {
      const value = response.headers[fingerprint.header[0]];
      if (value !== undefined && fingerprint.header[1].test(value)) return fingerprint;
    }
    if (fingerprint.body !== undefined && response.text.includes(fingerprint.body)) return fingerprint;
  }
  return null;
}

/** A redirect that ended on a captcha or login page the probe did not ask for. */
export function findWallRedirect(response: ProbeResponse): 'captcha' | 'login_wall' | null {
  if (response.redirects.length === 0) return null;
  const asked = pathOf(response.requestUrl);
  const landed = pathOf(response.url);
  if (CAPTCHA_PATH.test(landed) && !CAPTCHA_PATH.test(asked)) return 'captcha';
  if (LOGIN_PATH.test(landed) && !LOGIN_PATH.test(asked)) return 'login_wall';
  return null;
}

const RATE_LIMIT_MARKERS = [/too many requests/i, /rate limit exceeded/i, /you are being rate limited/i, /request limit reached/i];

/**
 * Evidence of rate limiting, and only evidence: status 429; a Retry-After on a 503; or a known
 * rate-limit sentence in an error page (a 2xx page may legitimately talk about rate limits).
 */
export function findRateLimit(response: ProbeResponse): string | null {
  if (response.status === 429) return 'status 429';
  const retryAfter = response.headers['retry-after'];
  if (retryAfter !== undefined && response.status === 503) return `status 503 with Retry-After ${retryAfter}`;
  if (response.status >= 400) {
    const hit = RATE_LIMIT_MARKERS.find((re) => re.test(response.text));
    if (hit) return `status ${response.status} with ${hit.source}`;
  }
  return null;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
