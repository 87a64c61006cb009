import type { JsonValue } from '../sdk.ts';
import { clean, parseHtml } from '../web-common/html-metadata.ts';
import { UpstreamFailure } from '../web-common/upstream-failure.ts';
import { readPage } from './page-reader.ts';
import type { ProfileFields, ProfileReader, ReaderContext } from './profile-read.ts';
import { count, dateOnly, defined, fetchUpstream, jsonObject, str } from './profile-read.ts';

// Servers whose software implements Mastodon's client API (accounts/lookup included).
const MASTODON_API = new Set(['mastodon', 'hometown', 'glitchsoc', 'pleroma', 'akkoma', 'gotosocial', 'iceshrimp', 'sharkey', 'firefish', 'fedibird', 'kmyblue']);
const NODEINFO_SCHEMA = /^https?:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/2\.[0-2]$/;

/**
 * A fediverse account through Mastodon's public API, `GET /api/v1/accounts/lookup?acct=`.
 * A host recognised only by its `/@user` path is first confirmed through NodeInfo 2.x
 * (`/.well-known/nodeinfo`): not fediverse → not a profile; fediverse software without the
 * Mastodon API (Misskey, Pixelfed …) → read the profile page instead.
 */
export const readMastodon: ProfileReader = async (profile, ctx) => {
  // The override stands in for the well-known servers of the table; a host found by its path
  // shape is its own server.
  const origin = (profile.needsConfirmation ? undefined : ctx.overrides.mastodon) ?? profile.origin;
  if (profile.needsConfirmation && ctx.nodeinfoCheck) {
    const software = await fediverseSoftware(ctx, origin);
    if (software === null) return { status: 'not_a_profile', evidence: { url: `${origin}/.well-known/nodeinfo`, method: 'NodeInfo discovery' } };
    if (!MASTODON_API.has(software)) return readPage(profile, ctx);
  }
  const url = new URL('/api/v1/accounts/lookup', origin);
  url.searchParams.set('acct', profile.username ?? '');
  const response = await fetchUpstream(ctx, url.href, 'mastodon', { accept: 'application/json' });
  const evidence = { url: url.href, status: response.status, method: 'Mastodon API accounts/lookup' };
  if (response.status === 404 || response.status === 410) return { status: 'not_found', evidence };
  // Servers in "limited federation" or "authorized fetch" mode answer 401 to anonymous API calls.
  if (response.status === 401 || response.status === 403) return { status: 'login_wall', evidence };
  const account = response.status === 200 ? jsonObject(response) : null;
  if (account === null) throw new UpstreamFailure('connector_error', 'mastodon', `mastodon answered HTTP ${response.status} without an account`);
  return { status: 'found', source: 'api', evidence: { ...evidence, matched: `acct ${str(account.acct) ?? ''}` }, fields: accountFields(account) };
};

function accountFields(account: { [key: string]: JsonValue }): ProfileFields {
  const bio = htmlText(str(account.note));
  const fields = Array.isArray(account.fields) ? account.fields.filter(isObject) : [];
  return {
    ...(bio !== null ? { bio } : {}),
    ...(str(account.avatar) !== undefined ? { profile_photo: str(account.avatar) } : {}),
    ...(count(account.followers_count) !== undefined ? { followers_count: count(account.followers_count) } : {}),
    ...(count(account.following_count) !== undefined ? { following_count: count(account.following_count) } : {}),
    ...(dateOnly(account.created_at) !== undefined ? { joined_date: dateOnly(account.created_at) } : {}),
    extended: defined({
      account_id: str(account.id),
      acct: str(account.acct),
      display_name: str(account.display_name),
      statuses_count: count(account.statuses_count),
      last_status_at: str(account.last_status_at),
      bot: typeof account.bot === 'boolean' ? account.bot : undefined,
      locked: typeof account.locked === 'boolean' ? account.locked : undefined,
      // Profile metadata; `verified_at` is set when the linked page links back with rel=me.
      fields: fields.length > 0 ? fields.map((f) => defined({ name: str(f.name), value: htmlText(str(f.value)) ?? undefined, verified_at: str(f.verified_at) })) : undefined,
    }),
  };
}

/** The software name from the server's NodeInfo document, or null when it has none. */
async function fediverseSoftware(ctx: ReaderContext, origin: string): Promise<string | null> {
  const index = await fetchUpstream(ctx, new URL('/.well-known/nodeinfo', origin).href, 'nodeinfo', { accept: 'application/json' });
  const links = index.status === 200 ? jsonObject(index)?.links : undefined;
  const link = (Array.isArray(links) ? links.filter(isObject) : []).find((l) => NODEINFO_SCHEMA.test(str(l.rel) ?? ''));
  const href = str(link?.href);
  // The document must live on the server asked; a link elsewhere proves nothing about this host.
  if (href === undefined || safeHost(href) !== new URL(origin).host) return null;
  const document = await fetchUpstream(ctx, href, 'nodeinfo', { accept: 'application/json' });
  const software = document.status === 200 ? jsonObject(document)?.software : undefined;
  return isObject(software) ? (str(software.name)?.toLowerCase() ?? null) : null;
}

function htmlText(html: string | undefined): string | null {
  if (html === undefined) return null;
  const $ = parseHtml(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '\n\n'));
  return clean($.root().text());
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeHost(href: string): string | null {
  try {
    return new URL(href).host;
  } catch {
    return null;
  }
}
