import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { phoneMetadata } from '../../src/connectors/phone-metadata/phone-metadata.ts';
import { type AnyConnectorDefinition, defineConnector, defineManifest, unavailable } from '../../src/connectors/sdk.ts';
import { fakeConnector } from '../helpers/report-fixtures.ts';
import { type IdentityRig, PUBLIC_URL, startIdentityRig } from '../identity/identity-engine.ts';
import { CHROMIUM_ABSENT, type ChromiumSession, launchChromium } from './chromium.ts';

if (CHROMIUM_ABSENT) console.log(`skipping the console browser tests: ${CHROMIUM_ABSENT}`);

const HOSTILE = '<img src=x onerror=alert(1)>';

/** A source whose data is an attack on the page: a name and a bio that are markup. */
const hostileSource = fakeConnector('hostile_source', (value) => [
  { kind: 'person', data: { full_name: HOSTILE }, confidence: 0.8, about: [{ type: 'username', normalized: value }] },
  { kind: 'social_profile', data: { platform: 'example', username: value, bio: `${HOSTILE}<script>alert(2)</script>`, profile_url: 'javascript:alert(3)' }, confidence: 0.8, about: [{ type: 'username', normalized: value }] },
]);

/** A source that is down: the console must say so, and why. */
const flakyManifest = defineManifest({
  id: 'flaky_source',
  name: 'Flaky phone source',
  description: 'Always rate limited (console browser test).',
  category: 'person_data',
  tier: 'primary',
  accepts: ['phone'],
  credential_mode: 'intrace_managed',
  reliability: 0.5,
});
const flakySource = defineConnector({
  manifest: flakyManifest,
  settings: z.object({}),
  create: () => ({
    manifest: flakyManifest,
    egress: [],
    run: async () => unavailable('rate_limited', 'upstream answered 429'),
    health: async () => ({ status: 'reachable' as const, latency_ms: 0, error: null }),
  }),
}) as AnyConnectorDefinition;

const CONSOLE_URL = `${PUBLIC_URL}/console`;

async function runLookup(page: Page, type: string, value: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Identifier type' }).first().selectOption(type);
  await page.getByRole('textbox', { name: 'Identifier value' }).first().fill(value);
  await page.getByRole('button', { name: 'Run lookup' }).click();
  await page.locator('#status', { hasText: 'finished' }).waitFor();
  return (await page.locator('[data-field=request_id]').textContent())!;
}

