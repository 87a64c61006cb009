import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { connectorOf, runConnectorOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import { type FakeWebsite, startFakeWebsite } from './fake-website.ts';
import { looksBinary, webPage } from './web-page.ts';

describe('web_page connector', () => {
  let site: FakeWebsite;
  let t: TestEngine;

  before(async () => {
    site = await startFakeWebsite();
    t = await startTestEngine({
      connectorDefinitions: [webPage],
      env: { CONNECTOR_WEB_PAGE_HEALTH_URL: `${site.url}/`, CONNECTOR_WEB_PAGE_TIMEOUT_MS: '1500' },
    });
  });
  after(async () => {
    await t.close();
    await site.close();
  });

  const read = (path: string) => runConnectorOnce(t, 'web_page', [{ type: 'url', value: `${site.url}${path}` }]);

  it('known hit: a personal page gives a web result, contacts, profiles, person and employer', async () => {
    const run = await read('/jane');
    assert.equal(run.outcome, 'ok', run.detail);
    const kinds = run.findings.map((f) => f.kind);
    assert.deepEqual([...new Set(kinds)], ['web_result', 'email', 'phone', 'social_profile', 'organization', 'person']);
    const result = run.findings.find((f) => f.kind === 'web_result');
    assert.equal(result?.data.url, `${site.url}/jane`);
    assert.deepEqual(result?.about, [{ type: 'url', normalized: `${site.url}/jane` }]);
    assert.equal(result?.evidence?.status, 200);
    assert.equal(run.derived.length, 4);
    assert.ok(run.derived.every((d) => d.type === 'social_url'));
  });

  it('known miss: a 404 is no_data with the reason', async () => {
    const run = await read('/missing');
    assert.equal(run.outcome, 'no_data');
    assert.match(run.detail ?? '', /page not found \(HTTP 404\)/);
  });

  it('follows redirects and records them', async () => {
    const run = await read('/moved');
    const result = run.findings.find((f) => f.kind === 'web_result');
    assert.equal(result?.data.url, `${site.url}/jane`);
    assert.deepEqual(result?.data.redirects, [`${site.url}/moved`]);
  });

  it('a redirect to a private address is refused by the SSRF guard: egress_blocked', async () => {
    const run = await read('/to-private');
    assert.equal(run.outcome, 'egress_blocked');
    assert.match(run.detail ?? '', /10\.0\.0\.1/);
  });

  it('reports non-HTML content as no_data with the content type', async () => {
    const run = await read('/report.pdf');
    assert.equal(run.outcome, 'no_data');
    assert.match(run.detail ?? '', /content type application\/pdf is not HTML/);
  });

  it('reads a page over the size cap up to the cap', async () => {
    const run = await read('/huge');
    assert.equal(run.outcome, 'ok');
    const result = run.findings.find((f) => f.kind === 'web_result');
    assert.equal(result?.data.title, 'Big page');
    assert.equal(result?.data.truncated, true);
    assert.match(run.detail ?? '', /truncated at the size cap/);
    // The address after the cap was never read.
    assert.ok(!run.findings.some((f) => f.kind === 'email'));
  });

  it('429 is rate_limited, 403 a refusal, a page that never ends a timeout', async () => {
    const busy = await read('/busy');
    assert.equal(busy.outcome, 'rate_limited');
    assert.match(busy.detail ?? '', /retry after 120/);
    const forbidden = await read('/forbidden');
    assert.equal(forbidden.outcome, 'connector_error');
    assert.match(forbidden.detail ?? '', /refused access \(HTTP 403\)/);
    const slow = await read('/slow');
    assert.equal(slow.outcome, 'timeout');
  });

  it('health fetches the configured page', async () => {
    const health = await connectorOf(t, 'web_page').health(AbortSignal.timeout(5000));
    assert.equal(health.status, 'reachable', health.error ?? '');
    assert.deepEqual(connectorOf(t, 'web_page').egress, [{ host: '127.0.0.1', port: Number(new URL(site.url).port), protocol: 'http' }]);
  });
});

describe('web_page without loopback egress', () => {
  it('refuses loopback targets when OUTBOUND_ALLOW_LOOPBACK is off', async () => {
    const site = await startFakeWebsite();
    const t = await startTestEngine({ connectorDefinitions: [webPage], env: { OUTBOUND_ALLOW_LOOPBACK: 'false' } });
    try {
      const run = await runConnectorOnce(t, 'web_page', [{ type: 'url', value: `${site.url}/jane` }]);
      assert.equal(run.outcome, 'egress_blocked');
      assert.equal(site.requests.length, 0);
    } finally {
      await t.close();
      await site.close();
    }
  });
});

describe('looksBinary: random bytes under an HTML type are not a page', () => {
  it('text in any script is text; random bytes are not', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2000 }), (s) => !looksBinary(s.replace(/[\u0000-\u001f\u007f\ufffd]/g, ' '))));
    fc.assert(fc.property(fc.uint8Array({ minLength: 512, maxLength: 4096 }), (bytes) => looksBinary(new TextDecoder().decode(bytes))));
    assert.equal(looksBinary('<html><head><meta charset="gbk"><title>用户 ДЖЕЙН</title></head><body>\tJane\r\n</body></html>'), false);
  });
});
