/**
 * A test-runner command that drives the windows a test page opened, as a user
 * would: `executeServerCommand('popup', { action, ... })`. In Chromium over CDP, in
 * Firefox over WebDriver BiDi, in WebKitGTK over WebDriver (webkit-launcher.mjs).
 *   { action: 'info' }                         -> { count, urls, origins } of the test page's open popups
 *   { action: 'wait-url', startsWith }         -> waits until the newest popup's URL starts with it
 *   { action: 'click', text }                  -> a real mouse click on the button with that visible text in the newest popup
 *   { action: 'select', label, value }         -> picks an option of the <select> with that accessible label
 *   { action: 'close' }                        -> the user closes the newest popup
 *   { action: 'close-all' }                    -> the browser closes every popup of the test page, even one whose
 *                                                 page no longer answers (a test's cleanup, never a user's action)
 *   { action: 'frame-click', urlPrefix, text } -> a real click on that button in the test page's frame whose URL starts with urlPrefix
 */
const idOf = (target) => target?._targetId;

/** Page targets in the order they were created (browser.targets() has no order), per browser. */
const created = new WeakMap();
function trackTargets(browser) {
  if (created.has(browser)) return created.get(browser);
  const list = browser.targets().filter((t) => t.type() === 'page');
  browser.on('targetcreated', (t) => t.type() === 'page' && list.push(t));
  browser.on('targetdestroyed', (t) => {
    const i = list.indexOf(t);
    if (i >= 0) list.splice(i, 1);
  });
  created.set(browser, list);
  return list;
}

/**
 * The test page's popups, oldest first, each as { url(), page(), forceClose() }.
 * Over CDP (Chromium) a target knows its opener; over WebDriver BiDi (Firefox) a
 * target has no opener(), but a top-level browsing context has its originalOpener.
 */
function popupsOf(page) {
  if (page.browser().protocol === 'webDriverBiDi') {
    const opener = page.mainFrame().browsingContext.id;
    return [...page.browserContext().userContext.browsingContexts]
      .filter((context) => context.originalOpener === opener && !context.closed)
      .map((context) => ({
        url: () => context.url,
        page: async () => (await page.browserContext().pages()).find((p) => p.mainFrame().browsingContext === context),
        // browsingContext.close is the browser's: a page that hangs still closes.
        forceClose: () => context.close(false),
      }));
  }
  const opener = idOf(page.target());
  return trackTargets(page.browser())
    .filter((t) => idOf(t.opener()) === opener)
    .map((target) => ({ url: () => target.url(), page: () => target.page(), forceClose: (cdp) => cdp.send('Target.closeTarget', { targetId: idOf(target) }) }));
}

/**
 * Resolves with what `probe` returns once it is truthy, checking every 50 ms (the
 * browser's targets and frames come and go with no event a command can wait on);
 * throws `failure()` after `timeout` ms.
 */
async function until(probe, timeout, failure) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((r) => setTimeout(r, 50));
  }
}

function newestPopupTarget(page, timeout = 5000) {
  return until(() => popupsOf(page).at(-1), timeout, () => 'no popup is open');
}

/**
 * A locator for a real click on a button that does not move: no wait for a stable
 * bounding box, which Puppeteer measures over two animation frames of the page, and
 * a popup window that Chromium throttles (behind its opener) may render none for a
 * while. The click itself is still the browser's mouse input at the button's point.
 */
const steady = (locator, payload) => locator.setTimeout(payload.timeout ?? 5000).setWaitForStableBoundingBox(false);

export function popupCommandsPlugin() {
  return {
    name: 'popup-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'popup') return undefined;
      const { action } = payload;
      // WebKitGTK: window handles and frames over WebDriver (test/servers/webkit-launcher.mjs).
      const webdriver = session.browser.popups;
      if (webdriver) {
        const run = { info: 'info', 'wait-url': 'waitUrl', click: 'click', select: 'select', close: 'close', 'close-all': 'closeAll', 'frame-click': 'frameClick' }[action];
        if (!run) throw new Error(`unknown popup action ${action}`);
        return webdriver[run](payload);
      }
      const page = session.browser.getPage(session.id);
      if (action === 'info') {
        const urls = popupsOf(page).map((t) => t.url());
        return { count: urls.length, urls };
      }
      if (action === 'frame-click') {
        const frame = await until(() => page.frames().find((f) => f.url().startsWith(payload.urlPrefix)), payload.timeout ?? 5000, () => `no frame at ${payload.urlPrefix}`);
        await steady(frame.locator(`button::-p-text(${payload.text})`), payload).click();
        return true;
      }
      if (action === 'close-all') {
        // Through the browser, not the popup's page: a page that hangs still closes.
        const cdp = page.browser().protocol === 'cdp' ? await page.browser().target().createCDPSession() : undefined;
        try {
          await Promise.all(popupsOf(page).map((popup) => Promise.resolve(popup.forceClose(cdp)).catch(() => undefined)));
        } finally {
          await cdp?.detach().catch(() => undefined);
        }
        // Answered once the browser has let go of them (false when it has not).
        return until(() => popupsOf(page).length === 0, 5000, () => 'popups still open').catch(() => false);
      }
      const target = await newestPopupTarget(page, payload.timeout);
      if (action === 'wait-url') {
        await until(() => target.url().startsWith(payload.startsWith), payload.timeout ?? 5000, () => `popup stayed at ${target.url()}`);
        return target.url();
      }
      const popup = await target.page();
      if (action === 'click') {
        await steady(popup.locator(`button::-p-text(${payload.text})`), payload).click();
        return true;
      }
      if (action === 'select') {
        const handle = await popup.locator(`::-p-aria([name="${payload.label}"][role="combobox"])`).setTimeout(5000).waitHandle();
        await handle.select(payload.value);
        return true;
      }
      if (action === 'close') {
        await popup.close({ runBeforeUnload: false });
        return true;
      }
      throw new Error(`unknown popup action ${action}`);
    },
  };
}
