#!/usr/bin/env node
/**
 * `npm run bench`: what the package costs and how fast its popup flow reacts, in real
 * Chromium with the popup blocker ON (Playwright normally turns it off).
 *
 * Prints a table, then one line `BENCH_JSON {...}` for machines.
 *
 * - sizes: scripts/sizes.mjs (esbuild + gzip -9; the single-file bundle as Vite built it)
 * - click -> window.open: a capturing click listener on window stamps performance.now()
 *   and raises a flag that a setTimeout(0) lowers; a wrapped window.open stamps the time
 *   and reads the flag, so "inside the click's task" means before any later task ran.
 * - session answer -> popup navigation: `fetchSession` answers after 300 ms with a
 *   connectUrl on a second origin (127.0.0.1:<free port>); the opener stamps the answer
 *   (performance.timeOrigin + now()), the popup's first inline script stamps Date.now(),
 *   and its performance.timeOrigin says when its navigation started.
 *
 * Env: BENCH_RUNS (default 20), BENCH_WARMUP (default 1, not counted),
 * BENCH_BUNDLE (a script to serve instead of dist/connect-elements.min.js), CHROME_PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { MIN_BUNDLE, ROOT, formatSizeTable, measureSizes } from './sizes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const SESSION_DELAY_MS = 300;
const RUN_TIMEOUT_MS = 15_000;
const BUNDLE = process.env.BENCH_BUNDLE ? resolve(process.env.BENCH_BUNDLE) : MIN_BUNDLE;

function ensureBuilt() {
  if (process.env.BENCH_BUNDLE || existsSync(MIN_BUNDLE)) return;
  console.log('dist/connect-elements.min.js is missing: npm run build');
  const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const result = spawnSync(npm[0], [...npm.slice(1), 'run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed with exit code ${result.status ?? result.signal}`);
}

/**
 * The page under test. The instrumentation runs before the bundle so every later
 * window.open goes through it, and the page wires `fetchSession` itself: Playwright's
 * evaluate() runs with a user gesture, which would hand the page the activation that
 * only the click should give it. Between load and the click nothing is evaluated.
 */
const OPENER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>connect-elements bench</title>
<style>body { margin: 0 } connect-button { position: fixed; left: 24px; top: 24px }</style>
<script>
  const bench = (window.__bench = { clickAt: null, inClickTask: false, openAt: null, openInClick: null, openUrl: null, opened: null, answeredAt: null, answeredEpoch: null, events: [] });
  addEventListener('click', () => {
    bench.clickAt = performance.now();
    bench.inClickTask = true;
    setTimeout(() => { bench.inClickTask = false; }, 0);
  }, true);
  const nativeOpen = window.open;
  window.open = function (...args) {
    bench.openAt = performance.now();
    bench.openInClick = bench.inClickTask;
    bench.openUrl = args.length ? String(args[0]) : '';
    const win = nativeOpen.apply(this, args);
    bench.opened = win != null;
    return win;
  };
  for (const type of ['connect-open', 'connect-ready', 'connect-success', 'connect-exit', 'connect-error']) {
    addEventListener(type, (event) => bench.events.push({ type, code: event.detail && event.detail.code, message: event.detail && event.detail.message }));
  }
  const params = new URLSearchParams(location.search);
  customElements.whenDefined('connect-button').then(() => {
    document.querySelector('connect-button').fetchSession = () =>
      new Promise((resolveSession) =>
        setTimeout(() => {
          bench.answeredAt = performance.now();
          bench.answeredEpoch = performance.timeOrigin + performance.now();
          resolveSession({ connectUrl: params.get('connect') });
        }, Number(params.get('delay'))),
      );
  });
</script>
<script type="module" src="/connect-elements.min.js"></script>
</head>
<body>
<connect-button source="bench" mode="popup" fallback="none">Connect</connect-button>
</body>
</html>
`;

/** Opens a window while the page loads, with no user gesture: a working popup blocker refuses. */
const BLOCKER_CHECK_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>popup blocker check</title>
<script>window.__blocked = window.open('about:blank', '_blank') === null;</script>
</head><body></body></html>
`;

/** The hosted page on the second origin: its first script stamps when the document began. */
const POPUP_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script>window.__loaded = { scriptEpoch: Date.now(), navigationStartEpoch: performance.timeOrigin };</script>
<title>hosted connect page</title></head>
<body>Hosted Connect page</body></html>
`;

function serve(routes) {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const [type, body] = route();
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n, digits = 2) => (n == null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const stats = (values) => ({ median: round(median(values)), p95: round(percentile(values, 95)) });

/** Does this browser block a window.open with no user gesture? (It must, or the numbers mean little.) */
async function popupBlockerIsOn(browser, origin) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/blocker-check`);
    return await page.evaluate(() => window.__blocked);
  } finally {
    await context.close();
  }
}

const VIEWPORT = { width: 1280, height: 800 };

