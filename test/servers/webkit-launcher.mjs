/**
 * WebKitGTK for web-test-runner: MiniBrowser under Xvfb, driven by WebKitWebDriver
 * (classic WebDriver) through @web/test-runner-webdriver.
 *
 * @web/test-runner-commands offers a WebDriver browser only `press`/`type` keys and
 * no viewport. This launcher presents itself as a Puppeteer one instead, with a page
 * whose keyboard, mouse and setViewport are WebDriver actions and window rects, so
 * the same test commands work unchanged: held keys (`down: 'Shift'`), real clicks,
 * a viewport of a given size. What WebDriver cannot do at all (emulating a colour
 * scheme or reduced motion) throws, and the tests that need it say so beside a skip.
 *
 * It also drives the test page's popups and frames for test/servers/popup-commands.mjs
 * (`popups`), through window handles and frames: WebDriver has no opener link, and
 * only the test page opens windows.
 */
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { serial, startWebKitDriver } from '../../scripts/browsers.mjs';

/** WebDriver's codes for the keys the tests name (Puppeteer's names). */
const KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: '\uE00D',
  ' ': '\uE00D',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};
const keyCode = (key) => KEYS[key] ?? ([...key].length === 1 ? key : fail(`no WebDriver code for the key ${key}`));
const BUTTONS = { left: 0, middle: 1, right: 2 };
function fail(message) {
  throw new Error(message);
}

/** The Puppeteer page members @web/test-runner-commands uses, over WebDriver. */
function webdriverPage(launcher) {
  const driver = () => launcher.driver;
  // The input state (held keys, the pointer's position) lasts across performActions calls, as WebDriver specifies.
  const keys = (actions) => launcher.exclusive(() => driver().performActions([{ type: 'key', id: 'keyboard', actions }]));
  const pointer = (actions) => launcher.exclusive(() => driver().performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }]));
  const move = (x, y) => ({ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) });
  return {
    keyboard: {
      press: (key) => keys([{ type: 'keyDown', value: keyCode(key) }, { type: 'keyUp', value: keyCode(key) }]),
      type: (text) => keys([...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }])),
      down: (key) => keys([{ type: 'keyDown', value: keyCode(key) }]),
      up: (key) => keys([{ type: 'keyUp', value: keyCode(key) }]),
    },
    mouse: {
      move: (x, y) => pointer([move(x, y)]),
      click: (x, y, { button = 'left' } = {}) => pointer([move(x, y), { type: 'pointerDown', button: BUTTONS[button] }, { type: 'pointerUp', button: BUTTONS[button] }]),
      down: ({ button = 'left' } = {}) => pointer([{ type: 'pointerDown', button: BUTTONS[button] }]),
      up: ({ button = 'left' } = {}) => pointer([{ type: 'pointerUp', button: BUTTONS[button] }]),
      reset: () => launcher.exclusive(() => driver().releaseActions()),
    },
    /** The window's outer size that gives this inner size (no window manager under Xvfb: no decorations to guess). */
    async setViewport({ width, height }) {
      await launcher.exclusive(async () => {
        let inner = [];
        for (let i = 0; i < 3; i++) {
          inner = await driver().execute(() => [window.innerWidth, window.innerHeight]);
          if (inner[0] === width && inner[1] === height) return;
          const rect = await driver().getWindowRect();
          await driver().setWindowRect(null, null, rect.width + width - inner[0], rect.height + height - inner[1]);
        }
        // MiniBrowser's window keeps its toolbar's width: about 447 px at least.
        throw new Error(`MiniBrowser's window does not give a ${width}×${height} viewport (it stays ${inner.join('×')})`);
      });
    },
    emulateMediaType: () => fail('WebKitWebDriver cannot emulate a media type'),
    emulateMediaFeatures: () => fail('WebKitWebDriver cannot emulate media features (colour scheme, reduced motion)'),
    setUserAgent: () => fail('WebKitWebDriver cannot change the user agent'),
  };
}

/** In the page: the button whose text contains `text` (as Puppeteer's ::-p-text), its centre in the viewport; null if none. */
function buttonCentre(text) {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.replace(/\s+/g, ' ').includes(text));
  if (!button) return null;
  button.scrollIntoView({ block: 'nearest' });
  const r = button.getBoundingClientRect();
  return r.width && r.height ? [r.left + r.width / 2, r.top + r.height / 2] : null;
}

/** In the page: every iframe, through open shadow roots, with its content box's viewport offset. */
function deepFrames() {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'iframe') {
        const r = el.getBoundingClientRect();
        found.push({ frame: el, left: r.left + el.clientLeft, top: r.top + el.clientTop });
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}

