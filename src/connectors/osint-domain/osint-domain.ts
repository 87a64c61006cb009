import { z } from 'zod';
import { CallResolver, probeResolver } from '../network-common/call-resolver.ts';
import { egressOfDnsServers, egressOfUrl, uniqueEgress } from '../network-common/egress.ts';
import { runHealthChecks } from '../network-common/health-probes.ts';
import { BootstrapCache, DomainBootstrap } from '../network-common/rdap-bootstrap.ts';
import { dnsServersSetting, hostSetting } from '../network-common/setting-values.ts';
import { partBudgetMs, settleResult, type UpstreamGap } from '../network-common/upstream-gaps.ts';
import {
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type DerivedIdentifier,
  type Egress,
  type Finding,
  type HealthReport,
  httpUrlField,
  intField,
  type RunContext,
} from '../sdk.ts';
import { readDomainDns, readHostAddresses } from './dns-records.ts';
import { domainFinding, hostFinding } from './domain-finding.ts';
import { type DomainTarget, domainTargets } from './domain-targets.ts';
import { lookUpRegistration, type RegistrationSources } from './registration-lookup.ts';
import { WhoisDirectory } from './whois-client.ts';

const manifest = defineManifest({
  id: 'osint_domain',
  name: 'Domain registration and DNS',
  description:
    'Registration data of a domain (registrar, dates, status, nameservers) from the registry over RDAP, with WHOIS where a TLD has no RDAP ' +
    "service, and its DNS records (A, AAAA, MX, NS, TXT with SPF and DMARC, CAA). Takes a domain, or the domain of an e-mail address or URL.",
  category: 'network_intelligence',
  tier: 'primary',
  accepts: ['domain', 'email', 'url'],
  credential_mode: 'intrace_managed',
  // Registries are authoritative for registration; DNS answers are what the resolver saw.
  reliability: 0.9,
});

const settings = z.object({
  CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: dnsServersSetting(),
  // Used when the connector's own list is empty: the resolvers the engine already goes through.
  OUTBOUND_DNS_SERVERS: dnsServersSetting(),
  CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS: intField(50, 60_000, 3000),
  CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL: httpUrlField('https://data.iana.org/rdap/dns.json'),
  CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_TTL_SECONDS: intField(1, 30 * 86_400, 86_400),
  CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: intField(50, 60_000, 5000),
  CONNECTOR_OSINT_DOMAIN_WHOIS_HOST: hostSetting('whois.iana.org'),
  CONNECTOR_OSINT_DOMAIN_WHOIS_PORT: intField(1, 65_535, 43),
  CONNECTOR_OSINT_DOMAIN_WHOIS_TIMEOUT_MS: intField(50, 60_000, 5000),
});
type Settings = z.output<typeof settings>;

// Addresses of the domain handed to osint_ip in the second wave of a deep lookup.
const MAX_DERIVED_ADDRESSES = 4;

interface TargetResult {
  readonly findings: Finding[];
  readonly gaps: UpstreamGap[];
  readonly notes: string[];
  readonly derived: DerivedIdentifier[];
}

function egressOf(s: Settings, dnsServers: readonly string[]): Egress[] {
  return uniqueEgress([
    egressOfUrl(s.CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL),
    // The registry RDAP servers dns.json names, and the TLD WHOIS servers IANA names.
    { host: '*', port: 443, protocol: 'https' },
    { host: s.CONNECTOR_OSINT_DOMAIN_WHOIS_HOST, port: s.CONNECTOR_OSINT_DOMAIN_WHOIS_PORT, protocol: 'tcp' },
    { host: '*', port: s.CONNECTOR_OSINT_DOMAIN_WHOIS_PORT, protocol: 'tcp' },
    ...egressOfDnsServers(dnsServers),
  ]);
}

class OsintDomainConnector implements Connector {
  readonly manifest = manifest;
  readonly egress: readonly Egress[];
  readonly #s: Settings;
  readonly #dnsServers: readonly string[];
  readonly #bootstrap: BootstrapCache<DomainBootstrap>;
  readonly #whois: WhoisDirectory;
  readonly #sources: RegistrationSources;

