import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectorOf, runConnectorOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { emailIntel } from './email-intel.ts';
import { type FakeDnsServer, startFakeDns } from './fake-dns-server.ts';
import { type FakeGravatar, SAMPLE_GRAVATAR_ENTRY, startFakeGravatar } from './fake-gravatar.ts';

// Known hit: an address with MX records and a public Gravatar profile.
const HIT = 'Beau@dentedreality.example';
// Known miss: a domain that does not exist and an address without a profile.
const MISS = 'nobody@no-such-domain.example';

describe('email_intel connector', () => {
  let dns: FakeDnsServer;
  let gravatar: FakeGravatar;
  let t: TestEngine;

  before(async () => {
    dns = await startFakeDns({
      'dentedreality.example': { mx: [[20, 'MX2.dentedreality.example'], [10, 'mx1.dentedreality.example']] },
      'mailinator.com': { mx: [[10, 'mail.mailinator.com']] },
      'nullmx.example': { mx: [[0, '']] },
      'webonly.example': { a: ['192.0.2.10'] },
      'broken-dns.example': { rcode: 'SERVFAIL' },
      'silent-dns.example': { silent: true },
      'gmail.com': { mx: [[5, 'gmail-smtp-in.l.google.com']] },
    });
    gravatar = await startFakeGravatar({
      profiles: { 'beau@dentedreality.example': SAMPLE_GRAVATAR_ENTRY },
      rateLimited: ['busy@dentedreality.example'],
    });
    t = await startTestEngine({
      connectorDefinitions: [emailIntel],
      env: {
        CONNECTOR_EMAIL_INTEL_DNS_SERVERS: dns.address,
        CONNECTOR_EMAIL_INTEL_DNS_TIMEOUT_MS: '400',
        CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL: gravatar.url,
      },
    });
  });
  after(async () => {
    await t.close();
    await gravatar.close();
    await dns.close();
  });

  it('known hit: diagnosis, sorted MX hosts, flags and the Gravatar profile', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: HIT }]);
    assert.equal(run.outcome, 'ok', run.detail);
    const email = run.findings.find((f) => f.kind === 'email');
    assert.ok(email);
    assert.equal(email.data.email, 'Beau@dentedreality.example');
    assert.equal(email.data.valid_syntax, true);
    assert.equal(email.data.diagnosis, 'valid');
    assert.equal(email.data.has_mx, true);
    assert.deepEqual(email.data.mx_hosts, ['mx1.dentedreality.example', 'mx2.dentedreality.example']);
    assert.equal(email.data.disposable, false);
    assert.equal(email.data.role_account, false);
    assert.equal(email.data.free_provider, false);
    assert.equal(email.data.gravatar_profile, true);
    assert.deepEqual(email.about, [{ type: 'email', normalized: 'Beau@dentedreality.example' }]);

    const profile = run.findings.find((f) => f.kind === 'social_profile');
    assert.ok(profile);
    assert.equal(profile.data.platform, 'gravatar');
    assert.equal(profile.data.username, 'beau');
    assert.equal(profile.data.profile_url, 'http://gravatar.com/beau');
    assert.match(profile.data.profile_photo ?? '', /secure\.gravatar\.com\/avatar/);
    assert.match(profile.data.bio ?? '', /Automattic/);
    assert.equal(profile.data.extended?.hash_type, 'sha256');
    assert.deepEqual(profile.data.extended?.accounts, [
      { platform: 'twitter', username: 'beaulebens', url: 'https://twitter.com/beaulebens', verified: true },
      { platform: 'github', username: 'beaulebens', url: 'https://github.com/beaulebens', verified: true },
    ]);
    const person = run.findings.find((f) => f.kind === 'person');
    assert.deepEqual(person?.data, { first_name: 'Beau', last_name: 'Lebens', full_name: 'Beau Lebens' });
    // The lower-cased address was hashed: the fake only knows the lower-case form.
    assert.ok(gravatar.requests.some((r) => /^\/[0-9a-f]{64}\.json$/.test(r)));
  });

  it('known miss: a domain that does not exist and no profile is reported, not invented', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: MISS }]);
    assert.equal(run.outcome, 'ok', run.detail);
    assert.equal(run.findings.length, 1);
    const data = run.findings[0]!.data as Record<string, unknown>;
    assert.equal(data.has_mx, false);
    assert.equal(data.domain_exists, false);
    assert.deepEqual(data.mx_hosts, []);
    assert.equal(data.gravatar_profile, false);
    assert.ok(run.findings[0]!.confidence < 0.5);
  });

  it('derives the local part as a username at depth deep only, without its +tag', async () => {
    const standard = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'jane.doe+news@dentedreality.example' }]);
    assert.deepEqual(standard.derived, []);
    const deep = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'jane.doe+news@dentedreality.example' }], { depth: 'deep' });
    assert.deepEqual(deep.derived, [{ type: 'username', value: 'jane.doe' }]);
  });

  it('derives the Gravatar-linked accounts as social URLs', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: HIT }], { depth: 'deep' });
    assert.deepEqual(run.derived, [
      { type: 'username', value: 'Beau' },
      { type: 'social_url', value: 'https://twitter.com/beaulebens' },
      { type: 'social_url', value: 'https://github.com/beaulebens' },
    ]);
  });

  it('flags role accounts and derives no username from them', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'No-Reply@dentedreality.example' }], { depth: 'deep' });
    assert.equal((run.findings[0]!.data as Record<string, unknown>).role_account, true);
    assert.deepEqual(run.derived, []);
  });

  it('flags disposable domains and free providers', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [
      { type: 'email', value: 'someone@mailinator.com' },
      { type: 'email', value: 'someone@gmail.com' },
    ]);
    const byAddress = new Map(run.findings.map((f) => [(f.data as { email: string }).email, f.data as Record<string, unknown>]));
    assert.equal(byAddress.get('someone@mailinator.com')?.disposable, true);
    assert.equal(byAddress.get('someone@mailinator.com')?.free_provider, false);
    assert.equal(byAddress.get('someone@gmail.com')?.free_provider, true);
    assert.equal(byAddress.get('someone@gmail.com')?.disposable, false);
  });

  it('reports a null MX (RFC 7505) and the A-record fallback', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [
      { type: 'email', value: 'a@nullmx.example' },
      { type: 'email', value: 'a@webonly.example' },
    ]);
    const byAddress = new Map(run.findings.map((f) => [(f.data as { email: string }).email, f.data as Record<string, unknown>]));
    assert.equal(byAddress.get('a@nullmx.example')?.null_mx, true);
    assert.equal(byAddress.get('a@nullmx.example')?.has_mx, false);
    assert.equal(byAddress.get('a@webonly.example')?.has_mx, false);
    assert.equal(byAddress.get('a@webonly.example')?.implicit_mx, true);
  });

  it('diagnoses quoted local parts and address literals without asking DNS', async () => {
    const before = dns.queries.length;
    const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'jane@[192.0.2.1]' }, { type: 'email', value: '"jane doe"@dentedreality.example' }]);
    const byAddress = new Map(run.findings.filter((f) => f.kind === 'email').map((f) => [(f.data as { email: string }).email, f.data as Record<string, unknown>]));
    assert.equal(byAddress.get('jane@[192.0.2.1]')?.diagnosis, 'rfc5321AddressLiteral');
    assert.equal(byAddress.get('jane@[192.0.2.1]')?.has_mx, null);
    assert.equal(byAddress.get('"jane doe"@dentedreality.example')?.diagnosis, 'rfc5321QuotedString');
    assert.ok(dns.queries.slice(before).every((q) => !q.includes('192.0.2.1')));
  });

  it('a Gravatar 429 becomes the rate_limited outcome; the offline username still flows', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'busy@dentedreality.example' }], { depth: 'deep' });
    assert.equal(run.outcome, 'rate_limited');
    assert.match(run.detail ?? '', /gravatar answered 429/);
    assert.deepEqual(run.findings, []);
    assert.deepEqual(run.derived, [{ type: 'username', value: 'busy' }]);
  });

  it('with several addresses, the checked ones are reported and the failure is named', async () => {
    const run = await runConnectorOnce(t, 'email_intel', [
      { type: 'email', value: 'busy@dentedreality.example' },
      { type: 'email', value: MISS },
    ]);
    assert.equal(run.outcome, 'ok');
    assert.deepEqual(run.findings.map((f) => (f.data as { email: string }).email), [MISS]);
    assert.match(run.detail ?? '', /gravatar answered 429 Too Many Requests, retry after 60/);
  });

  it('a resolver failure is connector_error, a silent resolver a timeout', async () => {
    const servfail = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'a@broken-dns.example' }]);
    assert.equal(servfail.outcome, 'connector_error');
    assert.match(servfail.detail ?? '', /DNS resolver failed \(ESERVFAIL\)/);
    const silent = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'a@silent-dns.example' }]);
    assert.equal(silent.outcome, 'timeout');
    assert.match(silent.detail ?? '', /ETIMEOUT/);
  });

  it('health probes the resolver and Gravatar', async () => {
    const health = await connectorOf(t, 'email_intel').health(AbortSignal.timeout(5000));
    assert.equal(health.status, 'reachable', health.error ?? '');
    assert.deepEqual(connectorOf(t, 'email_intel').egress, [
      { host: '127.0.0.1', port: Number(new URL(gravatar.url).port), protocol: 'http' },
      { host: '127.0.0.1', port: Number(dns.address.split(':')[1]), protocol: 'tcp' },
    ]);
  });
});

