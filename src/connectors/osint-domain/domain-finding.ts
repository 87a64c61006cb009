import type { DomainData, Finding, FindingSubject, JsonValue } from '../sdk.ts';
import { type DomainDns, hasRecords } from './dns-records.ts';
import type { RegistrationFacts } from './registration-facts.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function registrationFields(facts: RegistrationFacts): Mutable<Partial<DomainData>> {
  const out: Mutable<Partial<DomainData>> = { registration_source: facts.source, registration_url: facts.url };
  if (facts.created !== null) out.created_date = facts.created;
  if (facts.expires !== null) out.expiry_date = facts.expires;
  if (facts.updated !== null) out.updated_date = facts.updated;
  if (facts.registrar !== null) out.registrar = facts.registrar;
  if (facts.registrarIanaId !== null) out.registrar_iana_id = facts.registrarIanaId;
  if (facts.registrarAbuseEmail !== null) out.registrar_abuse_email = facts.registrarAbuseEmail;
  if (facts.registrant !== null) out.registrant = facts.registrant;
  if (facts.status.length > 0) out.status = facts.status.join(', ');
  if (facts.nameservers.length > 0) out.nameservers = facts.nameservers.join(', ');
  if (facts.whoisServer !== null) out.whois_server = facts.whoisServer;
  if (facts.handle !== null) out.registry_handle = facts.handle;
  if (facts.dnssecSigned !== null) out.dnssec_signed = facts.dnssecSigned;
  return out;
}

function dnsFields(dns: DomainDns): Mutable<Partial<DomainData>> {
  const records: { [key: string]: JsonValue } = {
    a: [...dns.a],
    aaaa: [...dns.aaaa],
    mx: dns.mx.map((m) => ({ priority: m.priority, exchange: m.exchange })),
    ns: [...dns.ns],
    txt: [...dns.txt],
    caa: dns.caa.map((c) => ({ critical: c.critical, tag: c.tag, value: c.value })),
  };
  return {
    dns_status: dns.status,
    dns: records,
    ...(dns.spf !== null ? { spf: dns.spf } : {}),
    ...(dns.dmarc !== null ? { dmarc: dns.dmarc } : {}),
  };
}

/**
 * The `network.domains[]` entry for a registrable domain: registration facts (RDAP or WHOIS)
 * and DNS records, or null when neither says anything. Nameservers come from the registry
 * when it lists them, else from the NS records.
 *
 * @example
 * domainFinding('example.com', about, dns, rdapFacts)?.data.registrar // 'RESERVED-Internet Assigned Numbers Authority'
 */
export function domainFinding(domain: string, about: readonly FindingSubject[], dns: DomainDns | null, facts: RegistrationFacts | null): Finding | null {
  const withDns = dns !== null && hasRecords(dns);
  if (facts === null && !withDns) return null;
  const data: Mutable<DomainData> = { domain, ...(facts ? registrationFields(facts) : {}), ...(dns ? dnsFields(dns) : {}) };
  if (data.nameservers === undefined && dns !== null && dns.ns.length > 0) data.nameservers = dns.ns.join(', ');
  // A registry record is the authority on registration; DNS alone shows use, not ownership.
  const confidence = facts?.source === 'rdap' ? 0.95 : facts?.source === 'whois' ? 0.85 : 0.8;
  return {
    kind: 'domain',
    data,
    confidence,
    about,
    evidence: facts
      ? { url: facts.url, method: facts.source, ...(facts.handle !== null ? { matched: facts.handle } : {}), detail: withDns ? 'registration record and DNS records' : 'registration record' }
      : { method: 'dns', detail: 'DNS records only; no registration record was read' },
  };
}

/** A host below the registrable domain (from a URL or e-mail) with the addresses it resolves to. */
export function hostFinding(host: string, domain: string, about: readonly FindingSubject[], a: readonly string[], aaaa: readonly string[]): Finding | null {
  if (a.length + aaaa.length === 0) return null;
  return {
    kind: 'domain',
    data: { domain: host, registrable_domain: domain, dns: { a: [...a], aaaa: [...aaaa] } },
    confidence: 0.8,
    about,
    evidence: { method: 'dns', detail: `address records of a host under ${domain}` },
  };
}
