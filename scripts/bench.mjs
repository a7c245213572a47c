#!/usr/bin/env node
/**
 * `npm run bench`: what the package costs and how fast its popup flow reacts, in real
 * Chromium with the popup blocker ON (Playwright normally turns it off).
 *
 * Prints a table, then one line `BENCH_JSON {...}` for machines; `--json` prints only the JSON.
 *
 * - sizes: scripts/sizes.mjs (esbuild + gzip -9, what a page loads initially and what it loads
 *   lazily; ours next to the peers' published packages; the single-file bundle as Vite built it)
 * - click -> window.open: a capturing click listener on window stamps performance.now()
 *   and raises a flag that a setTimeout(0) lowers; a wrapped window.open stamps the time
 *   and reads the flag, so "inside the click's task" means before any later task ran.
 * - session answer -> popup navigation: `fetchSession` answers after 300 ms with a
 *   connectUrl on a second origin (127.0.0.1:<free port>); the opener stamps the answer
 *   (performance.timeOrigin + now()), the popup's first inline script stamps Date.now(),
 *   and its performance.timeOrigin says when its navigation started.
 *
 * - <source-list> (scripts/bench-source-list.html, same bundle, same browser) for 1,000 and
 *   10,000 generated sources, every run on a fresh element; all stamps are performance.now()
 *   in the page, so no CDP round trip is counted:
 *   - first render: from `el.sources = data` to (1) the MutationObserver callback that first
 *     sees an item element in the shadow root, (2) the next requestAnimationFrame callback,
 *     (3) a task posted from that callback, i.e. after that frame's style/layout/paint.
 *   - keystroke: the search box is focused, Playwright presses "q" (a real key event), and
 *     a capturing keydown listener on window stamps the start; the end is (1) the mutation
 *     after which item 0 shows the first matching source, (2) the next frame, (3) after it.
 *   - items in the DOM: `[part~=item]` in the shadow root once the virtualizer has settled
 *     (no change for 5 frames); the 10k count must stay within 20% of the 1k count.
 * - the same for 10,000 sources with 1,000 connections (issue 22: several accounts on some
 *   sources, each an account row with its label and buttons), set with the sources; its
 *   keystroke is measured BENCH_SL_KEYS times (default 20) for a median and a p95, against
 *   the 16 ms target (keydown -> list filtered in the DOM; a FLAG line when the median misses it).
 *
 * Env: BENCH_RUNS (default 20), BENCH_WARMUP (default 1, not counted),
 * BENCH_SL_RUNS (default 7; <source-list> runs per measurement and size), BENCH_SL_WARMUP (default 2),
 * BENCH_SL_KEYS (default 20; keystrokes of the 10,000 / 1,000 case),
 * BENCH_BUNDLE (a script to serve instead of dist/connect-elements.min.js), CHROME_PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { MIN_BUNDLE, ROOT, builtFileSizes, formatSizeTable, measureSizes } from './sizes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const SESSION_DELAY_MS = 300;
const RUN_TIMEOUT_MS = 15_000;
const SL_RUNS = Number(process.env.BENCH_SL_RUNS ?? 7);
const SL_WARMUP = Number(process.env.BENCH_SL_WARMUP ?? 2);
const SL_KEYS = Number(process.env.BENCH_SL_KEYS ?? 20);
/** The catalogs measured: the first two are compared for item growth; the last has accounts (issue 22). */
const SL_CASES = [
  { sources: 1_000, connections: 0, keystrokes: SL_RUNS },
  { sources: 10_000, connections: 0, keystrokes: SL_RUNS },
  { sources: 10_000, connections: 1_000, keystrokes: SL_KEYS },
];
/** Keydown -> list filtered in the DOM, for the catalog with accounts (issue 22). */
const SL_KEYSTROKE_TARGET_MS = 16;
/** How much more item elements the 10k list may hold than the 1k list before it counts as growing with the catalog. */
const SL_ITEM_GROWTH_LIMIT = 1.2;
const SOURCE_LIST_HTML = new URL('./bench-source-list.html', import.meta.url);
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
/** For the few <source-list> runs, where a nearest-rank p95 would just be the maximum: say so. */
const medianMax = (values) => ({ median: round(median(values)), max: round(Math.max(...values)) });

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

