/** The ten identifier types of the contract (SPEC §6.1), in the order the spec lists them. */
export const IDENTIFIER_TYPES = [
  'email',
  'phone',
  'username',
  'ip',
  'domain',
  'name',
  'url',
  'address',
  'company_name',
  'social_url',
] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** An identifier that passed validation: the value as sent, and its normal form for matching. */
export interface Identifier {
  readonly type: IdentifierType;
  /** The value exactly as the caller sent it (trimmed). */
  readonly value: string;
  /** Canonical form: E.164 phone, lower-case email and domain (IDNA ASCII), compressed IPv6, … */
  readonly normalized: string;
}

export function isIdentifierType(value: unknown): value is IdentifierType {
  return typeof value === 'string' && (IDENTIFIER_TYPES as readonly string[]).includes(value);
}
