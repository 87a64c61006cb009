import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Validates an IPv4 (RFC 791 dotted quad, no leading zeros) or IPv6 (RFC 4291 text form, no zone
 * index) address and returns its canonical text: IPv4 as is, IPv6 compressed in lower case
 * (RFC 5952); null when invalid.
 *
 * @example
 * normalizeIp('2001:DB8:0:0:0:0:0:1') // '2001:db8::1'
 */
export function normalizeIp(raw: string): string | null {
  const value = raw.trim();
  if (net.isIPv4(value)) return value;
  if (value.includes('%') || !net.isIPv6(value)) return null;
  return ipaddr.IPv6.parse(value).toRFC5952String();
}

/**
 * Validates an absolute http(s) URL with a host and returns its WHATWG serialisation (lower-case
 * scheme and host, IDNA host, default port dropped); null otherwise. Credentials in the URL are
 * refused: a lookup never needs them and they would end up in stored reports.
 *
 * @example
 * normalizeUrl('HTTPS://Example.com:443/a b') // 'https://example.com/a%20b'
 */
export function normalizeUrl(raw: string): string | null {
  const value = raw.trim();
  if (value.length === 0 || value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}
