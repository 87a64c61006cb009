import type { DiagnosisName } from './email-diagnoses.ts';

// An IPv4 dotted quad at the end of the literal (RFC 5321 §4.1.3 Snum 3("." Snum)).
const IPV4_TAIL = /\b(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)$/;
const IPV6_GROUP = /^[a-fA-F\d]{0,4}$/;
const IPV6_GROUPS = 8;

/**
 * Classifies the text between the brackets of a domain literal under RFC 5321 §4.1.3:
 * an IPv4 address literal, an `IPv6:` literal (full, compressed, or with an IPv4 tail), or a
 * general RFC 5322 domain literal. Returns every diagnosis that applies.
 *
 * @example
 * classifyAddressLiteral('IPv6:1111:2222:3333:4444:5555:6666::8888') // ['deprecatedIPv6', 'rfc5321AddressLiteral']
 */
export function classifyAddressLiteral(literal: string): DiagnosisName[] {
  const ipv4 = IPV4_TAIL.exec(literal);
  if (ipv4 !== null && ipv4.index === 0) return ['rfc5321AddressLiteral'];
  // An IPv4 tail stands for the last two IPv6 groups.
  const text = ipv4 !== null ? `${literal.slice(0, ipv4.index)}0:0` : literal;
  if (!text.toLowerCase().startsWith('ipv6:')) return ['rfc5322DomainLiteral'];
  const address = text.slice(5);
  return [...groupCountDiagnoses(address), ipv6ShapeDiagnosis(address)];
}

function groupCountDiagnoses(address: string): DiagnosisName[] {
  const groups = address.split(':');
  const elision = address.indexOf('::');
  if (elision === -1) return groups.length === IPV6_GROUPS ? [] : ['rfc5322IPv6GroupCount'];
  if (address.indexOf('::', elision + 1) > 0) return ['rfc5322IPv62x2xColon'];
  // '::' at either end splits off one empty group more than it stands for.
  const allowed = elision === 0 || elision === address.length - 2 ? IPV6_GROUPS + 1 : IPV6_GROUPS;
  if (groups.length > allowed) return ['rfc5322IPv6MaxGroups'];
  // '::' standing for a single zero group (RFC 5952 §4.2.2 says not to).
  if (groups.length === allowed) return ['deprecatedIPv6'];
  return [];
}

function ipv6ShapeDiagnosis(address: string): DiagnosisName {
  if (address.startsWith(':') && !address.startsWith('::')) return 'rfc5322IPv6ColonStart';
  if (address.endsWith(':') && !address.endsWith('::')) return 'rfc5322IPv6ColonEnd';
  return address.split(':').every((group) => IPV6_GROUP.test(group)) ? 'rfc5321AddressLiteral' : 'rfc5322IPv6BadCharacter';
}
