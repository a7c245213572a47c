// The README's "Testing your integration" example: the app's own end-to-end test, with
// the sandbox ending each flow by itself as the cookie asks the app's backend.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'], // Chromium run as root, as in CI
    ignoreDefaultArgs: ['--disable-popup-blocking'], // the popup blocker on, as users have it
  });
});
after(() => browser?.close());

async function connect(outcome) {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'sandbox-outcome', value: outcome, url: APP_URL }]);
  const page = await context.newPage();
  await page.goto(APP_URL);
  await page.getByRole('button', { name: 'Connect GitHub' }).click();
  const result = page.locator('#result');
  await result.filter({ hasText: /\S/ }).waitFor();
  const text = await result.textContent();
  await context.close();
  return text;
}

test('connects an account', async () => assert.match(await connect('success'), /^Connected: conn_/));
test('reports a user who denies access', async () => assert.equal(await connect('user_denied'), 'Error: user_denied'));
test('reports a user who closes the popup', async () => assert.equal(await connect('closed'), 'Left: closed'));
