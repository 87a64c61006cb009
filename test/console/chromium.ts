import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`); CI installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export const CHROMIUM_ABSENT: string | null = fs.existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is absent (apt-get install chromium)`;

export interface ChromiumSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors, CSP and Trusted Types violations, and any dialog (alert, confirm) the page opened. */
  readonly problems: string[];
  /** Writes a full-page PNG to $CAIRN_CONSOLE_SCREENSHOTS/<name>.png when that variable is set. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A headless Chromium on a fresh profile, offline apart from loopback: no background
 * networking, updates, sync or proxy. `hostRules` maps names to loopback servers
 * (`MAP cairn.test 127.0.0.1:PORT`), so the engine can be reached under its PUBLIC_URL.
 */
export async function launchChromium(options: { hostRules?: string } = {}): Promise<ChromiumSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-proxy-server',
    ...(options.hostRules ? [`--host-resolver-rules=${options.hostRules}`] : []),
  ];
  const context = await chromium
    .launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args, acceptDownloads: true, viewport: { width: 1280, height: 900 } })
    .catch((err: unknown) => {
      fs.rmSync(userDataDir, { recursive: true, force: true });
      throw err;
    });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  watch(page, problems);
  context.on('page', (other) => watch(other, problems));
  return {
    context,
    page,
    problems,
    async screenshot(name) {
      const dir = process.env.CAIRN_CONSOLE_SCREENSHOTS;
      if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Console errors that are not the page's fault. */
const EXPECTED_NOISE = [
  // The browser noting an API answer the console expects (401 from /auth/session before login).
  /^Failed to load resource/,
  // The tests serve the engine over http (PUBLIC_URL http://cairn.test); COOP applies over https only.
  /^The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
];

function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_NOISE.some((pattern) => pattern.test(message.text()))) problems.push(`console: ${message.text()}`);
  });
}
