// Every seed system end to end against its simulator, in real Chromium with the
// popup blocker on, through the demo page: Open Data Labs in the modal, Context
// Gateway by full-page redirect, Alter in a popup on desktop and by redirect on
// a phone, Thryve per data source from <source-list>; and our own protocol's
// redirect return with a good, a missing and a forged state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IPHONE, openDemo as openHarnessDemo, useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();


const openDemo = (t, options) => openHarnessDemo(running, t, options);

const events = (page) =>
  page.locator('#event-log li').evaluateAll((items) =>
    items.map((item) => ({ name: item.querySelector('strong').textContent, detail: JSON.parse(item.querySelector('code').textContent) })),
  );

/** Waits for the flow's ending in the demo's event log and returns every ending logged. */
async function ending(page) {
  await page.locator('#event-log li[data-event="connect-success"], #event-log li[data-event="connect-error"], #event-log li[data-event="connect-exit"]').first().waitFor();
  await page.waitForTimeout(300);
  return (await events(page)).filter((e) => ['connect-success', 'connect-error', 'connect-exit'].includes(e.name));
}

const button = (page, name) => page.locator('connect-button').getByRole('button', { name, exact: true });

test('our protocol by redirect: the result comes back once, with the state this tab stored, and leaves the address bar', async (t) => {
  const { page } = await openDemo(t, { mode: 'redirect' });
  await button(page, 'Connect GitHub').click();
  await page.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const [end, ...more] = await ending(page);
  assert.equal(end.name, 'connect-success');
  assert.equal(end.detail.source, 'github');
  assert.equal(more.length, 0);
  const url = new URL(page.url());
  assert.equal(url.searchParams.has('connectionId'), false, 'the connection id is gone from the URL');
  assert.equal(url.searchParams.has('state'), false);
  // A reload reports nothing again.
  await page.reload();
  await page.waitForFunction(() => customElements.get('connect-button') !== undefined);
  await page.waitForTimeout(500);
  assert.deepEqual(await events(page), []);
});

for (const [name, query] of [
  ['a missing state', 'connectionId=conn_forged'],
  ['a forged state', 'state=0123456789abcdef0123456789abcdef&connectionId=conn_forged'],
]) {
  test(`our protocol by redirect: a return with ${name} fails closed as state_mismatch`, async (t) => {
    const { page } = await openDemo(t, { mode: 'redirect' });
    await button(page, 'Connect GitHub').click();
    await page.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
    // Someone sends the tab back with a result of their own.
    await page.goto(`${running.demo.appUrl}?${query}`);
    const endings = await ending(page);
    assert.deepEqual(endings.map((e) => [e.name, e.detail.code]), [['connect-error', 'state_mismatch']]);
    assert.equal(new URL(page.url()).searchParams.has('connectionId'), false);
  });
}

test('Open Data Labs: the modal frames the hosted flow and takes its success from the dashboard origin', async (t) => {
  const { page } = await openDemo(t, { preset: 'opendatalabs' });
  await button(page, 'Connect GitHub').click();
  const frame = page.frameLocator('connect-button iframe');
  await frame.getByRole('button', { name: 'Allow', exact: true }).click();
  const [end] = await ending(page);
  assert.equal(end.name, 'connect-success');
  assert.ok(end.detail.connectionId);
  const logged = (await events(page)).map((e) => e.name);
  assert.ok(logged.includes('connect-ready'));
  assert.equal(await page.locator('connect-button dialog').count(), 0, 'the dialog closed');
});

test('Open Data Labs: Deny is an exit (its guide documents no error message)', async (t) => {
  const { page } = await openDemo(t, { preset: 'opendatalabs' });
  await button(page, 'Connect GitHub').click();
  await page.frameLocator('connect-button iframe').getByRole('button', { name: 'Deny', exact: true }).click();
  const [end] = await ending(page);
  assert.deepEqual([end.name, end.detail.reason], ['connect-exit', 'user']);
});

test('Context Gateway: a full-page redirect returns the connection id with the state', async (t) => {
  const { page } = await openDemo(t, { preset: 'context-gateway' });
  await button(page, 'Connect GitHub').click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.contextGateway.origin);
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const [end] = await ending(page);
  assert.deepEqual([end.name, end.detail.operation], ['connect-success', 'create']);
});

