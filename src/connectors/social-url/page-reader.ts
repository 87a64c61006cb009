import type { CheerioAPI } from 'cheerio';
import type { JsonValue } from '../sdk.ts';
import { collectNodes, interactionCount, type JsonLdNode, textOf, typesOf } from '../web-common/json-ld.ts';
import { clean, type PageMetadata, parseHtml, readPageMetadata } from '../web-common/html-metadata.ts';
import { classifyPage } from './page-access.ts';
import type { ProfileFields, ProfileReader } from './profile-read.ts';
import { dateOnly, defined, fetchUpstream } from './profile-read.ts';
import type { RecognizedProfile } from './recognize-social-url.ts';

/**
 * A public profile page read through the metadata it declares: OpenGraph and Twitter-card
 * tags, the description, and schema.org JSON-LD (ProfilePage / Person, whose
 * `interactionStatistic` carries follower counts on the platforms that publish it).
 */
export const readPage: ProfileReader = async (profile, ctx) => {
  const url = pageUrl(profile, ctx.overrides);
  const response = await fetchUpstream(ctx, url, profile.platform.id, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'accept-language': 'en' });
  const isHtml = /html|xml/i.test(response.headers['content-type'] ?? 'text/html');
  const $ = isHtml ? parseHtml(response.text()) : null;
  const evidence = { url: response.url, status: response.status, method: 'public profile page metadata' };
  const access = classifyPage(response, $);
  if (access.kind === 'blocked') return { status: 'blocked', evidence, detail: access.detail };
  if (access.kind === 'login_wall' || access.kind === 'not_found') return { status: access.kind, evidence };
  if ($ === null) return { status: 'blocked', evidence, detail: `profile page is ${response.headers['content-type'] ?? 'not HTML'}` };
  if (profile.platform.reader === 'telegram_page' && $('.tgme_page_title').length === 0) return { status: 'not_found', evidence };
  const metadata = readPageMetadata($, response.url);
  const fields = profile.platform.reader === 'telegram_page' ? withTelegramCounts(pageFields(metadata), $) : pageFields(metadata);
  return { status: 'found', source: 'page', evidence: { ...evidence, matched: metadata.openGraph.title ?? metadata.title ?? undefined }, fields };
};

/** The page to fetch: the canonical profile URL, or an override for its platform (tests, mirrors). */
export function pageUrl(profile: RecognizedProfile, overrides: Readonly<Record<string, string>>): string {
  const override = overrides[profile.platform.id];
  if (override === undefined) return profile.profileUrl;
  // An override with a {user} placeholder is a full template; otherwise it replaces the origin.
  if (override.includes('{user}')) return override.replace('{user}', encodeURIComponent(profile.username ?? profile.accountId ?? ''));
  const canonical = new URL(profile.profileUrl);
  return new URL(`${canonical.pathname}${canonical.search}`, override).href;
}

function pageFields(metadata: PageMetadata): ProfileFields {
  const person = profileNode(metadata.jsonLd);
  const bio = (person !== null ? textOf(person.description) : null) ?? metadata.openGraph.description ?? metadata.description;
  const photo = (person !== null ? textOf(person.image) : null) ?? metadata.openGraph.image ?? metadata.twitter.image;
  const followers = person !== null ? interactionCount(person, 'interactionStatistic', 'FollowAction') : null;
  const following = person !== null ? interactionCount(person, 'agentInteractionStatistic', 'FollowAction') : null;
  const joined = person !== null ? dateOnly(textOf(person.dateCreated) ?? undefined) : undefined;
  return {
    ...(bio !== null && bio !== undefined ? { bio } : {}),
    ...(photo !== null && photo !== undefined ? { profile_photo: photo } : {}),
    ...(followers !== null ? { followers_count: followers } : {}),
    ...(following !== null ? { following_count: following } : {}),
    ...(joined !== undefined ? { joined_date: joined } : {}),
    extended: defined({
      display_name: (person !== null ? textOf(person.name) : null) ?? metadata.openGraph.title,
      page_title: metadata.title ?? undefined,
      alternate_name: person !== null ? (textOf(person.alternateName) ?? undefined) : undefined,
      site_name: metadata.openGraph.site_name,
    }),
  };
}

/** The Person a profile page is about: ProfilePage.mainEntity, else a top-level Person. */
function profileNode(blocks: readonly JsonValue[]): JsonLdNode | null {
  const nodes = collectNodes(blocks);
  for (const { node } of nodes) {
    const main = node.mainEntity;
    if (typesOf(node).includes('ProfilePage') && typeof main === 'object' && main !== null && !Array.isArray(main)) return main;
  }
  return nodes.find(({ node, topLevel }) => topLevel && typesOf(node).some((t) => t === 'Person' || t === 'Organization'))?.node ?? null;
}

/** t.me pages state the audience in `.tgme_page_extra`: "12 345 subscribers", "1 234 members, 56 online". */
function withTelegramCounts(fields: ProfileFields, $: CheerioAPI): ProfileFields {
  const extra = clean($('.tgme_page_extra').first().text()) ?? '';
  const audience = /([\d\s ,.]+)\s+(subscribers|members)/i.exec(extra);
  const number = audience ? Number(audience[1]!.replace(/[\s ,.]/g, '')) : Number.NaN;
  const kind = audience ? (audience[2]!.toLowerCase() === 'members' ? 'group' : 'channel') : extra.startsWith('@') ? 'user' : undefined;
  return {
    ...fields,
    ...(Number.isInteger(number) ? { followers_count: number } : {}),
    extended: defined({ ...fields.extended, telegram_kind: kind }),
  };
}
