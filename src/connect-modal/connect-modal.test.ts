import { expect, waitUntil, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SessionRequest } from '../core/index.js';
import { ConnectButtonElement } from '../connect-button/connect-button.js';
import { IFRAME_SANDBOX } from '../core/surfaces/modal.js';
import { ConnectModalElement } from './connect-modal.js';
import {
  consumeUserActivation,
  deepActiveElement,
  getServers,
  nextMessage,
  nextOutcome,
  popup,
  posterUrl,
  realClick,
  recordEvents,
  useWindowOpenSpy,
} from '../../test/browser/helpers.js';

ConnectModalElement.define();
ConnectButtonElement.define();

const dialogOf = (el: Element) => el.shadowRoot!.querySelector('dialog')!;
const iframeOf = (el: Element) => el.shadowRoot!.querySelector('iframe')!;

/** A page with a trigger button that opens the modal from a real click, as an app would. */
async function setup(attrs = 'session-url="/api/connect-session" source="github" scopes="repo"') {
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <button id="trigger">Connect GitHub</button>
    <connect-modal label="Connect GitHub"></connect-modal>
  </div>`);
  const modal = wrap.querySelector('connect-modal')!;
  for (const attr of attrs.match(/[\w-]+="[^"]*"/g) ?? []) {
    const [name, value] = attr.split('=');
    modal.setAttribute(name, value.slice(1, -1));
  }
  const trigger = wrap.querySelector<HTMLButtonElement>('#trigger')!;
  let result: Promise<unknown> | undefined;
  trigger.addEventListener('click', () => {
    result = modal.show();
    result.catch(() => {});
  });
  await modal.updateComplete;
  return { modal, trigger, result: () => result };
}

async function openAndWaitReady(modal: ConnectModalElement, trigger: HTMLElement) {
  const ready = oneEvent(modal, 'connect-ready');
  await realClick(trigger);
  await ready;
}

describe('<connect-modal>', () => {
  it('opens a native modal dialog with a titled, sandboxed, no-referrer iframe and a loading state until ready', async () => {
    const { sandbox } = await getServers();
    const { modal, trigger } = await setup();
    const log = recordEvents(modal);
    const ready = oneEvent(modal, 'connect-ready');
    await realClick(trigger);
    const dialog = dialogOf(modal);
    expect(dialog.open).to.be.true;
    expect(dialog.matches(':modal'), 'in the top layer, page inert').to.be.true;
    const iframe = iframeOf(modal);
    expect(iframe.title).to.equal('Connect GitHub');
    expect(iframe.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(iframe.getAttribute('sandbox')).to.equal(IFRAME_SANDBOX);
    expect(iframe.getAttribute('sandbox')!.split(' ').sort()).to.deep.equal(
      ['allow-forms', 'allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts'],
    );
    expect(iframe.getAttribute('allow')).to.equal('publickey-credentials-get');
    expect(getComputedStyle(iframe).visibility).to.equal('hidden');
    expect(modal.shadowRoot!.querySelector('[part~=loading]')!.textContent).to.equal('Loading the sign-in page…');
    await modal.updateComplete;
    expect(modal.open).to.be.true;
    expect(modal.hasAttribute('open')).to.be.true;
    await expect(modal).to.be.accessible();
    await ready;
    expect(iframe.src.startsWith(`${sandbox}/connect`)).to.be.true;
    expect(getComputedStyle(iframe).visibility).to.equal('visible');
    await expect(modal).to.be.accessible();
    expect(log.names()).to.deep.equal(['connect-open', 'connect-ready']);
    modal.close();
  });

  it('completes across origins: Allow inside the iframe fires connect-success, closes the dialog and returns focus', async () => {
    const { sandbox } = await getServers();
    const { modal, trigger, result } = await setup();
    await openAndWaitReady(modal, trigger);
    const outcome = nextOutcome(modal);
    await popup({ action: 'frame-click', urlPrefix: `${sandbox}/connect`, text: 'Allow' });
    const event = await outcome;
    expect(event.type).to.equal('connect-success');
    expect(event.detail).to.include({ source: 'github', operation: 'create' });
    expect(await result()).to.include({ connectionId: event.detail.connectionId });
    expect(dialogOf(modal)).to.equal(null);
    await modal.updateComplete;
    expect(modal.open).to.be.false;
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('keeps focus inside the dialog while it is open', async () => {
    const { modal, trigger } = await setup();
    await openAndWaitReady(modal, trigger);
    const dialog = dialogOf(modal);
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActiveElement();
      expect(active === null || active === document.body ? false : dialog.contains(active) || active === iframeOf(modal), `Tab ${i + 1} stays in the dialog`).to.be.true;
    }
    modal.close();
  });

  it('sends Esc through connect-close-request; cancelling it keeps the dialog open', async () => {
    const { modal, trigger } = await setup();
    await openAndWaitReady(modal, trigger);
    const requests: string[] = [];
    const keepOpen = (e: Event) => {
      requests.push((e as CustomEvent).detail.trigger);
      e.preventDefault();
    };
    modal.addEventListener('connect-close-request', keepOpen);
    // Focus must be in the page (not the iframe) for the dialog to see Esc.
    (modal.shadowRoot!.querySelector('[part~=close-button]') as HTMLElement).focus();
    const cancelled = oneEvent(modal, 'connect-close-request');
    // sendKeys returns once the key press has been handled, native dialog close included.
    await sendKeys({ press: 'Escape' });
    await cancelled;
    expect(requests).to.deep.equal(['escape']);
    expect(dialogOf(modal).open).to.be.true;
    modal.removeEventListener('connect-close-request', keepOpen);
    const outcome = nextOutcome(modal);
    const request = oneEvent(modal, 'connect-close-request');
    await sendKeys({ press: 'Escape' });
    expect((await request).detail).to.deep.equal({ source: 'github', trigger: 'escape' });
    expect((await outcome).detail).to.deep.equal({ source: 'github', reason: 'user' });
    expect(dialogOf(modal)).to.equal(null);
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('sends the close button through connect-close-request', async () => {
    const { modal, trigger } = await setup();
    await openAndWaitReady(modal, trigger);
    const request = oneEvent(modal, 'connect-close-request');
    const outcome = nextOutcome(modal);
    await realClick(modal.shadowRoot!.querySelector('[part~=close-button]')!);
    expect((await request).detail.trigger).to.equal('close-button');
    expect((await outcome).type).to.equal('connect-exit');
  });

  it('sends a backdrop click through connect-close-request, and cancelling it keeps the dialog', async () => {
    const { modal, trigger } = await setup();
    await openAndWaitReady(modal, trigger);
    const keepOpen = (e: Event) => e.preventDefault();
    modal.addEventListener('connect-close-request', keepOpen);
    const request = oneEvent(modal, 'connect-close-request');
    // sendMouse returns once the click has been handled.
    await sendMouse({ type: 'click', position: [3, 3] });
    expect((await request).detail.trigger).to.equal('backdrop');
    expect(dialogOf(modal).open).to.be.true;
    modal.removeEventListener('connect-close-request', keepOpen);
    const outcome = nextOutcome(modal);
    await sendMouse({ type: 'click', position: [3, 3] });
    expect((await outcome).type).to.equal('connect-exit');
  });

  it('locks page scroll while open and restores it exactly', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    const html = document.documentElement;
    html.style.overflow = 'auto';
    const { modal, trigger } = await setup();
    window.scrollTo(0, 0);
    trigger.scrollIntoView();
    const y = window.scrollY;
    await openAndWaitReady(modal, trigger);
    expect(html.style.overflow).to.equal('hidden');
    modal.close();
    expect(html.style.overflow).to.equal('auto');
    expect(window.scrollY).to.equal(y);
    html.style.overflow = '';
    spacer.remove();
  });

  it('reports iframe_load_failed and closes when the page never says ready', async () => {
    const { posterPorts } = await getServers();
    const { modal, trigger } = await setup('source="github" ready-timeout="1"');
    modal.fetchSession = async () => ({ connectUrl: posterUrl('127.0.0.1', posterPorts[0], { posts: [] }) });
    const outcome = nextOutcome(modal);
    await realClick(trigger);
    const event = await outcome;
    expect(event.detail).to.include({ code: 'iframe_load_failed', retryable: true });
    expect(dialogOf(modal)).to.equal(null);
    expect(deepActiveElement()).to.equal(trigger);
  });

  it('reports iframe_load_failed when the hosted page refuses to be framed by this origin (frame-ancestors)', async () => {
    const { unregisteredSandbox } = await getServers();
    const { modal, trigger } = await setup('source="github" ready-timeout="2"');
    modal.fetchSession = async () => ({ connectUrl: `${unregisteredSandbox}/connect#session=whatever` });
    const outcome = nextOutcome(modal);
    await realClick(trigger);
    expect((await outcome).detail.code).to.equal('iframe_load_failed');
  });

  describe("a connectUrl on the page's own origin", () => {
    // Why Chromium warns that "an iframe which has both allow-scripts and allow-same-origin ... can escape
    // its sandboxing": under the modal's sandbox, a page of the embedder's origin reaches its own <iframe>.
    it('would be able to remove its own sandbox if framed: a same-origin page under IFRAME_SANDBOX drops the attribute itself', async () => {
      const probe = document.createElement('iframe');
      probe.setAttribute('sandbox', IFRAME_SANDBOX);
      const loaded = new Promise((resolve) => probe.addEventListener('load', resolve, { once: true }));
      probe.src = new URL('/test/pages/plain-return.html', location.href).href;
      document.body.append(probe);
      await loaded;
      // Run in the framed page's own realm, as its script would.
      new (probe.contentWindow as Window & typeof globalThis).Function('frameElement.removeAttribute("sandbox")')();
      expect(probe.hasAttribute('sandbox'), 'the framed page lifted its sandbox (from its next load on)').to.be.false;
      probe.remove();
    });

    it('is refused with session_invalid_response, so no page of this origin is ever framed as the hosted page', async () => {
      const { modal, trigger } = await setup('source="github" ready-timeout="1"');
      const framed: string[] = [];
      modal.fetchSession = async () => {
        const iframe = iframeOf(modal);
        new MutationObserver(() => framed.push(iframe.src)).observe(iframe, { attributeFilter: ['src'] });
        return { connectUrl: `${location.origin}/connect` };
      };
      const outcome = nextOutcome(modal);
      await realClick(trigger);
      const event = await outcome;
      expect(event.detail.code).to.equal('session_invalid_response');
      expect(framed.filter((src) => src.startsWith(location.origin)), 'the frame never loaded it').to.deep.equal([]);
      expect(dialogOf(modal)).to.equal(null);
    });
  });

  it("ignores a forged success from a second same-origin frame, accepting only the iframe's own window", async () => {
    const { posterPorts } = await getServers();
    const { modal, trigger } = await setup('source="github"');
    const message = (state: string, rest: Record<string, unknown>) => ({ protocol: 'connect-elements', version: 1, state, ...rest });
    const forgedPostsDone = 'forged posts done';
    let state = '';
    modal.fetchSession = async (request: SessionRequest) => {
      state = request.state;
      // The framed page's own child frame posts the forged success, then a marker no flow reads.
      return { connectUrl: posterUrl('127.0.0.1', posterPorts[0], { child: [{ data: message(state, { type: 'success', connectionId: 'forged' }), delay: 200 }, { data: forgedPostsDone }] }) };
    };
    const log = recordEvents(modal);
    const outcome = nextOutcome(modal);
    const done = nextMessage((event) => event.data === forgedPostsDone);
    await realClick(trigger);
    await done;
    expect(log.names(), 'nothing taken from the child frame').to.deep.equal(['connect-open']);
    // Then the iframe itself, the window the flow framed, loads a page that says ready and succeeds.
    iframeOf(modal).contentWindow!.location.href = posterUrl(
      '127.0.0.1',
      posterPorts[0],
      { posts: [{ data: message(state, { type: 'ready' }) }, { data: message(state, { type: 'success', connectionId: 'conn_genuine' }) }] },
      '/poster.html?genuine',
    );
    const event = await outcome;
    expect(event.type).to.equal('connect-success');
    expect(event.detail.connectionId).to.equal('conn_genuine');
    expect(log.names()).to.deep.equal(['connect-open', 'connect-ready', 'connect-success']);
  });

  describe('a hosted page that returns by redirect, into the frame (issue 20)', () => {
    const returnPage = (name: string) => new URL(`/test/pages/${name}.html`, location.href).href;

    it('with the sandbox’s redirect-only app: Allow ends the flow with its success, once, and closes the dialog', async function () {
      this.timeout(20_000);
      const { sandbox } = await getServers();
      const { modal, trigger, result } = await setup(`session-url="/api/sandbox/redirect-only/connect-session" source="github" scopes="repo" redirect-url="${returnPage('return')}"`);
      const log = recordEvents(modal);
      await openAndWaitReady(modal, trigger);
      const outcome = nextOutcome(modal);
      await popup({ action: 'frame-click', urlPrefix: `${sandbox}/connect`, text: 'Allow' });
      const event = await outcome;
      expect(event.type).to.equal('connect-success');
      expect(event.detail.connectionId).to.match(/^conn_/);
      expect(await result()).to.include({ connectionId: event.detail.connectionId });
      expect(dialogOf(modal)).to.equal(null);
      await modal.updateComplete;
      expect(modal.open).to.be.false;
      expect(deepActiveElement()).to.equal(trigger);
      // The return page's relay and the frame's load both saw the return: one ending.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(log.names()).to.deep.equal(['connect-open', 'connect-ready', 'connect-success']);
    });

    it('with the sandbox’s redirect-only app: Deny ends the flow with user_denied, never iframe_load_failed', async function () {
      this.timeout(20_000);
      const { sandbox } = await getServers();
      const { modal, trigger } = await setup(`session-url="/api/sandbox/redirect-only/connect-session" source="github" redirect-url="${returnPage('return')}"`);
      await openAndWaitReady(modal, trigger);
      const outcome = nextOutcome(modal);
      await popup({ action: 'frame-click', urlPrefix: `${sandbox}/connect`, text: 'Deny' });
      const event = await outcome;
      expect([event.type, event.detail.code]).to.deep.equal(['connect-error', 'user_denied']);
      expect(dialogOf(modal)).to.equal(null);
    });

    /**
     * Whether the frame shows the hosted page (of another origin) rather than its initial about:blank:
     * navigated from here before that, WebKit lets the frame's pending load of its src win.
     */
    const hostedPageLoaded = (frame: HTMLIFrameElement) => {
      try {
        void frame.contentWindow!.location.href;
        return false;
      } catch {
        return true;
      }
    };

    it('reads the return from the frame itself when the return page relays nothing (no script), before any ready', async () => {
      const { posterPorts } = await getServers();
      const { modal, trigger } = await setup(`source="github" redirect-url="${returnPage('plain-return')}"`);
      let state = '';
      modal.fetchSession = async (request: SessionRequest) => {
        state = request.state;
        // A page that says nothing: no ready, no result message.
        return { connectUrl: posterUrl('127.0.0.1', posterPorts[0], { posts: [] }) };
      };
      const log = recordEvents(modal);
      const outcome = nextOutcome(modal);
      await realClick(trigger);
      await waitUntil(() => iframeOf(modal)?.src.startsWith('http://127.0.0.1'), 'the hosted page was never framed');
      await waitUntil(() => hostedPageLoaded(iframeOf(modal)), 'the hosted page loaded');
      // The hosted page sends its frame back to the flow's return address, as a redirect return.
      iframeOf(modal).contentWindow!.location.href = `${returnPage('plain-return')}?state=${state}&connectionId=conn_framed&operation=create`;
      const event = await outcome;
      expect(event.type).to.equal('connect-success');
      expect(event.detail.connectionId).to.equal('conn_framed');
      expect(log.names()).to.deep.equal(['connect-open', 'connect-success']);
      expect(dialogOf(modal)).to.equal(null);
    });

    it('ignores a page of its own origin in the frame that is not its return (another state), and goes on', async () => {
      const { posterPorts } = await getServers();
      const { modal, trigger } = await setup(`source="github" redirect-url="${returnPage('plain-return')}"`);
      let state = '';
      modal.fetchSession = async (request: SessionRequest) => {
        state = request.state;
        return { connectUrl: posterUrl('127.0.0.1', posterPorts[0], { posts: [] }) };
      };
      const log = recordEvents(modal);
      const outcome = nextOutcome(modal);
      await realClick(trigger);
      await waitUntil(() => iframeOf(modal)?.src.startsWith('http://127.0.0.1'), 'the hosted page was never framed');
      await waitUntil(() => hostedPageLoaded(iframeOf(modal)), 'the hosted page loaded');
      const frame = iframeOf(modal);
      const loaded = () => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      let landed = loaded();
      frame.contentWindow!.location.href = `${returnPage('plain-return')}?state=${'f'.repeat(32)}&connectionId=conn_other&operation=create`;
      await landed;
      landed = loaded();
      frame.contentWindow!.location.href = `${returnPage('plain-return')}?state=${state}`;
      await landed;
      expect(log.names(), 'another flow’s return, or no result: nothing ends').to.deep.equal(['connect-open']);
      frame.contentWindow!.location.href = `${returnPage('plain-return')}?state=${state}&error=access_denied`;
      const event = await outcome;
      expect(event.type).to.equal('connect-error');
    });
  });

  it('reflects open and closes the flow when open is set to false', async () => {
    const { modal, trigger } = await setup();
    await openAndWaitReady(modal, trigger);
    const outcome = nextOutcome(modal);
    modal.open = false;
    expect((await outcome).type).to.equal('connect-exit');
    await modal.updateComplete;
    expect(modal.hasAttribute('open')).to.be.false;
  });
});

