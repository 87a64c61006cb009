import ipaddr from 'ipaddr.js';

/** Where an address sits in the IANA special-purpose registries (RFC 6890). */
export interface AddressScope {
  readonly version: 4 | 6;
  /** `global`, or ipaddr.js's name of the special range (`private`, `loopback` …). */
  readonly scope: string;
  /** What the range is, for the report; null for global addresses. */
  readonly description: string | null;
  /** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d) stands for. */
  readonly embeddedIpv4: string | null;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  unspecified: 'unspecified address (RFC 1122, RFC 4291)',
  broadcast: 'limited broadcast address (RFC 919)',
  multicast: 'multicast address (RFC 5771, RFC 4291)',
  linkLocal: 'link-local address (RFC 3927, RFC 4291)',
  loopback: 'loopback address (RFC 1122, RFC 4291)',
  carrierGradeNat: 'shared address space for carrier-grade NAT (RFC 6598)',
  private: 'private-use address (RFC 1918)',
  reserved: 'reserved or documentation address (IANA special-purpose registry, RFC 6890)',
  uniqueLocal: 'unique local address (RFC 4193)',
  ipv4Mapped: 'IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2)',
  rfc6145: 'IPv4-translated address (RFC 6145)',
  rfc6052: 'IPv4/IPv6 translation prefix (RFC 6052)',
  '6to4': '6to4 address (RFC 3056)',
  teredo: 'Teredo address (RFC 4380)',
};

/**
 * Classifies an address. Only `global` addresses are looked up beyond this machine (RDAP,
 * reverse DNS); the others get what is known offline: the range they belong to.
 *
 * @example
 * addressScope('10.1.2.3') // { version: 4, scope: 'private', description: 'private-use address (RFC 1918)', embeddedIpv4: null }
 */
export function addressScope(ip: string): AddressScope {
  const parsed = ipaddr.parse(ip);
  const range = parsed.range();
  const version = parsed.kind() === 'ipv6' ? 6 : 4;
  const embeddedIpv4 = parsed.kind() === 'ipv6' && range === 'ipv4Mapped' ? (parsed as ipaddr.IPv6).toIPv4Address().toString() : null;
  if (range === 'unicast') return { version, scope: 'global', description: null, embeddedIpv4 };
  return { version, scope: range, description: DESCRIPTIONS[range] ?? `special-purpose range (${range})`, embeddedIpv4 };
}
