// One <source-list> for several systems and several accounts (issue 22), end to end
// through the demo's "All in one list" entry, in real Chromium with the popup blocker
// on: sandbox, Context Gateway and Thryve items side by side, each launched with its
// own protocol against its own simulator; Thryve's return, which comes back to the app
// in the popup, relayed to the tab and claimed by the Thryve item; and a source that
// holds several accounts (GitHub: reconnect and disconnect the second, add a third).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();
/** A stalled flow fails its test instead of holding the whole e2e run (alone, each takes a few seconds). */
const TIMEOUT = { timeout: 60_000 };

const appOrigin = () => new URL(running.demo.appUrl).origin;
const list = (page) => page.locator('source-list');
/** The list's item of the source called `name` (its name is the item's first text). */
const item = (page, name) => list(page).getByRole('listitem').filter({ has: page.locator('[part~="name"]', { hasText: new RegExp(`^${name}$`) }) }).first();
const ENDINGS = '#event-log li[data-event="connect-success"], #event-log li[data-event="connect-error"], #event-log li[data-event="connect-exit"]';
const logged = (page, selector) => page.locator(selector).evaluateAll((items) => items.map((li) => ({ name: li.dataset.event, detail: JSON.parse(li.querySelector('code').textContent) })));
const backendList = (page) => page.evaluate(async () => (await (await fetch('/api/connections?system=mixed')).json()).connections);

/** The demo on its mixed list, in popup mode, with every session request it sends recorded. */
async function openMixedList(t) {
  const { context, page } = await openDemo(running, t, { preset: 'mixed', mode: 'popup' });
  const sessions = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/connect-session')) sessions.push({ path: new URL(request.url()).pathname, body: request.postDataJSON() });
  });
  await list(page).scrollIntoViewIfNeeded();
  await item(page, 'GitHub').waitFor();
  return { context, page, sessions };
}

/**
 * Clicks `button`, checks the popup it opens reaches `origin` (the system's own page),
 * allows there, and resolves the flow's one ending and the popup's navigations.
 */
