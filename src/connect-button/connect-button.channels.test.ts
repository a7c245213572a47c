import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SessionRequest } from '../core/index.js';
import { ConnectModalElement } from '../connect-modal/connect-modal.js';
import { getServers, nextOutcome, popup, realClick, recordEvents, useWindowOpenSpy } from '../../test/browser/helpers.js';
import { ConnectButtonElement } from './connect-button.js';

ConnectButtonElement.define();
ConnectModalElement.define();

const RETURN_PAGE = new URL('/test/pages/return.html', location.href).href;

/** A fetchSession that mints a session on the COOP-capable test host with `record`. */
async function coopSession(record: Record<string, unknown>) {
  const { coopHost } = await getServers();
  return async (request: SessionRequest) =>
    (await fetch(`${coopHost}/mint`, { method: 'POST', body: JSON.stringify({ ...record, origin: request.origin, state: request.state, redirectUrl: request.redirectUrl }) })).json();
}

describe('<connect-button> with a popup severed by Cross-Origin-Opener-Policy', () => {
  useWindowOpenSpy();

  async function launch(record: Record<string, unknown>, attrs = '') {
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github" mode="popup" redirect-url=${RETURN_PAGE} closed-grace=${attrs === 'short' ? 2 : 120}>Connect</connect-button>`);
    el.fetchSession = await coopSession({ coop: true, ...record });
    const log = recordEvents(el);
    await realClick(el.shadowRoot!.querySelector('button')!);
    return { el, log };
  }

  it('shows that it waits for the other window, then reports the returned result exactly once', async () => {
    const { el, log } = await launch({ delayMs: 2000, connectionId: 'conn_coop_button' });
    await waitUntil(() => el.hasAttribute('waiting'), 'the button never showed its waiting state', { timeout: 5000 });
    expect(el.status).to.equal('open');
    expect(el.shadowRoot!.querySelector('[part="waiting"]')!.textContent).to.contain('sign-in window');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Cancel');
    const outcome = await nextOutcome(el, 10000);
    expect(outcome.detail).to.deep.equal({ source: 'github', connectionId: 'conn_coop_button', operation: 'create' });
    expect(log.names()).to.deep.equal(['connect-open', 'connect-success']);
    expect(el.hasAttribute('waiting')).to.be.false;
    expect(el.shadowRoot!.querySelector('[part="cancel-button"]')).to.equal(null);
  });

  it('ends with connect-exit "closed" from the visible Cancel, and is usable again', async () => {
    const { el, log } = await launch({ outcome: 'stay' });
    await waitUntil(() => el.hasAttribute('waiting'), 'no waiting state', { timeout: 5000 });
    const exit = oneEvent(el, 'connect-exit');
    await realClick(el.shadowRoot!.querySelector('[part="cancel-button"]')!);
    expect((await exit).detail).to.deep.equal({ source: 'github', reason: 'closed' });
    expect(log.names()).to.deep.equal(['connect-open', 'connect-exit']);
    expect(el.status).to.equal('idle');
    // The severed window is out of our reach; the user (here: the test) closes it.
    await popup({ action: 'close' });
  });

  it('ends with connect-exit "closed" when the button is clicked again while it waits', async () => {
    const { el } = await launch({ outcome: 'stay' });
    await waitUntil(() => el.hasAttribute('waiting'), 'no waiting state', { timeout: 5000 });
    const exit = oneEvent(el, 'connect-exit');
    await realClick(el.shadowRoot!.querySelector('[part="button"]')!);
    expect((await exit).detail.reason).to.equal('closed');
    await popup({ action: 'close' });
  });

  it('reports the error a severed popup returns with', async () => {
    const { el } = await launch({ outcome: 'error' });
    const outcome = await nextOutcome(el, 10000);
    expect(outcome.type).to.equal('connect-error');
    expect(outcome.detail).to.include({ code: 'source_error', description: 'The source is down.' });
  });

  it('reports the exit a severed popup returns with as connect-exit "user"', async () => {
    const { el } = await launch({ outcome: 'exit' });
    const outcome = await nextOutcome(el, 10000);
    expect(outcome.type).to.equal('connect-exit');
    expect(outcome.detail.reason).to.equal('user');
  });
});

