import { expect } from '@open-wc/testing';
import { engine, nextMessage, realClick, skipIn } from '../../test/browser/helpers.js';
import { buildRedirectReturn, createConnectHost, requestStorage } from './index.js';

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

/** A framed document as requestStorage() sees it, with the Storage Access API answering as told. */
function framedDocument(api: { request?: () => Promise<void>; has?: () => Promise<boolean> } | null) {
  const calls: string[] = [];
  const view = { parent: {} };
  const doc = { defaultView: view } as unknown as Document & Record<string, unknown>;
  if (api?.request) doc.requestStorageAccess = () => (calls.push('request'), api.request!());
  if (api?.has) doc.hasStorageAccess = () => (calls.push('has'), api.has!());
  return { doc, calls };
}

describe('requestStorage (connect-elements/host)', () => {
  it('answers top-level for a page that is not framed, and asks the browser nothing', async () => {
    expect(await requestStorage(document)).to.equal('top-level');
  });

  it('asks the browser at once, inside the click, and answers granted when it grants', async () => {
    const { doc, calls } = framedDocument({ request: () => Promise.resolve(), has: () => Promise.resolve(false) });
    const answer = requestStorage(doc);
    // Before any await: a browser that checks the click's activation sees it.
    expect(calls).to.deep.equal(['request']);
    expect(await answer).to.equal('granted');
  });

  it('answers denied when the browser refuses, and granted when it refuses but the page has access all the same', async () => {
    const refused = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    expect(await requestStorage(framedDocument({ request: refused, has: () => Promise.resolve(false) }).doc)).to.equal('denied');
    expect(await requestStorage(framedDocument({ request: refused, has: () => Promise.resolve(true) }).doc)).to.equal('granted');
  });

  it('never throws: a browser whose API throws or rejects everything is denied, one without the API unsupported', async () => {
    const throwing = framedDocument({ request: () => { throw new Error('broken'); }, has: () => { throw new Error('broken'); } }).doc;
    expect(await requestStorage(throwing)).to.equal('denied');
    const rejecting = framedDocument({ request: () => Promise.reject(new Error('x')), has: () => Promise.reject(new Error('y')) }).doc;
    expect(await requestStorage(rejecting)).to.equal('denied');
    expect(await requestStorage(framedDocument(null).doc)).to.equal('unsupported');
  });

  // 127.0.0.1 is another site than the tests' localhost: a real third-party frame.
  async function crossSiteFrame(test: (frame: HTMLIFrameElement, answer: (asked: string) => Promise<string>) => Promise<void>): Promise<void> {
    const frame = Object.assign(document.createElement('iframe'), {
      title: 'A framed hosted page',
      src: `http://127.0.0.1:${location.port}/test/pages/storage-frame.html?parent=${encodeURIComponent(location.origin)}`,
    });
    frame.style.cssText = 'width: 300px; height: 120px; border: 0';
    const answer = (asked: string) =>
      nextMessage((event) => event.source === frame.contentWindow && event.data?.probe === 'storage' && event.data.asked === asked).then((event) => event.data.access as string);
    const withoutClick = answer('without a click');
    document.body.append(frame);
    try {
      expect(await withoutClick, 'without a click').to.equal('denied');
      await test(frame, answer);
    } finally {
      frame.remove();
    }
  }

  it('in a real cross-site frame, is denied without a click', () => crossSiteFrame(async () => {}));

  // Chrome grants a frame storage only for a site the user has already used top-level; this one never was.
  skipIn(['firefox'], 'Firefox answers a request in a click with a permission prompt, which its automation cannot answer: the promise waits for the user', it)(
    'in a real cross-site frame, in a click, answers for a site never visited top-level (denied in Chromium)',
    () =>
      crossSiteFrame(async (frame, answer) => {
        const inClick = answer('in a click');
        await realClick(frame);
        const access = await inClick;
        if (engine === 'chromium') expect(access).to.equal('denied');
        else expect(access).to.be.oneOf(['granted', 'denied']);
      }),
  );
});
