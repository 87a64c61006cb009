import { COMMON_RESERVED, SOCIAL_PLATFORMS, type SocialPlatform } from './social-platforms.ts';

/** A URL read as a profile on a known platform. */
export interface RecognizedProfile {
  readonly platform: SocialPlatform;
  /** The handle, when the URL names one. */
  readonly username: string | null;
  /** The platform's account id, when the URL addresses the account by id. */
  readonly accountId: string | null;
  /** Scheme, host and port of the URL as given (a fediverse account's server). */
  readonly origin: string;
  /** The platform's canonical URL for this profile. */
  readonly profileUrl: string;
  /** `organization` or `artist` when the path says so (LinkedIn /company/); null when the URL does not tell. */
  readonly accountType: string | null;
  /** Matched only by path shape on an unknown host: must be confirmed (fediverse nodeinfo). */
  readonly needsConfirmation: boolean;
}

interface CompiledPlatform {
  readonly platform: SocialPlatform;
  readonly username: RegExp;
  readonly id: RegExp | null;
  readonly reserved: ReadonlySet<string>;
}

interface Captures {
  user?: string;
  id?: string;
  firstLiteral?: string;
  bareUser: boolean;
}

// Prefixes that only select a mobile or regional edition of the same site.
const EDITION_PREFIXES = /^(?:www|m|mobile)\./;
const COMMON = new Set(COMMON_RESERVED);
let compiled: CompiledPlatform[] | null = null;

/**
 * Recognises a social-profile URL: which platform, which handle or account id, and the
 * platform's canonical profile URL. Accepts URLs without a scheme. Returns null for anything
 * else: posts, share links, site pages, unparsable text. Never throws.
 *
 * @example
 * recognizeSocialUrl('https://twitter.com/jack')?.platform.id   // 'twitter'
 * recognizeSocialUrl('https://twitter.com/jack')?.username      // 'jack'
 * recognizeSocialUrl('https://twitter.com/jack/status/20')      // null (a post, not a profile)
 */
export function recognizeSocialUrl(input: string): RecognizedProfile | null {
  const url = parseLoose(input);
  if (url === null) return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(EDITION_PREFIXES, '');
  const segments = pathSegments(url.pathname);
  for (const entry of (compiled ??= SOCIAL_PLATFORMS.map(compile))) {
    const found = matchPlatform(entry, host, segments, url);
    if (found !== null) return found;
  }
  // Fediverse servers are countless: any other host with their profile paths is a candidate.
  for (const entry of compiled.filter((e) => e.platform.any_host)) {
    const found = matchPaths(entry, segments, url, host);
    if (found !== null) return { ...found, needsConfirmation: true };
  }
  return null;
}

function compile(platform: SocialPlatform): CompiledPlatform {
  return {
    platform,
    username: new RegExp(`^(?:${platform.username})$`, 'iu'),
    id: platform.id_pattern !== undefined ? new RegExp(`^(?:${platform.id_pattern})$`, 'iu') : null,
    reserved: new Set((platform.reserved ?? []).map((r) => r.toLowerCase())),
  };
}

function matchPlatform(entry: CompiledPlatform, host: string, segments: readonly string[], url: URL): RecognizedProfile | null {
  for (const pattern of entry.platform.hosts) {
    if (pattern.startsWith('{user}.')) {
      const suffix = pattern.slice('{user}'.length);
      const sub = host.endsWith(suffix) ? host.slice(0, -suffix.length) : '';
      if (sub === '' || sub.includes('.') || segments.length > 0) continue;
      const profile = build(entry, { user: sub, bareUser: true }, url, host);
      if (profile !== null) return profile;
    } else if (pattern === host || (pattern.startsWith('*.') && (host === pattern.slice(2) || host.endsWith(pattern.slice(1))))) {
      return matchPaths(entry, segments, url, host);
    }
  }
  return null;
}

function matchPaths(entry: CompiledPlatform, segments: readonly string[], url: URL, host: string): RecognizedProfile | null {
  for (const template of entry.platform.paths) {
    const captures = matchTemplate(template, segments, url.searchParams);
    const profile = captures !== null ? build(entry, captures, url, host) : null;
    if (profile !== null) return profile;
  }
  return null;
}

/** Matches one path template (see social-platforms.ts for the syntax). */
function matchTemplate(template: string, segments: readonly string[], query: URLSearchParams): Captures | null {
  const [pathPart = '', queryPart] = template.split('?');
  const parts = pathPart.split('/').filter((p) => p !== '');
  const tail = parts[parts.length - 1] === '*';
  if (tail) parts.pop();
  if (tail ? segments.length < parts.length : segments.length !== parts.length) return null;
  const captures: Captures = { bareUser: false };
  for (const [i, part] of parts.entries()) {
    if (!matchPart(part, segments[i]!, captures, i === 0)) return null;
  }
  if (queryPart !== undefined) {
    const [key = '', placeholder = ''] = queryPart.split('=');
    const value = query.get(key)?.trim() ?? '';
    if (value === '' || !matchPart(placeholder, value, captures, false)) return null;
  }
  return captures;
}

function matchPart(part: string, segment: string, captures: Captures, first: boolean): boolean {
  const open = part.indexOf('{');
  if (open === -1) {
    if (first) captures.firstLiteral = part.toLowerCase();
    return part.toLowerCase() === segment.toLowerCase();
  }
  const prefix = part.slice(0, open);
  const name = part.slice(open + 1, part.indexOf('}'));
  if (!segment.toLowerCase().startsWith(prefix.toLowerCase()) || segment.length === prefix.length) return false;
  const value = segment.slice(prefix.length);
  if (name === 'user') {
    captures.user = value;
    captures.bareUser = prefix === '';
  } else if (name === 'id') captures.id = value;
  return true;
}

function build(entry: CompiledPlatform, captures: Captures, url: URL, host: string): RecognizedProfile | null {
  const { platform } = entry;
  const user = captures.user ?? null;
  const id = captures.id ?? null;
  if (user === null && id === null) return null;
  if (user !== null && !isHandle(entry, user, captures.bareUser)) return null;
  if (id !== null && (entry.id === null || !entry.id.test(id))) return null;
  const byKind = captures.firstLiteral !== undefined ? platform.profile_url_for?.[captures.firstLiteral] : undefined;
  const template = byKind ?? (user !== null || platform.profile_url_by_id === undefined ? platform.profile_url : platform.profile_url_by_id);
  const profileUrl = template
    .replace('{origin}', url.origin)
    .replace('{host}', host)
    .replace('{user}', encodePart(user ?? ''))
    .replace('{id}', encodePart(id ?? ''));
  return {
    platform,
    username: user,
    accountId: id,
    origin: url.origin,
    profileUrl,
    accountType: (captures.firstLiteral !== undefined ? platform.account_types?.[captures.firstLiteral] : undefined) ?? null,
    needsConfirmation: false,
  };
}

/** Percent-encodes a handle for a URL, keeping '@' (Flickr NSIDs) readable. */
function encodePart(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

function isHandle(entry: CompiledPlatform, user: string, bare: boolean): boolean {
  const lower = user.toLowerCase();
  if (entry.reserved.has(lower) || (bare && COMMON.has(lower))) return false;
  return entry.username.test(user);
}

function parseLoose(input: string): URL | null {
  const text = input.trim();
  if (text === '' || text.length > 2048) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function pathSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