describe('<connect-modal> and Esc inside the framed page', () => {
  useWindowOpenSpy();

  it('fires connect-close-request with trigger "escape" when the hosted page forwards Esc', async () => {
    const { coopHost } = await getServers();
    const el = await fixture<ConnectModalElement>(html`<connect-modal source="github"></connect-modal>`);
    el.fetchSession = await coopSession({ outcome: 'stay' });
    const ready = oneEvent(el, 'connect-ready');
    const trigger = document.createElement('button');
    trigger.textContent = 'Open';
    trigger.addEventListener('click', () => void el.show().catch(() => {}));
    document.body.append(trigger);
    await realClick(trigger);
    await ready;
    await popup({ action: 'frame-click', urlPrefix: coopHost, text: 'Continue' });
    const request = oneEvent(el, 'connect-close-request');
    const exit = oneEvent(el, 'connect-exit');
    await sendKeys({ press: 'Escape' });
    expect((await request).detail).to.deep.equal({ source: 'github', trigger: 'escape' });
    expect((await exit).detail.reason).to.equal('user');
    expect(el.open).to.be.false;
    trigger.remove();
  });
});

describe('a redirect flow returning to a page', () => {
  const KEY = 'connect-elements:redirect';
  afterEach(() => sessionStorage.removeItem(KEY));

  async function returnTo(pending: Record<string, unknown>, query: string) {
    sessionStorage.setItem(KEY, JSON.stringify({ source: 'github', preset: 'default', expiresAt: Date.now() + 60_000, ...pending }));
    const frame = document.createElement('iframe');
    frame.src = `/test/pages/redirect-listener.html?${query}`;
    document.body.append(frame);
    await waitUntil(() => (frame.contentWindow as Window & { heard?: unknown[] })?.heard?.length, 'the page never heard the outcome', { timeout: 8000 });
    const win = frame.contentWindow as Window & { heard: { type: string; tag: string; detail: Record<string, unknown> }[] };
    return { frame, win };
  }

  it('is heard by listeners the page adds in a script after the elements’ one', async () => {
    const state = 'e'.repeat(32);
    const { frame, win } = await returnTo({ state, owner: 'connect-button' }, `state=${state}&connectionId=conn_late_listener`);
    expect(win.heard).to.deep.equal([{ type: 'connect-success', tag: 'connect-button', detail: { source: 'github', connectionId: 'conn_late_listener', operation: 'create' } }]);
    const button = win.document.querySelector('connect-button') as ConnectButtonElement;
    expect(await button.redirectResult).to.deep.equal({ type: 'success', detail: { source: 'github', connectionId: 'conn_late_listener', operation: 'create' } });
    expect(win.location.search).to.equal('');
    frame.remove();
  });

  it('is reported by a <source-list> registered under another tag', async () => {
    const state = 'f'.repeat(32);
    const { frame, win } = await returnTo({ state, owner: 'source-list', source: 'spotify' }, `state=${state}&connectionId=conn_x_sources`);
    expect(win.heard).to.deep.equal([{ type: 'connect-success', tag: 'x-sources', detail: { source: 'spotify', connectionId: 'conn_x_sources', operation: 'create' } }]);
    expect((win.document.querySelector('connect-button') as ConnectButtonElement).redirectResult).to.equal(null);
    frame.remove();
  });

  it('refuses a returned connection id that is unsafe to render, even with the right state', async () => {
    const state = '1'.repeat(32);
    const { frame, win } = await returnTo({ state, owner: 'connect-button' }, `state=${state}&connectionId=${encodeURIComponent('"><svg/onload=alert(1)>')}`);
    expect(win.heard.map((e) => e.type)).to.deep.equal(['connect-error']);
    frame.remove();
  });

  it('reports nothing for a return this tab never started and no tab claims, and cleans its address bar', async () => {
    sessionStorage.removeItem(KEY);
    const frame = document.createElement('iframe');
    frame.src = `/test/pages/redirect-listener.html?state=${'2'.repeat(32)}&connectionId=conn_nobody`;
    document.body.append(frame);
    const win = () => frame.contentWindow as (Window & { heard?: unknown[] }) | null;
    await waitUntil(() => win()?.heard !== undefined && win()!.location.pathname.endsWith('redirect-listener.html'), 'the page never loaded', { timeout: 8000 });
    await waitUntil(() => win()!.location.search === '', 'the parameters stayed in the address bar', { timeout: 8000 });
    expect((frame.contentWindow as Window & { heard: unknown[] }).heard).to.deep.equal([]);
    frame.remove();
  });
});