describe('email_intel with dead upstreams', () => {
  it('reports unreachable health and a failed outcome instead of throwing', async () => {
    // Port 1 (tcpmux): nothing listens there, so connecting is refused. A just-closed port of
    // our own could be taken by another process on a shared machine meanwhile.
    const deadUrl = 'http://127.0.0.1:1';
    const dns = await startFakeDns({ 'example.org': { silent: true } });
    const t = await startTestEngine({
      connectorDefinitions: [emailIntel],
      env: {
        CONNECTOR_EMAIL_INTEL_DNS_SERVERS: dns.address,
        CONNECTOR_EMAIL_INTEL_DNS_TIMEOUT_MS: '200',
        CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL: deadUrl,
        CONNECTOR_EMAIL_INTEL_HEALTH_DOMAIN: 'example.org',
      },
    });
    try {
      const run = await runConnectorOnce(t, 'email_intel', [{ type: 'email', value: 'jane@example.org' }]);
      // Refused connection (egress_blocked) outranks the DNS timeout in the coverage order.
      assert.equal(run.outcome, 'egress_blocked');
      const health = await connectorOf(t, 'email_intel').health(AbortSignal.timeout(5000));
      assert.equal(health.status, 'unreachable');
      assert.match(health.error ?? '', /gravatar: unreachable \(ECONNREFUSED\)/);
      assert.match(health.error ?? '', /dns: no answer in time|DNS resolver failed/);
    } finally {
      await t.close();
      await dns.close();
    }
  });

  it('refuses a malformed resolver list at start, naming the variable', async () => {
    await assert.rejects(
      startTestEngine({ connectorDefinitions: [emailIntel], env: { CONNECTOR_EMAIL_INTEL_DNS_SERVERS: 'not a resolver' } }),
      (err: Error & { variable?: string }) => /CONNECTOR_EMAIL_INTEL_DNS_SERVERS/.test(`${err.message} ${err.variable ?? ''}`),
    );
  });
});
