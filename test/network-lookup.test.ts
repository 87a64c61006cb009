import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type OsintDomainFake, startOsintDomainFake } from '../src/connectors/osint-domain/fake-upstream.ts';
import { egressSchema } from '../src/connectors/sdk.ts';
import { type OsintIpFake, startOsintIpFake } from '../src/connectors/osint-ip/fake-upstream.ts';
import { startTlsFake, type TlsFake } from '../src/connectors/tls-certificate/fake-upstream.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

interface Profile {
  network?: { domains?: Record<string, unknown>[]; ips?: Record<string, unknown>[]; ssl_certificates?: Record<string, unknown>[] };
}

describe('network lookups end to end (osint_domain, osint_ip, tls_certificate against fakes)', () => {
  let domainFake: OsintDomainFake;
  let ipFake: OsintIpFake;
  let tlsFake: TlsFake;
  let t: TestEngine;
  let key: string;
  const env = (): Record<string, string> => ({
    CONNECTOR_ENABLED: 'phone_metadata,osint_domain,osint_ip,tls_certificate',
    OUTBOUND_DNS_SERVERS: domainFake.dns.address,
    ...domainFake.env,
    ...ipFake.env,
    CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: '2000',
    CONNECTOR_TLS_CERTIFICATE_PORT: String(tlsFake.chained.port),
    CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET: `127.0.0.1:${tlsFake.chained.port}`,
  });
  const lookup = async (engine: TestEngine, apiKey: string, payload: Record<string, unknown>) => {
    const res = await engine.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': apiKey }, payload });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  before(async () => {
    [domainFake, ipFake, tlsFake] = await Promise.all([startOsintDomainFake(), startOsintIpFake(), startTlsFake()]);
    t = await startTestEngine({ env: env() });
    key = (await t.createKey(['analyst'])).key;
  });
  after(async () => {
    await t.close();
    await Promise.all([domainFake.close(), ipFake.close(), tlsFake.close()]);
  });

  it('a domain lookup fills network.domains and ssl_certificates, with sources and lineage', async () => {
    const body = await lookup(t, key, { identifiers: [{ type: 'domain', value: 'example.com' }] });
    assert.equal(body.resolution.status, 'resolved');
    assert.deepEqual([...body.source_coverage.available].sort(), ['osint_domain', 'tls_certificate']);
    assert.deepEqual(body.source_coverage.unavailable, []);
    const entity = body.entities[0];
    const profile = entity.profile as Profile;
    const domains = profile.network?.domains ?? [];
    const main = domains.find((d) => d.domain === 'example.com');
    assert.ok(main, JSON.stringify(domains));
    assert.equal(main.registrar, 'RESERVED-Internet Assigned Numbers Authority');
    assert.equal(main.created_date, '1995-08-14');
    assert.equal(main.nameservers, 'a.iana-servers.net, b.iana-servers.net');
    assert.equal(main.status, 'clientDeleteProhibited, clientTransferProhibited, clientUpdateProhibited');
    const san = domains.find((d) => d.domain === 'www.example.com');
    assert.ok(san, 'the certificate SAN is listed as a related domain');
    assert.equal(san.note, 'subject alternative name in a served TLS certificate');
    const cert = profile.network?.ssl_certificates?.[0];
    assert.equal(cert?.fingerprint, tlsFake.leafFingerprint);
    assert.equal(cert?.subject, 'CN=example.com, O=Example Inc., C=US');

    const sources = entity.traceability.sources as { id: string; connector_id: string; category: string }[];
    const domainSource = sources.find((s) => s.connector_id === 'osint_domain');
    const tlsSource = sources.find((s) => s.connector_id === 'tls_certificate');
    assert.ok(domainSource && tlsSource);
    assert.equal(domainSource.category, 'network_intelligence');
    const index = domains.indexOf(main);
    assert.deepEqual(entity.traceability.data_lineage[`profile.network.domains[${index}].registrar`], [domainSource.id]);
    assert.deepEqual(entity.traceability.data_lineage['profile.network.ssl_certificates[0].fingerprint'], [tlsSource.id]);
    assert.deepEqual(main.sources, [domainSource.id]);
  });

  it('a deep lookup hands the addresses of the domain to osint_ip', async () => {
    const body = await lookup(t, key, { identifiers: [{ type: 'domain', value: 'example.com' }], options: { depth: 'deep' } });
    assert.ok(body.source_coverage.available.includes('osint_ip'), JSON.stringify(body.source_coverage));
    const ips = (body.entities[0].profile as Profile).network?.ips ?? [];
    const loopback = ips.find((i) => i.ip === '127.0.0.1');
    assert.ok(loopback, JSON.stringify(ips));
    assert.equal(loopback.scope, 'loopback');
  });

  it('an IP lookup gives network.ips and geolocation from osint_ip', async () => {
    const body = await lookup(t, key, { identifiers: [{ type: 'ip', value: '8.8.8.8' }] });
    assert.deepEqual(body.source_coverage.available, ['osint_ip']);
    const profile = body.entities[0].profile as Profile & { geolocation?: { title?: string }[] };
    assert.equal(profile.network?.ips?.[0]?.asn, 15169);
    assert.equal(profile.network?.ips?.[0]?.network_owner, 'Google LLC');
    assert.equal(profile.geolocation?.[0]?.title, 'Mountain View, California, US');
  });

  it('GET /v1/connectors shows the live status, latency and egress the health probes found', async () => {
    for (const id of ['osint_domain', 'osint_ip', 'tls_certificate']) {
      const res = await t.inject({ method: 'GET', url: `/v1/connectors/${id}/health`, headers: { 'x-api-key': key } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'reachable', res.body);
    }
    const list = await t.inject({ method: 'GET', url: '/v1/connectors', headers: { 'x-api-key': key } });
    const connectors = list.json().connectors as { id: string; status: string; latency_ms: number | null; egress: { host: string; port: number; protocol: string }[] }[];
    for (const id of ['osint_domain', 'osint_ip', 'tls_certificate']) {
      const c = connectors.find((x) => x.id === id);
      assert.equal(c?.status, 'reachable');
      assert.equal(typeof c?.latency_ms, 'number');
      for (const entry of c?.egress ?? []) egressSchema.parse(entry);
    }
    const domain = connectors.find((x) => x.id === 'osint_domain')!;
    assert.ok(domain.egress.some((e) => e.host === '127.0.0.1' && e.port === Number(new URL(domainFake.rdap.url).port) && e.protocol === 'http'));
  });

  describe('with upstreams that hang', () => {
    let slow: TestEngine;
    let slowKey: string;
    before(async () => {
      slow = await startTestEngine({
        env: { ...env(), CONNECTOR_TIMEOUT_SECONDS: '2', CONNECTOR_TLS_CERTIFICATE_PORT: String(tlsFake.silent.port), CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: '300' },
      });
      slowKey = (await slow.createKey(['analyst'])).key;
    });
    after(() => slow.close());

    it('lists the hung connector as unavailable (timeout) and keeps the partial results of the other', async () => {
      const body = await lookup(slow, slowKey, { identifiers: [{ type: 'domain', value: 'rdap-hang.com' }] });
      assert.deepEqual(body.source_coverage.unavailable, ['tls_certificate']);
      assert.equal(body.source_coverage.unavailability_reason, 'timeout');
      assert.deepEqual(body.source_coverage.available, ['osint_domain']);
      const details = body.source_coverage.details as { connector_id: string; outcome: string; detail?: string }[];
      assert.equal(details.find((d) => d.connector_id === 'tls_certificate')?.outcome, 'timeout');
      assert.match(details.find((d) => d.connector_id === 'osint_domain')?.detail ?? '', /rdap: no answer in time/);
      const domains = (body.entities[0].profile as Profile).network?.domains ?? [];
      assert.equal(domains[0]?.nameservers, 'ns1.rdap-hang.com');
    });
  });
});
