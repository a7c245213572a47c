// The demo's flows end to end in Firefox ESR and WebKitGTK (issue 21, item 1), each
// with its popup blocker on and real input: popup, modal, redirect, tab, the popup
// that COOP severs (its result comes back through the relay), Context Gateway in its
// documented mode (a full-page redirect) and Thryve in a popup, each through its
// simulator. The other e2e files run the same flows, and many more, in
// Chromium through Playwright; this one drives each engine through its own protocol:
// Firefox over WebDriver BiDi (puppeteer-core), WebKitGTK over classic WebDriver
// (WebKitWebDriver, MiniBrowser under Xvfb) with the small client below.
//
// Every click is an input action at the element's centre in the viewport (BiDi or
// WebDriver `performActions`), never element.click() in script: the popup blocker
// lets a window open only inside a real click. A button inside a cross-origin frame
// is clicked in the top page's coordinates, as a user's pointer would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { findFirefox, findWebKit, serial, startWebKitDriver } from '../../scripts/browsers.mjs';
import { startDemo } from '../../scripts/start.mjs';

/** Each flow takes a few seconds; a stalled one fails its test instead of holding the run. */
const TIMEOUT = { timeout: 30_000 };

let demo;
before(async () => {
  demo = await startDemo({ port: 0, logLevel: 'warn' });
});
after(() => demo?.close());

