// The demo end to end, in real Chromium with its popup blocker on:
// a real click on <connect-button>, the sandbox's hosted page in a popup on its
// own origin, and the result back in the demo page. `node --test test/e2e/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();

/** A fresh browser context on the demo page, with the elements defined. */
async function openDemo(t) {
  const context = await running.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(running.demo.appUrl);
  await page.waitForFunction(() => customElements.get('connect-button') !== undefined);
  return { context, page };
}

/** Clicks "Connect GitHub" and returns the popup once the hosted consent screen shows. */
async function openGitHubPopup(context, page) {
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.locator('connect-button').getByRole('button', { name: 'Connect GitHub' }).click(),
  ]);
  // It opens on about:blank inside the click, then goes to the hosted page once the session arrives.
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).waitFor();
  assert.equal(new URL(popup.url()).origin, running.demo.sandboxOrigin);
  assert.equal(new URL(popup.url()).hash, '', 'the session token is removed from the address bar');
  return popup;
}

const loggedEvents = (page) =>
  page.locator('#event-log li').evaluateAll((items) =>
    items.map((item) => ({ name: item.querySelector('strong').textContent, detail: JSON.parse(item.querySelector('code').textContent) })),
  );

async function waitUntilClosed(popup) {
  if (!popup.isClosed()) await popup.waitForEvent('close');
}

test('Allow connects GitHub and lists the new connection', { timeout: 60_000 }, async (t) => {
  const { context, page } = await openDemo(t);
  const popup = await openGitHubPopup(context, page);

  const scopes = await popup.getByRole('list', { name: 'Requested access' }).innerText();
  assert.match(scopes, /\brepo\b/);
  assert.match(scopes, /\bread:user\b/);
  await popup.getByRole('heading', { name: /wants to connect to GitHub/ }).waitFor();

  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.locator('#event-log li', { hasText: 'connect-success' }).waitFor();
  await waitUntilClosed(popup);

  const events = await loggedEvents(page);
  const names = events.map((event) => event.name);
  assert.equal(names[0], 'connect-open');
  assert.ok(names.includes('connect-ready'), names.join(', '));
  assert.equal(names.at(-1), 'connect-success');
  assert.equal(names.filter((name) => /^connect-(success|exit|error)$/.test(name)).length, 1, 'exactly one outcome');

  const { detail } = events.at(-1);
  assert.equal(detail.source, 'github');
  assert.equal(detail.operation, 'create');
  assert.match(detail.connectionId, /^conn_/);

  const connection = page.locator('#connections li', { hasText: detail.connectionId });
  await connection.waitFor();
  assert.match(await connection.innerText(), /github/);
  assert.match(await connection.innerText(), /repo, read:user/);
});

test('Deny reports connect-error with user_denied', { timeout: 60_000 }, async (t) => {
  const { context, page } = await openDemo(t);
  const popup = await openGitHubPopup(context, page);

  await popup.getByRole('button', { name: 'Deny', exact: true }).click();
  await page.locator('#event-log li', { hasText: 'connect-error' }).waitFor();
  await waitUntilClosed(popup);

  const events = await loggedEvents(page);
  const outcomes = events.filter((event) => /^connect-(success|exit|error)$/.test(event.name));
  assert.equal(outcomes.length, 1, 'exactly one outcome');
  assert.equal(outcomes[0].name, 'connect-error');
  assert.equal(outcomes[0].detail.code, 'user_denied');
  assert.equal(outcomes[0].detail.source, 'github');
  assert.equal(await page.locator('#connections li').count(), 0);
});
