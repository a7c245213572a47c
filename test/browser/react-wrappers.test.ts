// connect-elements/react at run time: the wrappers set objects, arrays and functions as
// properties (React 18 would set attributes) and call the on... props for the elements'
// events (React 18 cannot listen for custom events). Rendered with react-dom's createRoot.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { FetchSession, SessionRequest } from '../../src/core/index.js';
import type { ConnectSourceSelectEvent, ConnectSuccessEvent } from '../../src/events.js';
import type { CatalogSource } from '../../src/source-list/catalog.js';
import { ConnectButton, SourceList } from '../../src/react/index.js';
import { getServers, popup, realClick, useWindowOpenSpy } from './helpers.js';

const CATALOG: CatalogSource[] = [
  { id: 'github', name: 'GitHub', category: 'code', scopes: ['repo', 'read:user'] },
  { id: 'gitlab', name: 'GitLab', category: 'code' },
];

describe('connect-elements/react (React with createRoot)', () => {
  useWindowOpenSpy();
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('sets scopes and fetchSession as properties and calls onConnectSuccess with the connection id from a real flow', async () => {
    const { sandbox } = await getServers();
    const requests: SessionRequest[] = [];
    // The app's own way to mint a session: here, the demo backend's endpoint.
    const fetchSession: FetchSession = async (request, { signal }) => {
      requests.push(request);
      const response = await fetch('/api/connect-session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-connect-elements': '1' },
        body: JSON.stringify(request),
        signal,
      });
      return response.json();
    };
    const successes: ConnectSuccessEvent[] = [];
    const scopes = ['repo', 'read:user'];
    root.render(createElement(ConnectButton, { source: 'github', scopes, fetchSession, onConnectSuccess: (event) => successes.push(event) }, 'Connect GitHub'));
    await waitUntil(() => container.querySelector('connect-button')?.fetchSession === fetchSession, 'fetchSession set on the element');
    const el = container.querySelector('connect-button')!;
    expect(el.scopes).to.deep.equal(['repo', 'read:user']);
    // Properties, not attributes: React 18 alone would write fetchSession="async (request..." here.
    expect(el.hasAttribute('scopes')).to.be.false;
    expect(el.hasAttribute('fetchsession')).to.be.false;
    expect(el.source).to.equal('github');

    const ready = oneEvent(el, 'connect-ready');
    await realClick(el.shadowRoot!.querySelector('button')!);
    await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
    await ready;
    await popup({ action: 'click', text: 'Allow' });
    await waitUntil(() => successes.length > 0, 'onConnectSuccess called', { timeout: 12000 });

    expect(successes).to.have.length(1);
    expect(successes[0]!.target).to.equal(el, 'the element\'s own event');
    const { connectionId } = successes[0]!.detail;
    expect(connectionId).to.be.a('string').and.not.empty;
    expect(requests).to.have.length(1);
    expect(requests[0]!.scopes).to.deep.equal(['repo', 'read:user']);
    // The app's backend knows the connection the event named.
    const connection = await (await fetch(`/api/connections/${connectionId}`)).json();
    expect(connection).to.include({ id: connectionId, source: 'github' });
  });

  it('calls the handler of the latest render, once', async () => {
    const calls: string[] = [];
    const render = (name: string) =>
      root.render(
        createElement(ConnectButton, {
          source: 'github',
          fetchSession: async () => ({ connectUrl: 'https://connect.example.com/' }),
          // Cancelling the launch ends the flow at once; the handler sees the element's own event.
          onConnectOpen: (event) => {
            calls.push(name);
            event.preventDefault();
          },
        }),
      );
    render('first');
    await waitUntil(() => container.querySelector('connect-button')?.source === 'github', 'rendered');
    render('second');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const el = container.querySelector('connect-button')!;
    await el.updateComplete;
    await realClick(el.shadowRoot!.querySelector('button')!);
    expect(calls).to.deep.equal(['second']);
  });

  it('gives SourceList its sources as a property and calls onConnectSourceSelect for the chosen source', async () => {
    const selected: ConnectSourceSelectEvent[] = [];
    root.render(
      createElement(SourceList, {
        sessionUrl: '/api/connect-session',
        sources: CATALOG,
        // Cancelled: the test is about the event, not the flow it would start.
        onConnectSourceSelect: (event) => {
          selected.push(event);
          event.preventDefault();
        },
      }),
    );
    const item = (name: string) =>
      [...(container.querySelector('source-list')?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="item"]') ?? [])].find((node) => node.querySelector('[part="name"]')?.textContent === name);
    await waitUntil(() => item('GitLab')?.isConnected, 'the catalog rendered from the sources property', { timeout: 8000 });
    const el = container.querySelector('source-list')!;
    expect(el.sources).to.equal(CATALOG);
    expect(el.hasAttribute('sources')).to.be.false;
    await new Promise((resolve) => requestAnimationFrame(resolve));

    await realClick(item('GitLab')!.querySelector('[part~="connect"]')!);
    expect(selected).to.have.length(1);
    expect(selected[0]!.detail).to.deep.equal({ source: 'gitlab' });
    expect(selected[0]!.type).to.equal('connect-source-select');
  });
});
