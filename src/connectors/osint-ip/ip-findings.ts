import type { Finding, FindingSubject, IpData } from '../sdk.ts';
import type { AddressScope } from './address-scope.ts';
import type { AsnMatch } from './asn-table.ts';
import type { CityRecord } from './geoip-readers.ts';
import type { NetworkFacts } from './rdap-network.ts';
import type { ReverseDns } from './reverse-dns.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// CC BY 4.0 asks for attribution wherever results from the data are shown: it travels with them.
export const GEO_ATTRIBUTION = 'IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0';
export const ASN_ATTRIBUTION = 'ASN data: RouteViews (routeviews.org), NRO (nro.net) and DB-IP (db-ip.com), CC BY 4.0, via ip-location-db';

export interface IpFacts {
  readonly ip: string;
  readonly scope: AddressScope;
  readonly asn: AsnMatch | null;
  readonly city: CityRecord | null;
  readonly reverseDns: ReverseDns | null;
  readonly network: NetworkFacts | null;
}

function networkFields(n: NetworkFacts): Mutable<Partial<IpData>> {
  const out: Mutable<Partial<IpData>> = { rdap_url: n.url };
  const fields: [string, string | null][] = [
    ['network_name', n.name],
    ['network_handle', n.handle],
    ['network_cidr', n.cidr],
    ['network_range', n.range],
    ['network_type', n.type],
    ['network_country', n.country],
    ['network_parent_handle', n.parentHandle],
    ['network_owner', n.owner],
    ['network_abuse_email', n.abuseEmail],
    ['network_registered', n.registered],
    ['network_updated', n.updated],
  ];
  for (const [key, value] of fields) if (value !== null) out[key] = value;
  if (n.status.length > 0) out.network_status = n.status.join(', ');
  return out;
}

function cityFields(c: CityRecord): Mutable<Partial<IpData>> {
  const out: Mutable<Partial<IpData>> = {};
  if (c.countryCode !== null) out.country = c.countryCode;
  if (c.region !== null) out.region = c.region;
  if (c.city !== null) out.city = c.city;
  if (c.postcode !== null) out.postal_code = c.postcode;
  if (c.timezone !== null) out.time_zone = c.timezone;
  return out;
}

/** True when anything is known beyond the address itself. */
export function hasFacts(facts: IpFacts): boolean {
  return facts.scope.scope !== 'global' || facts.asn !== null || facts.city !== null || facts.reverseDns !== null || facts.network !== null;
}

/**
 * The `network.ips[]` entry and, when the database places the address, a `geolocation[]`
 * entry. City-level geolocation of an address is approximate (it locates the network, not a
 * person), hence the lower confidence.
 */
export function ipFindings(facts: IpFacts, about: readonly FindingSubject[]): Finding[] {
  const { scope } = facts;
  const data: Mutable<IpData> = { ip: facts.ip, version: scope.version === 6 ? 'IPv6' : 'IPv4', scope: scope.scope };
  if (scope.description !== null) data.scope_description = scope.description;
  if (scope.embeddedIpv4 !== null) data.embedded_ipv4 = scope.embeddedIpv4;
  if (facts.asn !== null) Object.assign(data, { asn: facts.asn.asn, asn_org: facts.asn.organization, asn_range: facts.asn.range });
  if (facts.city !== null) Object.assign(data, cityFields(facts.city));
  if (facts.reverseDns !== null) {
    data.reverse_dns = facts.reverseDns.names[0]!;
    if (facts.reverseDns.names.length > 1) data.reverse_dns_names = [...facts.reverseDns.names];
    if (facts.reverseDns.confirmed !== null) data.reverse_dns_confirmed = facts.reverseDns.confirmed;
  }
  if (facts.network !== null) Object.assign(data, networkFields(facts.network));
  const attributions = [...(facts.city !== null ? [GEO_ATTRIBUTION] : []), ...(facts.asn !== null ? [ASN_ATTRIBUTION] : [])];
  if (attributions.length > 0) data.attribution = attributions.join('; ');
  const findings: Finding[] = [
    {
      kind: 'ip',
      data,
      confidence: scope.scope === 'global' ? 0.9 : 1,
      about,
      evidence: facts.network
        ? { url: facts.network.url, method: 'rdap', ...(facts.network.handle !== null ? { matched: facts.network.handle } : {}) }
        : { method: scope.scope === 'global' ? 'offline databases and reverse DNS' : 'address classification', ...(scope.description !== null ? { detail: scope.description } : {}) },
    },
  ];
  const city = facts.city;
  if (city !== null && city.latitude !== null && city.longitude !== null) {
    const title = [city.city, city.region, city.countryCode].filter((p) => p !== null).join(', ');
    findings.push({
      kind: 'geolocation',
      data: { latitude: city.latitude, longitude: city.longitude, ...(title !== '' ? { title } : {}), ip: facts.ip, precision: 'city', attribution: GEO_ATTRIBUTION },
      confidence: 0.5,
      about,
      evidence: { method: 'offline geolocation database', detail: GEO_ATTRIBUTION },
    });
  }
  return findings;
}