  constructor(s: Settings, services: ConnectorServices) {
    this.#s = s;
    this.#dnsServers = s.CONNECTOR_OSINT_DOMAIN_DNS_SERVERS.length > 0 ? s.CONNECTOR_OSINT_DOMAIN_DNS_SERVERS : s.OUTBOUND_DNS_SERVERS;
    const ttlMs = s.CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_TTL_SECONDS * 1000;
    this.#bootstrap = new BootstrapCache({ http: services.http, url: s.CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL, ttlMs, parse: DomainBootstrap.parse, now: services.now });
    this.#whois = new WhoisDirectory(services.tcp, { host: s.CONNECTOR_OSINT_DOMAIN_WHOIS_HOST, port: s.CONNECTOR_OSINT_DOMAIN_WHOIS_PORT, ttlMs, now: services.now });
    this.#sources = {
      http: services.http,
      tcp: services.tcp,
      bootstrap: this.#bootstrap,
      whois: this.#whois,
      rdapTimeoutMs: s.CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS,
      whoisTimeoutMs: s.CONNECTOR_OSINT_DOMAIN_WHOIS_TIMEOUT_MS,
      whoisPort: s.CONNECTOR_OSINT_DOMAIN_WHOIS_PORT,
    };
    this.egress = egressOf(s, this.#dnsServers);
  }

  async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
    const { targets, skipped } = domainTargets(input.identifiers);
    const results = await Promise.all(targets.map((t) => this.#lookUpTarget(t, ctx)));
    return settleResult(
      results.flatMap((r) => r.findings),
      results.flatMap((r) => r.gaps),
      { notes: [...skipped, ...results.flatMap((r) => r.notes)], derived: results.flatMap((r) => r.derived).slice(0, MAX_DERIVED_ADDRESSES) },
    );
  }

  health(signal: AbortSignal): Promise<HealthReport> {
    const s = this.#s;
    return runHealthChecks([
      {
        upstream: 'rdap bootstrap',
        run: async () => {
          const registry = await this.#bootstrap.refresh(signal, s.CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS);
          if (registry.size === 0) throw Object.assign(new Error('bootstrap lists no RDAP service'), { code: 'EMPTY' });
        },
      },
      { upstream: 'dns', run: () => probeResolver(this.#dnsServers, s.CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS, signal) },
      { upstream: 'whois', run: () => this.#whois.probe(signal, s.CONNECTOR_OSINT_DOMAIN_WHOIS_TIMEOUT_MS) },
    ]);
  }

  /** DNS, host addresses and registration of one registrable domain, asked in parallel. */
  async #lookUpTarget(target: DomainTarget, ctx: RunContext): Promise<TargetResult> {
    const budgetMs = partBudgetMs(ctx.deadline, this.#s.CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS);
    const dnsCall = new CallResolver({ servers: this.#dnsServers, budgetMs, signal: ctx.signal });
    try {
      const [dns, hosts, registration] = await Promise.all([
        readDomainDns(dnsCall, target.domain),
        Promise.all(target.hosts.map((h) => readHostAddresses(dnsCall, h))),
        lookUpRegistration(this.#sources, target.domain, ctx),
      ]);
      const main = domainFinding(target.domain, target.about, dns.records, registration.facts);
      const findings = [main, ...hosts.map((h) => hostFinding(h.host, target.domain, target.about, h.a, h.aaaa))].filter((f) => f !== null);
      const notes = [...registration.notes];
      if (main === null && registration.notRegistered && dns.records?.status === 'NXDOMAIN') notes.push(`${target.domain} is neither registered nor in DNS`);
      const addresses = [...(dns.records?.a ?? []), ...(dns.records?.aaaa ?? [])];
      return {
        findings,
        gaps: [...dns.gaps, ...hosts.flatMap((h) => h.gaps), ...registration.gaps],
        notes,
        derived: addresses.map((value) => ({ type: 'ip' as const, value })),
      };
    } finally {
      dnsCall.close();
    }
  }
}

export const osintDomain = defineConnector({ manifest, settings, create: (s, services) => new OsintDomainConnector(s, services) });
