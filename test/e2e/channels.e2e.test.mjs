// The result channels end to end through the demo, in real Chromium with the
// popup blocker on: a sandbox app whose hosted page severs its popup with
// Cross-Origin-Opener-Policy, one that returns only by redirect, the server
// result (result-url) when the return never reaches the app, and the redirect
// systems (Context Gateway, Thryve) run in a popup and a tab through the relay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo as openHarnessDemo, useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();

const openDemo = (t, options) => openHarnessDemo(running, t, options);

const endings = (page) =>
  page.locator('#event-log li').evaluateAll((items) =>
    items
      .map((item) => ({ name: item.querySelector('strong').textContent, detail: JSON.parse(item.querySelector('code').textContent) }))
      .filter((e) => ['connect-success', 'connect-error', 'connect-exit'].includes(e.name)),
  );

/** The flow's single ending: waits for one, then for a moment in which a second would show up. */
async function onlyEnding(page) {
  await page.locator('#event-log li[data-event="connect-success"], #event-log li[data-event="connect-error"], #event-log li[data-event="connect-exit"]').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const all = await endings(page);
  assert.equal(all.length, 1, `exactly one ending, got ${JSON.stringify(all)}`);
  return all[0];
}

const githubElement = (page) => page.locator('connect-button', { has: page.getByRole('button', { name: 'Connect GitHub', exact: true }) });
const connectButton = (page) => githubElement(page).getByRole('button', { name: 'Connect GitHub', exact: true });
const appOrigin = () => new URL(running.demo.appUrl).origin;

test('a popup severed by COOP: the button waits, the result comes back through the relay once, the popup closes', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'sandbox-coop', mode: 'popup' });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  assert.equal(await popup.evaluate(() => window.opener), null, 'the opener link is severed');
  await githubElement(page).and(page.locator('[waiting]')).waitFor({ timeout: 5000 });
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(page);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
  await closed;
  assert.equal(await githubElement(page).getAttribute('status'), 'success');
});

// Issue 20: answered within a second or so of the page loading, the server's result (asked the moment
// the severed popup reads closed) ended the flow before the popup came back, and nobody claimed its return.
for (const [answer, ending] of [['Allow', 'connect-success'], ['Deny', 'connect-error']]) {
  test(`a severed popup answered as soon as it shows (${answer}): one ending, and the popup closes`, async (t) => {
    const { context, page } = await openDemo(t, { preset: 'sandbox-coop', mode: 'popup' });
    const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
    const closed = popup.waitForEvent('close', { timeout: 20_000 });
    await popup.getByRole('button', { name: answer, exact: true }).click();
    const end = await onlyEnding(page);
    assert.deepEqual([end.name, end.detail.source], [ending, 'github']);
    await closed;
  });
}

test('a severed popup that comes back only after the server’s result ended the flow still closes, with no second ending', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'sandbox-coop', mode: 'popup' });
  // The popup's return to the app is held until the flow has ended from the server's result: the
  // order a fast answer gave by chance, made certain.
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await context.route((url) => url.origin === appOrigin() && url.searchParams.has('state'), async (route) => {
    await released;
    await route.continue();
  });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
  const closed = popup.waitForEvent('close', { timeout: 20_000 });
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(page);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
  release();
  await closed;
  assert.equal((await endings(page)).length, 1);
});

test('a sandbox app that returns only by redirect still ends a popup flow with its result', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'sandbox-redirect-only', mode: 'popup' });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('combobox', { name: 'Sandbox outcome' }).selectOption('source_error');
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(page);
  assert.deepEqual([end.name, end.detail.code], ['connect-error', 'source_error']);
});

// Issue 20: the hosted page returns its frame to the app (the demo page itself), whose elements relay the return.
for (const [what, open] of [
  ['a button in modal mode', (page) => connectButton(page).click()],
  ['"Connect GitHub in a dialog"', (page) => page.getByRole('button', { name: 'Connect GitHub in a dialog', exact: true }).click()],
]) {
  test(`a sandbox app that returns only by redirect, from ${what}: the dialog shows the page, Allow ends the flow once and closes it`, async (t) => {
    const { context, page } = await openDemo(t, { preset: 'sandbox-redirect-only', mode: 'modal' });
    // The backend's answer would end the flow too: cut, so that the frame's return is what ends it.
    await context.route((url) => url.pathname.endsWith('/connect-result'), (route) => route.abort());
    await open(page);
    const frame = page.frameLocator('iframe[part~="iframe"]');
    await frame.getByRole('button', { name: 'Allow', exact: true }).click({ timeout: 10_000 });
    const end = await onlyEnding(page);
    assert.deepEqual([end.name, end.detail.source], ['connect-success', 'github']);
    await page.locator('dialog').waitFor({ state: 'detached' });
    assert.equal(await page.locator('dialog').count(), 0, 'the dialog is gone');
    assert.equal(new URL(page.url()).search, '', 'the app page itself never left');
  });
}

