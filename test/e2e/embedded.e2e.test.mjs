// The demo app inside another site's frame (issue 21, item 3): an embedded app in
// an admin panel or a CMS preview. The embedding page stands on 127.0.0.2, a third
// site beside the app (localhost) and the sandbox (127.0.0.1), and Chromium
// partitions storage as users' Chrome does (harness.mjs): the framed app's
// BroadcastChannel is keyed by the embedding site, so the relay of a popup's return
// page (top-level on the app's own site) cannot reach it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();
let embedder;

before(async () => {
  const server = createServer((req, res) => {
    const app = new URL(req.url, 'http://x').searchParams.get('app');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Admin panel</title><body style="margin:0"><iframe title="Embedded app" src="${app}" style="border:0;width:100%;height:1400px"></iframe></body></html>`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.2', resolve));
  embedder = { server, origin: `http://127.0.0.2:${server.address().port}` };
});
after(() => new Promise((resolve) => embedder?.server.close(resolve)));

/** The demo framed by the embedding page, set to `preset` and `mode`. */
async function openFramedDemo(t, { preset = 'default', mode = 'popup' } = {}) {
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${embedder.origin}/?app=${encodeURIComponent(running.demo.appUrl)}`);
  const appOrigin = new URL(running.demo.appUrl).origin;
  const frame = await waitForFrame(page, appOrigin);
  await frame.waitForFunction(() => customElements.get('source-list') !== undefined);
  await frame.locator('#preset').selectOption(preset);
  await frame.locator('#mode').selectOption(mode);
  return { context, page, frame };
}

async function waitForFrame(page, origin) {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(origin));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error(`no frame on ${origin}`);
}

const endings = (frame) =>
  frame.locator('#event-log li').evaluateAll((items) =>
    items
      .map((item) => ({ name: item.querySelector('strong').textContent, detail: JSON.parse(item.querySelector('code').textContent) }))
      .filter((e) => ['connect-success', 'connect-error', 'connect-exit'].includes(e.name)),
  );

async function onlyEnding(frame, timeout = 30_000) {
  await frame.locator('#event-log li[data-event="connect-success"], #event-log li[data-event="connect-error"], #event-log li[data-event="connect-exit"]').first().waitFor({ timeout });
  await frame.waitForTimeout(500);
  const all = await endings(frame);
  assert.equal(all.length, 1, `exactly one ending, got ${JSON.stringify(all)}`);
  return all[0];
}

const githubElement = (frame) => frame.locator('connect-button', { has: frame.getByRole('button', { name: 'Connect GitHub', exact: true }) });
const connectGitHub = (frame) => githubElement(frame).getByRole('button', { name: 'Connect GitHub', exact: true });

test('the framed app is partitioned under the embedding site: its BroadcastChannel does not reach the app in a tab of its own', async (t) => {
  const { context, frame } = await openFramedDemo(t);
  const top = await context.newPage();
  await top.goto(running.demo.appUrl);
  await frame.evaluate(() => {
    window.heard = [];
    new BroadcastChannel('partition-probe').onmessage = (event) => window.heard.push(event.data);
  });
  await top.evaluate(() => new BroadcastChannel('partition-probe').postMessage('from the top-level app'));
  await top.waitForTimeout(300);
  assert.deepEqual(await frame.evaluate(() => window.heard), []);
});

test('popup mode in a framed app: the popup keeps its opener, Allow ends the flow once in the frame', async (t) => {
  const { context, frame } = await openFramedDemo(t, { mode: 'popup' });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectGitHub(frame).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(frame);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
});

test('a popup severed by COOP from a framed app: the relay cannot reach the frame, result-url ends the flow once', async (t) => {
  const { context, frame } = await openFramedDemo(t, { preset: 'sandbox-coop', mode: 'popup' });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectGitHub(frame).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(frame);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
});

// Without result-url nothing can reach the frame: the popup's return relays into the app's first-party
// partition, where no tab claims it. The framed button must not wait silently for ever: it says it waits
// for the sign-in window, and its Cancel ends the flow once.
test('a popup severed by COOP from a framed app without result-url: the popup says to go back, the button waits, says so, and Cancel ends the flow once with connect-exit', async (t) => {
  const { context, frame } = await openFramedDemo(t, { preset: 'sandbox-coop', mode: 'popup' });
  await githubElement(frame).evaluate((el) => el.removeAttribute('result-url'));
  const [popup] = await Promise.all([context.waitForEvent('page'), connectGitHub(frame).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  // The popup comes back to the app's own page (the flow's redirect-url), top-level and unclaimed.
  await popup.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const note = githubElement(frame).locator('[part="waiting"]');
  await note.waitFor({ timeout: 15_000 });
  assert.match(await note.innerText(), /Continue in the sign-in window/);
  assert.deepEqual(await endings(frame), []);
  await note.getByRole('button', { name: 'Cancel', exact: true }).click();
  const end = await onlyEnding(frame);
  assert.deepEqual([end.name, end.detail.source, end.detail.reason], ['connect-exit', 'github', 'closed']);
  // The sign-in window, left on the app's page that no tab claimed, tells the user to go back, and can close itself.
  const notice = popup.getByRole('alert');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Close this window and go back to the app/);
  const closed = popup.waitForEvent('close');
  await notice.getByRole('button', { name: 'Close this window' }).click();
  await closed;
});

test('tab mode in a framed app: Allow in the tab ends the flow once in the frame', async (t) => {
  const { context, frame } = await openFramedDemo(t, { mode: 'tab' });
  const [tab] = await Promise.all([context.waitForEvent('page'), connectGitHub(frame).click()]);
  await tab.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await tab.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(frame);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
});

// The sandbox lets only the app's origin frame its page (frame-ancestors), and a browser checks every
// ancestor: framed two sites deep, under an embedding site it does not list, the page refuses to load.
test('modal mode in a framed app whose embedding site the provider does not list: the flow ends once, with iframe_load_failed, retryable', async (t) => {
  const { frame } = await openFramedDemo(t, { mode: 'modal' });
  await connectGitHub(frame).click();
  const end = await onlyEnding(frame);
  assert.deepEqual([end.name, end.detail.source, end.detail.code, end.detail.retryable], ['connect-error', 'github', 'iframe_load_failed', true]);
  assert.equal(await githubElement(frame).getAttribute('status'), 'error');
});

// The provider refuses to be framed (and would leave the embedding page showing an error): inside a
// frame, a redirect runs in a popup opened inside the click, and the frame stays on the app.
test('redirect mode in a framed app opens a popup instead of navigating the frame away; Allow ends the flow once', async (t) => {
  const { context, page, frame } = await openFramedDemo(t, { mode: 'redirect' });
  assert.deepEqual(await githubElement(frame).evaluate((el) => el.resolvedMode), { mode: 'popup', reason: 'framed' });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectGitHub(frame).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(frame);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
  const appFrame = page.frames().find((f) => f.parentFrame() === page.mainFrame());
  assert.ok(appFrame.url().startsWith(new URL(running.demo.appUrl).origin), `the frame stayed on the app, not ${appFrame.url()}`);
});

// Issue 21, item 4: the modal's provider page is third-party in every embedding. The sandbox's hosted
// page keeps no cookie of its own (the session token in its URL identifies the flow), so the flow
// completes with third-party cookies blocked, as Chrome's setting does and Safari always does.
test('a modal flow against the sandbox completes with third-party cookies blocked (Chromium)', async (t) => {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--test-third-party-cookie-phaseout'],
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
  t.after(() => browser.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(running.demo.appUrl);
  await page.waitForFunction(() => customElements.get('source-list') !== undefined);
  await page.locator('#mode').selectOption('modal');
  const main = page.mainFrame();
  await connectGitHub(main).click();
  const provider = await waitForFrame(page, running.demo.sandboxOrigin);
  // The blocking is real: a cookie the framed provider page sets is dropped (Debian's Chromium 156
  // already drops it without the flag; with partitioning off too).
  const kept = await provider.evaluate(() => {
    document.cookie = 'third-party-probe=1; SameSite=None; Secure; Path=/';
    return document.cookie.includes('third-party-probe');
  });
  assert.equal(kept, false, 'third-party cookies are blocked in the frame');
  await provider.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(main);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
});