/**
 * <source-list> for `n` sources (and `m` connections) on one page: SL_WARMUP + SL_RUNS first
 * renders and SL_WARMUP + `keystrokes` keystrokes, each on a fresh element. Returns the samples
 * of the counted runs and any failures.
 */
async function benchSourceList(browser, origin, { sources: n, connections: m, keystrokes }) {
  const name = m ? `${n} + ${m} connections` : `${n}`;
  const context = await browser.newContext({ viewport: VIEWPORT });
  const failures = [];
  const pageErrors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/source-list`);
    await page.waitForFunction(() => window.__slReady && customElements.get('source-list'), null, { timeout: RUN_TIMEOUT_MS });
    await page.evaluate(([count, connections]) => window.__sl.generate(count, connections), [n, m]);
    const render = [];
    for (let i = 0; i < SL_WARMUP + SL_RUNS; i++) {
      try {
        const sample = await page.evaluate(([count, connections]) => window.__sl.render(count, connections), [n, m]);
        if (i >= SL_WARMUP) render.push(sample);
      } catch (error) {
        failures.push(`<source-list> ${name} render run ${i + 1}: ${error.message.split('\n')[0]}`);
      }
    }
    const keystroke = [];
    let expected = null;
    for (let i = 0; i < SL_WARMUP + keystrokes; i++) {
      try {
        expected = await page.evaluate(([count, connections]) => window.__sl.prepareKeystroke(count, connections), [n, m]);
        const key = await page.evaluate(() => window.__sl.QUERY_KEY);
        await page.keyboard.press(key);
        const sample = await page.evaluate(() => window.__sl.keystrokeResult());
        if (sample.value !== key) throw new Error(`the search box holds ${JSON.stringify(sample.value)} after pressing ${key}`);
        if (sample.setsize !== expected.expectedCount) throw new Error(`${sample.setsize} sources listed after typing ${key}, expected ${expected.expectedCount}`);
        if (i >= SL_WARMUP) keystroke.push({ ...sample, expectedCount: expected.expectedCount });
      } catch (error) {
        failures.push(`<source-list> ${name} keystroke run ${i + 1}: ${error.message.split('\n')[0]}`);
      }
    }
    for (const message of new Set(pageErrors)) failures.push(`<source-list> ${name}: page error: ${message}`);
    return { n, m, render, keystroke, failures };
  } finally {
    await context.close();
  }
}

function summarizeSourceList({ n, m, render, keystroke }) {
  const pick = (samples, key) => (samples.length ? medianMax(samples.map((s) => s[key])) : null);
  // Enough keystrokes for a p95 that is not just the maximum: both.
  const pickKeys = (key) => (keystroke.length ? { ...stats(keystroke.map((s) => s[key])), max: round(Math.max(...keystroke.map((s) => s[key]))) } : null);
  const counts = render.map((s) => s.settledItems);
  return {
    sources: n,
    connections: m,
    renderRuns: render.length,
    firstRenderMs: { itemsInDom: pick(render, 'domMs'), nextFrame: pick(render, 'frameMs'), afterFrame: pick(render, 'paintedMs') },
    keystrokeRuns: keystroke.length,
    keystrokeMs: m
      ? { itemsInDom: pickKeys('domMs'), nextFrame: pickKeys('frameMs'), afterFrame: pickKeys('paintedMs') }
      : { itemsInDom: pick(keystroke, 'domMs'), nextFrame: pick(keystroke, 'frameMs'), afterFrame: pick(keystroke, 'paintedMs') },
    ...(m ? { accountRowsAtFirstRender: render.length ? Math.max(...render.map((s) => s.accounts)) : null } : {}),
    // The same every run unless the virtualizer misbehaves: the range is min..max.
    itemsAtFirstRender: render.length ? Math.max(...render.map((s) => s.firstItems)) : null,
    itemsInDom: counts.length ? Math.max(...counts) : null,
    itemsInDomMin: counts.length ? Math.min(...counts) : null,
    itemsAfterKeystroke: keystroke.length ? Math.max(...keystroke.map((s) => s.items)) : null,
    matchesAfterKeystroke: keystroke[0]?.expectedCount ?? null,
  };
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
  // The chunks the bundle loads lazily, served beside it as a CDN would (their imports are relative).
  const { lazy: lazyChunks } = await builtFileSizes(BUNDLE);
  const chunkRoutes = Object.fromEntries(
    lazyChunks.map(({ file }) => {
      const path = resolve(ROOT, file);
      return [`/${relative(dirname(BUNDLE), path)}`, () => ['text/javascript; charset=utf-8', readFileSync(path)]];
    }),
  );

  const opener = await serve({
    '/': () => ['text/html; charset=utf-8', OPENER_HTML],
    '/blocker-check': () => ['text/html; charset=utf-8', BLOCKER_CHECK_HTML],
    '/connect-elements.min.js': () => ['text/javascript; charset=utf-8', readFileSync(BUNDLE)],
    ...chunkRoutes,
    '/source-list': () => ['text/html; charset=utf-8', readFileSync(SOURCE_LIST_HTML)],
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
  const sourceListRaw = [];
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
    for (const slCase of SL_CASES) sourceListRaw.push(await benchSourceList(browser, openerOrigin, slCase));
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

  const sourceList = sourceListRaw.map(summarizeSourceList);
  for (const { failures: slFailures } of sourceListRaw) failures.push(...slFailures);
  const [small, large, withAccounts] = sourceList;
  const accountsKeystroke = withAccounts?.keystrokeMs.itemsInDom;
  const withinKeystrokeTarget = accountsKeystroke ? accountsKeystroke.median <= SL_KEYSTROKE_TARGET_MS : null;
  const itemGrowth = small?.itemsInDom && large?.itemsInDom != null ? large.itemsInDom / small.itemsInDom : null;
  const itemsGrow = itemGrowth != null && itemGrowth > SL_ITEM_GROWTH_LIMIT;
  if (itemGrowth == null) failures.push('<source-list>: no item count for 1,000 and 10,000 sources to compare');

  const result = {
    browser: browserName,
    popupBlocker: blockerOn ? 'on' : 'OFF',
    runs: RUNS,
    warmup: WARMUP,
    completed: samples.length,
    sessionDelayMs: SESSION_DELAY_MS,
    // raw/gzip: what a page loads initially; lazyRaw/lazyGzip: what it loads when used.
    sizes: sizes.map(({ id, group, name, version, raw, gzip, lazyRaw, lazyGzip, budget, note, check }) => ({
      id,
      group,
      name,
      ...(version ? { version } : {}),
      raw,
      gzip,
      lazyRaw,
      lazyGzip,
      ...(budget ? { budget, withinBudget: gzip != null && gzip <= budget } : {}),
      ...(note ? { note } : {}),
      ...(check ? { check } : {}),
    })),
    clickToOpenMs: samples.length ? stats(clickToOpen) : null,
    openInClickTask: `${inClickTask}/${samples.length}`,
    openedAboutBlank: `${openedBlank}/${samples.length}`,
    sessionToPopupScriptMs: samples.length ? stats(answerToScript) : null,
    sessionToPopupNavigationStartMs: samples.length ? stats(answerToNavStart) : null,
    sourceList: {
      runs: SL_RUNS,
      warmup: SL_WARMUP,
      viewport: VIEWPORT,
      query: 'q',
      sizes: sourceList,
      itemCountRatio10kTo1k: round(itemGrowth, 3),
      itemCountGrowsWithCatalog: itemsGrow,
      keystrokes10kWith1kConnections: SL_KEYS,
      keystrokeTargetMs: SL_KEYSTROKE_TARGET_MS,
      keystrokeWithinTarget10kWith1kConnections: withinKeystrokeTarget,
    },
    failures,
  };

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
    return failures.length || !blockerOn || itemsGrow ? 1 : 0;
  }
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
  console.log('');
  const msMax = (s) => (s ? `${s.median.toFixed(2)} ms   ${s.max.toFixed(2)} ms` : 'no data');
  console.log(`<source-list>, ${VIEWPORT.width}x${VIEWPORT.height}, list layout; ${SL_RUNS} runs (+${SL_WARMUP} warm-up) per row, each on a fresh element`);
  console.log('                                                median     max');
  const rowName = (row) => `${row.sources.toLocaleString('en-US')}${row.connections ? ` + ${row.connections.toLocaleString('en-US')} conn.` : ''}`;
  for (const row of sourceList.filter((r) => !r.connections)) {
    const label = (text) => `${text} (${rowName(row)})`.padEnd(48);
    console.log(`${label('sources set -> items in DOM')}${msMax(row.firstRenderMs.itemsInDom)}`);
    console.log(`${label('sources set -> next frame')}${msMax(row.firstRenderMs.nextFrame)}`);
    console.log(`${label('sources set -> after that frame')}${msMax(row.firstRenderMs.afterFrame)}`);
    console.log(`${label('keydown "q" -> list filtered in DOM')}${msMax(row.keystrokeMs.itemsInDom)}`);
    console.log(`${label('keydown "q" -> next frame')}${msMax(row.keystrokeMs.nextFrame)}`);
    console.log(`${label('keydown "q" -> after that frame')}${msMax(row.keystrokeMs.afterFrame)}`);
  }
  for (const row of sourceList.filter((r) => r.connections)) {
    // Several accounts on some sources (issue 22): the keystroke has a p95 of its own.
    const label = (text) => text.padEnd(48);
    const msP95 = (s) => (s ? `${s.median.toFixed(2)} ms   ${s.p95.toFixed(2)} ms   ${s.max.toFixed(2)} ms` : 'no data');
    console.log('');
    console.log(`<source-list>, ${rowName(row).replace('conn.', 'connections')} (several accounts on some sources); ${row.renderRuns} renders, ${row.keystrokeRuns} keystrokes (+${SL_WARMUP} warm-up each)`);
    console.log('                                                median     max');
    console.log(`${label('sources + connections set -> items in DOM')}${msMax(row.firstRenderMs.itemsInDom)}`);
    console.log(`${label('sources + connections set -> next frame')}${msMax(row.firstRenderMs.nextFrame)}`);
    console.log(`${label('sources + connections set -> after that frame')}${msMax(row.firstRenderMs.afterFrame)}`);
    console.log(`                                                median     p95        max        (target: ${SL_KEYSTROKE_TARGET_MS} ms to the DOM)`);
    console.log(`${label('keydown "q" -> list filtered in DOM')}${msP95(row.keystrokeMs.itemsInDom)}`);
    console.log(`${label('keydown "q" -> next frame')}${msP95(row.keystrokeMs.nextFrame)}`);
    console.log(`${label('keydown "q" -> after that frame')}${msP95(row.keystrokeMs.afterFrame)}`);
    console.log(`${label('account rows in DOM at first render')}${row.accountRowsAtFirstRender}`);
    console.log('');
  }
  for (const row of sourceList) {
    const range = row.itemsInDomMin === row.itemsInDom ? `${row.itemsInDom}` : `${row.itemsInDomMin}-${row.itemsInDom}`;
    console.log(
      `${`item elements in DOM (${rowName(row)})`.padEnd(48)}${range} settled, ${row.itemsAtFirstRender} at first render, ${row.itemsAfterKeystroke} after "q" (${row.matchesAfterKeystroke} match)`,
    );
  }
  if (withinKeystrokeTarget === false) {
    console.log(`FLAG <source-list> 10,000 sources + 1,000 connections: keydown -> filtered in DOM takes ${accountsKeystroke.median} ms (median), over the ${SL_KEYSTROKE_TARGET_MS} ms target`);
  }
  if (itemsGrow) {
    console.log(`FLAG <source-list> item elements grow with the catalog: ${large?.itemsInDom} for 10,000 vs ${small?.itemsInDom} for 1,000 (limit +${Math.round((SL_ITEM_GROWTH_LIMIT - 1) * 100)}%)`);
  }
  if (inClickTask < samples.length) console.log(`WARNING window.open ran after the click's task in ${samples.length - inClickTask} runs: Safari and Firefox would block it`);
  for (const failure of failures) console.log(`FAILED ${failure}`);
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);

  if (!blockerOn) console.error('The popup blocker was off: the click -> window.open numbers do not show a real browser.');
  return failures.length || !blockerOn || itemsGrow ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
