import { normalizeDomain } from './domain.ts';
import { normalizeEmail } from './email.ts';
import { normalizeFreeText, normalizeUsername } from './free-text.ts';
import type { IdentifierType } from './identifier-types.ts';
import { normalizeIp, normalizeUrl } from './network-address.ts';

// ITU-T E.164: '+', a country code that never starts with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{3,14}$/;

interface Rule {
  readonly normalize: (raw: string) => string | null;
  /** What the caller is told when the value fails, as `details[].issue`. */
  readonly expected: string;
}

const RULES: Record<IdentifierType, Rule> = {
  email: { normalize: normalizeEmail, expected: 'Must be an RFC 5321 email address, e.g. target@example.com' },
  phone: {
    normalize: (raw) => (E164.test(raw.trim()) ? raw.trim() : null),
    expected: 'Must be an E.164 phone number: + then country code and number, digits only, e.g. +15551234567',
  },
  username: { normalize: normalizeUsername, expected: 'Must be 1-256 characters without spaces or control characters' },
  ip: { normalize: normalizeIp, expected: 'Must be an IPv4 (RFC 791) or IPv6 (RFC 4291) address, e.g. 192.0.2.1' },
  domain: {
    normalize: normalizeDomain,
    expected: 'Must be an RFC 1035 domain name with at least two labels, e.g. example.com',
  },
  name: { normalize: (raw) => normalizeFreeText(raw, 512), expected: 'Must be 1-512 characters without control characters' },
  url: { normalize: normalizeUrl, expected: 'Must be an absolute http(s) URL with a host, at most 2048 characters' },
  address: {
    normalize: (raw) => normalizeFreeText(raw, 512),
    expected: 'Must be 1-512 characters without control characters',
  },
  company_name: {
    normalize: (raw) => normalizeFreeText(raw, 512),
    expected: 'Must be 1-512 characters without control characters',
  },
  social_url: { normalize: normalizeUrl, expected: 'Must be an absolute http(s) URL of a profile page' },
};

export type IdentifierCheck = { ok: true; normalized: string } | { ok: false; issue: string };

/**
 * Checks one identifier value against its type's format rule.
 *
 * @example
 * checkIdentifier('phone', '+15551234567') // { ok: true, normalized: '+15551234567' }
 * checkIdentifier('phone', '555-1234')     // { ok: false, issue: 'Must be an E.164 …' }
 */
export function checkIdentifier(type: IdentifierType, value: string): IdentifierCheck {
  const rule = RULES[type];
  const normalized = rule.normalize(value);
  return normalized === null ? { ok: false, issue: rule.expected } : { ok: true, normalized };
}
