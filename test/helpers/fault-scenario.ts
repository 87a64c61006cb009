import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeDnsServer } from '../../src/connectors/network-common/fake-dns-server.ts';
import { FaultServer } from './fault-server.ts';

/** The primary connectors with a network upstream that a five-identifier lookup runs. */
export const FAULT_CONNECTORS = ['email_intel', 'hibp', 'business_registry_gleif', 'business_registry_opencorporates', 'web_page', 'osint_domain', 'tls_certificate', 'username_presence'] as const;

/**
 * Everything a lookup needs to meet a broken upstream on every connector at once: the fault
 * server, a DNS fake that points `faulty.example` at it, a four-site username catalogue on it,
 * the engine variables that aim every connector there, and the lookup's identifiers. Shared by
 * `test/connector-faults.test.ts` and `bench/connector-faults.ts`.
 */
export class FaultScenario {
  private constructor(
    readonly fault: FaultServer,
    readonly dns: FakeDnsServer,
    readonly sitesDir: string,
  ) {}

  static async start(): Promise<FaultScenario> {
    const fault = await FaultServer.start();
    const dns = await FakeDnsServer.start({ zone: { 'faulty.example': { A: ['127.0.0.1'], MX: [{ preference: 10, exchange: 'mx.faulty.example' }] } } });
    const sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-fault-sites-'));
    const sites = Object.fromEntries(['alpha', 'bravo', 'charlie', 'delta'].map((name) => [name, { errorType: 'status_code', url: `${fault.url}/users/${name}/{}`, urlMain: `${fault.url}/`, username_claimed: 'blue' }]));
    fs.writeFileSync(path.join(sitesDir, 'sites.json'), JSON.stringify(sites));
    return new FaultScenario(fault, dns, sitesDir);
  }

  /** Engine variables: every connector of FAULT_CONNECTORS aimed at the fault server. */
  engineEnv(deadlineSeconds: number): Record<string, string> {
    const { fault, dns } = this;
    return {
      CONNECTOR_ENABLED: FAULT_CONNECTORS.join(','),
      CONNECTOR_TIMEOUT_SECONDS: String(deadlineSeconds),
      OUTBOUND_ALLOW_LOOPBACK: 'true',
      OUTBOUND_DNS_SERVERS: dns.address,
      CONNECTOR_EMAIL_INTEL_DNS_SERVERS: dns.address,
      CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL: `${fault.url}/gravatar`,
      CONNECTOR_HIBP_API_KEY: 'hibp-fault-key',
      CONNECTOR_HIBP_BASE_URL: `${fault.url}/hibp`,
      CONNECTOR_GLEIF_BASE_URL: `${fault.url}/gleif`,
      CONNECTOR_OPENCORPORATES_API_KEY: 'oc-fault-key',
      CONNECTOR_OPENCORPORATES_BASE_URL: `${fault.url}/opencorporates`,
      CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: dns.address,
      CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL: `${fault.url}/rdap/dns.json`,
      CONNECTOR_OSINT_DOMAIN_WHOIS_HOST: '127.0.0.1',
      CONNECTOR_OSINT_DOMAIN_WHOIS_PORT: String(fault.tcpPort),
      CONNECTOR_TLS_CERTIFICATE_PORT: String(fault.tcpPort),
      USERNAME_SITES_PATH: path.join(this.sitesDir, 'sites.json'),
    };
  }

  /** The lookup's identifiers: one per connector family, all leading to the fault server. */
  identifiers(): { type: string; value: string }[] {
    return [
      { type: 'email', value: 'jane@faulty.example' },
      { type: 'domain', value: 'faulty.example' },
      { type: 'url', value: `${this.fault.url}/page/jane` },
      { type: 'company_name', value: 'Faulty Holdings Ltd' },
      { type: 'username', value: 'janedoe' },
    ];
  }

  async close(): Promise<void> {
    await Promise.all([this.fault.close(), this.dns.close()]);
    fs.rmSync(this.sitesDir, { recursive: true, force: true });
  }
}
