import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Whether an outbound connection may go to this IP address. Only global unicast passes:
 * loopback, private (RFC 1918, ULA), link-local (incl. the 169.254.169.254 metadata service),
 * CGNAT (incl. 100.100.100.200), multicast, broadcast, unspecified, documentation and other
 * reserved ranges are refused. IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4,
 * Teredo) are refused outright: they are how a private IPv4 target gets smuggled past a check.
 * `allowLoopback` admits 127.0.0.0/8 and ::1, and nothing else.
 *
 * @example
 * isAddressAllowed('8.8.8.8', false)         // true
 * isAddressAllowed('169.254.169.254', false) // false
 */
export function isAddressAllowed(address: string, allowLoopback: boolean): boolean {
  if (!net.isIP(address)) return false;
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range === 'unicast') return true;
  return allowLoopback && range === 'loopback';
}

/** Strips the brackets of an IPv6 URL host; returns the IP literal or null for a name. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) ? bare : null;
}
