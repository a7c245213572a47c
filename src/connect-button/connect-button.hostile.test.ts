import { expect, fixture, html } from '@open-wc/testing';
import type { SessionRequest } from '../core/index.js';
import { ConnectButtonElement } from './connect-button.js';
import { getServers, nextOutcome, posterUrl, realClick, recordEvents, sleep, useWindowOpenSpy } from '../../test/browser/helpers.js';

ConnectButtonElement.define();

type Post = { data: unknown; delay?: number };

const envelope = (state: string | undefined, rest: Record<string, unknown>) => ({ protocol: 'connect-elements', version: 1, state, ...rest });
const success = (state: string | undefined, connectionId = 'conn_hostile') => envelope(state, { type: 'success', connectionId, operation: 'create' });

/**
 * Launches a flow whose "hosted page" is the hostile poster at `host`:`port`,
 * scripted with the flow's real state. `expectedOrigin` is what the session
 * answer says results come from.
 */
async function launchAgainstPoster(options: {
  host?: string;
  port?: number;
  path?: string;
  expectedOrigin?: (port: number) => string;
  script: (state: string) => { posts?: Post[]; child?: Post[]; close?: boolean };
}) {
  const { posterPorts } = await getServers();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? posterPorts[0];
  const el = await fixture<ConnectButtonElement>(html`<connect-button source="github">Connect</connect-button>`);
  el.fetchSession = async (request: SessionRequest) => ({
    connectUrl: posterUrl(host, port, options.script(request.state), options.path),
    messageOrigin: options.expectedOrigin?.(port) ?? `http://${host}:${port}`,
  });
  const log = recordEvents(el);
  await realClick(el.shadowRoot!.querySelector('button')!);
  return { el, log, port };
}

/** The flow must still be running: no outcome, status open; then it can still be ended by the user. */
async function expectStillPending(el: ConnectButtonElement, log: ReturnType<typeof recordEvents>) {
  await sleep(900);
  expect(log.names()).to.deep.equal(['connect-open']);
  expect(el.status).to.equal('open');
  const outcome = nextOutcome(el);
  el.cancel();
  expect((await outcome).type).to.equal('connect-exit');
}

describe('<connect-button> against hostile messages', () => {
  // Records the popups and closes what each test left open.
  useWindowOpenSpy();

  it('accepts a well-formed success from the opened window on the expected origin (control case)', async () => {
    const { el, log } = await launchAgainstPoster({ script: (state) => ({ posts: [{ data: success(state), delay: 200 }] }) });
    const outcome = await nextOutcome(el);
    expect(outcome.type).to.equal('connect-success');
    expect(outcome.detail).to.deep.equal({ source: 'github', connectionId: 'conn_hostile', operation: 'create' });
    expect(log.names()).to.deep.equal(['connect-open', 'connect-success']);
  });

  const lookalikes: [string, { host?: string; expectedOrigin: (port: number) => string }][] = [
    ['a prefix of the real origin (startsWith would pass)', { expectedOrigin: (port) => `http://127.0.0.1:${String(port).slice(0, -1)}` }],
    ['a suffix of the real origin (endsWith would pass)', { host: 'evil-sandbox.localhost', expectedOrigin: (port) => `http://sandbox.localhost:${port}` }],
    ['the same host on another port', { expectedOrigin: (port) => `http://127.0.0.1:${port + 1}` }],
    ['the same host and port on another scheme', { expectedOrigin: (port) => `https://127.0.0.1:${port}` }],
    ['a host name that contains the expected one', { host: 'sandbox.localhost', expectedOrigin: (port) => `http://localhost:${port}` }],
  ];
  for (const [name, setup] of lookalikes) {
    it(`ignores a success from ${name}`, async () => {
      const { el, log } = await launchAgainstPoster({ ...setup, script: (state) => ({ posts: [{ data: success(state), delay: 200 }] }) });
      await expectStillPending(el, log);
    });
  }

  it('ignores a success from an opaque origin ("null")', async () => {
    const { el, log } = await launchAgainstPoster({ path: '/opaque.html', script: (state) => ({ posts: [{ data: success(state), delay: 200 }] }) });
    await expectStillPending(el, log);
  });

  it('ignores a success whose source is another same-origin window', async () => {
    const { el, log } = await launchAgainstPoster({ script: (state) => ({ child: [{ data: success(state), delay: 300 }] }) });
    await expectStillPending(el, log);
  });

  it('ignores a success with a wrong state', async () => {
    const { el, log } = await launchAgainstPoster({ script: (state) => ({ posts: [{ data: success(`${state}x`), delay: 200 }] }) });
    await expectStillPending(el, log);
  });

  it('ignores a success with no state', async () => {
    const { el, log } = await launchAgainstPoster({ script: () => ({ posts: [{ data: success(undefined), delay: 200 }] }) });
    await expectStillPending(el, log);
  });

  it('ignores non-object and malformed payloads', async () => {
    const { el, log } = await launchAgainstPoster({
      script: (state) => ({
        posts: [
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
      }),
    });
    await expectStillPending(el, log);
  });

  it('ignores a __proto__ payload and nothing is polluted', async () => {
    const { el, log } = await launchAgainstPoster({
      script: (state) => ({
        posts: [
          { data: `json:{"__proto__":{"polluted":true},"protocol":"connect-elements","version":1,"state":"${state}"}` },
          { data: `json:{"protocol":"connect-elements","version":1,"state":"${state}","type":"event","name":"x","metadata":{"__proto__":{"polluted":true}}}` },
        ],
      }),
    });
    await sleep(900);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect((Object.prototype as Record<string, unknown>).polluted).to.equal(undefined);
    // The event is legitimate; its metadata is passed on as data, never merged into anything.
    expect(log.names()).to.deep.equal(['connect-open', 'connect-event']);
    expect(el.status).to.equal('open');
    el.cancel();
  });

  it('settles once: a second success after the first is ignored', async () => {
    const { el, log } = await launchAgainstPoster({
      script: (state) => ({ posts: [{ data: success(state, 'first'), delay: 200 }, { data: success(state, 'second') }] }),
    });
    const outcome = await nextOutcome(el);
    expect(outcome.detail.connectionId).to.equal('first');
    await sleep(500);
    expect(log.names()).to.deep.equal(['connect-open', 'connect-success']);
  });

  it('ignores a success that arrives after the flow ended', async () => {
    const { el, log } = await launchAgainstPoster({
      script: (state) => ({ posts: [{ data: envelope(state, { type: 'exit' }), delay: 200 }, { data: success(state), delay: 100 }] }),
    });
    const outcome = await nextOutcome(el);
    expect(outcome.detail).to.deep.equal({ source: 'github', reason: 'user' });
    await sleep(500);
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
