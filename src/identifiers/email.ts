import net from 'node:net';
import { normalizeDomain } from './domain.ts';

// RFC 5321 §4.1.2 Dot-string atoms; non-ASCII allowed per RFC 6531 (SMTPUTF8).
const DOT_STRING = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uFFFF]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\uFFFF]+)*$/u;
// RFC 5321 Quoted-string: qtextSMTP (%d32-33 / %d35-91 / %d93-126) or quoted-pairSMTP.
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;

/**
 * Validates a mailbox under RFC 5321 (Local-part "@" Domain / address-literal) with its length
 * limits (local part 64 octets, whole address 254), and returns it with the domain in lower-case
 * IDNA ASCII; null when invalid. The local part keeps its case: RFC 5321 lets servers treat it as
 * case-sensitive; the resolver lower-cases separately when matching.
 *
 * @example
 * normalizeEmail('Jane.Doe@Example.COM') // 'Jane.Doe@example.com'
 */
export function normalizeEmail(raw: string): string | null {
  const value = raw.trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  const local = value.slice(0, at);
  const domainPart = value.slice(at + 1);
  if (Buffer.byteLength(local, 'utf8') > 64) return null;
  if (!DOT_STRING.test(local) && !QUOTED_STRING.test(local)) return null;
  const domain = normalizeMailDomain(domainPart);
  if (domain === null) return null;
  const address = `${local}@${domain}`;
  if (Buffer.byteLength(address, 'utf8') > 254) return null;
  return address;
}

function normalizeMailDomain(raw: string): string | null {
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const literal = raw.slice(1, -1);
    if (literal.toLowerCase().startsWith('ipv6:')) {
      return net.isIPv6(literal.slice(5)) ? `[IPv6:${literal.slice(5).toLowerCase()}]` : null;
    }
    return net.isIPv4(literal) ? `[${literal}]` : null;
  }
  if (raw.endsWith('.')) return null; // a trailing dot is not valid in a mailbox domain
  return normalizeDomain(raw);
}
