import { expect } from '@open-wc/testing';
import { buildRedirectReturn, createConnectHost } from './index.js';

/** A stand-in for window.opener that records what is posted and where. */
function recorder() {
  const posts: { message: Record<string, unknown>; targetOrigin: string }[] = [];
  const target = { postMessage: (message: Record<string, unknown>, targetOrigin: string) => posts.push({ message, targetOrigin }) } as unknown as Window;
  return { posts, target };
}

describe('connect-elements/host', () => {
  it('posts every message of the default protocol to the exact origin it was given, never "*"', () => {
    const { posts, target } = recorder();
    const host = createConnectHost({ origin: 'https://app.example', state: 'abc', target });
    host.ready();
    host.event('step', { n: 1 });
    host.success({ connectionId: 'conn_1' });
    host.error('user_denied', 'No');
    host.exit();
    expect(posts.map((p) => p.targetOrigin)).to.deep.equal(Array(5).fill('https://app.example'));
    expect(posts.map((p) => p.message)).to.deep.equal([
      { protocol: 'connect-elements', version: 1, state: 'abc', type: 'ready' },
      { protocol: 'connect-elements', version: 1, state: 'abc', type: 'event', name: 'step', metadata: { n: 1 } },
      { protocol: 'connect-elements', version: 1, state: 'abc', type: 'success', connectionId: 'conn_1', operation: 'create' },
      { protocol: 'connect-elements', version: 1, state: 'abc', type: 'error', code: 'user_denied', message: 'No' },
      { protocol: 'connect-elements', version: 1, state: 'abc', type: 'exit' },
    ]);
  });

  for (const origin of ['*', 'null', '', 'https://app.example/path', 'javascript:alert(1)', 'app.example', 'https://user:pw@app.example']) {
    it(`refuses ${JSON.stringify(origin)} as a target origin`, () => {
      expect(() => createConnectHost({ origin, state: 'abc', target: recorder().target })).to.throw(TypeError);
    });
  }

  it('refuses to post without a state', () => {
    expect(() => createConnectHost({ origin: 'https://app.example', state: '', target: recorder().target })).to.throw(TypeError);
  });

  it('reports nothing when the page has no opener or parent', () => {
    const host = createConnectHost({ origin: 'https://app.example', state: 'abc', target: null });
    expect(host.connected).to.be.false;
    expect(host.success({ connectionId: 'x' })).to.be.false;
  });

  it('builds the redirect return, keeping the return address’s own query', () => {
    const ok = new URL(buildRedirectReturn('https://app.example/back?tab=2', { state: 's', connectionId: 'c', operation: 'reauth' }));
    expect(Object.fromEntries(ok.searchParams)).to.deep.equal({ tab: '2', state: 's', connectionId: 'c', operation: 'reauth' });
    const failed = new URL(buildRedirectReturn('https://app.example/back', { state: 's', error: 'source_error', errorDescription: 'down' }));
    expect(Object.fromEntries(failed.searchParams)).to.deep.equal({ state: 's', error: 'source_error', error_description: 'down' });
  });
  it('returns the window with the outcome only to a return address on the app’s own origin, and only with no window to post to', () => {
    expect(createConnectHost({ origin: 'https://app.example', state: 'abc', target: null, redirectUrl: 'https://app.example/return' }).returns).to.be.true;
    expect(createConnectHost({ origin: 'https://app.example', state: 'abc', target: null, redirectUrl: 'https://evil.example/return' }).returns).to.be.false;
    expect(createConnectHost({ origin: 'https://app.example', state: 'abc', target: null, redirectUrl: 'javascript:alert(1)' }).returns).to.be.false;
    const { target } = recorder();
    expect(createConnectHost({ origin: 'https://app.example', state: 'abc', target, redirectUrl: 'https://app.example/return' }).returns).to.be.false;
    const nowhere = createConnectHost({ origin: 'https://app.example', state: 'abc', target: null });
    expect(nowhere.success({ connectionId: 'conn_1' })).to.be.false;
  });

  it('builds the exit return as exit=user', () => {
    expect(buildRedirectReturn('https://app.example/r?x=1', { state: 's', exit: true })).to.equal('https://app.example/r?x=1&state=s&exit=user');
  });
});
