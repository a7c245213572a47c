import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { SessionRequest } from '../core/index.js';
import { getServers, popup, realClick, useWindowOpenSpy } from '../../test/browser/helpers.js';
import { SourceListElement } from './source-list.js';

SourceListElement.define();

describe('<source-list> with a popup severed by Cross-Origin-Opener-Policy', () => {
  useWindowOpenSpy();

  it('shows the waiting note and Cancel on the item, and Cancel ends with connect-exit "closed"', async () => {
    const { coopHost } = await getServers();
    const el = await fixture<SourceListElement>(html`<source-list mode="popup" redirect-url=${new URL('/test/pages/return.html', location.href).href}></source-list>`);
    el.fetchSession = async (request: SessionRequest) =>
      (await fetch(`${coopHost}/mint`, { method: 'POST', body: JSON.stringify({ coop: true, outcome: 'stay', origin: request.origin, state: request.state, redirectUrl: request.redirectUrl }) })).json();
    el.sources = [{ id: 'github', name: 'GitHub' }, { id: 'spotify', name: 'Spotify' }];
    await el.updateComplete;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="connect"]'), 'no item rendered');
    await realClick(root.querySelector('[part~="connect"]')!);
    await waitUntil(() => root.querySelector('[part="item-waiting"]'), 'the item never showed its waiting note', { timeout: 5000 });
    expect(root.querySelectorAll('[part="item-waiting"]')).to.have.length(1);
    expect(root.querySelector('[role="status"]')!.textContent).to.contain('Cancel');
    const exit = oneEvent(el, 'connect-exit');
    await realClick(root.querySelector('[part~="cancel"]')!);
    expect((await exit).detail).to.deep.equal({ source: 'github', reason: 'closed' });
    await el.updateComplete;
    expect(root.querySelector('[part="item-waiting"]')).to.equal(null);
    await popup({ action: 'close' });
  });
});
