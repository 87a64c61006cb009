import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { getDomain } from 'tldts';
import type { Finding, FindingSubject } from '../connectors/sdk.ts';
import { canonicalEmail } from './canonical-email.ts';
import { accountFromUrl, canonicalHandle, canonicalPlatform, canonicalProfileUrl } from './canonical-profile.ts';

/**
 * How far a shared identifier goes as proof that two records describe one person or
 * organization:
 * - `exclusive`: held by one person (a mailbox, an account on one platform, a company number);
 *   records sharing it are merged unless their person facts clearly contradict.
 * - `shareable`: legitimately shared (a family phone, one handle reused on several platforms,
 *   an organization's domain); records sharing it are merged only when their facts agree.
 * Weak evidence (names, cities, employers) is never a key: it only scores and vetoes.
 */
export type KeyTier = 'exclusive' | 'shareable';

export type KeyType = 'email' | 'phone' | 'account' | 'profile_url' | 'username' | 'domain' | 'company' | 'ip' | 'url';

export interface IdentityKey {
  /** `type:value`, the matching form. */
  readonly id: string;
  readonly type: KeyType;
  readonly value: string;
  readonly tier: KeyTier;
}

const TIERS: Readonly<Record<KeyType, KeyTier>> = {
  email: 'exclusive',
  account: 'exclusive',
  profile_url: 'exclusive',
  company: 'exclusive',
  phone: 'shareable',
  username: 'shareable',
  domain: 'shareable',
  ip: 'shareable',
  url: 'shareable',
};

export function makeKey(type: KeyType, value: string): IdentityKey {
  return { id: `${type}:${value}`, type, value, tier: TIERS[type] };
}

/**
 * E.164 form of a phone number as libphonenumber parses it (national numbers need the
 * country); a bare `+digits` value is kept as it is when the metadata does not know it.
 *
 * @example
 * canonicalPhone('(201) 555-0123', 'US') // '+12015550123'
 */
export function canonicalPhone(raw: string, country?: string): string | null {
  const region = country !== undefined && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as Parameters<typeof parsePhoneNumberFromString>[1]) : undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), region);
  if (parsed) return parsed.number;
  const digits = raw.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{3,14}$/.test(digits) ? digits : null;
}

/**
 * The registrable domain (public suffix + one label) of a host name or URL, with private
 * suffixes honoured so `alice.github.io` and `bob.github.io` stay apart; null for IPs and
 * names without a public suffix.
 *
 * @example
 * registrableDomain('https://shop.example.co.uk/x') // 'example.co.uk'
 */
export function registrableDomain(raw: string): string | null {
  const domain = getDomain(raw.trim().toLowerCase(), { allowPrivateDomains: true });
  return domain === null || domain === '' ? null : domain;
}

/** The key a query identifier (or a finding's `about` subject) matches; null for weak types. */
export function keyOfSubject(subject: FindingSubject): IdentityKey | null {
  const value = subject.normalized;
  switch (subject.type) {
    case 'email':
      return keyOr('email', canonicalEmail(value));
    case 'phone':
      return keyOr('phone', canonicalPhone(value));
    case 'username':
      return keyOr('username', canonicalHandle(value) || null);
    case 'social_url':
      return profileKey(value);
    case 'domain':
      return keyOr('domain', registrableDomain(value));
    case 'ip':
      return makeKey('ip', value.toLowerCase());
    case 'url':
      return keyOr('url', canonicalProfileUrl(value));
    default:
      return null; // name, address, company_name: weak evidence, never a link
  }
}

/**
 * The identity keys a finding's own values carry. Organization findings count only in records
 * about an organization (`asSubject`): in a person's record they name an employer, which is an
 * association, not the person's identity.
 */
export function keysOfFinding(finding: Finding, asSubject: boolean): IdentityKey[] {
  const d = finding.data as Readonly<Record<string, unknown>>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
  switch (finding.kind) {
    case 'email':
      return compact([keyOr('email', canonicalEmail(finding.data.email))]);
    case 'phone':
      return compact([keyOr('phone', canonicalPhone(finding.data.number, str(d.country) ?? undefined))]);
    case 'social_profile':
      return socialKeys(finding.data.platform, str(d.username), str(d.profile_url));
    case 'credential':
      return compact([keyOr('email', str(d.email) && canonicalEmail(str(d.email)!)), keyOr('username', str(d.username) && canonicalHandle(str(d.username)!))]);
    case 'domain':
      return compact([keyOr('domain', registrableDomain(finding.data.domain))]);
    case 'ip':
      return [makeKey('ip', finding.data.ip.toLowerCase())];
    case 'organization':
      return asSubject ? organizationKeys(d) : [];
    default:
      return [];
  }
}

/** Keys naming an organization: its registration, its domain. */
export function organizationKeys(d: Readonly<Record<string, unknown>>): IdentityKey[] {
  const keys: (IdentityKey | null)[] = [];
  if (typeof d.company_number === 'string' && d.company_number.trim() !== '') {
    const jurisdiction = typeof d.jurisdiction_code === 'string' ? d.jurisdiction_code.trim().toLowerCase() : '';
    keys.push(makeKey('company', `${jurisdiction}/${d.company_number.replace(/\s+/g, '').toLowerCase()}`));
  }
  for (const field of ['domain', 'website']) {
    const value = d[field];
    if (typeof value === 'string') keys.push(keyOr('domain', registrableDomain(value)));
  }
  return compact(keys);
}

function socialKeys(platform: string, username: string | null, profileUrl: string | null): IdentityKey[] {
  const keys: (IdentityKey | null)[] = [];
  const fromUrl = profileUrl !== null ? accountFromUrl(profileUrl) : null;
  const handle = username !== null ? canonicalHandle(username) : (fromUrl?.username ?? null);
  if (handle) {
    keys.push(makeKey('account', `${canonicalPlatform(fromUrl?.platform ?? platform)}/${handle}`));
    keys.push(makeKey('username', handle));
  }
  // A profile on a platform we cannot read handles from is matched by its whole URL.
  if (profileUrl !== null && fromUrl === null) keys.push(keyOr('profile_url', canonicalProfileUrl(profileUrl)));
  return compact(keys);
}

function profileKey(url: string): IdentityKey | null {
  const account = accountFromUrl(url);
  if (account) return makeKey('account', `${account.platform}/${account.username}`);
  return keyOr('profile_url', canonicalProfileUrl(url));
}

function keyOr(type: KeyType, value: string | null | false | undefined): IdentityKey | null {
  return typeof value === 'string' && value !== '' ? makeKey(type, value) : null;
}

function compact(keys: readonly (IdentityKey | null)[]): IdentityKey[] {
  return keys.filter((k): k is IdentityKey => k !== null);
}
