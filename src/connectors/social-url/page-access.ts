import type { CheerioAPI } from 'cheerio';
import type { HttpResponse } from '../sdk.ts';

/** Whether a fetched profile page shows the profile, and if not, why. */
export type PageAccess = { readonly kind: 'open' } | { readonly kind: 'login_wall' } | { readonly kind: 'blocked'; readonly detail: string } | { readonly kind: 'not_found' };

// Where platforms send anonymous visitors instead of a profile.
const LOGIN_PATHS = /\/(?:login|log-in|signin|sign-in|sign_in|accounts\/login|authwall|checkpoint|uas\/login|i\/flow\/login|auth\/login)(?:[/?.]|$)/i;
// Anti-bot and challenge pages: the profile was never seen (Maigret keeps the same kind of list).
const BLOCK_MARKERS: readonly [RegExp, string][] = [
  [/<title>\s*Just a moment\.\.\.\s*<\/title>|cf-browser-verification|challenge-platform/i, 'Cloudflare challenge'],
  [/<title>\s*Attention Required! \| Cloudflare\s*<\/title>/i, 'Cloudflare block page'],
  [/class="g-recaptcha"|www\.google\.com\/recaptcha\/api|hcaptcha\.com\/1\/api\.js|px-captcha|captcha-delivery\.com/i, 'captcha'],
  [/<title>\s*(?:Access Denied|403 Forbidden|Request blocked)\s*<\/title>/i, 'access denied page'],
];
const NOT_FOUND_TITLES = /\b(?:page not found|404 not found|user not found|profile not found|doesn[’']t exist|does not exist|not available)\b/i;

/**
 * Classifies a profile page response. Block pages and login walls are told apart from
 * profiles, so a blocked request never reads as a found (or a missing) account. LinkedIn's
 * status 999 is its documented-by-practice refusal of automated clients.
 */
export function classifyPage(response: HttpResponse, $: CheerioAPI | null): PageAccess {
  const { status, headers } = response;
  if (headers['cf-mitigated'] === 'challenge') return { kind: 'blocked', detail: `Cloudflare challenge (HTTP ${status})` };
  if (status === 999) return { kind: 'blocked', detail: 'refused automated access (HTTP 999)' };
  if (status === 404 || status === 410) return { kind: 'not_found' };
  if (status === 401 || LOGIN_PATHS.test(pathOf(response.url))) return { kind: 'login_wall' };
  const head = response.body.subarray(0, 64 * 1024).toString('utf8');
  for (const [marker, detail] of BLOCK_MARKERS) if (marker.test(head)) return { kind: 'blocked', detail: `${detail} (HTTP ${status})` };
  if (status === 403) return { kind: 'blocked', detail: 'access denied (HTTP 403)' };
  if (status < 200 || status >= 300) return { kind: 'blocked', detail: `unexpected HTTP ${status}` };
  if ($ !== null && isLoginForm($)) return { kind: 'login_wall' };
  if ($ !== null && NOT_FOUND_TITLES.test($('title').first().text())) return { kind: 'not_found' };
  return { kind: 'open' };
}

/** A page that is mostly a password form titled as a login. */
function isLoginForm($: CheerioAPI): boolean {
  const title = $('title').first().text();
  return $('input[type="password" i]').length > 0 && /\b(?:log ?in|sign ?in|anmelden|connexion|iniciar sesi[oó]n)\b/i.test(title);
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '';
  }
}
