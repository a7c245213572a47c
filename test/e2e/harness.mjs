// What every e2e file needs: the demo (with the sandbox and the simulators) and
// Debian's Chromium with the popup blocker on, started once per file.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startDemo } from '../../scripts/start.mjs';

/** Starts the demo and a browser before the file's tests, closes both after; read them in the tests. */
export function useDemoAndBrowser() {
  const running = { demo: undefined, browser: undefined };
  before(async () => {
    running.demo = await startDemo({ port: 0, logLevel: 'warn' });
    running.browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      // Keep the popup blocker: the elements must open their popups inside the click.
      ignoreDefaultArgs: ['--disable-popup-blocking'],
    });
  });
  after(async () => {
    await running.browser?.close();
    await running.demo?.close();
  });
  return running;
}

/** An iPhone, as Playwright emulates it: a phone-sized viewport, touch, and Safari's user agent. */
export const IPHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
};

/** The demo in a fresh browser context, set to `preset` and `mode`; the context closes after the test. */
export async function openDemo(running, t, { preset = 'default', mode = 'auto', device = {} } = {}) {
  const context = await running.browser.newContext(device);
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(running.demo.appUrl);
  await page.waitForFunction(() => customElements.get('source-list') !== undefined);
  await page.locator('#preset').selectOption(preset);
  await page.locator('#mode').selectOption(mode);
  return { context, page };
}
