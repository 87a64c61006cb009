import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identifier, runOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import type { ConnectorServices, DomainData, Finding } from '../sdk.ts';
import { startOsintDomainFake, type OsintDomainFake } from './fake-upstream.ts';
import { osintDomain } from './osint-domain.ts';

function domainData(findings: readonly Finding[], domain: string): DomainData {
  const finding = findings.find((f) => f.kind === 'domain' && f.data.domain === domain);
  assert.ok(finding, `no domain finding for ${domain}; got ${findings.map((f) => JSON.stringify(f.data)).join(' | ')}`);
  return finding.data as DomainData;
}

describe('osint_domain connector', () => {
  let fake: OsintDomainFake;
  let t: TestEngine;
  let services: ConnectorServices;
  const create = (env: Record<string, string> = {}, overrides: Partial<ConnectorServices> = {}) =>
    osintDomain.create(osintDomain.settings.parse({ ...fake.env, CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: '1500', ...env }), { ...services, ...overrides });

  before(async () => {
    fake = await startOsintDomainFake();
    t = await startTestEngine({ env: { OUTBOUND_DNS_SERVERS: fake.dns.address }, connectorDefinitions: [] });
    services = t.engine.connectorServices;
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  it('known hit: reads the registry record over RDAP and the DNS records', async () => {
    const run = await runOnce(create(), [identifier('domain', 'Example.COM')]);
    assert.equal(run.outcome, 'ok', run.detail);
    const data = domainData(run.findings, 'example.com');
    assert.equal(data.registrar, 'RESERVED-Internet Assigned Numbers Authority');
    assert.equal(data.registrar_iana_id, '376');
    assert.equal(data.created_date, '1995-08-14');
    assert.equal(data.expiry_date, '2026-08-13');
    assert.equal(data.updated_date, '2025-08-14');
    assert.equal(data.status, 'clientDeleteProhibited, clientTransferProhibited, clientUpdateProhibited');
    assert.equal(data.nameservers, 'a.iana-servers.net, b.iana-servers.net');
    assert.equal(data.whois_server, 'whois.verisign-grs.com');
    assert.equal(data.dnssec_signed, true);
    assert.equal(data.registration_source, 'rdap');
    // The registrar's abuse contact is blank in the record: absent, not an empty string.
    assert.equal(data.registrar_abuse_email, undefined);
    assert.equal(data.spf, 'v=spf1 -all');
    assert.equal(data.dmarc, 'v=DMARC1;p=reject;sp=reject;adkim=s;aspf=s');
    assert.deepEqual(data.dns, {
      a: ['127.0.0.1'],
      aaaa: [],
      mx: [{ priority: 10, exchange: 'mail.example.com' }],
      ns: ['a.iana-servers.net', 'b.iana-servers.net'],
      txt: ['v=spf1 -all', 'google-site-verification=cairn-test-token'],
      caa: [
        { critical: 0, tag: 'issue', value: 'digicert.com' },
        { critical: 0, tag: 'iodef', value: 'mailto:security@example.com' },
      ],
    });
    const finding = run.findings[0]!;
    assert.deepEqual(finding.about, [{ type: 'domain', normalized: 'example.com' }]);
    assert.match(finding.evidence?.url ?? '', /\/rdap\/domain\/example\.com$/);
    assert.deepEqual(run.derived, [{ type: 'ip', value: '127.0.0.1' }]);
  });

  it('known miss: a name the registry does not know and DNS does not have is no_data', async () => {
    const run = await runOnce(create(), [identifier('domain', 'nothing-here.com')]);
    assert.equal(run.outcome, 'no_data');
    assert.match(run.detail ?? '', /neither registered nor in DNS/);
  });

  it('takes the registrable domain of an e-mail address and of a URL, and looks it up once', async () => {
    const before = fake.rdap.hits('/rdap/domain/example.com');
    const run = await runOnce(create(), [identifier('email', 'someone@example.com'), identifier('url', 'https://www.example.com:8443/about')]);
    assert.equal(run.outcome, 'ok', run.detail);
    assert.equal(fake.rdap.hits('/rdap/domain/example.com') - before, 1);
    const main = run.findings.find((f) => f.kind === 'domain' && f.data.domain === 'example.com')!;
    assert.deepEqual(main.about, [
      { type: 'email', normalized: 'someone@example.com' },
      { type: 'url', normalized: 'https://www.example.com:8443/about' },
    ]);
    const host = domainData(run.findings, 'www.example.com');
    assert.equal(host.registrable_domain, 'example.com');
    assert.deepEqual(host.dns, { a: ['127.0.0.1'], aaaa: [] });
  });

  it('reads the RFC 9083 domain example: IDN, registrant, statuses without a registrar', async () => {
    const run = await runOnce(create(), [identifier('domain', 'fóo.example')]);
    assert.equal(run.outcome, 'ok', run.detail);
    const data = domainData(run.findings, 'xn--fo-5ja.example');
    assert.equal(data.registrant, 'Joe User');
    assert.equal(data.registrar, undefined);
    assert.equal(data.status, 'locked, transferProhibited');
    assert.equal(data.created_date, '1990-12-31');
    assert.equal(data.expiry_date, '2016-12-31');
    assert.equal(data.nameservers, 'ns1.example.com, ns2.example.com');
    assert.equal(data.whois_server, 'whois.example.net');
  });

  it('falls back to WHOIS where the bootstrap lists no RDAP server for the TLD', async () => {
    const run = await runOnce(create(), [identifier('domain', 'example.co.uk')]);
    assert.equal(run.outcome, 'ok', run.detail);
    const data = domainData(run.findings, 'example.co.uk');
    assert.equal(data.registration_source, 'whois');
    assert.equal(data.registrar, 'Example Registrar Ltd [Tag = EXAMPLE-REG]');
    assert.equal(data.created_date, '1996-08-26');
    assert.equal(data.expiry_date, '2027-08-26');
    assert.equal(data.updated_date, '2025-06-25');
    assert.equal(data.nameservers, 'ns1.example-dns.co.uk, ns2.example-dns.co.uk');
    assert.equal(data.whois_server, '127.0.0.1');
    assert.ok(fake.whois.queries.includes('uk') && fake.whois.queries.includes('example.co.uk'));
  });

  it('reports a WHOIS "No match" as not registered', async () => {
    const run = await runOnce(create(), [identifier('domain', 'free-name.co.uk')]);
    assert.equal(run.outcome, 'no_data');
    assert.match(run.detail ?? '', /whois: no such domain/);
  });

  it('keeps the DNS findings when RDAP hangs, and says so', async () => {
    const run = await runOnce(create({ CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: '300' }), [identifier('domain', 'rdap-hang.com')], { timeoutMs: 5000 });
    assert.equal(run.outcome, 'ok');
    assert.match(run.detail ?? '', /rdap: no answer in time/);
    const data = domainData(run.findings, 'rdap-hang.com');
    assert.equal(data.registrar, undefined);
    assert.equal(data.nameservers, 'ns1.rdap-hang.com');
  });

  it('reports a 429 from RDAP as rate_limited when nothing else answered', async () => {
    const run = await runOnce(create({ CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS: '300' }), [identifier('domain', 'rate-limited.com')], { timeoutMs: 5000 });
    assert.equal(run.outcome, 'rate_limited');
    assert.match(run.detail ?? '', /HTTP 429 \(retry after 30\)/);
    assert.match(run.detail ?? '', /dns \(A, AAAA, MX, NS, TXT, CAA, _dmarc TXT\): no answer in time/);
  });

  it('reports a WHOIS server that never answers as a timeout', async () => {
    const run = await runOnce(create({ CONNECTOR_OSINT_DOMAIN_WHOIS_TIMEOUT_MS: '300' }), [identifier('domain', 'whois-hang.co.uk')], { timeoutMs: 5000 });
    assert.equal(run.outcome, 'timeout');
  });

  it('refuses an RDAP server the bootstrap places on a link-local address', async () => {
    const run = await runOnce(create(), [identifier('domain', 'corp.internal')]);
    assert.equal(run.outcome, 'egress_blocked');
    assert.match(run.detail ?? '', /rdap: refused target 169\.254\.169\.254/);
  });

  it('fetches the bootstrap file once per TTL', async () => {
    let now = Date.parse('2026-06-01T00:00:00Z');
    const connector = create({ CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_TTL_SECONDS: '60' }, { now: () => new Date(now) });
    const fetches = () => fake.rdap.hits('/bootstrap/dns.json');
    const start = fetches();
    await runOnce(connector, [identifier('domain', 'example.com')]);
    await runOnce(connector, [identifier('domain', 'xn--fo-5ja.example')]);
    assert.equal(fetches() - start, 1);
    now += 61_000;
    await runOnce(connector, [identifier('domain', 'example.com')]);
    assert.equal(fetches() - start, 2);
  });

  it('health probes the bootstrap, the resolver and WHOIS for real', async () => {
    const healthy = await create().health(AbortSignal.timeout(5000));
    assert.equal(healthy.status, 'reachable', healthy.error ?? '');
    assert.equal(typeof healthy.latency_ms, 'number');

    const deadDns = await create({ CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: '127.0.0.1:9', CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS: '300' }).health(AbortSignal.timeout(5000));
    assert.equal(deadDns.status, 'degraded');
    assert.match(deadDns.error ?? '', /^dns: /);

    const allDead = await create({
      CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: '127.0.0.1:9',
      CONNECTOR_OSINT_DOMAIN_DNS_TIMEOUT_MS: '300',
      CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL: `${fake.rdap.url}/missing.json`,
      CONNECTOR_OSINT_DOMAIN_WHOIS_PORT: '9',
    }).health(AbortSignal.timeout(5000));
    assert.equal(allDead.status, 'unreachable');
    assert.equal(allDead.latency_ms, null);
  });

  it('declares its egress from the configured upstreams', () => {
    const connector = create();
    const rdapPort = Number(new URL(fake.rdap.url).port);
    assert.deepEqual(
      connector.egress.filter((e) => e.host === '127.0.0.1').map((e) => `${e.protocol}:${e.port}`).sort(),
      [`http:${rdapPort}`, `tcp:${fake.whois.port}`, `tcp:${fake.dns.address.split(':')[1]}`].sort(),
    );
    assert.ok(connector.egress.some((e) => e.host === '*' && e.port === 443 && e.protocol === 'https'));
  });

  it('refuses a malformed setting with the variable named', () => {
    const parsed = osintDomain.settings.safeParse({ CONNECTOR_OSINT_DOMAIN_DNS_SERVERS: 'dns.example.net' });
    assert.equal(parsed.success, false);
    assert.equal(parsed.error?.issues[0]?.path[0], 'CONNECTOR_OSINT_DOMAIN_DNS_SERVERS');
  });
});
