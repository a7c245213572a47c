// What a page shows when a part the elements load lazily cannot load (offline, a deploy
// that replaced the chunks): never an endless loading state, a stuck button or a silent
// failure. Each test cuts one module off with the browser's own request routing, in a
// fresh context, so nothing another test loaded is in its cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();

/** The demo in a fresh context whose requests for `module` (a path under src/, without its extension) answer 503. */
async function openWithout(t, module) {
  const context = await running.browser.newContext();
  t.after(() => context.close());
  const failed = [];
  const cut = new RegExp(`/src/${module}\\.(?:ts|js)(?:\\?.*)?$`);
  await context.route(cut, (route) => {
    failed.push(route.request().url());
    return route.fulfill({ status: 503, body: 'cut off by the test' });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.goto(running.demo.appUrl);
  await page.waitForFunction(() => customElements.get('source-list') !== undefined);
  return { page, failed, warnings, cut };
}

/** A list of the page's own, appended by the page's script (the element is the demo's). */
const addList = (page, properties, attributes = {}) =>
  page.evaluate(
    ({ properties, attributes }) => {
      const list = document.createElement('source-list');
      list.id = 'under-test';
      for (const [name, value] of Object.entries(attributes)) list.setAttribute(name, value);
      Object.assign(list, properties);
      // The demo app handles its own lists' disconnects: this one is the list's to send.
      list.addEventListener('connect-disconnect', (event) => event.stopPropagation());
      document.body.prepend(list);
    },
    { properties, attributes },
  );

test('a list whose catalog validation cannot load shows its error state with Retry, not a loading state, and Retry recovers once the network is back', async (t) => {
  const { page, failed, warnings, cut } = await openWithout(t, 'source-list/parts');
  const list = page.locator('source-list[label="Sources"]');
  await list.getByRole('alert').waitFor({ timeout: 10_000 });
  assert.equal((await list.getByRole('alert').textContent()).trim(), 'The sources could not be loaded.');
  assert.ok(await list.getByRole('button', { name: 'Retry' }).isVisible(), 'Retry is offered');
  assert.equal(await list.locator('[part~="list-loading"]').count(), 0, 'no loading state left');
  assert.equal(await list.locator('[part~="item"]').count(), 0);
  assert.ok(failed.length >= 1, 'the module was asked for');
  assert.ok(warnings.some((text) => text.includes('could not load the validation')), `warned: ${warnings.join(' | ')}`);
  // Retry while the module is still cut off: the error state again, never a loading state left behind.
  let asked = page.waitForRequest(cut);
  await list.getByRole('button', { name: 'Retry' }).click();
  await asked;
  await list.getByRole('alert').waitFor({ timeout: 10_000 });
  assert.equal(await list.locator('[part~="list-loading"]').count(), 0, 'no loading state left after Retry');
  // The network is back: Retry shows the loading state while the module loads, then the sources.
  await page.context().unroute(cut);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.context().route(cut, async (route) => {
    await held;
    await route.continue();
  });
  await list.getByRole('button', { name: 'Retry' }).click();
  await list.locator('[part~="list-loading"]').waitFor();
  assert.equal(await list.getByRole('alert').count(), 0, 'no stale error while the module loads');
  release();
  await list.locator('[part~="item"]').first().waitFor({ timeout: 10_000 });
  assert.equal(await list.getByRole('alert').count(), 0, 'the error state is gone');
});

test('a long catalog renders every source plainly when the virtualizer cannot load', async (t) => {
  const { page, warnings } = await openWithout(t, 'source-list/virtual-list');
  const count = 250;
  await addList(page, { sources: Array.from({ length: count }, (_, i) => ({ id: `source-${i}`, name: `Source ${i}` })) });
  const list = page.locator('#under-test');
  await page.waitForFunction((count) => document.querySelector('#under-test').shadowRoot.querySelectorAll('[part~="item"]').length === count, count, { timeout: 10_000 });
  assert.equal(await list.locator('[part="list"].virtual').count(), 0, 'not virtualized');
  assert.equal(await list.locator('[part="list"][aria-busy]').count(), 0, 'no longer a busy preview');
  assert.ok(warnings.some((text) => text.includes('could not load its virtualizer')), `warned: ${warnings.join(' | ')}`);
});

test('a disconnect whose code cannot load ends in connect-error network_error, and the item stays usable', async (t) => {
  const { page } = await openWithout(t, 'source-list/disconnect');
  await addList(page, { sources: [{ id: 'spotify', name: 'Spotify' }], connections: [{ source: 'spotify', connectionId: 'conn_spotify' }] }, { 'disconnect-url': '/api/disconnect' });
  const list = page.locator('#under-test');
  const error = page.evaluate(
    () =>
      new Promise((resolve) => {
        document.querySelector('#under-test').addEventListener('connect-error', (event) => resolve(event.detail), { once: true });
        setTimeout(() => resolve(null), 10_000);
      }),
  );
  await list.getByRole('button', { name: 'Disconnect Spotify' }).click();
  const detail = await error;
  assert.ok(detail, 'connect-error within 10 s');
  assert.deepEqual({ source: detail.source, code: detail.code, retryable: detail.retryable }, { source: 'spotify', code: 'network_error', retryable: true });
  assert.equal(await list.locator('[part="item-error"]').textContent(), 'Spotify could not be disconnected. Try again.');
  assert.equal(await list.getByRole('button', { name: 'Disconnect Spotify' }).getAttribute('aria-disabled'), 'false', 'not stuck disconnecting');
  assert.equal(await list.getByRole('button', { name: 'Reconnect Spotify' }).count(), 1, 'still connected');
});
