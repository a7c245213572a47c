import { expect, fixture, html } from '@open-wc/testing';
import type { SessionRequest } from '../core/index.js';
import { ConnectButtonElement } from './connect-button.js';
import { getServers, nextMessage, nextOutcome, posterUrl, realClick, recordEvents, useWindowOpenSpy } from '../../test/browser/helpers.js';

ConnectButtonElement.define();

type Post = { data: unknown; delay?: number };
type Script = { posts?: Post[]; child?: Post[]; close?: boolean };

const envelope = (state: string | undefined, rest: Record<string, unknown>) => ({ protocol: 'connect-elements', version: 1, state, ...rest });
const success = (state: string | undefined, connectionId = 'conn_hostile') => envelope(state, { type: 'success', connectionId, operation: 'create' });

/** The id only a genuine message carries: an ending with any other id let a forged message through. */
const GENUINE_ID = 'conn_genuine';
const genuineSuccess = (state: string): Post => ({ data: success(state, GENUINE_ID) });

/** What a hostile script posts last: no flow reads it; once it is here, every post before it has been dispatched. */
const HOSTILE_POSTS_DONE = 'hostile posts done';
const hostilePostsDone = () => nextMessage((event) => event.data === HOSTILE_POSTS_DONE);
const thenDone = (posts: Post[]): Post[] => [...posts, { data: HOSTILE_POSTS_DONE }];

/**
 * Launches a flow whose "hosted page" is the hostile poster at `host`:`port`,
 * scripted with the flow's real state. `expectedOrigin` is what the session
 * answer says results come from.
 */
async function launchAgainstPoster(options: { host?: string; port?: number; path?: string; expectedOrigin?: string; script: (state: string) => Script }) {
  const { posterPorts } = await getServers();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? posterPorts[0];
  const el = await fixture<ConnectButtonElement>(html`<connect-button source="github">Connect</connect-button>`);
  let state = '';
  el.fetchSession = async (request: SessionRequest) => {
    state = request.state;
    return { connectUrl: posterUrl(host, port, options.script(request.state), options.path), messageOrigin: options.expectedOrigin ?? `http://${host}:${port}` };
  };
  const log = recordEvents(el);
  const outcome = nextOutcome(el);
  await realClick(el.shadowRoot!.querySelector('button')!);
  return { el, log, outcome, state: () => state };
}

/** Exactly one ending, the genuine success: nothing forged before it ended the flow or was reported. */
async function expectOnlyTheGenuineSuccess(launched: Awaited<ReturnType<typeof launchAgainstPoster>>, before = ['connect-open']) {
  const outcome = await launched.outcome;
  expect(outcome.type).to.equal('connect-success');
  expect(outcome.detail).to.deep.equal({ source: 'github', connectionId: GENUINE_ID, operation: 'create' });
  expect(launched.log.names()).to.deep.equal([...before, 'connect-success']);
}

