import { categoryOf, DIAGNOSES, type DiagnosisCategory, type DiagnosisName } from './email-diagnoses.ts';
import { MailboxReader } from './mailbox-reader.ts';

const FATAL_FROM = 128;

export { DIAGNOSES, categoryOf, type DiagnosisCategory, type DiagnosisName } from './email-diagnoses.ts';

/** The outcome of reading one address. */
export interface EmailDiagnosis {
  /** The first fatal finding, else the most severe one; `valid` when there is none. */
  readonly diagnosis: DiagnosisName;
  readonly category: DiagnosisCategory;
  /** True when the address can be used as an SMTP mailbox as written (categories valid and rfc5321). */
  readonly deliverable: boolean;
  /** Every distinct finding raised while reading, in the order met. */
  readonly findings: readonly DiagnosisName[];
  /** The local part and domain as read (comments and folding white space removed). */
  readonly localPart: string;
  readonly domain: string;
}

/**
 * Diagnoses an email address the way is_email does: the RFC 5321 Mailbox and RFC 5322
 * addr-spec grammars are read together, and the result is the first error met or else the most
 * severe warning: `valid`, an RFC 5321 peculiarity (quoted string, address literal, numeric
 * TLD), CFWS that must be removed for SMTP, an obsolete form, something only RFC 5322 allows,
 * or an error. The address is read after NFC normalisation (RFC 6532 §3.1). Never throws.
 *
 * @example
 * diagnoseEmail('test@iana.org').diagnosis            // 'valid'
 * diagnoseEmail('"test"@iana.org').diagnosis          // 'rfc5321QuotedString'
 * diagnoseEmail('test@[255.255.255.255]').diagnosis   // 'rfc5321AddressLiteral'
 * diagnoseEmail('test.@iana.org').diagnosis           // 'errDotEnd'
 */
export function diagnoseEmail(address: string): EmailDiagnosis {
  const reading = new MailboxReader(address.normalize('NFC')).read();
  return summarise(reading.diagnoses, reading.localParts, reading.domainParts);
}

function summarise(found: readonly DiagnosisName[], localParts: readonly string[], domainParts: readonly string[]): EmailDiagnosis {
  const findings = [...new Set(found)];
  // is_email's reported diagnosis: the first error met (reading goes on after it and may meet
  // others that only follow from it), otherwise the most severe warning.
  const firstError = findings.find((name) => DIAGNOSES[name] >= FATAL_FROM);
  const diagnosis = firstError ?? findings.reduce<DiagnosisName>((worst, name) => (DIAGNOSES[name] > DIAGNOSES[worst] ? name : worst), 'valid');
  const category = categoryOf(diagnosis);
  return {
    diagnosis,
    category,
    deliverable: category === 'valid' || category === 'rfc5321',
    findings,
    localPart: localParts.join('.'),
    domain: domainParts.join('.'),
  };
}
