import { expect, waitUntil } from '@open-wc/testing';
import { consumeUserActivation, getServers, popup, realClick, useWindowOpenSpy } from '../../test/browser/helpers.js';
import { listenForReturns, offerReturn, RELAY_CHANNEL } from './channels/relay.js';
import { readServerResult, ServerResultPoller } from './channels/server-result.js';
import { defaultPreset } from './default-preset.js';
import { ConnectFlow, type FlowOptions, type FlowOutcome, type FlowStatus } from './flow.js';
import { FOCUS_GRACE_MS } from './run.js';
import { PROTOCOL } from './protocol.js';
import { forgetCompletedRedirect, readDefaultReturn, type PendingRedirect } from './redirect.js';
import type { SessionRequest } from './session.js';

const RETURN_PAGE = new URL('/test/pages/return.html', location.href).href;

/** Every BroadcastChannel the page opens, and whether it was closed. */
function trackChannels() {
  const Native = window.BroadcastChannel;
  const opened: { name: string; closed: boolean }[] = [];
  window.BroadcastChannel = class extends Native {
    #entry = { name: '', closed: false };
    constructor(name: string) {
      super(name);
      this.#entry.name = name;
      opened.push(this.#entry);
    }
    override close() {
      this.#entry.closed = true;
      super.close();
    }
  };
  return { opened, restore: () => (window.BroadcastChannel = Native) };
}

/** A button whose click starts `flow` inside the gesture, as the elements do. */
async function startInClick(flow: ConnectFlow): Promise<void> {
  const button = document.createElement('button');
  button.textContent = 'Start';
  button.addEventListener('click', () => flow.start(), { once: true });
  document.body.append(button);
  await realClick(button);
  button.remove();
}

/** A flow against the COOP-capable hosted page; resolves its single outcome and records statuses. */
async function runAgainstCoopHost(record: { coop?: boolean; outcome?: string; delayMs?: number; connectionId?: string }, options: Partial<FlowOptions> = {}) {
  const { coopHost } = await getServers();
  const statuses: FlowStatus[] = [];
  const ends: FlowOutcome[] = [];
  let resolveEnd: (outcome: FlowOutcome) => void;
  const ended = new Promise<FlowOutcome>((resolve) => (resolveEnd = resolve));
  const flow = new ConnectFlow(
    {
      source: 'github',
      scopes: ['repo'],
      mode: 'popup',
      redirectUrl: RETURN_PAGE,
      fetchSession: async (request: SessionRequest) =>
        (await fetch(`${coopHost}/mint`, { method: 'POST', body: JSON.stringify({ ...record, origin: request.origin, state: request.state, redirectUrl: request.redirectUrl }) })).json(),
      ...options,
    },
    {
      onStatus: (status) => statuses.push(status),
      onEnd: (outcome) => {
        ends.push(outcome);
        resolveEnd(outcome);
      },
    },
  );
  await startInClick(flow);
  return { flow, statuses, ends, ended };
}

const returnSearch = (state: string, connectionId: string) => `?state=${state}&connectionId=${connectionId}&operation=create`;
const broadcastReturn = (search: string, id = crypto.randomUUID()) => {
  const channel = new BroadcastChannel(RELAY_CHANNEL);
  channel.postMessage({ protocol: PROTOCOL, type: 'return', id, search });
  channel.close();
};

// An app embedded in another site's frame: a redirect would navigate the frame to a provider that
// refuses framing. The session never answers here, so nothing can leave this page even when broken.
describe('ConnectFlow inside a frame', () => {
  const opened = useWindowOpenSpy();
  const pendingSession = () => new Promise<never>(() => {});

  it('opens a popup inside the click for mode="redirect", and the page stays where it is', async () => {
    const modes: string[] = [];
    const flow = new ConnectFlow(
      { source: 'github', scopes: [], mode: 'redirect', framed: true, fetchSession: pendingSession },
      { onStatus: (status, mode) => modes.push(`${status} ${mode}`), onEnd: () => {} },
    );
    const href = location.href;
    await startInClick(flow);
    try {
      expect(opened.calls.length).to.equal(1);
      expect(opened.calls[0] !== null, 'the popup opened').to.equal(true);
      expect([flow.mode, modes[0], location.href]).to.deep.equal(['popup', 'loading popup', href]);
    } finally {
      flow.destroy();
    }
  });

  it('never falls back to a redirect when the popup is blocked: a modal where the system allows one, else popup_blocked', async () => {
    consumeUserActivation();
    const modal = new ConnectFlow({ source: 'github', scopes: [], mode: 'popup', fallback: 'redirect', framed: true, fetchSession: pendingSession }, { onEnd: () => {} });
    modal.start();
    expect(modal.mode).to.equal('modal');
    modal.destroy();

    const ends: FlowOutcome[] = [];
    const redirectOrPopup = { ...defaultPreset, modes: ['redirect', 'popup'] as const };
    const none = new ConnectFlow(
      { source: 'github', scopes: [], mode: 'popup', fallback: 'redirect', framed: true, preset: redirectOrPopup, fetchSession: pendingSession },
      { onEnd: (outcome) => ends.push(outcome) },
    );
    none.start();
    expect(ends.map((end) => (end.type === 'error' ? end.error.code : end.type))).to.deep.equal(['popup_blocked']);
  });
});

describe('ConnectFlow result channels (core, no element)', () => {
  useWindowOpenSpy();
  let channels: ReturnType<typeof trackChannels>;
  beforeEach(() => (channels = trackChannels()));
  afterEach(() => channels.restore());

  it('waits for a popup severed by Cross-Origin-Opener-Policy and takes the result it returns through the relay, once', async function () {
    // Two navigations and a relay: slow on a loaded machine.
    this.timeout(30_000);
    const returnPage = new BroadcastChannel('test-return-page');
    const returnPageGone = new Promise<void>((resolve) => (returnPage.onmessage = () => resolve()));
    const { statuses, ends, ended } = await runAgainstCoopHost({ coop: true, delayMs: 1500, connectionId: 'conn_severed' });
    // The handle reads closed while the page is still open: the flow waits instead of ending.
    await waitUntil(() => statuses.includes('waiting'), 'the flow never entered its waiting state', { timeout: 5000 });
    expect(ends).to.deep.equal([]);
    const outcome = await ended;
    expect(outcome).to.deep.equal({ type: 'success', connectionId: 'conn_severed', operation: 'create' });
    // The return page closes the popup once this tab claimed the result.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([returnPageGone, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the popup stayed open')), 15_000)))]);
    clearTimeout(timer);
    returnPage.close();
    expect(ends).to.have.length(1);
    expect(channels.opened.filter((c) => c.name === RELAY_CHANNEL).every((c) => c.closed), 'every relay channel is closed').to.be.true;
  });

  it('ends a severed popup the user closed with exit "closed" after closed-grace', async () => {
    const { statuses, ended } = await runAgainstCoopHost({ coop: true, outcome: 'stay' }, { closedGrace: 1 });
    await waitUntil(() => statuses.includes('waiting'), 'no waiting state', { timeout: 5000 });
    await popup({ action: 'close' });
    expect(await ended).to.deep.equal({ type: 'exit', reason: 'closed' });
  });

  it('ignores a relayed return of another flow (another state) and takes its own afterwards', async () => {
    const { flow, statuses, ends, ended } = await runAgainstCoopHost({ coop: true, outcome: 'stay' });
    await waitUntil(() => statuses.includes('waiting'), 'no waiting state', { timeout: 5000 });
    broadcastReturn(returnSearch('f'.repeat(32), 'conn_other_tab'));
    broadcastReturn(`?state=${flow.state}`); // its state, but no result in it
    broadcastReturn(returnSearch(flow.state, 'conn_mine'));
    expect(await ended).to.deep.equal({ type: 'success', connectionId: 'conn_mine', operation: 'create' });
    broadcastReturn(returnSearch(flow.state, 'conn_second'));
    await popup({ action: 'close' });
    expect(ends).to.have.length(1);
  });

  it('refuses a relayed return whose connection id is unsafe to render, and goes on', async () => {
    const { flow, statuses, ended } = await runAgainstCoopHost({ coop: true, outcome: 'stay' });
    await waitUntil(() => statuses.includes('waiting'), 'no waiting state', { timeout: 5000 });
    broadcastReturn(returnSearch(flow.state, encodeURIComponent('"><svg/onload=alert(1)>')));
    const outcome = await ended;
    // A matching state with an unusable payload ends the flow as an error, never as a success.
    expect(outcome.type).to.equal('error');
    await popup({ action: 'close' });
  });

  it('ends a really closed popup (the page has focus again) within the focus grace, though another channel could deliver', async function () {
    this.timeout(20_000);
    const { statuses, ended } = await runAgainstCoopHost({ outcome: 'stay' });
    await popup({ action: 'wait-url', startsWith: (await getServers()).coopHost });
    const closedAt = performance.now();
    await popup({ action: 'close' });
    expect(await ended).to.deep.equal({ type: 'exit', reason: 'closed' });
    expect(statuses).to.include('waiting');
    const took = performance.now() - closedAt;
    expect(took).to.be.within(FOCUS_GRACE_MS, FOCUS_GRACE_MS + 3000);
  });

  it('still claims the return of a severed popup that comes back after the server’s result ended the flow, so that popup closes', async function () {
    // Issue 20: a user who answers within a second or so of the page loading. The popup reads closed
    // (severed), the flow polls result-url at once and ends with the server's answer, and only then
    // does the popup come back to the app with the same result and offer it over the relay.
    this.timeout(20_000);
    const k = `k${Math.random().toString(36).slice(2)}`;
    const answers = [{ status: 200, body: { status: 'pending' } }, { status: 200, body: { status: 'success', connectionId: 'conn_srv', operation: 'create' } }];
    const resultUrl = `/test-api/result/${k}?answers=${encodeURIComponent(JSON.stringify(answers))}`;
    const { flow, statuses, ends, ended } = await runAgainstCoopHost({ coop: true, outcome: 'stay' }, { resultUrl });
    expect(await ended).to.deep.equal({ type: 'success', connectionId: 'conn_srv', operation: 'create' });
    expect(statuses, 'the server answered while the flow waited for its severed popup').to.include('waiting');
    // The popup's return page, as connect-elements/callback runs it (here, in this page).
    history.replaceState(null, '', `${location.pathname}${returnSearch(flow.state, 'conn_srv')}`);
    let closed = 0;
    try {
      expect(await offerReturn(() => closed++, 3000)).to.equal('claimed');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
    expect(closed, 'the returned popup was told to close').to.equal(1);
    expect(ends, 'the claim reports nothing more').to.have.length(1);
    // One return per flow: another copy of it is nobody's.
    history.replaceState(null, '', `${location.pathname}${returnSearch(flow.state, 'conn_srv')}`);
    try {
      expect(await offerReturn(() => closed++, 300)).to.equal('unclaimed');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
    expect(channels.opened.find((c) => c.name === RELAY_CHANNEL)?.closed, 'the flow’s relay listener is closed').to.be.true;
    await popup({ action: 'close' });
  });

  it('keeps no relay listener after ending a flow whose popup it could close itself', async () => {
    const { flow, ended } = await runAgainstCoopHost({ outcome: 'stay' });
    await popup({ action: 'wait-url', startsWith: (await getServers()).coopHost });
    flow.cancel();
    expect(await ended).to.deep.equal({ type: 'exit', reason: 'user' });
    const relays = channels.opened.filter((c) => c.name === RELAY_CHANNEL);
    expect(relays, 'the flow listened for a relayed return').to.have.length(1);
    expect(relays[0].closed, 'and stopped at its end').to.be.true;
  });

  it('without another channel, ends a closed popup as before (about a second)', async () => {
    const preset = { ...defaultPreset, returnsInPopup: false };
    const { ended } = await runAgainstCoopHost({ outcome: 'stay' }, { preset });
    await popup({ action: 'wait-url', startsWith: (await getServers()).coopHost });
    const closedAt = performance.now();
    await popup({ action: 'close' });
    expect(await ended).to.deep.equal({ type: 'exit', reason: 'closed' });
    expect(performance.now() - closedAt).to.be.below(3000);
  });
});

describe('the return relay', () => {
  const home = location.pathname;
  afterEach(() => {
    forgetCompletedRedirect();
    history.replaceState(null, '', home);
    sessionStorage.clear();
  });
  const pending = (state: string): PendingRedirect => ({ state, source: 'github', preset: 'default', owner: 'connect-button', expiresAt: Date.now() + 60_000 });

  it('hands a return to the tab whose flow it is, cleans the address bar and closes the window', async () => {
    const state = 'a'.repeat(32);
    const delivered: FlowOutcome[] = [];
    const listener = listenForReturns({ state, read: readDefaultReturn, pending: pending(state), deliver: (o) => delivered.push(o) });
    history.replaceState(null, '', `${home}${returnSearch(state, 'conn_relayed')}`);
    let closed = 0;
    expect(await offerReturn(() => closed++, 3000)).to.equal('claimed');
    expect(closed).to.equal(1);
    expect(location.search).to.equal('');
    expect(delivered).to.deep.equal([{ type: 'success', connectionId: 'conn_relayed', operation: 'create' }]);
    listener.end();
  });

  it('leaves a return no tab claims to its own window as an ordinary redirect return, and says nobody claimed it', async () => {
    history.replaceState(null, '', `${home}${returnSearch('b'.repeat(32), 'conn_nobody')}`);
    let closed = 0;
    expect(await offerReturn(() => closed++, 300)).to.equal('unclaimed');
    expect(closed).to.equal(0);
  });

  it('does not offer a return this tab started itself: it is read here at once', async () => {
    const state = 'c'.repeat(32);
    sessionStorage.setItem('connect-elements:redirect', JSON.stringify(pending(state)));
    history.replaceState(null, '', `${home}${returnSearch(state, 'conn_here')}`);
    expect(await offerReturn(() => {}, 5000)).to.equal('local');
  });

  it('offers nothing for an address without a flow return (an app’s own "state" parameter)', async () => {
    history.replaceState(null, '', `${home}?state=app-own&page=2`);
    expect(await offerReturn(() => {}, 5000)).to.equal('none');
  });

  it('stops listening when the flow ends', async () => {
    const state = 'd'.repeat(32);
    const delivered: FlowOutcome[] = [];
    listenForReturns({ state, read: readDefaultReturn, pending: pending(state), deliver: (o) => delivered.push(o) }).end();
    history.replaceState(null, '', `${home}${returnSearch(state, 'conn_late')}`);
    expect(await offerReturn(() => {}, 300)).to.equal('unclaimed');
    expect(delivered).to.deep.equal([]);
  });

  it('after the flow ended, until the given time, claims its one return so the window closes, and delivers nothing', async () => {
    const state = 'e'.repeat(32);
    const delivered: FlowOutcome[] = [];
    listenForReturns({ state, read: readDefaultReturn, pending: pending(state), deliver: (o) => delivered.push(o) }).end(Date.now() + 60_000);
    // Another flow's return is still not its own.
    history.replaceState(null, '', `${home}${returnSearch('f'.repeat(32), 'conn_other')}`);
    expect(await offerReturn(() => {}, 300)).to.equal('unclaimed');
    history.replaceState(null, '', `${home}${returnSearch(state, 'conn_late')}`);
    let closed = 0;
    expect(await offerReturn(() => closed++, 3000)).to.equal('claimed');
    expect(closed).to.equal(1);
    expect(delivered).to.deep.equal([]);
    history.replaceState(null, '', `${home}${returnSearch(state, 'conn_late')}`);
    expect(await offerReturn(() => closed++, 300), 'a second copy of the return').to.equal('unclaimed');
  });

  it('after the flow ended, claims nothing once the given time has passed', async () => {
    const state = '9'.repeat(32);
    listenForReturns({ state, read: readDefaultReturn, pending: pending(state), deliver: () => {} }).end(Date.now() - 1);
    history.replaceState(null, '', `${home}${returnSearch(state, 'conn_expired')}`);
    expect(await offerReturn(() => {}, 300)).to.equal('unclaimed');
  });
});

describe('the server result (result-url)', () => {
  const key = () => `k${Math.random().toString(36).slice(2)}`;
  const resultUrl = (k: string, answers: { status: number; body: unknown }[], delayMs = 0) =>
    `/test-api/result/${k}?answers=${encodeURIComponent(JSON.stringify(answers))}&delayMs=${delayMs}`;
  const log = async (k: string) => (await fetch(`/test-api/result-log/${k}`)).json();

  function poll(url: string, interval = 50) {
    const abort = new AbortController();
    const delivered: FlowOutcome[] = [];
    let resolve: (o: FlowOutcome) => void;
    const first = new Promise<FlowOutcome>((r) => (resolve = r));
    const poller = new ServerResultPoller({ url, state: 's'.repeat(32), interval, signal: abort.signal, deliver: (o) => (delivered.push(o), resolve(o), abort.abort()) });
    return { poller, abort, delivered, first };
  }

  it('asks with the state, the header and JSON, keeps asking while pending, then delivers the success', async () => {
    const k = key();
    const { poller, first } = poll(resultUrl(k, [{ status: 200, body: { status: 'pending' } }, { status: 200, body: { status: 'pending' } }, { status: 200, body: { status: 'success', connectionId: 'conn_srv', operation: 'reauth' } }]));
    poller.poll();
    expect(await first).to.deep.equal({ type: 'success', connectionId: 'conn_srv', operation: 'reauth' });
    const { count, bodies, headers } = await log(k);
    expect(count).to.equal(3);
    expect(bodies[0]).to.deep.equal({ state: 's'.repeat(32) });
    expect(headers[0]).to.deep.equal({ 'x-connect-elements': '1', 'content-type': 'application/json' });
  });

  it('ignores malformed answers and goes on asking', async () => {
    const k = key();
    const malformed = [{ status: 'success' }, { status: 'success', connectionId: '<b>' }, { status: 'done' }, 'not json', [1], { status: 'error' }];
    const { poller, first } = poll(resultUrl(k, [...malformed.map((body) => ({ status: 200, body })), { status: 200, body: { status: 'error', code: 'user_denied', error_description: 'No' } }]));
    poller.poll();
    const outcome = await first;
    expect(outcome.type).to.equal('error');
    expect(outcome.type === 'error' && outcome.error.code).to.equal('user_denied');
    expect((await log(k)).count).to.equal(malformed.length + 1);
  });

  it('retries 5xx with a growing delay and never has two requests in flight', async () => {
    const k = key();
    const { poller, first } = poll(resultUrl(k, [{ status: 503, body: {} }, { status: 502, body: {} }, { status: 200, body: { status: 'exit' } }], 120), 40);
    const started = performance.now();
    poller.poll();
    poller.poll(); // a second ask while one is in flight is dropped
    poller.poll();
    expect(await first).to.deep.equal({ type: 'exit', reason: 'user' });
    const { count, maxInFlight } = await log(k);
    expect(count).to.equal(3);
    expect(maxInFlight).to.equal(1);
    // 3 answers of 120 ms, plus waits of 80 ms and 160 ms after the two failures.
    expect(performance.now() - started).to.be.at.least(3 * 120 + 80 + 160 - 20);
  });

  it('reads only the contract’s shapes', () => {
    expect(readServerResult({ status: 'pending' })).to.equal('pending');
    expect(readServerResult({ status: 'success', connectionId: 'conn_1' })).to.deep.equal({ type: 'success', connectionId: 'conn_1', operation: 'create' });
    for (const body of [null, 'x', { status: 'success', connectionId: 'a b' }, { status: 'success', connectionId: 'x', operation: 'delete' }, { status: 'error', code: 3 }]) {
      expect(readServerResult(body), JSON.stringify(body)).to.equal(null);
    }
    const error = readServerResult({ status: 'error', code: 'rate_limited' });
    expect(error !== 'pending' && error?.type === 'error' && error.error.code).to.equal('unknown');
  });
});
