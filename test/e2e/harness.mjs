// What every e2e file needs: the demo (with the sandbox and the simulators) and
// Debian's Chromium with the popup blocker on, started once per file.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startDemo } from '../../scripts/start.mjs';

/**
 * The features playwright-core 1.65 starts Chromium without (its chromiumSwitches),
 * less ThirdPartyStoragePartitioning: Chrome partitions storage, BroadcastChannel
 * included, by top-level site, and so must the tests. Chromium reads the last
 * --disable-features on its command line, so this one replaces Playwright's.
 * assertPartitioned() fails the run if an upgrade of Playwright changes that.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/** Starts the demo and a browser before the file's tests, closes both after; read them in the tests. */
export function useDemoAndBrowser() {
  const running = { demo: undefined, browser: undefined };
  before(async () => {
    running.demo = await startDemo({ port: 0, logLevel: 'warn' });
    running.browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--disable-features=${DISABLED_FEATURES.join(',')}`],
      // Keep the popup blocker: the elements must open their popups inside the click.
      ignoreDefaultArgs: ['--disable-popup-blocking'],
    });
    await assertPartitioned(running);
  });
  after(async () => {
    await running.browser?.close();
    await running.demo?.close();
  });
  return running;
}

/**
 * Checks that the browser partitions third-party storage as users' Chrome does: what
 * the sandbox's origin stores in its own tab is not what it finds framed by the demo.
 */
export async function assertPartitioned(running) {
  const context = await running.browser.newContext();
  try {
    const page = await context.newPage();
    const sandbox = running.demo.sandboxOrigin;
    await page.goto(`${sandbox}/`);
    await page.evaluate(() => localStorage.setItem('partition-probe', 'first-party'));
    await page.goto(running.demo.appUrl);
    await page.evaluate((src) => new Promise((resolve) => {
      const frame = Object.assign(document.createElement('iframe'), { src });
      frame.onload = resolve;
      document.body.append(frame);
    }), `${sandbox}/`);
    const framed = page.frames().find((f) => f.url().startsWith(sandbox));
    // Unpartitioned, Chromium either shares the first-party storage or (blocking third-party cookies) denies it.
    const seen = await framed.evaluate(() => {
      try {
        return localStorage.getItem('partition-probe');
      } catch (error) {
        return String(error);
      }
    });
    if (seen !== null) throw new Error('Chromium runs without third-party storage partitioning: check the --disable-features list in test/e2e/harness.mjs against playwright-core');
  } finally {
    await context.close();
  }
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