describe('<connect-button> against hostile messages', () => {
  // Records the popups and closes what each test left open.
  const spy = useWindowOpenSpy();

  /**
   * Sends the flow's popup, still the very window the flow opened, to a page on
   * the expected origin that posts the genuine success. Only after the hostile
   * page's last post has arrived: the forged posts come first.
   */
  const navigatePopupToGenuinePage = (url: string) => {
    spy.calls[0]!.location.href = url;
  };

  it('accepts a well-formed success from the opened window on the expected origin (control case)', async () => {
    const launched = await launchAgainstPoster({ script: (state) => ({ posts: [{ data: success(state), delay: 200 }] }) });
    const outcome = await launched.outcome;
    expect(outcome.type).to.equal('connect-success');
    expect(outcome.detail).to.deep.equal({ source: 'github', connectionId: 'conn_hostile', operation: 'create' });
    expect(launched.log.names()).to.deep.equal(['connect-open', 'connect-success']);
  });

  /**
   * Each forged success comes from the opened window on a look-alike origin.
   * `genuineHost`/`genuinePort`: where the poster serves the expected origin, so
   * the same window can post the genuine success from there afterwards.
   */
  const lookalikes: [string, (ports: number[]) => { host?: string; expectedOrigin: string; genuineHost?: string; genuinePort?: number }][] = [
    ['a suffix of the real origin (endsWith would pass)', ([port]) => ({ host: 'evil-sandbox.localhost', expectedOrigin: `http://sandbox.localhost:${port}`, genuineHost: 'sandbox.localhost', genuinePort: port })],
    ['the same host on another port', ([, other]) => ({ expectedOrigin: `http://127.0.0.1:${other}`, genuineHost: '127.0.0.1', genuinePort: other })],
    ['a host name that contains the expected one', ([port]) => ({ host: 'sandbox.localhost', expectedOrigin: `http://localhost:${port}`, genuineHost: 'localhost', genuinePort: port })],
  ];
  for (const [name, setupFor] of lookalikes) {
    it(`ignores a success from ${name}, and takes the genuine one the same window posts next`, async () => {
      const setup = setupFor((await getServers()).posterPorts);
      const done = hostilePostsDone();
      const launched = await launchAgainstPoster({ ...setup, script: (state) => ({ posts: thenDone([{ data: success(state), delay: 200 }]) }) });
      await done;
      navigatePopupToGenuinePage(posterUrl(setup.genuineHost!, setup.genuinePort!, { posts: [genuineSuccess(launched.state())] }));
      await expectOnlyTheGenuineSuccess(launched);
    });
  }

  // Nothing here serves these expected origins (a port that is a prefix of the poster's; https), so no genuine
  // success can come from them: once the forged posts have been dispatched, the flow is shown to go on by the user's cancel.
  const unservable: [string, (port: number) => string][] = [
    ['a prefix of the real origin (startsWith would pass)', (port) => `http://127.0.0.1:${String(port).slice(0, -1)}`],
    ['the same host and port on another scheme', (port) => `https://127.0.0.1:${port}`],
  ];
  for (const [name, expectedOriginFor] of unservable) {
    it(`ignores a success from ${name}`, async () => {
      const { posterPorts } = await getServers();
      const done = hostilePostsDone();
      const { el, log, outcome } = await launchAgainstPoster({ expectedOrigin: expectedOriginFor(posterPorts[0]), script: (state) => ({ posts: thenDone([{ data: success(state), delay: 200 }]) }) });
      await done;
      expect(log.names()).to.deep.equal(['connect-open']);
      expect(el.status).to.equal('open');
      el.cancel();
      expect((await outcome).detail).to.deep.equal({ source: 'github', reason: 'user' });
      expect(log.names()).to.deep.equal(['connect-open', 'connect-exit']);
    });
  }

  it('ignores a success from an opaque origin ("null"), and takes the genuine one the same window posts next', async () => {
    const { posterPorts } = await getServers();
    const done = hostilePostsDone();
    const launched = await launchAgainstPoster({ path: '/opaque.html', script: (state) => ({ posts: thenDone([{ data: success(state), delay: 200 }]) }) });
    await done;
    // The same address without the sandbox header: the expected origin.
    navigatePopupToGenuinePage(posterUrl('127.0.0.1', posterPorts[0], { posts: [genuineSuccess(launched.state())] }));
    await expectOnlyTheGenuineSuccess(launched);
  });

  it('ignores a success whose source is another same-origin window, and takes the opened window\'s own', async () => {
    const { posterPorts } = await getServers();
    const done = hostilePostsDone();
    const launched = await launchAgainstPoster({ script: (state) => ({ child: thenDone([{ data: success(state), delay: 300 }]) }) });
    await done;
    // A query, so the page loads anew rather than only changing its fragment.
    navigatePopupToGenuinePage(posterUrl('127.0.0.1', posterPorts[0], { posts: [genuineSuccess(launched.state())] }, '/poster.html?genuine'));
    await expectOnlyTheGenuineSuccess(launched);
  });

  it('ignores a success with a wrong state, and takes the genuine one posted after it', async () => {
    const launched = await launchAgainstPoster({ script: (state) => ({ posts: [{ data: success(`${state}x`), delay: 200 }, genuineSuccess(state)] }) });
    await expectOnlyTheGenuineSuccess(launched);
  });

  it('ignores a success with no state, and takes the genuine one posted after it', async () => {
    const launched = await launchAgainstPoster({ script: (state) => ({ posts: [{ data: success(undefined), delay: 200 }, genuineSuccess(state)] }) });
    await expectOnlyTheGenuineSuccess(launched);
  });

  it('ignores non-object and malformed payloads, and takes the genuine success posted after them', async () => {
    const launched = await launchAgainstPoster({
      script: (state) => ({
        posts: [
          ...[
            'success',
            42,
            null,
            [success(state)],
            envelope(state, { type: 'success' }),
            envelope(state, { type: 'success', connectionId: { id: 1 } }),
            envelope(state, { type: 'success', connectionId: 'has space' }),
            envelope(state, { type: 'success', connectionId: 'x'.repeat(257) }),
            envelope(state, { type: 'success', connectionId: 'c1', operation: 'delete' }),
            envelope(state, { type: 'success', connectionId: 'c1', data: 'not an object' }),
            { ...success(state), version: 2 },
            { ...success(state), protocol: 'other' },
            envelope(state, { type: 'error' }),
            envelope(state, { type: 'event', name: '<img src=x onerror=alert(1)>' }),
            envelope(state, { type: 'launch-missiles' }),
          ].map((data) => ({ data })),
          genuineSuccess(state),
        ],
      }),
    });
    await expectOnlyTheGenuineSuccess(launched);
  });

  it('ignores a __proto__ payload and nothing is polluted', async () => {
    const launched = await launchAgainstPoster({
      script: (state) => ({
        posts: [
          { data: `json:{"__proto__":{"polluted":true},"protocol":"connect-elements","version":1,"state":"${state}"}` },
          { data: `json:{"protocol":"connect-elements","version":1,"state":"${state}","type":"event","name":"x","metadata":{"__proto__":{"polluted":true}}}` },
          genuineSuccess(state),
        ],
      }),
    });
    // The event is legitimate; its metadata is passed on as data, never merged into anything.
    await expectOnlyTheGenuineSuccess(launched, ['connect-open', 'connect-event']);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect((Object.prototype as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('settles once: a second success after the first is ignored', async () => {
    const done = hostilePostsDone();
    const { outcome, log } = await launchAgainstPoster({
      script: (state) => ({ posts: thenDone([{ data: success(state, 'first'), delay: 200 }, { data: success(state, 'second') }]) }),
    });
    expect((await outcome).detail.connectionId).to.equal('first');
    await done;
    expect(log.names()).to.deep.equal(['connect-open', 'connect-success']);
  });

  it('ignores a success that arrives after the flow ended', async () => {
    const done = hostilePostsDone();
    const { el, outcome, log } = await launchAgainstPoster({
      // Posted in one go, before the flow can close the popup on the exit: the success lands after the flow ended.
      script: (state) => ({ posts: thenDone([{ data: envelope(state, { type: 'exit' }), delay: 200 }, { data: success(state) }]) }),
    });
    expect((await outcome).detail).to.deep.equal({ source: 'github', reason: 'user' });
    await done;
    expect(log.names()).to.deep.equal(['connect-open', 'connect-exit']);
    expect(el.status).to.equal('idle');
  });

  it('shows a provider error description only as trimmed plain text', async () => {
    const { el } = await launchAgainstPoster({
      script: (state) => ({ posts: [{ data: envelope(state, { type: 'error', code: 'source_error', message: `\u202e<b>x</b>${'y'.repeat(1000)}` }), delay: 200 }] }),
    });
    const outcome = await nextOutcome(el);
    expect(outcome.detail.code).to.equal('source_error');
    const description = outcome.detail.description as string;
    expect(description.length).to.be.at.most(300);
    expect(description).not.to.contain('\u202e');
    expect(outcome.detail.message).to.equal('The service is unavailable. Try again later.');
  });
});