test('result-url: when the severed popup’s return never reaches the app, the server result ends the flow', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'sandbox-coop', mode: 'popup' });
  // The popup's way back to the app is cut: only the backend can tell.
  await context.route((url) => url.origin === appOrigin() && url.searchParams.has('state'), (route) => route.abort());
  const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(page);
  assert.equal(end.name, 'connect-success');
  assert.match(end.detail.connectionId, /^conn_/);
});

for (const mode of ['popup', 'tab']) {
  test(`Context Gateway in a ${mode}: the app page stays, the relayed return succeeds once, the window closes`, async (t) => {
    const { context, page } = await openDemo(t, { preset: 'context-gateway', mode });
    const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
    await popup.waitForURL((url) => url.origin === running.demo.simulators.contextGateway.origin);
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'Allow', exact: true }).click();
    const end = await onlyEnding(page);
    assert.deepEqual([end.name, end.detail.operation], ['connect-success', 'create']);
    await closed;
    assert.equal(new URL(page.url()).origin, appOrigin());
  });

  test(`Thryve in a ${mode}: an error return (connected=false) is reported as connect-error with its vendor code`, async (t) => {
    const { context, page } = await openDemo(t, { preset: 'thryve', mode });
    const list = page.locator('source-list');
    const [popup] = await Promise.all([context.waitForEvent('page'), list.getByRole('button', { name: 'Connect Fitbit', exact: true }).click()]);
    await popup.waitForURL((url) => url.origin === running.demo.simulators.thryve.origin);
    await popup.getByRole('button', { name: 'Deny', exact: true }).click();
    const end = await onlyEnding(page);
    assert.deepEqual([end.name, end.detail.code, end.detail.vendorCode], ['connect-error', 'user_denied', 'connected=false']);
  });
}

test('Thryve in a popup: success, and a second relayed return of the same flow is ignored', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'thryve', mode: 'popup' });
  const list = page.locator('source-list');
  const [popup] = await Promise.all([context.waitForEvent('page'), list.getByRole('button', { name: 'Connect Fitbit', exact: true }).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.simulators.thryve.origin);
  let returnUrl;
  popup.on('framenavigated', (frame) => frame === popup.mainFrame() && new URL(frame.url()).origin === appOrigin() && (returnUrl ??= frame.url()));
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(page);
  assert.deepEqual([end.name, end.detail.source], ['connect-success', '1']);
  // The same return again, in another window of the app: nobody claims it, nothing more is reported.
  assert.ok(returnUrl && new URL(returnUrl).searchParams.has('connected'), `the popup went back to the app with the result: ${returnUrl}`);
  const again = await context.newPage();
  await again.goto(returnUrl);
  await again.waitForFunction(() => customElements.get('source-list') !== undefined);
  // The offer stands for the relay's claim window (2 s); the ended flow must not take it in that time.
  await again.waitForTimeout(3000);
  assert.equal((await endings(page)).length, 1);
});

test('Context Gateway in a popup: a forged relayed return (wrong state) is ignored, the real one succeeds', async (t) => {
  const { context, page } = await openDemo(t, { preset: 'context-gateway', mode: 'popup' });
  const [popup] = await Promise.all([context.waitForEvent('page'), connectButton(page).click()]);
  await popup.waitForURL((url) => url.origin === running.demo.simulators.contextGateway.origin);
  // Another window of the app origin receives a return of a flow this tab did not start.
  const forger = await context.newPage();
  await forger.goto(`${running.demo.appUrl}?state=ffffffffffffffffffffffffffffffff&connectionId=conn_forged`);
  // Offered to every tab, claimed by none (its state is no flow's), it ends as an ordinary return there.
  await forger.waitForURL((url) => !url.searchParams.has('connectionId'), { timeout: 10_000 });
  assert.deepEqual(await endings(page), [], 'the forged return settled nothing');
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  const end = await onlyEnding(page);
  assert.equal(end.name, 'connect-success');
  assert.notEqual(end.detail.connectionId, 'conn_forged');
});
