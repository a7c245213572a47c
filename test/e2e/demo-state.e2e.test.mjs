// The demo's state end to end, in real Chromium with the popup blocker on:
// "Connected accounts" and <source-list> show the same connections, the backend's
// (GET /api/connections), through a reload and after a disconnect from either; what a
// system cannot do is hidden; and a phone-sized page neither scrolls sideways nor
// puts the modal's close button out of reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IPHONE, openDemo as openHarnessDemo, useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();

const PHONE = IPHONE;
const openDemo = (t, { mode = 'popup', ...options } = {}) => openHarnessDemo(running, t, { mode, ...options });

const list = (page) => page.locator('source-list');
/** After a reload: the list renders only the rows in view (it is virtualized), so bring it there. */
async function reloadDemo(page) {
  await page.reload();
  await page.waitForFunction(() => customElements.get('source-list') !== undefined);
  await list(page).scrollIntoViewIfNeeded();
}
const accounts = (page) => page.locator('#connection-list li');
const backendList = (page, system) => page.evaluate(async (name) => (await (await fetch(`/api/connections?system=${name}`)).json()).connections, system);

async function connectGitHubInPopup(context, page) {
  const [popup] = await Promise.all([context.waitForEvent('page'), list(page).getByRole('button', { name: 'Connect GitHub', exact: true }).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.locator('#event-log li[data-event="connect-success"]').waitFor();
  const detail = JSON.parse(await page.locator('#event-log li[data-event="connect-success"] code').innerText());
  return detail.connectionId;
}

test('a connection made in the list shows in both places, survives a reload, and a disconnect in the list removes it from both', async (t) => {
  const { context, page } = await openDemo(t);
  const connectionId = await connectGitHubInPopup(context, page);

  await accounts(page).filter({ hasText: connectionId }).waitFor();
  await list(page).getByRole('button', { name: 'Disconnect GitHub', exact: true }).waitFor();

  await reloadDemo(page);
  assert.equal(await page.locator('#preset').inputValue(), 'default', 'the system is kept');
  await accounts(page).filter({ hasText: connectionId }).waitFor();
  await list(page).getByRole('button', { name: 'Disconnect GitHub', exact: true }).waitFor();
  assert.equal(await accounts(page).count(), 1);

  await list(page).getByRole('button', { name: 'Disconnect GitHub', exact: true }).click();
  await list(page).getByRole('button', { name: 'Connect GitHub', exact: true }).waitFor();
  await page.locator('#connections-empty').waitFor();
  assert.equal(await accounts(page).count(), 0);
  assert.deepEqual(await backendList(page, 'default'), [], 'the backend lists it no more');

  // The provider revoked it: asked directly, it does not know the id.
  const status = await page.evaluate(async (id) => (await fetch(`/api/connections/${id}`)).status, connectionId);
  assert.equal(status, 404);

  await reloadDemo(page);
  await list(page).getByRole('button', { name: 'Connect GitHub', exact: true }).waitFor();
  assert.equal(await accounts(page).count(), 0);
});

test('a disconnect in "Connected accounts" is reflected in the list', async (t) => {
  const { context, page } = await openDemo(t);
  const connectionId = await connectGitHubInPopup(context, page);
  await list(page).getByRole('button', { name: 'Disconnect GitHub', exact: true }).waitFor();
  await page.getByRole('button', { name: `Disconnect github ${connectionId}` }).click();
  await list(page).getByRole('button', { name: 'Connect GitHub', exact: true }).waitFor();
  assert.equal(await accounts(page).count(), 0);
});

test('each browser has its own connections, and a connection id the provider does not confirm is never remembered', async (t) => {
  const first = await openDemo(t);
  const connectionId = await connectGitHubInPopup(first.context, first.page);
  await accounts(first.page).filter({ hasText: connectionId }).waitFor();

  const second = await openDemo(t);
  assert.deepEqual(await backendList(second.page, 'default'), []);
  const remember = (body) =>
    second.page.evaluate(async (json) => {
      const response = await fetch('/api/connections/remember', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
      return response.status;
    }, body);
  assert.equal(await remember({ system: 'default', connectionId: 'conn_made_up' }), 404);
  assert.equal(await remember({ system: 'alter', connectionId: 'grant_made_up' }), 422);
  assert.equal(await remember({ system: 'nope', connectionId: 'conn_x' }), 400);
  // Another user's connection cannot be disconnected from here.
  const status = await second.page.evaluate(async (id) => {
    const response = await fetch('/api/disconnect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ system: 'default', source: 'github', connectionId: id }) });
    return response.status;
  }, connectionId);
  assert.equal(status, 404);
  assert.equal((await backendList(first.page, 'default')).length, 1);
});

test('simulator connections show too: Context Gateway by redirect, kept across the reload the return is', async (t) => {
  const { page } = await openDemo(t, { preset: 'context-gateway', mode: 'redirect' });
  await page.locator('connect-button').getByRole('button', { name: 'Connect GitHub', exact: true }).click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.contextGateway.origin);
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  await page.locator('#event-log li[data-event="connect-success"]').waitFor();
  const { connectionId } = JSON.parse(await page.locator('#event-log li[data-event="connect-success"] code').innerText());
  await accounts(page).filter({ hasText: connectionId }).waitFor();
  await list(page).getByRole('button', { name: 'Disconnect GitHub', exact: true }).waitFor();
  await reloadDemo(page);
  await accounts(page).filter({ hasText: connectionId }).waitFor();
  // Context Gateway documents no revoke: the page says that Disconnect only forgets.
  assert.match(await page.locator('#connections-note').innerText(), /forget/);
});

test('Thryve: a connected data source is listed from the simulator, in both places', async (t) => {
  const { page } = await openDemo(t, { preset: 'thryve', mode: 'redirect' });
  await list(page).getByRole('button', { name: 'Connect Fitbit', exact: true }).click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.thryve.origin);
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  await accounts(page).filter({ hasText: 'Fitbit' }).waitFor();
  await list(page).getByRole('button', { name: 'Disconnect Fitbit', exact: true }).click();
  await list(page).getByRole('button', { name: 'Connect Fitbit', exact: true }).waitFor();
  assert.equal(await accounts(page).count(), 0);
  assert.deepEqual(await backendList(page, 'thryve'), []);
});

test('what a system cannot do is hidden: modes it cannot run, the dialog where it cannot be framed', async (t) => {
  const { page } = await openDemo(t, { mode: 'auto' });
  const visibleModes = () => page.locator('#mode option').evaluateAll((options) => options.filter((o) => !o.hidden).map((o) => o.value));
  assert.deepEqual(await visibleModes(), ['auto', 'popup', 'modal', 'tab', 'redirect']);
  assert.equal(await page.getByRole('button', { name: 'Connect GitHub in a dialog' }).isVisible(), true);

  await page.locator('#preset').selectOption('alter');
  assert.deepEqual(await visibleModes(), ['auto', 'popup', 'tab', 'redirect']);
  assert.equal(await page.getByRole('button', { name: 'Connect GitHub in a dialog' }).isVisible(), false);
  assert.match(await page.locator('#connections-note').innerText(), /cannot confirm/);

  await page.locator('#preset').selectOption('opendatalabs');
  assert.deepEqual(await visibleModes(), ['auto', 'popup', 'modal', 'tab']);

  await page.locator('#mode').selectOption('modal');
  await page.locator('#preset').selectOption('thryve');
  assert.equal(await page.locator('#mode').inputValue(), 'auto', 'a mode the system cannot run is not kept');
  assert.equal(await page.locator('#buttons').isVisible(), false);

  // The mixed list is the whole point of its entry: the sandbox's buttons and dialog step aside.
  await page.locator('#preset').selectOption('mixed');
  assert.deepEqual(await visibleModes(), ['auto', 'popup', 'modal', 'tab', 'redirect']);
  assert.equal(await page.locator('#buttons').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Connect GitHub in a dialog' }).isVisible(), false);
  assert.equal(await page.locator('#mixed-note').isVisible(), true);
});

test('on a 390 × 844 phone: no sideways scroll, and the modal’s close button is inside the viewport', async (t) => {
  const { page } = await openDemo(t, { mode: 'auto', device: PHONE });
  const overflow = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  for (const system of ['default', 'sandbox-coop', 'opendatalabs', 'context-gateway', 'alter', 'thryve', 'mixed']) {
    await page.locator('#preset').selectOption(system);
    const { scroll, client } = await overflow();
    assert.ok(scroll <= client, `${system}: the page is ${scroll} px wide on a ${client} px screen`);
  }
  await page.locator('#preset').selectOption('default');
  await page.getByRole('button', { name: 'Connect GitHub in a dialog' }).click();
  const frame = page.frameLocator('connect-modal iframe');
  await frame.getByRole('button', { name: 'Allow', exact: true }).waitFor();
  const close = page.locator('connect-modal').getByRole('button', { name: /close/i });
  const box = await close.boundingBox();
  assert.ok(box, 'the close button is rendered');
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, `close button at ${JSON.stringify(box)}`);
  const dialog = await page.locator('connect-modal dialog').boundingBox();
  assert.ok(dialog.x >= 0 && dialog.x + dialog.width <= 390, `dialog at ${JSON.stringify(dialog)}`);
  const { scroll, client } = await overflow();
  assert.ok(scroll <= client, `with the modal open the page is ${scroll} px wide`);
  await close.click();
  await page.locator('#event-log li[data-event="connect-exit"]').waitFor();
});
