/**
 * The upstreams of osint_domain, faked on loopback for its tests and the end-to-end lookup
 * test: a DNS server with the zone below, an RDAP service with IANA-style `dns.json` and
 * registry answers (fixtures/ holds a Verisign-shaped .com answer and RFC 9083 §5.3's
 * example), and a WHOIS server that plays both whois.iana.org and the .uk registry.
 *
 * Names and what they exercise:
 * - `example.com`: full DNS zone, RDAP record (known hit); `www.example.com`: a host.
 * - `xn--fo-5ja.example`: RFC 9083's own domain example (registrant, no registrar).
 * - `example.co.uk`: no RDAP service for .uk in this bootstrap → WHOIS (Nominet layout).
 * - `free-name.co.uk`: WHOIS "No match"; `nothing-here.com`: RDAP 404 and NXDOMAIN (known miss).
 * - `rdap-hang.com`: DNS answers, RDAP never does; `rate-limited.com`: RDAP 429, DNS silent.
 * - `whois-hang.co.uk`: the WHOIS server never answers.
 * - `corp.internal`: the bootstrap names a metadata-service address as its RDAP server.
 */
import fs from 'node:fs';
import { FakeDnsServer, type FakeZoneRecords } from '../network-common/fake-dns-server.ts';
import { bootstrapFile, FakeRdapServer } from '../network-common/fake-rdap-server.ts';
import { FakeWhoisServer } from './fake-whois-server.ts';

const fixture = (name: string): string => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export const EXAMPLE_COM_ZONE: Readonly<Record<string, FakeZoneRecords>> = {
  'example.com': {
    A: ['127.0.0.1'],
    MX: [{ preference: 10, exchange: 'mail.example.com' }],
    NS: ['b.iana-servers.net', 'a.iana-servers.net'],
    TXT: ['v=spf1 -all', 'google-site-verification=cairn-test-token'],
    CAA: [
      { tag: 'issue', value: 'digicert.com' },
      { tag: 'iodef', value: 'mailto:security@example.com' },
    ],
  },
  '_dmarc.example.com': { TXT: ['v=DMARC1;p=reject;sp=reject;adkim=s;aspf=s'] },
  'www.example.com': { A: ['127.0.0.1'] },
  'xn--fo-5ja.example': { NS: ['ns1.example.com', 'ns2.example.com'] },
  'example.co.uk': { MX: [{ preference: 5, exchange: 'mx.example.co.uk' }], NS: ['ns1.example-dns.co.uk'] },
  'rdap-hang.com': { A: ['127.0.0.1'], NS: ['ns1.rdap-hang.com'] },
};

export interface OsintDomainFake {
  readonly dns: FakeDnsServer;
  readonly rdap: FakeRdapServer;
  readonly whois: FakeWhoisServer;
  /** Connector settings pointing at the fakes. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startOsintDomainFake(): Promise<OsintDomainFake> {
  const dns = await FakeDnsServer.start({ zone: EXAMPLE_COM_ZONE, hang: ['rate-limited.com', '_dmarc.rate-limited.com'] });
  const rdap = await FakeRdapServer.start();
  const base = `${rdap.url}/rdap/`;
  rdap
    .route('/bootstrap/dns.json', { json: bootstrapFile([[['com', 'example'], base], [['internal'], 'http://169.254.169.254/rdap/']]) })
    .route('/rdap/domain/example.com', { json: JSON.parse(fixture('rdap-verisign-example-com.json')) as unknown })
    .route('/rdap/domain/xn--fo-5ja.example', { json: JSON.parse(fixture('rdap-rfc9083-domain.json')) as unknown })
    .route('/rdap/domain/rdap-hang.com', 'hang')
    .route('/rdap/domain/rate-limited.com', {
      status: 429,
      headers: { 'retry-after': '30' },
      json: { errorCode: 429, title: 'Too Many Requests', description: ['Query rate exceeded.'] },
    });
  const whois = await FakeWhoisServer.start((query) => {
    switch (query.toLowerCase()) {
      case 'uk':
        return fixture('whois-iana-uk.txt').replaceAll('{{WHOIS_HOST}}', '127.0.0.1');
      case 'com':
        return '% IANA WHOIS server\n\nrefer:        whois.verisign-grs.com\n\ndomain:       COM\n';
      case 'example.co.uk':
        return fixture('whois-nominet-example-co-uk.txt');
      case 'free-name.co.uk':
        return fixture('whois-nominet-no-match.txt');
      case 'whois-hang.co.uk':
        return null;
      default:
        return '% IANA WHOIS server\n% This query returned 0 objects.\n';
    }
  });
  return {
    dns,
    rdap,
    whois,
    env: {
      CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: dns.address,
      CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL: `${rdap.url}/bootstrap/dns.json`,
      CONNECTOR_OSINT_DOMAIN_WHOIS_HOST: '127.0.0.1',
      CONNECTOR_OSINT_DOMAIN_WHOIS_PORT: String(whois.port),
    },
    async close() {
      await Promise.all([dns.close(), rdap.close(), whois.close()]);
    },
  };
}
