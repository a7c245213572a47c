import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConnectError } from '../core/index.js';
import { ConnectButtonElement } from './connect-button.js';
import { getServers, nextOutcome, openPopupCount, popup, realClick, recordEvents, useWindowOpenSpy } from '../../test/browser/helpers.js';

ConnectButtonElement.define();

const innerButton = (el: ConnectButtonElement) => el.shadowRoot!.querySelector('button')!;

async function requests(): Promise<{ counts: Record<string, number>; lastBody: Record<string, unknown>; headers: Record<string, string | null> }> {
  return (await fetch('/test-api/requests')).json();
}

describe('<connect-button> session request', () => {
  const spy = useWindowOpenSpy();

  it('POSTs the session request as JSON with the CORS-forcing header and a fresh 128-bit state per flow', async () => {
    const body = encodeURIComponent(JSON.stringify({ connectUrl: 'https://connect.example.com/' }));
    const el = await fixture<ConnectButtonElement>(
      html`<connect-button session-url="/test-api/session/json?body=${body}" source="github" scopes="repo,read:user" connection-id="conn_1" connection-name="Work" redirect-url="https://app.example/return">Connect</connect-button>`,
    );
    const states: string[] = [];
    for (let i = 0; i < 2; i++) {
      const outcome = nextOutcome(el);
      await realClick(innerButton(el));
      await waitUntil(() => el.status === 'open', 'the session answered');
      el.cancel();
      await outcome;
      const { lastBody, headers } = await requests();
      expect(headers['x-connect-elements']).to.equal('1');
      expect(headers['content-type']).to.equal('application/json');
      expect(lastBody).to.deep.include({
        source: 'github',
        scopes: ['repo', 'read:user'],
        mode: 'popup',
        origin: location.origin,
        redirectUrl: 'https://app.example/return',
        existingConnectionId: 'conn_1',
        connectionName: 'Work',
      });
      states.push(lastBody.state as string);
    }
    for (const state of states) expect(state).to.match(/^[0-9a-f]{32}$/);
    expect(states[0]).not.to.equal(states[1]);
  });

  const failures: [string, string, string, boolean][] = [
    ['a network error', 'http://127.0.0.1:9/session', 'network_error', true],
    ['403 origin_not_allowed', '/test-api/session/status/403?error=origin_not_allowed', 'origin_not_allowed', false],
    ['401 invalid_token', '/test-api/session/status/401?error=invalid_token', 'invalid_token', true],
    ['500', '/test-api/session/status/500', 'session_failed', true],
    ['400 with an unknown error name', '/test-api/session/status/400?error=teapot', 'session_failed', false],
    ['an HTML answer', '/test-api/session/html', 'session_invalid_response', false],
    ['JSON without a URL', '/test-api/session/json?body=%7B%7D', 'session_invalid_response', false],
    ['a javascript: URL', `/test-api/session/json?body=${encodeURIComponent('{"connectUrl":"javascript:alert(1)"}')}`, 'session_invalid_response', false],
    ['a data: URL', `/test-api/session/json?body=${encodeURIComponent('{"connectUrl":"data:text/html,hi"}')}`, 'session_invalid_response', false],
    ['plain http: on a public host', `/test-api/session/json?body=${encodeURIComponent('{"connectUrl":"http://connect.example.com/"}')}`, 'session_invalid_response', false],
    ['a relative URL', `/test-api/session/json?body=${encodeURIComponent('{"connectUrl":"/connect"}')}`, 'session_invalid_response', false],
    ['a bad messageOrigin', `/test-api/session/json?body=${encodeURIComponent('{"connectUrl":"https://connect.example.com/","messageOrigin":"*"}')}`, 'session_invalid_response', false],
    ['an already expired session', `/test-api/session/json?body=${encodeURIComponent('{"connectUrl":"https://connect.example.com/","expiresAt":"2001-01-01T00:00:00Z"}')}`, 'session_invalid_response', false],
  ];
  for (const [name, url, code, retryable] of failures) {
    it(`reports ${code} for ${name}, closes the pre-opened popup and is usable again`, async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button session-url=${url} source="github">Connect</connect-button>`);
      const log = recordEvents(el);
      const outcome = nextOutcome(el);
      await realClick(innerButton(el));
      const event = await outcome;
      expect(event.type).to.equal('connect-error');
      expect(event.detail).to.include({ source: 'github', code, retryable });
      expect(event.detail.message).to.be.a('string').and.not.empty;
      expect(log.names()).to.deep.equal(['connect-open', 'connect-error']);
      expect(spy.calls.length).to.equal(1);
      expect(spy.calls[0]!.closed, 'the about:blank popup is closed').to.be.true;
      await el.updateComplete;
      expect(el.getAttribute('status')).to.equal('error');
      expect(innerButton(el).disabled).to.be.false;
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal(event.detail.message);
      // Usable again: the next click starts a new flow.
      const again = nextOutcome(el);
      await realClick(innerButton(el));
      expect((await again).type).to.equal('connect-error');
      expect(spy.calls.length).to.equal(2);
    });
  }

  it('reports session_timeout when the endpoint does not answer in session-timeout seconds', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/test-api/session/hang" session-timeout="0.5" source="github">Connect</connect-button>`);
    const outcome = nextOutcome(el);
    await realClick(innerButton(el));
    const event = await outcome;
    expect(event.detail).to.include({ code: 'session_timeout', retryable: true });
    expect(spy.calls[0]!.closed).to.be.true;
  });

  it('reports session_timeout even when a fetchSession ignores the abort signal', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-timeout="0.3" source="github">Connect</connect-button>`);
    el.fetchSession = () => new Promise((resolve) => setTimeout(() => resolve({ connectUrl: 'https://connect.example.com/' }), 800));
    const outcome = nextOutcome(el);
    await realClick(innerButton(el));
    expect((await outcome).detail.code).to.equal('session_timeout');
  });

  it('passes a ConnectError thrown by fetchSession through with its code', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github">Connect</connect-button>`);
    el.fetchSession = async () => {
      throw new ConnectError('origin_not_allowed');
    };
    const outcome = nextOutcome(el);
    await realClick(innerButton(el));
    expect((await outcome).detail).to.include({ code: 'origin_not_allowed', retryable: false });
  });

  it('reports session_failed when neither session-url nor fetchSession is set', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github">Connect</connect-button>`);
    const outcome = nextOutcome(el);
    await realClick(innerButton(el));
    expect((await outcome).detail).to.include({ code: 'session_failed', retryable: false });
  });

  it('reports timeout when the whole flow outlasts the timeout attribute', async () => {
    const { sandbox } = await getServers();
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/api/connect-session" source="github" timeout="2">Connect</connect-button>`);
    const outcome = nextOutcome(el);
    await realClick(innerButton(el));
    await popup({ action: 'wait-url', startsWith: sandbox });
    const event = await outcome;
    expect(event.detail).to.include({ code: 'timeout', retryable: true });
    await waitUntil(() => spy.calls[0]!.closed, 'the popup closed on the timeout');
  });
});

