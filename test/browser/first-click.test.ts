import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConnectButtonElement } from '../../src/connect-button/connect-button.js';
import { realClick } from './helpers.js';

/** Whether the flow's lazily loaded part (src/core/run.ts: session, channels, modal) has been fetched. */
const runnerFetched = () => performance.getEntriesByType('resource').some((entry) => /\/src\/core\/run\.(?:ts|js)(?:\?|$)/.test(entry.name));

// Its own file, so its page has loaded nothing of a flow yet: this is a visitor's first click.
describe('the first click on a page with nothing preloaded', () => {
  it('opens the popup inside the click, before the rest of the flow has loaded, with the popup blocker on', async () => {
    expect(runnerFetched(), 'the elements do not load the flow runner up front').to.be.false;
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/test-api/session/delay/200" source="github">Connect</connect-button>`);
    const original = window.open;
    const opened: { win: Window | null; runnerFetched: boolean }[] = [];
    window.open = function (...args: Parameters<typeof window.open>) {
      const win = original.apply(window, args);
      opened.push({ win, runnerFetched: runnerFetched() });
      return win;
    };
    try {
      const status = new Promise((resolve) => el.addEventListener('connect-open', resolve, { once: true }));
      await realClick(el.shadowRoot!.querySelector('button')!);
      await status;
      expect(opened.length, 'one window.open in the click').to.equal(1);
      expect(opened[0]!.win !== null, 'the popup blocker let it through: it opened inside the gesture').to.be.true;
      expect(opened[0]!.runnerFetched, 'it opened before the runner was fetched').to.be.false;
      await waitUntil(runnerFetched, 'the runner loads after the click', { timeout: 5000 });
      await waitUntil(() => el.status === 'open', 'the flow goes on with the runner', { timeout: 5000 });
    } finally {
      window.open = original;
      const exited = new Promise((resolve) => el.addEventListener('connect-exit', resolve, { once: true }));
      el.cancel();
      await exited;
    }
  });
});
