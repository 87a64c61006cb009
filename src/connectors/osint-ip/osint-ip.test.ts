import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identifier, runOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import type { ConnectorServices, Finding, GeolocationData, IpData } from '../sdk.ts';
import { startOsintIpFake, type OsintIpFake } from './fake-upstream.ts';
import { osintIp } from './osint-ip.ts';

const ipOf = (findings: readonly Finding[]): IpData => {
  const f = findings.find((x) => x.kind === 'ip');
  assert.ok(f, 'no ip finding');
  return f.data as IpData;
};
const geoOf = (findings: readonly Finding[]): GeolocationData | undefined => findings.find((x) => x.kind === 'geolocation')?.data as GeolocationData | undefined;

describe('osint_ip connector', () => {
  let fake: OsintIpFake;
  let t: TestEngine;
  let services: ConnectorServices;
  let connector: ReturnType<typeof osintIp.create>;
  const create = (env: Record<string, string> = {}) =>
    osintIp.create(osintIp.settings.parse({ ...fake.env, CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS: '1500', ...env }), services);

  before(async () => {
    fake = await startOsintIpFake();
    t = await startTestEngine({ connectorDefinitions: [] });
    services = t.engine.connectorServices;
    // One instance for the data-heavy cases: the shipped databases load once per instance.
    connector = create({ CONNECTOR_OSINT_IP_RDAP_TIMEOUT_MS: '400' });
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  it('known hit: ASN and city from the shipped databases, PTR confirmed, network from RDAP', async () => {
    const run = await runOnce(connector, [identifier('ip', '8.8.8.8')]);
    assert.equal(run.outcome, 'ok', run.detail);
    const ip = ipOf(run.findings);
    assert.equal(ip.ip, '8.8.8.8');
    assert.equal(ip.scope, 'global');
    assert.equal(ip.asn, 15169);
    assert.equal(ip.asn_org, 'Google LLC');
    assert.equal(ip.asn_range, '8.8.8.0 - 8.8.8.255');
    assert.equal(ip.country, 'US');
    assert.equal(ip.region, 'California');
    assert.equal(ip.city, 'Mountain View');
    assert.equal(ip.reverse_dns, 'dns.google');
    assert.equal(ip.reverse_dns_confirmed, true);
    assert.equal(ip.network_name, 'GOGL');
    assert.equal(ip.network_handle, 'NET-8-8-8-0-2');
    assert.equal(ip.network_cidr, '8.8.8.0/24');
    assert.equal(ip.network_range, '8.8.8.0 - 8.8.8.255');
    assert.equal(ip.network_owner, 'Google LLC');
    assert.equal(ip.network_abuse_email, 'network-abuse@google.com');
    assert.equal(ip.network_registered, '2023-12-28');
    assert.match(String(ip.attribution), /IP Geolocation by DB-IP/);
    const geo = geoOf(run.findings);
    assert.ok(geo);
    assert.ok(Math.abs(geo.latitude - 37.422) < 0.01 && Math.abs(geo.longitude + 122.085) < 0.01);
    assert.equal(geo.title, 'Mountain View, California, US');
    assert.deepEqual(run.findings[0]!.about, [{ type: 'ip', normalized: '8.8.8.8' }]);
  });

  it('reads an IPv6 network in the shape of RFC 9083 §5.4', async () => {
    const run = await runOnce(connector, [identifier('ip', '2001:4860:4860:0:0:0:0:8888')]);
    assert.equal(run.outcome, 'ok', run.detail);
    const ip = ipOf(run.findings);
    assert.equal(ip.ip, '2001:4860:4860::8888');
    assert.equal(ip.version, 'IPv6');
    assert.equal(ip.asn, 15169);
    assert.equal(ip.network_name, 'NET-RTR-1');
    assert.equal(ip.network_owner, 'Joe User');
    assert.equal(ip.network_country, 'AU');
    assert.equal(ip.network_parent_handle, 'YYYY-RIR');
    assert.equal(ip.reverse_dns, undefined);
  });

  it('known miss: a global address no database, registry or zone knows is no_data', async () => {
    const run = await runOnce(connector, [identifier('ip', '3ffe::1')]);
    assert.equal(run.outcome, 'no_data', run.detail);
    assert.match(run.detail ?? '', /no registry serves this address block/);
  });

  it('classifies private and link-local addresses offline and asks nobody about them', async () => {
    const before = { rdap: fake.rdap.requests.length, dns: fake.dns.queries.length };
    const run = await runOnce(connector, [identifier('ip', '10.1.2.3'), identifier('ip', '169.254.169.254')]);
    assert.equal(run.outcome, 'ok');
    const [priv, link] = run.findings.filter((f) => f.kind === 'ip').map((f) => f.data as IpData);
    assert.equal(priv!.scope, 'private');
    assert.equal(priv!.scope_description, 'private-use address (RFC 1918)');
    assert.equal(link!.scope, 'linkLocal');
    assert.equal(priv!.asn, undefined);
    assert.equal(fake.rdap.requests.length, before.rdap, 'no RDAP request for a non-global address');
    assert.equal(fake.dns.queries.length, before.dns, 'no PTR query for a non-global address');
  });

  it('looks up the IPv4 address inside an IPv4-mapped IPv6 address', async () => {
    const run = await runOnce(connector, [identifier('ip', '::ffff:8.8.8.8')]);
    const ip = ipOf(run.findings);
    assert.equal(ip.embedded_ipv4, '8.8.8.8');
    assert.equal(ip.asn, 15169);
    assert.equal(ip.network_handle, 'NET-8-8-8-0-2');
  });

  it('keeps offline and DNS facts when RDAP hangs or rate-limits, and names the gap', async () => {
    const hung = await runOnce(connector, [identifier('ip', '1.1.1.1')], { timeoutMs: 5000 });
    assert.equal(hung.outcome, 'ok');
    assert.match(hung.detail ?? '', /rdap: no answer in time/);
    assert.equal(ipOf(hung.findings).reverse_dns, 'one.one.one.one');
    assert.equal(ipOf(hung.findings).reverse_dns_confirmed, false);
    assert.equal(ipOf(hung.findings).asn, 13335);

    const limited = await runOnce(connector, [identifier('ip', '9.9.9.9')]);
    assert.equal(limited.outcome, 'ok');
    assert.match(limited.detail ?? '', /HTTP 429 \(retry after 60\)/);
  });

  it('reports missing offline data as a gap, not a crash', async () => {
    const broken = create({
      CONNECTOR_OSINT_IP_ASN_IPV4_PATH: '/nonexistent/asn-ipv4.csv',
      CONNECTOR_OSINT_IP_GEOIP_IPV4_PATH: '/nonexistent/city.mmdb',
      CONNECTOR_OSINT_IP_RDAP_BOOTSTRAP_IPV4_URL: 'http://127.0.0.1:9/ipv4.json',
      CONNECTOR_OSINT_IP_DNS_SERVERS: '127.0.0.1:9',
    });
    const run = await runOnce(broken, [identifier('ip', '8.8.8.8')]);
    assert.equal(run.outcome, 'egress_blocked');
    assert.match(run.detail ?? '', /asn data: failed \(ENOENT\)/);
    assert.match(run.detail ?? '', /geolocation data: failed \(ENOENT\)/);
    const health = await broken.health(AbortSignal.timeout(5000));
    assert.equal(health.status, 'degraded');
    assert.match(health.error ?? '', /geolocation data/);
  });

  it('health opens the databases and probes the bootstrap files and the resolver', async () => {
    const health = await connector.health(AbortSignal.timeout(10_000));
    assert.equal(health.status, 'reachable', health.error ?? '');
    assert.equal(typeof health.latency_ms, 'number');
  });

  it('declares its egress from the configured bootstrap URLs and resolvers', () => {
    const port = Number(new URL(fake.rdap.url).port);
    assert.ok(connector.egress.some((e) => e.host === '127.0.0.1' && e.port === port && e.protocol === 'http'));
    assert.ok(connector.egress.some((e) => e.host === '127.0.0.1' && String(e.port) === fake.dns.address.split(':')[1]));
  });
});
