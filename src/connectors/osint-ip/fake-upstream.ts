/**
 * The upstreams of osint_ip, faked on loopback: a DNS server with PTR records (and the forward
 * records that confirm them) and an RDAP service with IANA-style `ipv4.json` / `ipv6.json`.
 * The offline databases are the real ones shipped in npm packages.
 *
 * Addresses and what they exercise:
 * - `8.8.8.8`: ARIN-shaped network answer (fixtures/), PTR `dns.google` confirmed (known hit).
 * - `2001:4860:4860::8888`: RFC 9083 §5.4's network example, moved from 2001:db8::/32 (a
 *   documentation block Cairn never queries) into 2001:4860::/32; no PTR.
 * - `1.1.1.1`: RDAP server hangs; `9.9.9.9`: RDAP answers 429.
 * - `3ffe::1`: returned 6bone space: global but in no database, registry or zone (known miss).
 */
import fs from 'node:fs';
import { FakeDnsServer } from '../network-common/fake-dns-server.ts';
import { bootstrapFile, FakeRdapServer } from '../network-common/fake-rdap-server.ts';

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

export interface OsintIpFake {
  readonly dns: FakeDnsServer;
  readonly rdap: FakeRdapServer;
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startOsintIpFake(): Promise<OsintIpFake> {
  const dns = await FakeDnsServer.start({
    zone: {
      '8.8.8.8.in-addr.arpa': { PTR: ['dns.google'] },
      'dns.google': { A: ['8.8.8.8', '8.8.4.4'] },
      '1.1.1.1.in-addr.arpa': { PTR: ['one.one.one.one'] },
      'one.one.one.one': { A: ['1.0.0.1'] },
    },
  });
  const rdap = await FakeRdapServer.start();
  const base = `${rdap.url}/rdap/`;
  rdap
    .route('/bootstrap/ipv4.json', { json: bootstrapFile([[['8.0.0.0/8', '1.0.0.0/8', '9.0.0.0/8'], base], [['10.0.0.0/8'], base]]) })
    .route('/bootstrap/ipv6.json', { json: bootstrapFile([[['2001:4800::/23'], base]]) })
    .route('/rdap/ip/8.8.8.8', { json: fixture('rdap-arin-8-8-8-0.json') })
    .route('/rdap/ip/2001:4860:4860::8888', { json: fixture('rdap-rfc9083-ip-network.json') })
    .route('/rdap/ip/1.1.1.1', 'hang')
    .route('/rdap/ip/9.9.9.9', { status: 429, headers: { 'retry-after': '60' }, json: { errorCode: 429, title: 'Too Many Requests' } });
  return {
    dns,
    rdap,
    env: {
      CONNECTOR_OSINT_IP_DNS_SERVERS: dns.address,
      CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV4_URL: `${rdap.url}/bootstrap/ipv4.json`,
      CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV6_URL: `${rdap.url}/bootstrap/ipv6.json`,
    },
    async close() {
      await Promise.all([dns.close(), rdap.close()]);
    },
  };
}
