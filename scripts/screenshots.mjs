/**
 * `npm run screenshots`: the README's pictures, made from the running demo.
 *
 * Starts the demo (sandbox, simulators, app backend) on a free port, opens it in
 * headless Chromium with playwright-core, drives real flows, and writes each
 * element, cropped to its box plus a few pixels, to docs/screenshots/<name>-<light|dark>.png, plus
 * Arabic and Hebrew right-to-left lists, a Japanese grid and a 390 px phone view. Chromium: CHROME_PATH,
 * else the usual install paths (scripts/chromium.mjs). The Japanese grid needs a CJK font
 * (Debian: `apt-get install fonts-noto-cjk`); without one the script stops rather than
 * write a picture of empty boxes.
 */
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { startDemo } from './start.mjs';

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const SCHEMES = ['light', 'dark'];
const DESKTOP = { viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 };
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
};

const executablePath = findChromium();
if (!executablePath) {
  console.error('screenshots: Chromium not found. Set CHROME_PATH or run `node scripts/chromium.mjs`.');
  process.exit(1);
}

const written = [];
/**
 * Writes `locator`'s element, cropped to it with `pad` pixels around, so focus rings and the
 * notes a button shows beside itself are not cut off. Resolves the file's name.
 */
async function shoot(locator, name, { pad = 8 } = {}) {
  const page = locator.page();
  await locator.scrollIntoViewIfNeeded();
  // One frame more, so a state that just changed is painted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const box = await locator.boundingBox();
  if (!box || box.width < 1 || box.height < 1) throw new Error(`screenshots: ${name} has nothing to show`);
  const { width, height } = page.viewportSize();
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  const clip = { x, y, width: Math.min(width, Math.ceil(box.x + box.width + pad)) - x, height: Math.min(height, Math.ceil(box.y + box.height + pad)) - y };
  await page.screenshot({ path: `${outDir}${name}.png`, clip, animations: 'disabled', caret: 'hide' });
  written.push(name);
}

/** The demo in a fresh context (its own demo user), in `scheme`, set to `system` and `mode`. */
async function openDemo(browser, demo, { scheme, system = 'default', mode = 'popup', device = DESKTOP }) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.goto(demo.appUrl);
  await page.waitForFunction(() => customElements.get('source-list') !== undefined);
  await page.locator('#preset').selectOption(system);
  await page.locator('#mode').selectOption(mode);
  return { context, page };
}

const githubButton = (page) => page.locator('#buttons connect-button').first();
const ending = (page) => page.locator('#event-log li[data-event="connect-success"], #event-log li[data-event="connect-error"], #event-log li[data-event="connect-exit"]').last();