async function until(probe, timeout, failure) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The popup commands over WebDriver window handles; the same answers as over CDP and BiDi. */
function webdriverPopups(launcher) {
  const driver = () => launcher.driver;
  const handles = async () => (await driver().getWindowHandles()).filter((h) => h !== launcher.mainHandle);
  /** Runs `fn` with the driver in window `handle`, then back in the test page's. */
  const inWindow = (handle, fn) =>
    launcher.exclusive(async () => {
      await driver().switchToWindow(handle);
      try {
        return await fn();
      } finally {
        await driver().switchToWindow(launcher.mainHandle);
      }
    });
  const newest = (timeout = 5000) => until(async () => (await handles()).at(-1), timeout, () => 'no popup is open');
  const urlOf = (handle) => inWindow(handle, () => driver().getUrl()).catch(() => '');
  const clickAt = ([x, y]) =>
    driver().performActions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }]);

  return {
    async info() {
      const urls = [];
      for (const handle of await handles()) urls.push(await urlOf(handle));
      return { count: urls.length, urls };
    },
    async waitUrl({ startsWith, timeout = 5000 }) {
      const handle = await newest(timeout);
      let url = '';
      await until(async () => (url = await urlOf(handle)).startsWith(startsWith), timeout, () => `popup stayed at ${url}`);
      return url;
    },
    async click({ text, timeout = 5000 }) {
      const handle = await newest(timeout);
      await until(() => inWindow(handle, async () => {
        const at = await driver().execute(buttonCentre, text);
        if (at) await clickAt(at);
        return Boolean(at);
      }), timeout, () => `no button "${text}" in the popup`);
      return true;
    },
    async select({ label, value }) {
      const handle = await newest();
      await until(() => inWindow(handle, () => driver().execute((label, value) => {
        const select = [...document.querySelectorAll('select')].find((s) => s.getAttribute('aria-label') === label || [...(s.labels ?? [])].some((l) => l.textContent.trim() === label));
        if (!select) return false;
        // As Puppeteer's ElementHandle.select: the value, then input and change.
        select.value = value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      }, label, value)), 5000, () => `no select labelled ${label} in the popup`);
      return true;
    },
    async close() {
      const handle = await newest();
      await inWindow(handle, () => driver().closeWindow());
      return true;
    },
    async closeAll() {
      for (const handle of await handles()) await inWindow(handle, () => driver().closeWindow()).catch(() => undefined);
      return until(async () => (await handles()).length === 0, 5000, () => 'popups still open').catch(() => false);
    },
    /** A real click, in the test page's coordinates, on the button in the frame whose address starts with urlPrefix. */
    async frameClick({ urlPrefix, text, timeout = 5000 }) {
      await until(() => launcher.exclusive(async () => {
        const frames = await driver().execute(deepFrames);
        for (const { frame, left, top } of frames) {
          await driver().switchToFrame(frame);
          try {
            const url = await driver().execute(() => location.href);
            if (!url.startsWith(urlPrefix)) continue;
            const at = await driver().execute(buttonCentre, text);
            if (!at) return false;
            await driver().switchToFrame(null);
            await clickAt([left + at[0], top + at[1]]);
            return true;
          } finally {
            await driver().switchToFrame(null);
          }
        }
        return false;
      }), timeout, () => `no button "${text}" in a frame at ${urlPrefix}`);
      return true;
    },
  };
}

export class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({ automationProtocol: 'webdriver', hostname: '127.0.0.1', path: '/', capabilities: { browserName: 'MiniBrowser' } });
    this.exclusive = serial();
    this.popups = webdriverPopups(this);
    this.page = webdriverPage(this);
  }

  async initialize(config, testFiles) {
    this.webkit = await startWebKitDriver();
    this.options.port = this.webkit.port;
    this.options.capabilities = {
      browserName: 'MiniBrowser',
      // The popup blocker on, as users have it (also WebKit's default).
      'webkitgtk:browserOptions': { binary: this.webkit.miniBrowser, args: ['--automation', '--javascript-can-open-windows-automatically=false'] },
      // WebKitWebDriver speaks classic WebDriver only.
      'wdio:enforceWebDriverClassic': true,
    };
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
    // @web/test-runner-commands' Puppeteer path, over this.page (see above).
    this.type = 'puppeteer';
  }

  async startSession(id, url) {
    await this.ensureManagerInitialized();
    this.mainHandle ??= await this.driver.getWindowHandle();
    // The viewport every engine starts each test file with (Chromium's and Firefox's launcher set 800×600).
    await this.page.setViewport({ width: 800, height: 600 });
    return super.startSession(id, url);
  }

  getPage() {
    return this.page;
  }

  async stop() {
    await super.stop();
    await this.webkit?.stop();
  }
}