describe('<connect-button> falling back to the modal', () => {
  const spy = useWindowOpenSpy();

  it('opens the flow in a modal, once, when the popup is blocked (fallback="modal", the default)', async () => {
    const { sandbox } = await getServers();
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/api/connect-session" source="github">Connect</connect-button>`);
    const log = recordEvents(el);
    const ready = oneEvent(el, 'connect-ready');
    // No user gesture: the blocker refuses the popup.
    consumeUserActivation();
    const result = el.start();
    expect(spy.calls.map((w) => w === null)).to.deep.equal([true]);
    // A button's fallback modal opens as soon as the flow's code has loaded (no gesture needed for a dialog).
    await waitUntil(() => el.shadowRoot!.querySelector('dialog'), 'the fallback dialog opens', { timeout: 5000 });
    const dialog = dialogOf(el);
    expect(dialog.open).to.be.true;
    await ready;
    expect(iframeOf(el).src.startsWith(`${sandbox}/connect`)).to.be.true;
    expect(log.names()).to.deep.equal(['connect-open', 'connect-ready']);
    await popup({ action: 'frame-click', urlPrefix: `${sandbox}/connect`, text: 'Allow' });
    expect(await result).to.include({ source: 'github', operation: 'create' });
    expect(dialogOf(el)).to.equal(null);
    expect(spy.calls).to.have.length(1);
  });

  it('reports popup_blocked with fallback="none"', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/api/connect-session" source="github" fallback="none">Connect</connect-button>`);
    const outcome = nextOutcome(el);
    consumeUserActivation();
    el.start().catch(() => {});
    expect((await outcome).detail.code).to.equal('popup_blocked');
    expect(dialogOf(el)).to.equal(null);
  });
});