const appOrigin = () => new URL(demo.appUrl).origin;
const originOf = (url) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/** Polls `probe` until it returns something truthy; an error (a page mid-navigation) counts as not yet. */
async function until(probe, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const found = await probe();
      if (found) return found;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} (waited ${timeout} ms)${last ? `; last error: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- In the page (serialized into the browser: no closures) ----

/**
 * The viewport centre of the first rendered element matching `selector`, searched
 * through open shadow roots, whose text or aria-label is `name` (spaces collapsed);
 * scrolled into view first. Null while there is none.
 */
function centreOf(selector, name) {
  const norm = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
  const matches = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) matches.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  for (const el of matches) {
    if (el.disabled || (norm(el.getAttribute('aria-label')) !== name && norm(el.textContent) !== name)) continue;
    el.scrollIntoView({ block: 'center' });
    const box = el.getBoundingClientRect();
    if (box.width && box.height) return [box.left + box.width / 2, box.top + box.height / 2];
  }
  return null;
}

/** The iframe in `host`'s shadow root, or null (WebDriver switches into it by this reference). */
function shadowFrame(host) {
  return document.querySelector(host)?.shadowRoot?.querySelector('iframe') ?? null;
}

/** Where that iframe's content starts in the viewport. */
function shadowFrameOffset(host) {
  const frame = document.querySelector(host)?.shadowRoot?.querySelector('iframe');
  if (!frame) return null;
  const box = frame.getBoundingClientRect();
  return [box.left + frame.clientLeft, box.top + frame.clientTop];
}

/** The names of the flow endings in the demo's event log, oldest first. */
function loggedEndings() {
  const endings = ['connect-success', 'connect-error', 'connect-exit'];
  return [...document.querySelectorAll('#event-log li')].map((li) => li.dataset.event).filter((name) => endings.includes(name));
}

/** The demo set to `preset` and `mode`, as its selects do on a change (setup, not the flow under test). */
function chooseSystem(preset, mode) {
  if (!customElements.get('connect-button') || !customElements.get('source-list')) return false;
  for (const [id, value] of [['preset', preset], ['mode', mode]]) {
    const select = document.getElementById(id);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return document.getElementById('mode').value === mode;
}

// ---- Firefox ESR: puppeteer-core over WebDriver BiDi ----

/** A BiDi value as JavaScript: the few kinds the page functions above return. */
function fromRemote(remote) {
  if (remote.type === 'array') return remote.value.map(fromRemote);
  if (remote.type === 'object') return Object.fromEntries(remote.value.map(([key, value]) => [key, fromRemote(value)]));
  return remote.type === 'null' || remote.type === 'undefined' ? null : remote.value;
}

/**
 * `fn(...args)` (strings) in `frame`, over BiDi's script.callFunction *without* user
 * activation. Puppeteer's evaluate always asks for it (userActivation: true in its
 * bidi/Realm.js), and Firefox's popup blocker then lets any window.open through for
 * the next seconds: the flows would pass even if the elements opened their popups
 * outside the click. Puppeteer has no option for this; `browsingContext` is its frame's
 * own BiDi context.
 */
async function evaluateInFrame(frame, fn, ...args) {
  const result = await frame.browsingContext.defaultRealm.callFunction(String(fn), true, {
    arguments: args.map((value) => ({ type: 'string', value })),
    resultOwnership: 'none',
    userActivation: false,
  });
  if (result.type === 'exception') throw new Error(`in the page: ${result.exceptionDetails.text}`);
  return fromRemote(result.result);
}

/** A window (the demo's tab, a popup) as the flows use it, over a Puppeteer page. */
function bidiWindow(page) {
  return {
    url: () => page.url(),
    evaluate: (fn, ...args) => evaluateInFrame(page.mainFrame(), fn, ...args),
    click: ([x, y]) => page.mouse.click(x, y),
    isClosed: async () => page.isClosed(),
    /** `fn` in the frame in `host`'s shadow root (on `origin`), and that frame's offset in this window. */
    async inFrame(host, origin, fn, ...args) {
      const offset = await evaluateInFrame(page.mainFrame(), shadowFrameOffset, host);
      const frame = page.frames().find((f) => f !== page.mainFrame() && originOf(f.url()) === origin);
      if (!offset || !frame) return null;
      return { offset, value: await evaluateInFrame(frame, fn, ...args) };
    },
  };
}

async function startFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    // Puppeteer's Firefox profile turns the popup blocker off; users have it on (as web-test-runner.config.mjs).
    extraPrefsFirefox: { 'dom.disable_open_during_load': true },
  });
  return {
    close: () => browser.close(),
    /** The demo in a fresh browser context (its own cookies and storage), closed after the test. */
    async open(t) {
      const context = await browser.createBrowserContext();
      t.after(() => context.close());
      const page = await context.newPage();
      await page.goto(demo.appUrl);
      // Top-level windows only: Puppeteer's BiDi targets of type 'page' include every frame (the modal's too).
      const seen = new Set(await context.pages());
      return {
        main: bidiWindow(page),
        /** The next window the page opens (a popup, a tab). */
        async nextWindow() {
          const opened = await until(async () => (await context.pages()).find((candidate) => !seen.has(candidate)), 'no new window opened', 10_000);
          seen.add(opened);
          return bidiWindow(opened);
        },
      };
    },
  };
}

// ---- WebKitGTK: MiniBrowser through WebKitWebDriver's HTTP API ----

/** A classic WebDriver session: the few commands the flows need. */
async function webDriverSession(origin, capabilities) {
  const call = async (method, path, body) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Each command answers in well under a second: one that hangs fails with its name, not as the test's timeout.
      signal: AbortSignal.timeout(10_000),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  };
  const { sessionId } = await call('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
  const at = (path) => `/session/${sessionId}${path}`;
  return {
    get: (path) => call('GET', at(path)),
    post: (path, body = {}) => call('POST', at(path), body),
    delete: () => call('DELETE', at('')),
    execute: (fn, ...args) => call('POST', at('/execute/sync'), { script: `return (${fn}).apply(null, arguments)`, args }),
  };
}

function webDriverClick(session, [x, y]) {
  const move = { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) };
  return session.post('/actions', {
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [move, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }],
  });
}

async function startWebKit() {
  const driver = await startWebKitDriver();
  const { miniBrowser } = findWebKit();
  return {
    close: () => driver.stop(),
    /** The demo in a new MiniBrowser (a session of its own: fresh cookies and storage), ended after the test. */
    async open(t) {
      const session = await webDriverSession(`http://127.0.0.1:${driver.port}`, {
        browserName: 'MiniBrowser',
        // The popup blocker on, as users have it (also WebKit's default).
        'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation', '--javascript-can-open-windows-automatically=false'] },
        // Every wait here is on the page's own state. Under the default ('normal') WebKitWebDriver
        // makes each script wait for the window's navigation to finish, and once in about ten
        // runs a script in the demo's tab, just after Thryve's popup closed, waited until the
        // test timed out.
        pageLoadStrategy: 'none',
      });
      t.after(() => session.delete().catch(() => undefined));
      const exclusive = serial();
      let current = await session.get('/window');
      const mainHandle = current;
      const seen = new Set([mainHandle]);
      const handles = () => session.get('/window/handles');
      /** Runs `fn` with the session in window `handle` (it stays there: the next call switches if it must). */
      const inWindow = (handle, fn) =>
        exclusive(async () => {
          if (current !== handle) {
            await session.post('/window', { handle });
            current = handle;
          }
          return fn();
        });
      const windowOf = (handle) => ({
        url: () => inWindow(handle, () => session.get('/url')),
        evaluate: (fn, ...args) => inWindow(handle, () => session.execute(fn, ...args)),
        click: (at) => inWindow(handle, () => webDriverClick(session, at)),
        isClosed: async () => !(await handles()).includes(handle),
        inFrame: (host, origin, fn, ...args) =>
          inWindow(handle, async () => {
            const [frame, offset] = [await session.execute(shadowFrame, host), await session.execute(shadowFrameOffset, host)];
            if (!frame || !offset) return null;
            await session.post('/frame', { id: frame });
            try {
              if (originOf(await session.execute(() => location.href)) !== origin) return null;
              return { offset, value: await session.execute(fn, ...args) };
            } finally {
              await session.post('/frame', { id: null });
            }
          }),
      });
      await session.post('/url', { url: demo.appUrl });
      return {
        main: windowOf(mainHandle),
        async nextWindow() {
          const handle = await until(async () => (await handles()).find((h) => !seen.has(h)), 'no new window opened', 10_000);
          seen.add(handle);
          return windowOf(handle);
        },
      };
    },
  };
}

