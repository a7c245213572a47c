import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ConnectError } from '../core/index.js';
import { ConnectButtonElement } from './connect-button.js';
import {
  consumeUserActivation,
  getServers,
  nextOutcome,
  popup,
  realClick,
  recordEvents,
  useWindowOpenSpy,
} from '../../test/browser/helpers.js';

ConnectButtonElement.define();

const innerButton = (el: ConnectButtonElement) => el.shadowRoot!.querySelector('button')!;

async function requests(): Promise<{ counts: Record<string, number>; lastBody: Record<string, unknown>; headers: Record<string, string> }> {
  return (await fetch('/test-api/requests')).json();
}

describe('<connect-button>', () => {
  const spy = useWindowOpenSpy();

  describe('rendering', () => {
    it('renders a native button named by its slotted label, with parts for styling', async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button source="github">Connect GitHub</connect-button>`);
      const button = innerButton(el);
      expect(button.getAttribute('part')).to.equal('button');
      expect(button.type).to.equal('button');
      expect(el.shadowRoot!.querySelector('[part=spinner]')!.hasAttribute('hidden')).to.be.true;
      // Idle is the default, reflected as no attribute: server HTML and hydration agree on it.
      expect(el.status).to.equal('idle');
      expect(el.hasAttribute('status')).to.be.false;
      await expect(el).to.be.accessible();
    });

    it('falls back to the label "Connect" when nothing is slotted', async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button></connect-button>`);
      const slot = el.shadowRoot!.querySelector('slot:not([name])') as HTMLSlotElement;
      expect(slot.textContent).to.equal('Connect');
      await expect(el).to.be.accessible();
    });

    it('reflects disabled onto the native button', async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button disabled>Connect</connect-button>`);
      expect(innerButton(el).disabled).to.be.true;
      el.disabled = false;
      await el.updateComplete;
      expect(innerButton(el).disabled).to.be.false;
      expect(el.hasAttribute('disabled')).to.be.false;
    });

    it('parses scopes separated by spaces or commas', async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button scopes="repo, read:user  gist"></connect-button>`);
      expect(el.scopes).to.deep.equal(['repo', 'read:user', 'gist']);
    });

    it('ignores a second define of the same tag with a warning instead of throwing', () => {
      const warn = console.warn;
      const warnings: unknown[] = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        expect(() => ConnectButtonElement.define()).not.to.throw();
        class Other extends ConnectButtonElement {}
        expect(() => Other.define()).not.to.throw();
      } finally {
        console.warn = warn;
      }
      expect(warnings).to.have.length(2);
      expect(customElements.get('connect-button')).to.equal(ConnectButtonElement);
    });

    it('fires nothing when a property is set', async () => {
      // Configured so that a click would launch: a session URL and a source.
      const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/test-api/session/delay/200" source="github">Connect</connect-button>`);
      const log = recordEvents(el);
      const documentLog = recordEvents(document);
      el.source = 'spotify';
      el.scopes = ['user-read-email'];
      el.mode = 'popup';
      el.connectionId = 'conn_1';
      el.timeout = 60;
      el.disabled = true;
      await el.updateComplete;
      el.disabled = false;
      await el.updateComplete;
      // A user action after the properties: its connect-open comes after anything they could have fired.
      const opened = oneEvent(el, 'connect-open');
      await realClick(innerButton(el));
      expect((await opened).detail).to.include({ source: 'spotify' });
      expect(log.names()).to.deep.equal(['connect-open']);
      expect(documentLog.names()).to.deep.equal(['connect-open']);
      documentLog.stop();
      el.cancel();
    });
  });

  describe('launching with the popup blocker on', () => {
    it('opens the popup inside the click even when the session endpoint takes 3 s', async () => {
      const { sandbox } = await getServers();
      const el = await fixture<ConnectButtonElement>(
        html`<connect-button session-url="/test-api/session/delay/3000" source="github" scopes="repo">Connect</connect-button>`,
      );
      const opened = oneEvent(el, 'connect-open');
      await realClick(innerButton(el));
      await opened;
      expect(spy.calls).to.have.length(1);
      expect(spy.calls[0] !== null, 'window.open returned a window inside the click').to.be.true;
      expect(el.status).to.equal('loading');
      expect(innerButton(el).getAttribute('aria-busy')).to.equal('true');
      await popup({ action: 'wait-url', startsWith: `${sandbox}/connect`, timeout: 8000 });
      await el.updateComplete;
      expect(el.status).to.equal('open');
      const outcome = nextOutcome(el);
      el.cancel();
      expect((await outcome).type).to.equal('connect-exit');
      expect(spy.calls[0]!.closed).to.be.true;
    });

    it('reports popup_blocked when started without a user gesture and fallback is none, and stays usable', async () => {
      const el = await fixture<ConnectButtonElement>(
        html`<connect-button session-url="/api/connect-session" source="github" fallback="none">Connect</connect-button>`,
      );
      const log = recordEvents(el);
      const before = (await requests()).counts['/api/connect-session'] ?? 0;
      let error: unknown;
      consumeUserActivation();
      try {
        await el.start();
      } catch (e) {
        error = e;
      }
      expect(error).to.be.an.instanceOf(ConnectError);
      expect((error as ConnectError).code).to.equal('popup_blocked');
      expect(log.names()).to.deep.equal(['connect-open', 'connect-error']);
      expect(log.events[1].detail).to.include({ source: 'github', code: 'popup_blocked', retryable: true });
      expect(spy.calls.map((w) => w === null)).to.deep.equal([true]);
      expect((await requests()).counts['/api/connect-session'] ?? 0, 'no session is minted for a blocked popup').to.equal(before);
      expect(el.status).to.equal('error');
      expect(innerButton(el).disabled).to.be.false;
    });

    it('opens nothing when connect-open is cancelled', async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button session-url="/api/connect-session" source="github">Connect</connect-button>`);
      const keepClosed = (e: Event) => e.preventDefault();
      el.addEventListener('connect-open', keepClosed);
      const log = recordEvents(el);
      const before = (await requests()).counts['/api/connect-session'] ?? 0;
      await realClick(innerButton(el));
      // The popup would have opened in the click itself, right after connect-open.
      expect(log.names()).to.deep.equal(['connect-open']);
      expect(spy.calls).to.have.length(0);
      expect(el.status).to.equal('idle');
      // The same button launches once connect-open is let through; only that click asks for a session.
      el.removeEventListener('connect-open', keepClosed);
      await realClick(innerButton(el));
      expect(spy.calls).to.have.length(1);
      await waitUntil(() => el.status === 'open', 'the session answered');
      expect((await requests()).counts['/api/connect-session']).to.equal(before + 1);
      const outcome = nextOutcome(el);
      el.cancel();
      expect((await outcome).type).to.equal('connect-exit');
    });
  });

  describe('a full flow across two origins, against the sandbox', () => {
    async function launch(attrs: { connectionId?: string } = {}) {
      const { sandbox } = await getServers();
      const el = await fixture<ConnectButtonElement>(
        html`<connect-button session-url="/api/connect-session" source="github" scopes="repo read:user" connection-id=${attrs.connectionId ?? ''}>Connect GitHub</connect-button>`,
      );
      const log = recordEvents(el);
      const outcome = nextOutcome(el, 12000);
      // Listen before the click: the sandbox can say ready before a popup command returns.
      const ready = oneEvent(el, 'connect-ready');
      await realClick(innerButton(el));
      await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
      await ready;
      return { el, log, outcome };
    }

    it('fires connect-success with the new connection id when the user allows', async () => {
      const { el, log, outcome } = await launch();
      await popup({ action: 'click', text: 'Allow' });
      const event = await outcome;
      expect(event.type).to.equal('connect-success');
      expect(event.detail).to.include({ source: 'github', operation: 'create' });
      expect(event.detail.connectionId).to.be.a('string').and.not.empty;
      expect(log.names()).to.deep.equal(['connect-open', 'connect-ready', 'connect-event', 'connect-success']);
      expect(log.events[2].detail).to.deep.equal({ source: 'github', name: 'consent_submitted', metadata: { decision: 'allow' } });
      expect(el.status).to.equal('success');
      // The app's backend knows the connection the event named.
      const connection = await (await fetch(`/api/connections/${event.detail.connectionId}`)).json();
      expect(connection).to.include({ id: event.detail.connectionId, source: 'github' });
      await waitUntil(() => spy.calls[0]!.closed, 'the popup closed after the success');
    });

    it('reconnects an existing connection as a reauth with the same id', async () => {
      const first = await launch();
      await popup({ action: 'click', text: 'Allow' });
      const created = await first.outcome;
      const { outcome } = await launch({ connectionId: created.detail.connectionId as string });
      await popup({ action: 'click', text: 'Allow' });
      const event = await outcome;
      expect(event.detail).to.include({ connectionId: created.detail.connectionId, operation: 'reauth' });
    });

    it('fires connect-error user_denied when the user denies, and is simply ready again: idle, no error shown, the message only said', async () => {
      const { el, outcome } = await launch();
      await popup({ action: 'click', text: 'Deny' });
      const event = await outcome;
      expect(event.type).to.equal('connect-error');
      expect(event.detail).to.include({ code: 'user_denied', retryable: true, message: 'Access was not granted.' });
      await el.updateComplete;
      // The user's own "no" is not a failure on screen: no red outline, no error message.
      expect(el.status).to.equal('idle');
      // Reflected as idle, or as no attribute at all (how idle is reflected since server rendering).
      expect(el.getAttribute('status') ?? 'idle', 'the reflected status').to.equal('idle');
      expect(!!el.shadowRoot!.querySelector('[part~=message]'), 'an error message part').to.be.false;
      const live = el.shadowRoot!.querySelector('[role=status]')!;
      expect(live.classList.contains('visually-hidden')).to.be.true;
      expect(live.textContent).to.equal('Access was not granted.');
      expect(innerButton(el).disabled).to.be.false;
    });

    it('with Context Gateway, whose guide shows nothing for user_denied, a denial leaves the button idle with no empty error ring', async () => {
      const { sandbox } = await getServers();
      // Its protocol posts no messages: the denial arrives through the result endpoint once the popup has closed.
      const el = await fixture<ConnectButtonElement>(
        html`<connect-button preset="context-gateway" mode="popup" session-url="/api/connect-session" result-url="/api/connect-result" source="github" scopes="repo"
          >Connect GitHub</connect-button
        >`,
      );
      const outcome = nextOutcome(el, 12000);
      await realClick(innerButton(el));
      await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
      await popup({ action: 'click', text: 'Deny' });
      const event = await outcome;
      expect(event.type).to.equal('connect-error');
      expect(event.detail).to.include({ code: 'user_denied', message: '' });
      await el.updateComplete;
      expect(el.status).to.equal('idle');
      // Reflected as idle, or as no attribute at all (how idle is reflected since server rendering).
      expect(el.getAttribute('status') ?? 'idle', 'the reflected status').to.equal('idle');
      expect(!!el.shadowRoot!.querySelector('[part~=message]'), 'an error message part').to.be.false;
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('');
    });

    it('still shows a failure that is not the user’s choice as an error, with its message', async () => {
      const { el, outcome } = await launch();
      await popup({ action: 'select', label: 'Sandbox outcome', value: 'source_error' });
      await popup({ action: 'click', text: 'Allow' });
      expect((await outcome).detail.code).to.equal('source_error');
      await el.updateComplete;
      expect(el.getAttribute('status')).to.equal('error');
      expect(el.shadowRoot!.querySelector('[part~=message]')!.textContent).to.be.a('string').and.not.empty;
    });

    for (const code of ['source_error', 'provisioning_failed', 'timeout', 'invalid_scope']) {
      it(`fires connect-error ${code} when the sandbox outcome is ${code}`, async () => {
        const { outcome } = await launch();
        await popup({ action: 'select', label: 'Sandbox outcome', value: code });
        await popup({ action: 'click', text: 'Allow' });
        const event = await outcome;
        expect(event.type).to.equal('connect-error');
        expect(event.detail.code).to.equal(code);
        expect(event.detail.message).to.be.a('string').and.not.empty;
      });
    }

    it('fires connect-exit closed when the hosted page closes without a result', async () => {
      const { outcome } = await launch();
      await popup({ action: 'select', label: 'Sandbox outcome', value: 'close' });
      await popup({ action: 'click', text: 'Allow' });
      const event = await outcome;
      expect(event.type).to.equal('connect-exit');
      expect(event.detail).to.deep.equal({ source: 'github', reason: 'closed' });
    });

    it('waits for a slow answer and then succeeds', async () => {
      const { outcome } = await launch();
      await popup({ action: 'select', label: 'Sandbox outcome', value: 'slow' });
      await popup({ action: 'click', text: 'Allow' });
      expect((await outcome).type).to.equal('connect-success');
    });

    it('fires connect-exit closed when the user closes the popup, and the button is usable again', async () => {
      const { el, outcome } = await launch();
      await popup({ action: 'close' });
      const event = await outcome;
      expect(event.detail).to.deep.equal({ source: 'github', reason: 'closed' });
      expect(el.status).to.equal('idle');
      expect(innerButton(el).disabled).to.be.false;
    });
  });
});
