import { recognizeSocialUrl, type RecognizedProfile } from '../social-url/recognize-social-url.ts';
import type { PageMetadata } from '../web-common/html-metadata.ts';

/** How a page links to a profile: `rel=me` and JSON-LD `sameAs` claim it as the same owner's. */
export type LinkKind = 'rel_me' | 'same_as' | 'link';

export interface SocialLink {
  readonly profile: RecognizedProfile;
  readonly kind: LinkKind;
  /** The link as written on the page. */
  readonly href: string;
}

const MAX_LINKS = 30;
const STRENGTH: Readonly<Record<LinkKind, number>> = { rel_me: 2, same_as: 2, link: 1 };

/**
 * Profile links on a page, recognised through the social_url platform table: `rel=me` links,
 * JSON-LD `sameAs`, and ordinary links to other sites. Links within the page's own site are
 * skipped (a profile page links to followers, not to its owner's other accounts). One entry per
 * account, keeping the strongest way it was linked; at most 30.
 */
export function findSocialLinks(metadata: PageMetadata, sameAs: readonly string[], pageUrl: string): SocialLink[] {
  const pageHost = hostOf(pageUrl);
  const candidates: { href: string; kind: LinkKind }[] = [
    ...metadata.relMe.map((href) => ({ href, kind: 'rel_me' as const })),
    ...sameAs.map((href) => ({ href, kind: 'same_as' as const })),
    ...metadata.links.filter((l) => /^https?:/i.test(l.href) && hostOf(l.href) !== pageHost).map((l) => ({ href: l.href, kind: (l.rel.includes('me') ? 'rel_me' : 'link') as LinkKind })),
  ];
  const byAccount = new Map<string, SocialLink>();
  for (const { href, kind } of candidates) {
    const profile = recognizeSocialUrl(href);
    // A path-shape fediverse guess is not worth a claim from a plain link.
    if (profile === null || (profile.needsConfirmation && kind === 'link')) continue;
    const key = `${profile.platform.id}|${(profile.username ?? profile.accountId ?? '').toLowerCase()}`;
    const previous = byAccount.get(key);
    if (previous === undefined ? byAccount.size < MAX_LINKS : STRENGTH[kind] > STRENGTH[previous.kind]) byAccount.set(key, { profile, kind, href });
  }
  return [...byAccount.values()];
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}