// ---- The flows, the same in each engine ----

/** A real click on the element `selector` called `name` in `win`, once it is there. */
async function clickOn(win, selector, name) {
  const at = await until(() => win.evaluate(centreOf, selector, name), `no ${selector} "${name}" to click`);
  await win.click(at);
}

/** A real click, in `win`'s coordinates, on the button called `name` inside `host`'s frame on `origin`. */
async function clickInFrame(win, host, origin, name) {
  const { offset, value } = await until(async () => {
    const found = await win.inFrame(host, origin, centreOf, 'button', name);
    return found?.value ? found : null;
  }, `no button "${name}" in ${host}'s frame at ${origin}`);
  await win.click([offset[0] + value[0], offset[1] + value[1]]);
}

/** A redirect's return is handled: the result's parameters have left the address bar. */
const addressBarClean = async (win) => new URL(await win.url()).search === '';

const urlAt = (win, origin, what) => until(async () => originOf(await win.url()) === origin, what);

/** Waits for the flow's ending, then for `settled` (the popup closed, the page back), and returns every ending logged. */
async function endingsOf(win, settled = async () => true) {
  await until(async () => (await win.evaluate(loggedEndings)).length > 0, 'the flow did not end');
  await until(settled, 'the flow ended but did not settle');
  return win.evaluate(loggedEndings);
}

async function openDemo(engine, t, preset, mode) {
  const tab = await engine.open(t);
  await until(() => tab.main.evaluate(chooseSystem, preset, mode), `the demo did not load or take ${preset} × ${mode}`);
  return tab;
}

/** Connect GitHub in a popup or a tab of the sandbox (or its COOP variant): Allow there, one success here. */
async function allowInNewWindow(engine, t, { preset = 'default', mode, closes = true, severed = false }) {
  const { main, nextWindow } = await openDemo(engine, t, preset, mode);
  const opened = nextWindow();
  await clickOn(main, 'connect-button', 'Connect GitHub');
  const popup = await opened;
  await urlAt(popup, demo.sandboxOrigin, 'the window never reached the sandbox');
  // Only the relay (or the server's result) can end a severed popup's flow: no message reaches the opener.
  if (severed) {
    const opener = await until(
      () => popup.evaluate((origin) => location.origin === origin && document.readyState === 'complete' && (window.opener === null ? 'severed' : 'linked'), demo.sandboxOrigin),
      'the sandbox page did not load',
    );
    assert.equal(opener, 'severed', 'COOP severs the popup from its opener');
  }
  await clickOn(popup, 'button', 'Allow');
  const endings = await endingsOf(main, closes ? () => popup.isClosed() : undefined);
  assert.deepEqual(endings, ['connect-success']);
}