test('Context Gateway: user_denied comes back with no message, and source_error with the guide’s', async (t) => {
  const { page } = await openDemo(t, { preset: 'context-gateway' });
  await button(page, 'Connect GitHub').click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.contextGateway.origin);
  await page.getByRole('button', { name: 'Deny', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const [end] = await ending(page);
  assert.deepEqual([end.name, end.detail.code, end.detail.message], ['connect-error', 'user_denied', '']);

  await page.locator('#event-log').evaluate((log) => log.replaceChildren());
  await button(page, 'Connect GitHub').click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.contextGateway.origin);
  await page.getByRole('combobox', { name: 'Sandbox outcome' }).selectOption('source_error');
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const [second] = await ending(page);
  assert.deepEqual([second.detail.code, second.detail.message], ['source_error', 'Temporarily unavailable. Please try again.']);
});

test('Alter on a desktop: a popup, creation then reauth with the same grant id', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'alter' });
  const ids = [];
  for (const operation of ['create', 'reauth']) {
    await page.locator('#event-log').evaluate((log) => log.replaceChildren());
    const [popup] = await Promise.all([context.waitForEvent('page'), button(page, 'Connect GitHub').click()]);
    await popup.waitForURL((url) => url.origin === running.demo.simulators.alter.origin);
    await popup.getByRole('button', { name: 'Allow', exact: true }).click();
    const [end] = await ending(page);
    assert.deepEqual([end.name, end.detail.operation], ['connect-success', operation]);
    ids.push(end.detail.connectionId);
  }
  assert.equal(ids[0], ids[1]);
});

test('Alter on a phone: auto mode redirects, and the return carries our state', async (t) => {
  const { page } = await openDemo(t, { preset: 'alter', device: IPHONE });
  assert.equal(await page.locator('#mode-note').innerText(), 'Flows launch as redirect (phone).');
  await button(page, 'Connect GitHub').click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.alter.origin);
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const [end] = await ending(page);
  assert.equal(end.name, 'connect-success');
  assert.equal(new URL(page.url()).search, '', 'every result parameter left the address bar');
});

test('Thryve: <source-list> connects a data source by redirect, then disconnects it in the background', async (t) => {
  const { page } = await openDemo(t, { preset: 'thryve' });
  const list = page.locator('source-list');
  await list.getByRole('button', { name: 'Connect Fitbit', exact: true }).click();
  await page.waitForURL((url) => url.origin === running.demo.simulators.thryve.origin);
  await page.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
  const [end] = await ending(page);
  assert.deepEqual([end.name, end.detail.source, end.detail.connectionId], ['connect-success', '1', '1']);
  await list.getByRole('button', { name: 'Disconnect Fitbit', exact: true }).click();
  await list.getByRole('button', { name: 'Connect Fitbit', exact: true }).waitFor();
});

/** How each redirect system's flow is started in the demo, and what a forged return of its kind looks like. */
const REDIRECT_SYSTEMS = [
  {
    preset: 'context-gateway',
    start: (page) => button(page, 'Connect GitHub').click(),
    origin: () => running.demo.simulators.contextGateway.origin,
    forged: (state) => `connectionId=conn_forged${state === undefined ? '' : `&state=${state}`}`,
  },
  {
    preset: 'alter',
    device: IPHONE,
    start: (page) => button(page, 'Connect GitHub').click(),
    origin: () => running.demo.simulators.alter.origin,
    forged: (state) =>
      `alter_connect_success=true&grant_id=grant_forged&provider=github&account_identifier=a%40example.com&operation=creation${state === undefined ? '' : `&connect_state=${state}`}`,
  },
  {
    preset: 'thryve',
    start: (page) => page.locator('source-list').getByRole('button', { name: 'Connect Fitbit', exact: true }).click(),
    origin: () => running.demo.simulators.thryve.origin,
    forged: (state) => `connected=true${state === undefined ? '' : `&connect_state=${state}`}`,
  },
];

for (const system of REDIRECT_SYSTEMS) {
  for (const [name, state] of [
    ['a missing state', undefined],
    ['a forged state', 'ffffffffffffffffffffffffffffffff'],
  ]) {
    test(`${system.preset}: a redirect return with ${name} fails closed as state_mismatch, never a success`, async (t) => {
      const { page } = await openDemo(t, { preset: system.preset, device: system.device });
      await system.start(page);
      await page.waitForURL((url) => url.origin === system.origin());
      // Instead of the provider, someone else sends the tab back with a result.
      await page.goto(`${running.demo.appUrl}?${system.forged(state)}`);
      const endings = await ending(page);
      assert.deepEqual(endings.map((e) => [e.name, e.detail.code]), [['connect-error', 'state_mismatch']]);
      assert.equal(new URL(page.url()).search, '', 'the forged parameters left the address bar');
    });
  }
}
