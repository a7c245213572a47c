// The page with no script of its own (demo/form.html): only the single-file bundle's
// script tag, forms, and a backend route that shows what it received. In real Chromium
// with the popup blocker on, through the sandbox: the connection id is posted as a form
// field, submit-on-success posts once, and the browser's back/forward restores what a
// reloaded page's form held (formStateRestoreCallback), not a kept page (bfcache).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();

async function openFormPage(t) {
  const context = await running.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${running.demo.appUrl}/form.html`);
  await page.waitForFunction(() => customElements.get('connect-button') !== undefined);
  return { context, page, errors };
}

/** Clicks `button`, allows in the sandbox's popup, and waits until the popup has closed. */
async function connectThroughPopup(context, button) {
  const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
  await popup.waitForURL((url) => url.origin === running.demo.sandboxOrigin);
  const closed = popup.waitForEvent('close', { timeout: 20_000 });
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await closed;
}

const receivedFields = (page) =>
  page.locator('#received tr').evaluateAll((rows) => rows.map((row) => [row.querySelector('th').textContent, row.querySelector('td').textContent]));
const postsOf = async (page) => (await page.request.get(`${running.demo.appUrl}/api/form/posts`)).json();

test('the page has no script but the bundle: nothing of a dev server, no inline script', async (t) => {
  const { page } = await openFormPage(t);
  const scripts = await page.locator('script').evaluateAll((all) => all.map((s) => s.getAttribute('src') ?? 'inline'));
  assert.deepEqual(scripts, ['/connect-elements.min.js']);
});

test('a required button keeps the form from posting until GitHub is connected; then the server receives the id as github', async (t) => {
  const { context, page, errors } = await openFormPage(t);
  const form = page.locator('#profile');
  const element = form.locator('connect-button');
  await form.getByRole('button', { name: 'Save profile' }).click();
  // The browser's own validation: nothing posted, the message named the source, focus on the button.
  assert.equal(await element.evaluate((el) => el.validationMessage), 'Connect \u2068GitHub\u2069 to continue.');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'github');
  assert.deepEqual(await postsOf(page), []);

  await connectThroughPopup(context, element.getByRole('button', { name: 'Connect GitHub' }));
  await page.waitForFunction(() => document.querySelector('#github').matches(':state(connected)'));
  const id = await element.evaluate((el) => el.value);
  assert.match(id, /^[\w-]+$/);

  await Promise.all([page.waitForURL('**/form/received'), form.getByRole('button', { name: 'Save profile' }).click()]);
  assert.deepEqual(await receivedFields(page), [
    ['displayName', 'Ada'],
    ['github', id],
  ]);
  assert.deepEqual(errors, []);
});

test('back to the form: the reloaded page gets its connection back from the browser, and posts it again', async (t) => {
  const { context, page } = await openFormPage(t);
  const form = page.locator('#profile');
  const element = form.locator('connect-button');
  await connectThroughPopup(context, element.getByRole('button', { name: 'Connect GitHub' }));
  await page.waitForFunction(() => document.querySelector('#github').value !== '');
  const id = await element.evaluate((el) => el.value);
  // A mark on this document: a page kept whole by the back/forward cache would still have it.
  await page.evaluate(() => (window.keptDocument = true));
  await Promise.all([page.waitForURL('**/form/received'), form.getByRole('button', { name: 'Save profile' }).click()]);

  await page.goBack();
  await page.waitForFunction(() => customElements.get('connect-button') !== undefined);
  assert.equal(await page.evaluate(() => window.keptDocument), undefined, 'a new document, not one the back/forward cache kept');
  await page.waitForFunction(() => document.querySelector('#github').value !== '');
  assert.equal(await element.evaluate((el) => el.value), id);
  assert.equal(await element.evaluate((el) => new FormData(el.form).get('github')), id);

  await Promise.all([page.waitForURL('**/form/received'), form.getByRole('button', { name: 'Save profile' }).click()]);
  assert.deepEqual(await receivedFields(page), [
    ['displayName', 'Ada'],
    ['github', id],
  ]);
});

test('submit-on-success posts the onboarding form once, by itself, with the new connection', async (t) => {
  const { context, page } = await openFormPage(t);
  const element = page.locator('#onboarding connect-button');
  const navigated = page.waitForURL('**/form/received', { timeout: 30_000 });
  await connectThroughPopup(context, element.getByRole('button', { name: 'Connect GitHub and continue' }));
  await navigated;
  const fields = await receivedFields(page);
  assert.equal(fields[0][0], 'step');
  assert.equal(fields[1][0], 'github');
  assert.match(fields[1][1], /^[\w-]+$/);
  // Once: the server saw one post, even after the popup's other channels had their say.
  await page.waitForTimeout(1000);
  assert.equal((await postsOf(page)).length, 1);
});
