import type { CountryCode } from 'libphonenumber-js/max';
import type { DerivedIdentifier, Finding, FindingSubject, JsonValue } from '../sdk.ts';
import { clean, parseHtml, readPageMetadata } from '../web-common/html-metadata.ts';
import { acceptableEmail, type ContactSource, extractEmails, extractPhones, type FoundEmail, type FoundPhone, parse } from './contact-extraction.ts';
import { phoneCountryHint } from './country-hints.ts';
import { readJsonLdEntities } from './json-ld-entities.ts';
import { visibleText } from './page-text.ts';
import { findSocialLinks, type SocialLink } from './social-links.ts';

/** How the page was fetched, for the web result and the evidence. */
export interface FetchFacts {
  /** The URL answered, after redirects. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly redirects: readonly string[];
  readonly truncated: boolean;
}

export interface PageExtraction {
  readonly findings: Finding[];
  /** Profiles the page claims as its owner's (rel=me, sameAs), for social_url in the second wave. */
  readonly derived: DerivedIdentifier[];
}

const CONTACT_CONFIDENCE: Readonly<Record<ContactSource, number>> = { mailto: 0.7, tel: 0.7, json_ld: 0.75, cloudflare_protected: 0.7, text: 0.55 };
const LINE_TYPES: Readonly<Record<string, string>> = { MOBILE: 'mobile', FIXED_LINE: 'landline', FIXED_LINE_OR_MOBILE: 'landline_or_mobile', VOIP: 'voip', TOLL_FREE: 'toll_free' };
const MAX_DERIVED = 10;

/**
 * Everything a page says about whom it presents: the web result (title, snippet, OpenGraph,
 * Twitter card, canonical), emails and phones it publishes, profiles it links, and the person
 * and organisations of its JSON-LD. Never throws, whatever the markup.
 */
export function extractFromHtml(html: string, facts: FetchFacts, about: FindingSubject): PageExtraction {
  const $ = parseHtml(html);
  const metadata = readPageMetadata($, facts.url);
  const text = visibleText($);
  const hint = phoneCountryHint(metadata, facts.url);
  const entities = readJsonLdEntities(metadata.jsonLd);
  const evidence = { url: facts.url, status: facts.status, method: 'web page markup' };
  const findings: Finding[] = [
    {
      kind: 'web_result',
      data: {
        title: metadata.title ?? facts.url,
        url: facts.url,
        ...(snippetOf(metadata.description, text) !== null ? { snippet: snippetOf(metadata.description, text)! } : {}),
        ...pageDetails(metadata, facts),
      },
      confidence: 0.9,
      about: [about],
      evidence,
    },
  ];
  const emails: FoundEmail[] = [...extractEmails($, metadata.links, text)];
  for (const raw of entities.emails) {
    const email = acceptableEmail(raw);
    if (email !== null && !emails.some((e) => e.email.toLowerCase() === email.toLowerCase())) emails.push({ email, source: 'json_ld' });
  }
  findings.push(...emails.map((e) => emailFinding(e, about, evidence)));
  findings.push(...phonesOf(metadata.links, text, hint, entities.phones).map((p) => phoneFinding(p, about, evidence)));
  const links = findSocialLinks(metadata, entities.sameAs, facts.url);
  findings.push(...links.map((link) => socialFinding(link, about, evidence)));
  findings.push(...entities.organizations.map((data) => ({ kind: 'organization' as const, data, confidence: data.relation === 'employer' ? 0.6 : 0.7, about: [about], evidence })));
  if (entities.person !== null) findings.push({ kind: 'person', data: entities.person, confidence: 0.7, about: [about], evidence });
  return { findings, derived: derivedOf(links) };
}

function pageDetails(metadata: ReturnType<typeof readPageMetadata>, facts: FetchFacts): Record<string, JsonValue> {
  const details: Record<string, JsonValue> = { http_status: facts.status };
  if (metadata.canonical !== null) details.canonical_url = metadata.canonical;
  if (metadata.openGraph.site_name !== undefined) details.site_name = metadata.openGraph.site_name;
  if (metadata.language !== null) details.language = metadata.language;
  if (facts.contentType !== null) details.content_type = facts.contentType;
  if (facts.redirects.length > 0) details.redirects = [...facts.redirects];
  if (facts.truncated) details.truncated = true;
  if (Object.keys(metadata.openGraph).length > 0) details.open_graph = { ...metadata.openGraph };
  if (Object.keys(metadata.twitter).length > 0) details.twitter_card = { ...metadata.twitter };
  if (metadata.relMe.length > 0) details.rel_me = [...metadata.relMe];
  return details;
}

function snippetOf(description: string | null, text: string): string | null {
  if (description !== null) return description;
  const first = clean(text.slice(0, 600));
  return first === null ? null : first.length > 300 ? `${first.slice(0, 299)}…` : first;
}

function phonesOf(links: ReturnType<typeof readPageMetadata>['links'], text: string, hint: CountryCode | null, fromJsonLd: readonly string[]): FoundPhone[] {
  const phones = extractPhones(links, text, hint);
  for (const written of fromJsonLd) {
    const phone = parse(written, hint);
    if (phone?.isValid() && !phones.some((p) => p.phone.number === phone.number)) phones.push({ phone, source: 'json_ld', written });
  }
  return phones;
}

function emailFinding(found: FoundEmail, about: FindingSubject, evidence: Finding['evidence']): Finding {
  return { kind: 'email', data: { email: found.email, source: found.source, found_on: evidence?.url ?? null }, confidence: CONTACT_CONFIDENCE[found.source], about: [about], evidence: { ...evidence, matched: found.email } };
}

function phoneFinding(found: FoundPhone, about: FindingSubject, evidence: Finding['evidence']): Finding {
  const type = found.phone.getType();
  return {
    kind: 'phone',
    data: {
      number: found.phone.number,
      ...(found.phone.country !== undefined ? { country: found.phone.country } : {}),
      ...(type !== undefined ? { type: LINE_TYPES[type] ?? type.toLowerCase() } : {}),
      written_as: found.written,
      source: found.source,
    },
    confidence: CONTACT_CONFIDENCE[found.source],
    about: [about],
    evidence: { ...evidence, matched: found.written },
  };
}

function socialFinding(link: SocialLink, about: FindingSubject, evidence: Finding['evidence']): Finding {
  const { profile } = link;
  return {
    kind: 'social_profile',
    data: {
      platform: profile.platform.id,
      ...(profile.username !== null ? { username: profile.username } : {}),
      profile_url: profile.profileUrl,
      extended: {
        platform_name: profile.platform.name,
        ...(profile.accountType !== null ? { account_type: profile.accountType } : {}),
        ...(profile.accountId !== null ? { account_id: profile.accountId } : {}),
        link_kind: link.kind,
        linked_from: evidence?.url ?? null,
      },
    },
    // rel=me and sameAs are the page owner's own claim; a plain link may be anyone's.
    confidence: link.kind === 'link' ? 0.5 : 0.8,
    about: [about],
    evidence: { ...evidence, matched: link.href },
  };
}

function derivedOf(links: readonly SocialLink[]): DerivedIdentifier[] {
  return links
    .filter((l) => l.kind !== 'link')
    .slice(0, MAX_DERIVED)
    .map((l) => ({ type: 'social_url', value: l.profile.needsConfirmation ? l.href : l.profile.profileUrl }));
}
