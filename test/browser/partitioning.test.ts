import { expect } from '@open-wc/testing';
import { closePopups, nextMessage, realClick } from './helpers.js';

/**
 * The engine under test partitions third-party storage, as users' browsers do
 * (Chrome, Firefox's Total Cookie Protection, Safari): a frame of another site
 * does not see what that site stored top-level. The channel and flow tests of
 * this suite, which run in the same browser, so run partitioned too
 * (BroadcastChannel is partitioned the same way as localStorage).
 */
describe('the browser under test', () => {
  const secondSite = `http://127.0.0.1:${location.port}/test/pages/partition-probe.html`;
  const parent = `parent=${encodeURIComponent(location.origin)}`;
  const fromProbe = (key: 'set' | 'read') => (event: MessageEvent) =>
    event.origin === new URL(secondSite).origin && event.data?.probe === 'partition' && key in event.data;
  let opened: Window | null = null;
  afterEach(() => closePopups([opened]));

  it("partitions third-party storage: a second site's frame does not read what that site stored top-level", async () => {
    const value = `first-party-${Math.random().toString(36).slice(2)}`;
    const button = document.createElement('button');
    button.textContent = 'Open the second site';
    button.addEventListener('click', () => (opened = window.open(`${secondSite}?set=${value}&${parent}`, '_blank', 'popup')));
    document.body.append(button);
    const stored = nextMessage(fromProbe('set'));
    await realClick(button);
    button.remove();
    expect(opened !== null, 'the popup opened in the click').to.be.true;
    expect((await stored).data.set).to.equal(value);

    const read = nextMessage(fromProbe('read'));
    const frame = document.createElement('iframe');
    frame.src = `${secondSite}?${parent}`;
    document.body.append(frame);
    const seen: unknown = (await read).data.read;
    frame.remove();
    // Partitioned: the frame has storage of its own, empty. Its top-level value, or no storage at all, is another policy.
    expect(seen === null, `the framed second site read ${JSON.stringify(seen)}, not its own empty partition`).to.be.true;
  });
});
