import { domainToASCII } from 'node:url';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Validates a host name under RFC 1035 (preferred name syntax, as relaxed by RFC 1123 to allow a
 * leading digit) after IDNA conversion, and returns its ASCII lower-case form; null when invalid.
 * Requires at least two labels and an alphabetic top-level label, since a lookup is about a
 * registered domain, not a bare host.
 *
 * @example
 * normalizeDomain('München.DE.') // 'xn--mnchen-3ya.de'
 */
export function normalizeDomain(raw: string): string | null {
  let value = raw.trim();
  if (value.endsWith('.')) value = value.slice(0, -1);
  if (value.length === 0 || value.length > 253) return null;
  // domainToASCII applies UTS #46 mapping; it returns '' for names it cannot convert.
  const ascii = domainToASCII(value);
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  for (const label of labels) {
    if (!LABEL.test(label)) return null;
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  return ascii;
}