describe('<connect-button> lifecycle', () => {
  const spy = useWindowOpenSpy();

  it('makes one session request and one popup for a double click', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/test-api/session/delay/500" source="github">Connect</connect-button>`);
    const before = (await requests()).counts['/test-api/session/delay/500'] ?? 0;
    const log = recordEvents(el);
    await realClick(innerButton(el));
    await realClick(innerButton(el));
    // A second flow would have opened its popup and sent its request in the second click, 500 ms before the first answer.
    await waitUntil(() => el.status === 'open', 'the session answered');
    // The hosted page says ready once it has loaded; WebKit loads it before the status is even polled.
    await waitUntil(() => log.names().includes('connect-ready'), 'the hosted page said ready');
    // A second flow's ready would follow its own popup's load: give it the time the first one took.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spy.calls.length).to.equal(1);
    expect(log.names()).to.deep.equal(['connect-open', 'connect-ready']);
    expect((await requests()).counts['/test-api/session/delay/500']).to.equal(before + 1);
    el.cancel();
  });

  it('closes its popup and fires nothing after it is removed mid-flow', async () => {
    const { sandbox } = await getServers();
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/api/connect-session" source="github" timeout="3">Connect</connect-button>`);
    await realClick(innerButton(el));
    await popup({ action: 'wait-url', startsWith: sandbox });
    const log = recordEvents(el);
    const documentLog = recordEvents(document);
    el.remove();
    await waitUntil(() => spy.calls[0]!.closed, 'the popup closed on removal');
    // A flow that outlived its element would end by its own 3 s timeout at the latest. A flow
    // started now with the same timeout ends after that one would have: wait for its ending.
    const later = await fixture<ConnectButtonElement>(html`<connect-button mode="modal" source="github" timeout="3">Later</connect-button>`);
    later.fetchSession = () => new Promise(() => {});
    const laterOutcome = nextOutcome(later);
    later.start().catch(() => {});
    expect((await laterOutcome).detail.code).to.equal('timeout');
    expect(log.events).to.have.length(0);
    expect(documentLog.names(), 'only the later flow\'s events').to.deep.equal(['connect-open', 'connect-error']);
    documentLog.stop();
  });

  it('keeps its flow when moved within the document', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/test-api/session/delay/300" source="github">Connect</connect-button>`);
    await realClick(innerButton(el));
    document.body.append(el);
    // The session answers after the move: the flow that goes on to open is the one the click started.
    await waitUntil(() => el.status === 'open', 'the session answered');
    expect(spy.calls).to.have.length(1);
    expect(spy.calls[0]!.closed).to.be.false;
    el.cancel();
    el.remove();
  });

  it('gives each of two buttons with flows at once only its own result', async () => {
    const { sandbox } = await getServers();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <connect-button id="a" session-url="/api/connect-session" source="github">GitHub</connect-button>
      <connect-button id="b" session-url="/api/connect-session" source="spotify" scopes="user-read-email">Spotify</connect-button>
    </div>`);
    const a = wrap.querySelector<ConnectButtonElement>('#a')!;
    const b = wrap.querySelector<ConnectButtonElement>('#b')!;
    const logA = recordEvents(a);
    const logB = recordEvents(b);
    const readyA = oneEvent(a, 'connect-ready');
    await realClick(innerButton(a));
    await popup({ action: 'wait-url', startsWith: sandbox });
    // As a user would, b starts once a's page has loaded. (Starting b while a's
    // page still loads loses a's informational ready about 1 run in 4 in headless
    // Chromium; the cause is not known.)
    await readyA;
    await realClick(innerButton(b));
    // b's popup opens in the click itself.
    expect(spy.calls.length).to.equal(2);
    // The newest popup is b's: allow it, then deny a's.
    await popup({ action: 'wait-url', startsWith: sandbox });
    // Counted, not assumed: a window an earlier test could not close must not make this one wait forever.
    const open = await openPopupCount();
    const outcomeB = nextOutcome(b);
    await popup({ action: 'click', text: 'Allow' });
    expect((await outcomeB).detail).to.include({ source: 'spotify' });
    expect(a.status).to.equal('open');
    // Wait until b's popup has left, so the newest popup is a's.
    await waitUntil(async () => (await openPopupCount()) === open - 1, "b's popup closed", { timeout: 10_000 });
    const outcomeA = nextOutcome(a);
    await popup({ action: 'click', text: 'Deny' });
    expect((await outcomeA).detail).to.include({ source: 'github', code: 'user_denied' });
    expect(logA.names().filter((n) => n !== 'connect-event')).to.deep.equal(['connect-open', 'connect-ready', 'connect-error']);
    expect(logB.names().filter((n) => n !== 'connect-event')).to.deep.equal(['connect-open', 'connect-ready', 'connect-success']);
  });

  it('start() resolves with the success detail', async () => {
    const { sandbox } = await getServers();
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/api/connect-session" source="github">Connect</connect-button>`);
    let promise: Promise<unknown> | undefined;
    // start() is called from a real click so the popup may open.
    el.addEventListener('click', () => (promise ??= el.start()), { once: true });
    el.shadowRoot!.querySelector('button')!.style.pointerEvents = 'none';
    await realClick(el);
    await popup({ action: 'wait-url', startsWith: sandbox });
    await popup({ action: 'click', text: 'Allow' });
    const result = (await promise) as Record<string, unknown>;
    expect(result).to.include({ source: 'github', operation: 'create' });
  });

  it('start() rejects with code exit when the user cancels', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/test-api/session/delay/200" source="github">Connect</connect-button>`);
    let promise: Promise<unknown> | undefined;
    el.addEventListener('click', () => (promise ??= el.start()), { once: true });
    el.shadowRoot!.querySelector('button')!.style.pointerEvents = 'none';
    await realClick(el);
    el.cancel();
    let error: unknown;
    try {
      await promise;
    } catch (e) {
      error = e;
    }
    expect((error as ConnectError).code).to.equal('exit');
    expect(spy.calls[0]!.closed).to.be.true;
  });

  it('uses a prefetched session so the click needs no round trip', async () => {
    // Counted before the element exists: the pointer may rest where it renders, and its hover prefetches too.
    const before = (await requests()).counts['/test-api/session/delay/400'] ?? 0;
    const el = await fixture<ConnectButtonElement>(html`<connect-button prefetch session-url="/test-api/session/delay/400" source="github">Connect</connect-button>`);
    el.focus();
    // The prefetch loads the flow's runner first (one module in a build, several in this dev server).
    await waitUntil(async () => (await requests()).counts['/test-api/session/delay/400'] === before + 1, 'the prefetch request arrived', { timeout: 10000 });
    await realClick(innerButton(el));
    await waitUntil(() => el.status === 'open', 'the flow opened');
    // The click took the prefetched session: no request of its own, though it would have arrived before its answer.
    expect((await requests()).counts['/test-api/session/delay/400']).to.equal(before + 1);
    el.cancel();
  });

  it('asks again when the request changed since the prefetch: a prefetched session serves only what it was minted for', async () => {
    const body = encodeURIComponent(JSON.stringify({ connectUrl: 'https://connect.example.com/' }));
    const url = `/test-api/session/json?body=${body}`;
    const path = '/test-api/session/json';
    // Counted before the element exists: the pointer rests where the last test clicked, and a hover there prefetches too.
    const before = (await requests()).counts[path] ?? 0;
    const el = await fixture<ConnectButtonElement>(html`<connect-button prefetch session-url=${url} source="github">Connect</connect-button>`);
    el.focus();
    await waitUntil(async () => (await requests()).counts[path] === before + 1, 'the prefetch request arrived', { timeout: 10000 });
    expect((await requests()).lastBody).to.include({ source: 'github' });
    el.source = 'gitlab';
    await el.updateComplete;
    // The keyboard, not the pointer: a hover would prefetch again for the new source.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.status === 'open', 'the flow opened');
    const { counts, lastBody } = await requests();
    expect(counts[path]).to.equal(before + 2);
    expect(lastBody).to.include({ source: 'gitlab' });
    el.cancel();
  });
});