/** `<connect-button>`: idle, open (its popup showing the sandbox), waiting (a severed popup), error. */
async function buttonStates(browser, demo, scheme) {
  const { context, page } = await openDemo(browser, demo, { scheme });
  const button = githubButton(page);
  await shoot(button, `connect-button-idle-${scheme}`);

  const [popup] = await Promise.all([context.waitForEvent('page'), button.getByRole('button', { name: 'Connect GitHub', exact: true }).click()]);
  await popup.waitForURL((url) => url.origin === demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Deny', exact: true }).waitFor();
  await page.locator('#buttons connect-button[status="open"]').first().waitFor();
  await shoot(button, `connect-button-open-${scheme}`);
  // A failure, not Deny: the user's own "no" leaves the button idle, with no error to show.
  await popup.getByRole('combobox', { name: 'Sandbox outcome' }).selectOption('source_error');
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.locator('#buttons connect-button[status="error"]').first().waitFor();
  await shoot(button, `connect-button-error-${scheme}`);
  await context.close();

  // A hosted page sent with COOP severs the popup: the button waits for the result another way.
  const severed = await openDemo(browser, demo, { scheme, system: 'sandbox-coop' });
  const waitingButton = githubButton(severed.page);
  const [coopPopup] = await Promise.all([
    severed.context.waitForEvent('page'),
    waitingButton.getByRole('button', { name: 'Connect GitHub', exact: true }).click(),
  ]);
  await coopPopup.waitForURL((url) => url.origin === demo.sandboxOrigin);
  await severed.page.locator('#buttons connect-button[waiting]').first().waitFor({ timeout: 10_000 });
  await severed.page.bringToFront();
  await shoot(waitingButton, `connect-button-waiting-${scheme}`);
  await severed.context.close();
}

/** `<connect-modal>` open, with the sandbox's consent page inside. */
async function modal(browser, demo, scheme) {
  const { context, page } = await openDemo(browser, demo, { scheme });
  await page.getByRole('button', { name: 'Connect GitHub in a dialog' }).click();
  await page.frameLocator('connect-modal iframe').getByRole('button', { name: 'Allow', exact: true }).waitFor();
  await shoot(page.locator('connect-modal dialog'), `connect-modal-${scheme}`, { pad: 0 });
  await context.close();
}

/** `<source-list>` with GitHub connected, in the list and the grid layout; in Arabic (right to left) once. */
async function lists(browser, demo, scheme) {
  const { context, page } = await openDemo(browser, demo, { scheme });
  const list = page.locator('source-list');
  await list.scrollIntoViewIfNeeded();
  const [popup] = await Promise.all([context.waitForEvent('page'), list.getByRole('button', { name: 'Connect GitHub', exact: true }).click()]);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await list.getByRole('button', { name: 'Disconnect GitHub', exact: true }).waitFor();
  await page.locator('#event-log').evaluate((log) => log.replaceChildren());
  await shoot(list, `source-list-list-${scheme}`);

  await list.evaluate((element) => element.setAttribute('layout', 'grid'));
  await list.locator('[part~=item]').first().waitFor();
  await shoot(list, `source-list-grid-${scheme}`);

  if (scheme === 'light') {
    await list.evaluate((element) => element.setAttribute('layout', 'list'));
    await page.locator('#lang').selectOption('ar');
    await page.locator('main[dir="rtl"]').waitFor({ state: 'attached' });
    // Wait for the Arabic strings (the search field's placeholder is one).
    await page.waitForFunction(() => document.querySelector('source-list')?.shadowRoot?.querySelector('input')?.placeholder !== 'Search sources');
    await shoot(list, 'source-list-rtl-ar-light');
    // Hebrew, the other right-to-left locale, and Japanese in the grid, where CJK text must wrap inside the cards.
    const shootIn = async (lang, layout, name) => {
      const before = await list.evaluate((element) => element.shadowRoot.querySelector('input').placeholder);
      await list.evaluate((element, value) => element.setAttribute('layout', value), layout);
      await page.locator('#lang').selectOption(lang);
      await page.locator(`main[lang="${lang}"]`).waitFor({ state: 'attached' });
      // Its strings are in once the search field's placeholder changed.
      await list.evaluate((element, old) => new Promise((resolve) => {
        const check = () => (element.shadowRoot.querySelector('input').placeholder !== old ? resolve() : requestAnimationFrame(check));
        check();
      }), before);
      await list.locator('[part~=item]').first().waitFor();
      await shoot(list, name);
    };
    await shootIn('he', 'list', 'source-list-rtl-he-light');
    // Without a CJK font every glyph is the same empty box: "接続" would be as wide as "接".
    const [one, two] = await page.evaluate(() => ['接', '接続'].map((text) => { const c = document.createElement('canvas').getContext('2d'); c.font = '16px sans-serif'; return c.measureText(text).width; }));
    if (!(two > one && (await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK JP"'))))) {
      throw new Error('screenshots: no CJK font for the Japanese grid (apt-get install fonts-noto-cjk)');
    }
    await shootIn('ja', 'grid', 'source-list-cjk-ja-light');
  }
  await context.close();
}

/** The demo's one list for three systems, with two GitHub accounts (the second added with "Add another account"), searched for "git". */
async function accounts(browser, demo, scheme) {
  const { context, page } = await openDemo(browser, demo, { scheme, system: 'mixed' });
  const list = page.locator('source-list');
  await list.scrollIntoViewIfNeeded();
  const allow = async (button) => {
    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  };
  await allow(list.getByRole('button', { name: 'Connect GitHub', exact: true }));
  await allow(list.getByRole('button', { name: /^Add another account/ }).first());
  await list.getByRole('button', { name: /^Disconnect GitHub/ }).nth(1).waitFor();
  await list.getByRole('searchbox').fill('git');
  await page.locator('#event-log').evaluate((log) => log.replaceChildren());
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await shoot(list, `source-list-accounts-${scheme}`);
  await context.close();
}

/** The demo on a 390 × 844 phone: the top of the page, and the modal open. */
async function phone(browser, demo, scheme) {
  const { context, page } = await openDemo(browser, demo, { scheme, mode: 'auto', device: PHONE });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: `${outDir}phone-${scheme}.png`, animations: 'disabled', caret: 'hide' });
  written.push(`phone-${scheme}`);
  await page.getByRole('button', { name: 'Connect GitHub in a dialog' }).click();
  await page.frameLocator('connect-modal iframe').getByRole('button', { name: 'Allow', exact: true }).waitFor();
  await page.screenshot({ path: `${outDir}phone-modal-${scheme}.png`, animations: 'disabled', caret: 'hide' });
  written.push(`phone-modal-${scheme}`);
  await context.close();
}

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const demo = await startDemo({ port: 0, logLevel: 'warn' });
let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  for (const scheme of SCHEMES) {
    await buttonStates(browser, demo, scheme);
    await modal(browser, demo, scheme);
    await lists(browser, demo, scheme);
    await accounts(browser, demo, scheme);
    await phone(browser, demo, scheme);
  }
  console.log(`screenshots: wrote ${written.length} PNGs to docs/screenshots/:\n  ${written.join('\n  ')}`);
} finally {
  await browser?.close();
  await demo.close();
}