describe('console in Chromium: SSO login, lookup, report, logout', { skip: CHROMIUM_ABSENT ?? false }, () => {
  let rig: IdentityRig;
  let browser: ChromiumSession;
  let page: Page;
  let adminKey: string;

  before(async () => {
    rig = await startIdentityRig({ connectorDefinitions: [phoneMetadata, hostileSource, flakySource] });
    await rig.t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = rig.t.app.server.address() as { port: number };
    // The browser reaches the engine under its PUBLIC_URL, so cookies, redirects and the
    // logout's Origin check all see the name the engine was configured with.
    browser = await launchChromium({ hostRules: `MAP ${new URL(PUBLIC_URL).hostname} 127.0.0.1:${port}` });
    page = browser.page;
    adminKey = (await rig.t.createKey(['admin'], 'console-test-admin')).key;
  });
  after(async () => {
    await browser?.close();
    await rig?.close();
  });

  it('offers the configured logins when nobody is logged in', async () => {
    await page.goto(CONSOLE_URL);
    await page.getByRole('link', { name: 'Log in with OIDC' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Log in with SAML' }).isVisible());
    assert.ok(await page.getByLabel('API key').isVisible(), 'AUTH_MODE=both accepts API keys');
    assert.equal(await page.locator('#app-view').isVisible(), false);
    await browser.screenshot('login');
  });

  it('logs in with OIDC and comes back to the console as the user', async () => {
    rig.oidc.loginAs({ sub: 'u_console_browser', email: 'ann@example.test', groups: ['cairn-analysts'] });
    await page.getByRole('link', { name: 'Log in with OIDC' }).click();
    await page.locator('#who-name', { hasText: 'ann@example.test' }).waitFor();
    assert.equal(page.url(), CONSOLE_URL);
    assert.match((await page.locator('#who-detail').textContent())!, /OIDC · analyst/);
  });

  it('runs a phone lookup and shows the carrier, the report hash, coverage and the audit record', async () => {
    const requestId = await runLookup(page, 'phone', '+33612345678');
    const stored = await rig.t.inject({ method: 'GET', url: `/v1/lookup/${requestId}`, headers: { 'x-api-key': adminKey } });
    assert.equal(stored.statusCode, 200, stored.body);
    const body = stored.json();
    const result = page.locator('#result');
    assert.equal(await result.locator('[data-field=report_hash]').textContent(), body.integrity.report_hash);
    const text = (await result.textContent())!;
    assert.ok(text.includes('SFR'), 'the carrier');
    assert.ok(text.includes('Phone numbering metadata (90\u00a0%)'), 'field sources with their confidence');
    assert.match(text, /Unavailableflaky_source/);
    assert.match(text, /Reasonrate_limited/);
    assert.ok(text.includes('upstream answered 429'), 'the connector detail');
    assert.ok(text.includes('principal.user_idu_console_browser'), 'the audit record names the user');
    assert.ok(text.includes(body.integrity.signing_key_id));
    await browser.screenshot('phone-lookup');
  });

  it('renders hostile values from a source as text, never as markup', async () => {
    await runLookup(page, 'username', 'mallory');
    const result = page.locator('#result');
    assert.ok((await result.textContent())!.includes(HOSTILE), 'the markup shows as characters');
    assert.equal(await page.locator('#result img, #result script, #result a').count(), 0, 'no element was created from the data');
    assert.ok((await result.textContent())!.includes('javascript:alert(3)'), 'a URL from a source is text, not a link');
    await browser.screenshot('hostile-values');
    assert.deepEqual(browser.problems, []);
  });

  it('downloads the signed PDF and verifies the report', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const download = await downloading;
    const file = await download.path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(download.suggestedFilename(), /^cairn-report-req_[0-9A-Z]+\.pdf$/);
    await page.getByRole('button', { name: 'Verify report' }).click();
    await page.locator('.verified.ok', { hasText: 'Verified' }).waitFor();
  });

  it('lists the lookups of this tab and reopens one', async () => {
    const items = page.locator('#recent-list li');
    assert.equal(await items.count(), 2);
    await items.nth(1).getByRole('button').click();
    await page.locator('#result', { hasText: 'SFR' }).waitFor();
    const stored = await page.evaluate<string | null>("sessionStorage.getItem('cairn.console.recent')");
    assert.ok(stored !== null && !stored.includes('+33612345678') && !stored.includes('mallory'), 'no identifier values stored');
  });

  it('asks for the session again before using a token that is about to expire', async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(CONSOLE_URL);
      await tab.locator('#who-name', { hasText: 'ann@example.test' }).waitFor();
      // The page's clock jumps past the token's expiry (the engine's clock does not move).
      await tab.clock.setSystemTime(Date.now() + 2 * 3600_000);
      const calls: string[] = [];
      tab.on('request', (request) => calls.push(`${request.method()} ${new URL(request.url()).pathname}`));
      await runLookup(tab, 'phone', '+33612345678');
      assert.deepEqual(calls.slice(0, 2), ['GET /auth/session', 'POST /v1/lookup']);
    } finally {
      await tab.close();
    }
  });

  it('takes the new session when its token has been revoked and the user logged in again', async () => {
    const [cookie] = await browser.context.cookies(PUBLIC_URL);
    assert.equal(cookie?.name, 'cairn_session');
    assert.equal(cookie.httpOnly, true);
    // The session the page holds ends (as a logout elsewhere would), then a second tab logs in.
    const ended = await rig.t.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${cookie.value}` } });
    assert.equal(ended.statusCode, 204);
    const other = await browser.context.newPage();
    await other.goto(`${PUBLIC_URL}/auth/oidc/login?return_to=%2Fconsole`);
    await other.locator('#who-name', { hasText: 'ann@example.test' }).waitFor();
    await other.close();
    // The first tab still holds the revoked token: its next call is refused once, then repeated.
    await runLookup(page, 'phone', '+33612345678');
    assert.equal(await page.locator('#app-view').isVisible(), true);
  });

  it('sends the user to the login when the session has ended', async () => {
    const [cookie] = await browser.context.cookies(PUBLIC_URL);
    await rig.t.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${cookie!.value}` } });
    await page.getByRole('textbox', { name: 'Identifier value' }).first().fill('+33612345678');
    await page.getByRole('button', { name: 'Run lookup' }).click();
    await page.getByRole('link', { name: 'Log in with OIDC' }).waitFor();
    assert.match((await page.locator('#status').textContent())!, /Signed out/);
  });

  it('logs out: the session ends on the engine and the login is offered again', async () => {
    await page.getByRole('link', { name: 'Log in with OIDC' }).click();
    await page.locator('#who-name', { hasText: 'ann@example.test' }).waitFor();
    const [cookie] = await browser.context.cookies(PUBLIC_URL);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in with OIDC' }).waitFor();
    assert.deepEqual(await browser.context.cookies(PUBLIC_URL), [], 'the cookie is gone');
    const res = await rig.t.inject({ method: 'GET', url: '/v1/connectors', headers: { authorization: `Bearer ${cookie!.value}` } });
    assert.equal(res.statusCode, 401, 'the token no longer works');
    assert.equal(await page.locator('#recent-list li').count(), 0);
    await page.reload();
    await page.getByRole('link', { name: 'Log in with OIDC' }).waitFor();
  });

  it('logs in with SAML and comes back to the console', async () => {
    rig.saml.loginAs({ nameId: 'saml-jane', attributes: { email: ['jane@gov.example'] } });
    await page.getByRole('link', { name: 'Log in with SAML' }).click();
    await page.locator('#who-name', { hasText: 'jane@gov.example' }).waitFor();
    assert.equal(page.url(), CONSOLE_URL);
    assert.match((await page.locator('#who-detail').textContent())!, /SAML/);
    assert.deepEqual(browser.problems, []);
  });
});
