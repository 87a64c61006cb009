/** A social account as the resolver matches it: one platform, one handle. */
export interface CanonicalAccount {
  readonly platform: string;
  readonly username: string;
}

// Host (without `www.`/`m.`) → platform name. The handle is the first path segment, or the
// second when the platform puts a fixed segment (`prefix`) before it (`/in/<handle>`).
interface HostRule {
  readonly platform: string;
  readonly prefix?: readonly string[];
}

const HOSTS: Readonly<Record<string, HostRule>> = {
  'twitter.com': { platform: 'twitter' },
  'x.com': { platform: 'twitter' },
  'github.com': { platform: 'github' },
  'gitlab.com': { platform: 'gitlab' },
  'instagram.com': { platform: 'instagram' },
  'facebook.com': { platform: 'facebook' },
  'linkedin.com': { platform: 'linkedin', prefix: ['in', 'company'] },
  'reddit.com': { platform: 'reddit', prefix: ['user', 'u'] },
  'tiktok.com': { platform: 'tiktok' },
  'youtube.com': { platform: 'youtube', prefix: ['c', 'user', 'channel'] },
  'medium.com': { platform: 'medium' },
  't.me': { platform: 'telegram' },
  'telegram.me': { platform: 'telegram' },
  'keybase.io': { platform: 'keybase' },
  'pinterest.com': { platform: 'pinterest' },
  'twitch.tv': { platform: 'twitch' },
  'vk.com': { platform: 'vk' },
  'soundcloud.com': { platform: 'soundcloud' },
  'mastodon.social': { platform: 'mastodon.social' },
  'threads.net': { platform: 'threads' },
};

const PLATFORM_ALIASES: Readonly<Record<string, string>> = { x: 'twitter', 'x.com': 'twitter', fb: 'facebook', tg: 'telegram' };

/**
 * A platform name in one spelling: lower case, no spaces, a trailing `.com` dropped, known
 * aliases folded (`X` → `twitter`).
 *
 * @example
 * canonicalPlatform(' Twitter.com ') // 'twitter'
 */
export function canonicalPlatform(raw: string): string {
  const value = raw.trim().toLowerCase().replace(/\s+/g, '');
  const bare = value.endsWith('.com') ? value.slice(0, -4) : value;
  return PLATFORM_ALIASES[value] ?? PLATFORM_ALIASES[bare] ?? HOSTS[value]?.platform ?? bare;
}

/** A handle in one spelling: lower case (every platform above matches handles so), no `@`. */
export function canonicalHandle(raw: string): string {
  return raw.trim().replace(/^@/, '').toLowerCase();
}

/**
 * Reads the account out of a profile URL of a known platform; null for other URLs (those are
 * matched as whole canonical URLs by `canonicalProfileUrl`).
 *
 * @example
 * accountFromUrl('https://www.linkedin.com/in/JDoe/') // { platform: 'linkedin', username: 'jdoe' }
 */
export function accountFromUrl(raw: string): CanonicalAccount | null {
  const url = parseHttpUrl(raw);
  if (!url) return null;
  const rule = HOSTS[bareHost(url.hostname)];
  if (!rule) return null;
  const segments = url.pathname.split('/').filter((s) => s.length > 0);
  let handle = segments[0];
  if (rule.prefix) {
    if (segments.length < 2 || !rule.prefix.includes(segments[0]!.toLowerCase())) return null;
    handle = segments[1];
  }
  if (handle === undefined || handle.length === 0) return null;
  return { platform: rule.platform, username: canonicalHandle(decodeURIComponent(handle)) };
}

/**
 * A URL in one spelling for matching: host lower-cased without `www.`, no scheme, query,
 * fragment or trailing slash; the path lower-cased, since profile paths are case-insensitive
 * on every mainstream platform. Null when not an http(s) URL.
 *
 * @example
 * canonicalProfileUrl('HTTPS://www.Example.com/People/Jane/?ref=x') // 'example.com/people/jane'
 */
export function canonicalProfileUrl(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (!url) return null;
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  return `${bareHost(url.hostname)}${path}`;
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^(?:www|m|mobile)\./, '');
}