const CASES = [
  [
    'the popup blocker is on: window.open outside a user\'s click gets no window',
    async (engine, t) => {
      const { main } = await openDemo(engine, t, 'default', 'popup');
      assert.equal(await main.evaluate(() => window.open('about:blank', '_blank', 'popup') === null), true);
    },
  ],
  ['popup: Connect GitHub, Allow in the sandbox popup, one connect-success, the popup closes', (engine, t) => allowInNewWindow(engine, t, { mode: 'popup' })],
  [
    'modal: <connect-modal>, Allow in its sandbox frame, one connect-success',
    async (engine, t) => {
      const { main } = await openDemo(engine, t, 'default', 'auto');
      await clickOn(main, 'button', 'Connect GitHub in a dialog');
      await clickInFrame(main, 'connect-modal', demo.sandboxOrigin, 'Allow');
      const closed = () => main.evaluate(() => document.querySelector('connect-modal').shadowRoot.querySelector('dialog')?.open !== true);
      assert.deepEqual(await endingsOf(main, closed), ['connect-success']);
    },
  ],
  [
    'redirect: the tab goes to the sandbox, Allow, the app page comes back with one connect-success',
    async (engine, t) => {
      const { main } = await openDemo(engine, t, 'default', 'redirect');
      await clickOn(main, 'connect-button', 'Connect GitHub');
      await urlAt(main, demo.sandboxOrigin, 'the tab never reached the sandbox');
      await clickOn(main, 'button', 'Allow');
      await urlAt(main, appOrigin(), 'the tab never came back to the app');
      assert.deepEqual(await endingsOf(main, () => addressBarClean(main)), ['connect-success']);
    },
  ],
  // The tab is the user's: it is not closed for them, so the flow's ending is all there is to wait for.
  ['tab: Connect GitHub, Allow in the sandbox tab, one connect-success', (engine, t) => allowInNewWindow(engine, t, { mode: 'tab', closes: false })],
  [
    'COOP relay: the sandbox severs the popup, its result comes back through the relay once, the popup closes',
    (engine, t) => allowInNewWindow(engine, t, { preset: 'sandbox-coop', mode: 'popup', severed: true }),
  ],
  [
    'Context Gateway in its documented mode (auto: a full-page redirect to the simulator), Allow, one connect-success back on the app page',
    async (engine, t) => {
      const { main } = await openDemo(engine, t, 'context-gateway', 'auto');
      await clickOn(main, 'connect-button', 'Connect GitHub');
      await urlAt(main, demo.simulators.contextGateway.origin, 'the tab never reached Context Gateway');
      await clickOn(main, 'button', 'Allow');
      await urlAt(main, appOrigin(), 'the tab never came back to the app');
      assert.deepEqual(await endingsOf(main, () => addressBarClean(main)), ['connect-success']);
    },
  ],
  [
    'Thryve in a popup: Connect Fitbit from <source-list>, Allow in the simulator, the return relayed once, the popup closes',
    async (engine, t) => {
      const { main, nextWindow } = await openDemo(engine, t, 'thryve', 'popup');
      const opened = nextWindow();
      await clickOn(main, 'button', 'Connect Fitbit');
      const popup = await opened;
      await urlAt(popup, demo.simulators.thryve.origin, 'the popup never reached Thryve');
      await clickOn(popup, 'button', 'Allow');
      assert.deepEqual(await endingsOf(main, () => popup.isClosed()), ['connect-success']);
    },
  ],
];

/** Each engine's reason to skip its whole run: its browser missing here. In CI it must run. */
function missing(name, found) {
  if (found) return false;
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`${name} is missing in CI: scripts/browsers.mjs installs it`);
  return `${name} is not installed (node scripts/browsers.mjs installs it)`;
}

const ENGINES = [
  { name: 'Firefox ESR (WebDriver BiDi)', skip: missing('Firefox ESR', findFirefox()), start: startFirefox },
  { name: 'WebKitGTK (WebDriver, MiniBrowser)', skip: missing('WebKitGTK (WebKitWebDriver, MiniBrowser, Xvfb)', findWebKit()), start: startWebKit },
];

for (const { name, skip, start } of ENGINES) {
  describe(name, { skip }, () => {
    let engine;
    before(async () => {
      engine = await start();
    });
    after(() => engine?.close());
    for (const [title, flow] of CASES) test(title, TIMEOUT, (t) => flow(engine, t));
  });
}
