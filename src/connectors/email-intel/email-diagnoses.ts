/**
 * The diagnosis vocabulary of Dominic Sayers' is_email (BSD licence, carried on by the isemail
 * package): a name per finding and a number whose range gives its category. An address gets the
 * most severe diagnosis found while reading it, so the numbers order severity.
 */
export const DIAGNOSES = {
  valid: 0,
  // Valid for SMTP, with unusual elements. (is_email's rfc5321TLD, 9, belongs to its TLD
  // allow-list option, which Cairn does not have.)
  rfc5321TLDNumeric: 10,
  rfc5321QuotedString: 11,
  rfc5321AddressLiteral: 12,
  // Valid in a message header, but must be changed before use in an SMTP envelope.
  cfwsComment: 17,
  cfwsFWS: 18,
  // Obsolete forms (RFC 5322 §4) that some systems still accept.
  deprecatedLocalPart: 33,
  deprecatedFWS: 34,
  deprecatedQTEXT: 35,
  deprecatedQP: 36,
  deprecatedComment: 37,
  deprecatedCTEXT: 38,
  deprecatedIPv6: 39,
  deprecatedCFWSNearAt: 49,
  // Only the broad RFC 5322 addr-spec grammar accepts these; unusable for mail delivery.
  rfc5322Domain: 65,
  rfc5322TooLong: 66,
  rfc5322LocalTooLong: 67,
  rfc5322DomainTooLong: 68,
  rfc5322LabelTooLong: 69,
  rfc5322DomainLiteral: 70,
  rfc5322DomainLiteralOBSDText: 71,
  rfc5322IPv6GroupCount: 72,
  rfc5322IPv62x2xColon: 73,
  rfc5322IPv6BadCharacter: 74,
  rfc5322IPv6MaxGroups: 75,
  rfc5322IPv6ColonStart: 76,
  rfc5322IPv6ColonEnd: 77,
  // Not an address under any reading.
  errExpectingDTEXT: 129,
  errNoLocalPart: 130,
  errNoDomain: 131,
  errConsecutiveDots: 132,
  errATEXTAfterCFWS: 133,
  errATEXTAfterQS: 134,
  errATEXTAfterDomainLiteral: 135,
  errExpectingQPair: 136,
  errExpectingATEXT: 137,
  errExpectingQTEXT: 138,
  errExpectingCTEXT: 139,
  errBackslashEnd: 140,
  errDotStart: 141,
  errDotEnd: 142,
  errDomainHyphenStart: 143,
  errDomainHyphenEnd: 144,
  errUnclosedQuotedString: 145,
  errUnclosedComment: 146,
  errUnclosedDomainLiteral: 147,
  errFWSCRLFx2: 148,
  errFWSCRLFEnd: 149,
  errCRNoLF: 150,
  errDotAfterDomainLiteral: 162,
  errMalformedUnicode: 163,
} as const;

export type DiagnosisName = keyof typeof DIAGNOSES;

export const DIAGNOSIS_CATEGORIES = ['valid', 'rfc5321', 'cfws', 'deprecated', 'rfc5322', 'error'] as const;
export type DiagnosisCategory = (typeof DIAGNOSIS_CATEGORIES)[number];

/**
 * The category a diagnosis belongs to, from is_email's numeric ranges.
 *
 * @example
 * categoryOf('rfc5321QuotedString') // 'rfc5321'
 */
export function categoryOf(name: DiagnosisName): DiagnosisCategory {
  const code = DIAGNOSES[name];
  if (code === 0) return 'valid';
  if (code < 16) return 'rfc5321';
  if (code < 32) return 'cfws';
  if (code < 64) return 'deprecated';
  if (code < 128) return 'rfc5322';
  return 'error';
}

export function isDiagnosisName(value: string): value is DiagnosisName {
  return Object.hasOwn(DIAGNOSES, value);
}