/** Where a real click lands on the element's button: measured once, on a page that is then thrown away. */
async function buttonPoint(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate(async () => {
      await customElements.whenDefined('connect-button');
      const host = document.querySelector('connect-button');
      if (host.updateComplete) await host.updateComplete;
      const target = host.shadowRoot?.querySelector('[part~="button"], button') ?? host;
      const box = target.getBoundingClientRect();
      if (!box.width || !box.height) throw new Error('<connect-button> renders nothing to click');
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
  } finally {
    await context.close();
  }
}

async function runOnce(browser, url, point, popupOrigin) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    // goto() waits for load: the bundle (a module script) has run and the element is defined by then.
    await page.goto(url);
    const popupPromise = context.waitForEvent('page', { timeout: RUN_TIMEOUT_MS }).catch(() => null);
    await page.mouse.click(point.x, point.y);
    const popup = await popupPromise;
    let loaded = null;
    if (popup) {
      await popup
        .waitForURL((u) => u.origin === popupOrigin, { waitUntil: 'domcontentloaded', timeout: RUN_TIMEOUT_MS })
        .then(async () => (loaded = await popup.evaluate(() => window.__loaded)))
        .catch(() => {});
    }
    const bench = await page.evaluate(() => window.__bench);
    return { bench, loaded };
  } finally {
    await context.close();
  }
}

function describeFailure({ bench, loaded }) {
  if (bench.openAt == null) return `window.open was never called (events: ${JSON.stringify(bench.events)})`;
  if (!bench.opened) return `window.open returned null: the popup was blocked (in click task: ${bench.openInClick})`;
  if (bench.answeredAt == null) return 'fetchSession was never called';
  if (!loaded) return `the popup never reached the connect page (events: ${JSON.stringify(bench.events)})`;
  return null;
}

async function main() {
  ensureBuilt();
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} does not exist`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run node scripts/chromium.mjs (as root on Debian) or set CHROME_PATH.');

  const sizes = await measureSizes();

  const opener = await serve({
    '/': () => ['text/html; charset=utf-8', OPENER_HTML],
    '/blocker-check': () => ['text/html; charset=utf-8', BLOCKER_CHECK_HTML],
    '/connect-elements.min.js': () => ['text/javascript; charset=utf-8', readFileSync(BUNDLE)],
  });
  const popupServer = await serve({ '/connect': () => ['text/html; charset=utf-8', POPUP_HTML] });
  // Two origins, as in production: the page on localhost, the hosted flow on 127.0.0.1.
  const openerOrigin = `http://localhost:${opener.address().port}`;
  const popupOrigin = `http://127.0.0.1:${popupServer.address().port}`;
  const pageUrl = (run) =>
    `${openerOrigin}/?${new URLSearchParams({ connect: `${popupOrigin}/connect?run=${run}`, delay: String(SESSION_DELAY_MS) })}`;

  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    // Playwright disables the popup blocker by default; the bench needs it on.
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
  const samples = [];
  const failures = [];
  const browserName = `Chromium ${browser.version()}`;
  let blockerOn;
  try {
    blockerOn = await popupBlockerIsOn(browser, openerOrigin);
    const point = await buttonPoint(browser, pageUrl('calibrate'));
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const result = await runOnce(browser, pageUrl(i), point, popupOrigin);
      const failure = describeFailure(result);
      if (i < WARMUP) continue;
      if (failure) failures.push(`run ${i - WARMUP + 1}: ${failure}`);
      else samples.push(result);
    }
  } finally {
    await browser.close();
    opener.close();
    popupServer.close();
  }

  const clickToOpen = samples.map(({ bench }) => bench.openAt - bench.clickAt);
  const answerToScript = samples.map(({ bench, loaded }) => loaded.scriptEpoch - bench.answeredEpoch);
  const answerToNavStart = samples.map(({ bench, loaded }) => loaded.navigationStartEpoch - bench.answeredEpoch);
  const inClickTask = samples.filter(({ bench }) => bench.openInClick).length;
  const openedBlank = samples.filter(({ bench }) => bench.openUrl === 'about:blank' || bench.openUrl === '').length;

  const result = {
    browser: browserName,
    popupBlocker: blockerOn ? 'on' : 'OFF',
    runs: RUNS,
    warmup: WARMUP,
    completed: samples.length,
    sessionDelayMs: SESSION_DELAY_MS,
    sizes: sizes.map(({ name, raw, gzip, note }) => ({ name, raw, gzip, ...(note ? { note } : {}) })),
    clickToOpenMs: samples.length ? stats(clickToOpen) : null,
    openInClickTask: `${inClickTask}/${samples.length}`,
    openedAboutBlank: `${openedBlank}/${samples.length}`,
    sessionToPopupScriptMs: samples.length ? stats(answerToScript) : null,
    sessionToPopupNavigationStartMs: samples.length ? stats(answerToNavStart) : null,
    failures,
  };

  const ms = (s) => (s ? `${s.median.toFixed(2)} ms   ${s.p95.toFixed(2)} ms` : 'no data');
  console.log(formatSizeTable(sizes));
  console.log('');
  console.log(`${result.browser}, headless, popup blocker ${result.popupBlocker}; ${samples.length}/${RUNS} runs (+${WARMUP} warm-up), session answers after ${SESSION_DELAY_MS} ms`);
  console.log('                                                median     p95');
  console.log(`click -> window.open                            ${ms(result.clickToOpenMs)}`);
  console.log(`  window.open inside the click's task           ${result.openInClickTask}`);
  console.log(`  first window.open was about:blank             ${result.openedAboutBlank}`);
  console.log(`session answer -> popup navigation starts       ${ms(result.sessionToPopupNavigationStartMs)}`);
  console.log(`session answer -> popup document's first script ${ms(result.sessionToPopupScriptMs)}`);
  if (inClickTask < samples.length) console.log(`WARNING window.open ran after the click's task in ${samples.length - inClickTask} runs: Safari and Firefox would block it`);
  for (const failure of failures) console.log(`FAILED ${failure}`);
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);

  if (!blockerOn) console.error('The popup blocker was off: the click -> window.open numbers do not show a real browser.');
  return failures.length || !blockerOn ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