async function allowInPopup({ context, page }, button, origin) {
  const before = await page.locator(ENDINGS).count();
  const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
  const visited = [];
  popup.on('framenavigated', (frame) => frame === popup.mainFrame() && visited.push(frame.url()));
  await popup.waitForURL((url) => url.origin === origin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.locator(ENDINGS).nth(before).waitFor();
  const endings = (await logged(page, ENDINGS)).slice(before);
  assert.equal(endings.length, 1, `one ending: ${JSON.stringify(endings)}`);
  return { ending: endings[0], visited, popup };
}

test('one list, three systems: each item launches its own system, and each success names its source and connection', TIMEOUT, async (t) => {
  const demo = await openMixedList(t);
  const { page, sessions } = demo;
  const { sandboxOrigin, simulators } = running.demo;

  // The sandbox: the list's own preset (our protocol, a message from the popup).
  const sandbox = await allowInPopup(demo, item(page, 'Notion').getByRole('button', { name: 'Connect Notion' }), sandboxOrigin);
  assert.equal(sandbox.ending.name, 'connect-success');
  assert.equal(sandbox.ending.detail.source, 'notion');
  assert.match(sandbox.ending.detail.connectionId, /^conn_/);

  // Context Gateway: its item's preset; its return reaches the app in the popup and is relayed.
  const calendar = await allowInPopup(demo, item(page, 'Google Calendar').getByRole('button', { name: 'Connect Google Calendar' }), simulators.contextGateway.origin);
  assert.equal(calendar.ending.name, 'connect-success');
  assert.equal(calendar.ending.detail.source, 'google-calendar');
  assert.match(calendar.ending.detail.connectionId, /^conn_/);
  assert.notEqual(calendar.ending.detail.connectionId, sandbox.ending.detail.connectionId);

  // Thryve: a numeric data source; Thryve posts nothing, so only the relayed return can end it.
  const fitbit = await allowInPopup(demo, item(page, 'Fitbit').getByRole('button', { name: 'Connect Fitbit' }), simulators.thryve.origin);
  assert.deepEqual([fitbit.ending.name, fitbit.ending.detail.source, fitbit.ending.detail.connectionId], ['connect-success', '1', '1']);
  const returned = fitbit.visited.map((href) => new URL(href)).find((url) => url.origin === appOrigin());
  assert.ok(returned, `the popup came back to the app: ${fitbit.visited.join(' ')}`);
  assert.equal(returned.searchParams.get('connected'), 'true');
  assert.ok(returned.searchParams.get('connect_state'), 'with the state the flow put in its return address');
  if (!fitbit.popup.isClosed()) await fitbit.popup.waitForEvent('close');

  // Every flow minted its session at the one route, which chose the system by the source.
  assert.deepEqual(sessions.map(({ path, body }) => [path, body.source]), [
    ['/api/mixed/connect-session', 'notion'],
    ['/api/mixed/connect-session', 'google-calendar'],
    ['/api/mixed/connect-session', '1'],
  ]);

  // Each item shows its own connection, and only those three are connected.
  await item(page, 'Fitbit').getByRole('button', { name: /^Disconnect Fitbit/ }).waitFor();
  await item(page, 'Google Calendar').getByRole('button', { name: /^Disconnect Google Calendar/ }).waitFor();
  await item(page, 'Notion').getByRole('button', { name: /^Disconnect Notion/ }).waitFor();
  assert.deepEqual(
    (await list(page).locator('[part~="item-connected"] [part~="name"]').allTextContents()).sort(),
    ['Fitbit', 'Google Calendar', 'Notion'],
  );
  assert.equal(await item(page, 'Garmin Connect').getByRole('button', { name: /^Disconnect/ }).count(), 0, 'the other Thryve source did not claim the return');
  const listed = (await backendList(page)).map(({ system, source, connectionId }) => [system, source, connectionId]).sort();
  assert.deepEqual(listed, [
    ['context-gateway', 'google-calendar', calendar.ending.detail.connectionId],
    ['default', 'notion', sandbox.ending.detail.connectionId],
    ['thryve', '1', '1'],
  ].sort());
});

test('several accounts of one source: add a second, reconnect it, disconnect it (the first stays), add a third', TIMEOUT, async (t) => {
  const demo = await openMixedList(t);
  const { page, sessions } = demo;
  const { sandboxOrigin } = running.demo;
  const github = item(page, 'GitHub');
  const addAnother = github.getByRole('button', { name: /Add another account/ });
  const account = (verb, label) => github.getByRole('button', { name: new RegExp(`^${verb} GitHub\\W*${label}\\W*$`) });

  const first = await allowInPopup(demo, github.getByRole('button', { name: 'Connect GitHub' }), sandboxOrigin);
  assert.deepEqual([first.ending.name, first.ending.detail.source, first.ending.detail.operation], ['connect-success', 'github', 'create']);

  await addAnother.waitFor();
  const second = await allowInPopup(demo, addAnother, sandboxOrigin);
  assert.deepEqual([second.ending.name, second.ending.detail.source, second.ending.detail.operation], ['connect-success', 'github', 'create']);
  assert.notEqual(second.ending.detail.connectionId, first.ending.detail.connectionId, 'a new connection beside the first');
  assert.equal(sessions.at(-1).body.existingConnectionId, undefined, '"Add another account" names no connection');
  // The backend named each account; the list shows each with its own buttons.
  await account('Reconnect', 'Account 1').waitFor();
  await account('Reconnect', 'Account 2').waitFor();

  // Reconnect the second account: its id goes into the session and comes back in the event.
  const reconnected = await allowInPopup(demo, account('Reconnect', 'Account 2'), sandboxOrigin);
  assert.equal(sessions.at(-1).body.existingConnectionId, second.ending.detail.connectionId);
  assert.deepEqual(
    [reconnected.ending.name, reconnected.ending.detail.source, reconnected.ending.detail.connectionId, reconnected.ending.detail.operation],
    ['connect-success', 'github', second.ending.detail.connectionId, 'reauth'],
  );

  // Disconnect the second account: the event names it, and only it goes.
  await account('Disconnect', 'Account 2').click();
  await page.locator('#event-log li[data-event="connect-disconnect"]').waitFor();
  const [disconnect] = await logged(page, '#event-log li[data-event="connect-disconnect"]');
  assert.deepEqual(disconnect.detail, { source: 'github', connectionId: second.ending.detail.connectionId });
  await account('Reconnect', 'Account 2').waitFor({ state: 'detached' });
  await page.locator('#connection-list li').filter({ hasText: second.ending.detail.connectionId }).waitFor({ state: 'detached' });
  assert.deepEqual((await backendList(page)).map(({ connectionId }) => connectionId), [first.ending.detail.connectionId], 'the first account stays');
  await github.getByRole('button', { name: /^Disconnect GitHub/ }).first().waitFor();

  // "Add another account" once more: a third connection, beside the first.
  const third = await allowInPopup(demo, addAnother, sandboxOrigin);
  assert.deepEqual([third.ending.name, third.ending.detail.operation], ['connect-success', 'create']);
  assert.ok(![first, second].some(({ ending }) => ending.detail.connectionId === third.ending.detail.connectionId), 'a new id');
  await account('Reconnect', 'Account 3').waitFor();
  await account('Reconnect', 'Account 1').waitFor();
  assert.deepEqual(
    (await backendList(page)).map(({ connectionId }) => connectionId).sort(),
    [first.ending.detail.connectionId, third.ending.detail.connectionId].sort(),
  );
});

test('the mixed routes act only on the list’s own sources, each in its own system', TIMEOUT, async (t) => {
  const { page } = await openDemo(running, t, { preset: 'mixed', mode: 'popup' });
  const post = (path, body, headers = {}) =>
    page.evaluate(async ([url, json, extra]) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(json) });
      return [response.status, await response.json().catch(() => null)];
    }, [path, body, headers]);
  const session = (source) =>
    post('/api/mixed/connect-session', { source, scopes: [], mode: 'popup', origin: appOrigin(), state: 'f'.repeat(32), redirectUrl: `${appOrigin()}/` }, { 'x-connect-elements': '1' });

  // Fitbit is Thryve's here ("1"): the sandbox's own "fitbit" is not in this list, nor is anything made up.
  for (const source of ['fitbit', '__proto__', 'constructor']) {
    const [status, body] = await session(source);
    assert.deepEqual([status >= 400, body?.error], [true, 'source_error'], source);
  }
  for (const path of ['/api/connections/remember', '/api/disconnect']) {
    assert.equal((await post(path, { system: 'mixed', source: 'toString', connectionId: 'conn_x' }))[0], 400, `${path}: an unknown source`);
    assert.equal((await post(path, { system: 'mixed', connectionId: 'conn_x' }))[0], 400, `${path}: no source`);
  }
  // A sandbox-shaped id under a Thryve source is looked up in Thryve, where this user has nothing.
  assert.equal((await post('/api/disconnect', { system: 'mixed', source: '1', connectionId: 'conn_x' }))[0], 404);
  assert.deepEqual(await backendList(page), []);
});
