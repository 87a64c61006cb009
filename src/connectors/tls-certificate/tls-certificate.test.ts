import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identifier, runOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { FakeDnsServer } from '../network-common/fake-dns-server.ts';
import type { ConnectorServices, Finding, SslCertificateData } from '../sdk.ts';
import { startTlsFake, type TlsFake } from './fake-upstream.ts';
import { tlsCertificate } from './tls-certificate.ts';

const certOf = (findings: readonly Finding[]): SslCertificateData => {
  const f = findings.find((x) => x.kind === 'ssl_certificate');
  assert.ok(f, 'no ssl_certificate finding');
  return f.data as SslCertificateData;
};

describe('tls_certificate connector', () => {
  let fake: TlsFake;
  let dns: FakeDnsServer;
  let t: TestEngine;
  let services: ConnectorServices;
  const create = (env: Record<string, string> = {}, overrides: Partial<ConnectorServices> = {}) =>
    tlsCertificate.create(
      tlsCertificate.settings.parse({
        CONNECTOR_TLS_CERTIFICATE_PORT: String(fake.chained.port),
        CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET: `127.0.0.1:${fake.chained.port}`,
        CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS: '1500',
        ...env,
      }),
      { ...services, ...overrides },
    );

  before(async () => {
    fake = await startTlsFake();
    dns = await FakeDnsServer.start({
      zone: {
        'example.com': { A: ['127.0.0.1'] },
        'self.example': { A: ['127.0.0.1'] },
        'private.example': { A: ['10.0.0.7'] },
        'metadata.example': { A: ['127.0.0.1', '169.254.169.254'] },
      },
    });
    // The guard resolves target names through OUTBOUND_DNS_SERVERS, here the fake.
    t = await startTestEngine({ env: { OUTBOUND_DNS_SERVERS: dns.address }, connectorDefinitions: [] });
    services = t.engine.connectorServices;
  });
  after(async () => {
    await t.close();
    await Promise.all([fake.close(), dns.close()]);
  });

  it('known hit: reads the served chain of a domain', async () => {
    const run = await runOnce(create(), [identifier('domain', 'example.com')]);
    assert.equal(run.outcome, 'ok', run.detail);
    const cert = certOf(run.findings);
    assert.equal(cert.subject, 'CN=example.com, O=Example Inc., C=US');
    assert.equal(cert.issuer, 'CN=Cairn Test Root, O=Cairn Test CA, C=US');
    assert.equal(cert.fingerprint, fake.leafFingerprint);
    assert.match(cert.fingerprint ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.match(cert.valid_from ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(Date.parse(cert.valid_until!) - Date.parse(cert.valid_from!), 7 * 86_400_000);
    assert.equal(cert.alt_names, 'example.com, www.example.com, mail.example.com, *.cdn.example.com, 127.0.0.1');
    assert.equal(cert.serial, '1234ABCD');
    assert.equal(cert.chain_depth, 2);
    assert.equal(cert.self_signed, false);
    assert.equal(cert.expired, false);
    assert.equal(cert.hostname_match, true);
    assert.equal(cert.trusted, false);
    assert.equal(cert.trust_error, 'SELF_SIGNED_CERT_IN_CHAIN');
    assert.equal(cert.public_key, 'ec prime256v1');
    assert.deepEqual(cert.chain, [{ subject: 'CN=Cairn Test Root, O=Cairn Test CA, C=US', issuer: 'CN=Cairn Test Root, O=Cairn Test CA, C=US', fingerprint: fake.caFingerprint, valid_until: (cert.chain as { valid_until: string }[])[0]!.valid_until }]);

    const sans = run.findings.filter((f) => f.kind === 'domain');
    assert.deepEqual(sans.map((f) => f.data.domain), ['www.example.com', 'mail.example.com']);
    assert.ok(sans.every((f) => f.confidence < 0.9 && f.data.note === 'subject alternative name in a served TLS certificate'));
    assert.deepEqual(sans[0]!.about, [{ type: 'domain', normalized: 'example.com' }]);
  });

  it('known miss: a name without addresses is no_data', async () => {
    const run = await runOnce(create(), [identifier('domain', 'nohost.example')]);
    assert.equal(run.outcome, 'no_data');
    assert.match(run.detail ?? '', /nohost\.example has no address/);
  });

  it("uses a URL's own port, and reports a self-signed certificate", async () => {
    const run = await runOnce(create(), [identifier('url', `https://self.example:${fake.selfSigned.port}/login`)]);
    assert.equal(run.outcome, 'ok', run.detail);
    const cert = certOf(run.findings);
    assert.equal(cert.subject, 'CN=self.example');
    assert.equal(cert.self_signed, true);
    assert.equal(cert.chain_depth, 1);
    assert.equal(cert.trust_error, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(cert.port, fake.selfSigned.port);
    assert.equal(run.findings.filter((f) => f.kind === 'domain').length, 0);
  });

  it('judges expiry against the engine clock', async () => {
    const later = new Date(Date.now() + 30 * 86_400_000);
    const run = await runOnce(create({}, { now: () => later }), [identifier('domain', 'example.com')]);
    assert.equal(certOf(run.findings).expired, true);
  });

  it('reports a host that never completes the handshake as a timeout', async () => {
    const run = await runOnce(create({ CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS: '300' }), [identifier('url', `https://example.com:${fake.silent.port}/`)], { timeoutMs: 5000 });
    assert.equal(run.outcome, 'timeout');
  });

  it('reports a host that does not speak TLS as no_data with the reason', async () => {
    const run = await runOnce(create(), [identifier('url', `https://example.com:${fake.plain.port}/`)]);
    assert.equal(run.outcome, 'no_data', run.detail);
    assert.match(run.detail ?? '', /did not complete a TLS handshake/);
  });

  it('never connects to a name that resolves to a private or metadata address', async () => {
    const run = await runOnce(create(), [identifier('domain', 'private.example'), identifier('domain', 'metadata.example')]);
    assert.equal(run.outcome, 'egress_blocked');
    assert.match(run.detail ?? '', /refused target private\.example/);
    assert.match(run.detail ?? '', /refused target metadata\.example/);
  });

  it('health reads a certificate from the configured target', async () => {
    const healthy = await create().health(AbortSignal.timeout(5000));
    assert.equal(healthy.status, 'reachable', healthy.error ?? '');
    assert.equal(typeof healthy.latency_ms, 'number');
    const hung = await create({ CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET: `127.0.0.1:${fake.silent.port}`, CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS: '300' }).health(AbortSignal.timeout(5000));
    assert.equal(hung.status, 'unreachable');
    assert.equal(hung.reason, 'timeout');
  });
});
