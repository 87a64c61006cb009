import type { FindingKind } from '../connectors/sdk.ts';
import { canonicalEmail } from './canonical-email.ts';
import { canonicalHandle, canonicalPlatform } from './canonical-profile.ts';
import { canonicalPhone } from './identity-keys.ts';

/**
 * Where each finding kind lands in the contract's profile, how two findings are recognised as
 * the same data point, and whether the entry carries a per-point `confidence` (only the
 * sections whose contract schema has one).
 */
export interface SectionSpec {
  /** Dotted path under `profile`: `phones`, `network.domains`, … */
  readonly path: string;
  /** One object (person, indicators) rather than a list. */
  readonly single: boolean;
  readonly hasConfidence: boolean;
  /** Normal form that identifies a data point within the section. */
  readonly key: (data: Readonly<Record<string, unknown>>) => string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') : JSON.stringify(v ?? null));
const digits = (v: unknown): string => (typeof v === 'string' ? v.replace(/[^\d+]/g, '') : '');
// The same matching forms as the resolver's identity keys, so one phone, mailbox or account
// written two ways is one data point (its spellings kept under `conflicts`).
const phone = (d: Readonly<Record<string, unknown>>): string =>
  (typeof d.number === 'string' ? canonicalPhone(d.number, typeof d.country === 'string' ? d.country : undefined) : null) ?? digits(d.number);
const email = (v: unknown): string => (typeof v === 'string' ? (canonicalEmail(v) ?? text(v)) : text(v));
const account = (d: Readonly<Record<string, unknown>>): string =>
  typeof d.username === 'string' && typeof d.platform === 'string' ? `${canonicalPlatform(d.platform)}|${canonicalHandle(d.username)}` : `${text(d.platform)}|${text(d.profile_url)}`;

export const SECTIONS: Readonly<Record<FindingKind, SectionSpec>> = {
  person: { path: 'person', single: true, hasConfidence: true, key: () => 'person' },
  phone: { path: 'phones', single: false, hasConfidence: true, key: phone },
  email: { path: 'emails', single: false, hasConfidence: true, key: (d) => email(d.email) },
  address: { path: 'addresses', single: false, hasConfidence: true, key: (d) => text(d.address) },
  social_profile: {
    path: 'social_profiles',
    single: false,
    hasConfidence: true,
    key: account,
  },
  organization: {
    path: 'organizations',
    single: false,
    hasConfidence: true,
    key: (d) => (d.company_number !== undefined ? `${text(d.jurisdiction_code)}|${text(d.company_number)}` : text(d.organization_name)),
  },
  domain: { path: 'network.domains', single: false, hasConfidence: false, key: (d) => text(d.domain) },
  ip: { path: 'network.ips', single: false, hasConfidence: false, key: (d) => text(d.ip) },
  ssl_certificate: {
    path: 'network.ssl_certificates',
    single: false,
    hasConfidence: false,
    key: (d) => text(d.fingerprint ?? `${String(d.subject)}|${String(d.valid_from)}`),
  },
  service: { path: 'network.services', single: false, hasConfidence: false, key: (d) => `${String(d.port)}|${text(d.protocol ?? 'tcp')}` },
  credential: {
    path: 'credentials',
    single: false,
    hasConfidence: false,
    key: (d) => `${text(d.source_name)}|${text(d.email ?? d.username)}`,
  },
  associate: {
    path: 'associates',
    single: false,
    hasConfidence: true,
    key: (d) => `${text(d.first_name)}|${text(d.last_name)}|${text(d.dob)}`,
  },
  relative: {
    path: 'relatives',
    single: false,
    hasConfidence: true,
    key: (d) => `${text(d.first_name)}|${text(d.last_name)}|${text(d.relative_type)}`,
  },
  indicators: { path: 'indicators', single: true, hasConfidence: false, key: () => 'indicators' },
  geolocation: {
    path: 'geolocation',
    single: false,
    hasConfidence: false,
    key: (d) => `${Number(d.latitude).toFixed(4)},${Number(d.longitude).toFixed(4)}`,
  },
  web_result: { path: 'web_results', single: false, hasConfidence: false, key: (d) => text(d.url) },
  sanctions_hit: { path: 'sanctions', single: false, hasConfidence: true, key: (d) => `${text(d.list)}|${text(d.entry_id)}` },
};
