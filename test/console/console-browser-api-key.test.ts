import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestEngine, type TestEngine } from '../helpers/engine.ts';
import { CHROMIUM_ABSENT, type ChromiumSession, launchChromium } from './chromium.ts';

if (CHROMIUM_ABSENT) console.log(`skipping the console API-key browser test: ${CHROMIUM_ABSENT}`);

describe('console in Chromium with an API key (AUTH_MODE=api_key)', { skip: CHROMIUM_ABSENT ?? false }, () => {
  let t: TestEngine;
  let browser: ChromiumSession;
  let page: Page;
  let key: string;

  before(async () => {
    t = await startTestEngine({ listen: true });
    key = (await t.createKey(['analyst'], 'console-key')).key;
    browser = await launchChromium();
    page = browser.page;
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers only the API key field when no SSO is configured', async () => {
    await page.goto(`${t.url}/console`);
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Log in with OIDC' }).isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'Log in with SAML' }).isVisible(), false);
  });

  it('refuses a wrong key with the engine’s reason', async () => {
    await page.getByLabel('API key').fill('ck_live_not_a_real_key');
    await page.getByRole('button', { name: 'Use API key' }).click();
    await page.locator('#status.error').waitFor();
    assert.match((await page.locator('#status').textContent())!, /api_key_invalid/);
    assert.equal(await page.getByLabel('API key').inputValue(), '', 'the field does not keep what was pasted');
  });

  it('runs a lookup with a pasted key and keeps the key nowhere but in memory', async () => {
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Use API key' }).click();
    await page.locator('#who-name', { hasText: 'API key' }).waitFor();
    await page.getByRole('textbox', { name: 'Identifier value' }).fill('+33612345678');
    await page.getByRole('button', { name: 'Run lookup' }).click();
    await page.locator('#result', { hasText: 'SFR' }).waitFor();
    const principal = (await page.locator('#result').textContent())!;
    assert.ok(principal.includes('principal.service_account_nameconsole-key'));
    // A string: this runs in the page, whose globals the engine's type-check (no DOM library) does not know.
    const stored = await page.evaluate<string>('JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage }, cookie: document.cookie })');
    assert.ok(!stored.includes(key), 'the key is in no storage the page can write');
    assert.deepEqual(await browser.context.cookies(), []);
    // A reload forgets the key: the user pastes it again.
    await page.reload();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.locator('#app-view').isVisible(), false);
  });

  it('shows the engine’s field errors, then forgets the key at logout', async () => {
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Use API key' }).click();
    await page.getByRole('button', { name: 'Add identifier' }).click();
    const types = page.getByRole('combobox', { name: 'Identifier type' });
    const values = page.getByRole('textbox', { name: 'Identifier value' });
    await types.nth(0).selectOption('email');
    await values.nth(0).fill('not an email');
    await types.nth(1).selectOption('phone');
    await values.nth(1).fill('+33612345678');
    await page.getByRole('button', { name: 'Run lookup' }).click();
    await page.locator('#status.error').waitFor();
    assert.match((await page.locator('#status').textContent())!, /identifiers\[0\]/);
    await page.getByRole('button', { name: 'Remove identifier' }).first().click();
    assert.equal(await values.count(), 1);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.locator('#recent-list li').count(), 0);
    assert.deepEqual(browser.problems, []);
  });
});
