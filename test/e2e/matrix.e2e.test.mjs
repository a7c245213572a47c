// Every preset × launch mode through the demo against its simulator, with the
// popup blocker on: the flow runs in a mode its system supports (the asked one,
// or the nearest), the user completes it on the provider's page, and the app
// page gets exactly one ending. No pair leaves the user on a provider page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, useDemoAndBrowser } from './harness.mjs';

const running = useDemoAndBrowser();

const endingsOf = (page) =>
  page.locator('#event-log li').evaluateAll((items) =>
    items.map((item) => item.dataset.event).filter((name) => ['connect-success', 'connect-error', 'connect-exit'].includes(name)),
  );

const SYSTEMS = [
  { preset: 'default', origin: () => running.demo.sandboxOrigin, element: 'connect-button', button: 'Connect GitHub' },
  { preset: 'opendatalabs', origin: () => running.demo.simulators.opendatalabs.origin, element: 'connect-button', button: 'Connect GitHub' },
  { preset: 'context-gateway', origin: () => running.demo.simulators.contextGateway.origin, element: 'connect-button', button: 'Connect GitHub' },
  { preset: 'alter', origin: () => running.demo.simulators.alter.origin, element: 'connect-button', button: 'Connect GitHub' },
  { preset: 'thryve', origin: () => running.demo.simulators.thryve.origin, element: 'source-list', button: 'Connect Fitbit' },
];

for (const system of SYSTEMS) {
  for (const mode of ['popup', 'tab', 'modal', 'redirect']) {
    test(`${system.preset} × ${mode}: one ending, and a way back to the app`, async (t) => {
      const { context, page } = await openDemo(running, t, { preset: system.preset, mode });
      const host = page.locator(system.element, { has: page.getByRole('button', { name: system.button, exact: true }) }).first();
      const resolved = await host.evaluate((el) => el.resolvedMode);
      assert.ok(resolved.reason === 'attribute' || resolved.reason === 'preset', JSON.stringify(resolved));
      const trigger = host.getByRole('button', { name: system.button, exact: true });

      if (resolved.mode === 'popup' || resolved.mode === 'tab') {
        const [popup] = await Promise.all([context.waitForEvent('page'), trigger.click()]);
        await popup.waitForURL((url) => url.protocol === 'http:' && url.origin !== new URL(running.demo.appUrl).origin);
        await popup.getByRole('button', { name: 'Allow', exact: true }).click();
      } else if (resolved.mode === 'modal') {
        await trigger.click();
        await page.frameLocator(`${system.element} iframe`).getByRole('button', { name: 'Allow', exact: true }).click();
      } else {
        await trigger.click();
        await page.waitForURL((url) => url.origin === system.origin());
        await page.getByRole('button', { name: 'Allow', exact: true }).click();
        await page.waitForURL((url) => url.origin === new URL(running.demo.appUrl).origin);
      }
      await page.locator('#event-log li[data-event="connect-success"], #event-log li[data-event="connect-error"], #event-log li[data-event="connect-exit"]').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(400);
      assert.deepEqual(await endingsOf(page), ['connect-success'], `${system.preset} × ${mode} ran as ${resolved.mode}`);
      assert.equal(new URL(page.url()).origin, new URL(running.demo.appUrl).origin, 'the app page is where the user is');
      t.diagnostic(`${system.preset} × ${mode} → ${resolved.mode} (${resolved.reason})`);
    });
  }
}
