import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { SessionRequest } from '../core/index.js';
import de from '../locales/de.js';
import { registerTranslation } from '../localize.js';
import { ConnectButtonElement } from './connect-button.js';
import { deepActiveElement, getServers, nextOutcome, popup, posterUrl, realClick, useWindowOpenSpy, warningsDuring } from '../../test/browser/helpers.js';

ConnectButtonElement.define();
registerTranslation(de);

const innerButton = (el: ConnectButtonElement) => el.shadowRoot!.querySelector('button')!;
const formOf = async (template: ReturnType<typeof html>) => {
  const form = await fixture<HTMLFormElement>(template);
  const el = form.querySelector('connect-button')!;
  await el.updateComplete;
  return { form, el };
};
/** Counts the form's submissions and keeps the page where it is. */
const countSubmits = (form: HTMLFormElement) => {
  const submits: SubmitEvent[] = [];
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submits.push(event as SubmitEvent);
  });
  return submits;
};

describe('<connect-button> in a form', () => {
  const spy = useWindowOpenSpy();

  /** Runs a real flow against the sandbox and clicks `choice` in its popup. */
  async function connectThroughSandbox(el: ConnectButtonElement, choice: 'Allow' | 'Deny' = 'Allow', outcome?: string) {
    const { sandbox } = await getServers();
    const ended = nextOutcome(el, 12000);
    const ready = oneEvent(el, 'connect-ready');
    await realClick(innerButton(el));
    await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
    await ready;
    if (outcome) await popup({ action: 'select', label: 'Sandbox outcome', value: outcome });
    await popup({ action: 'click', text: choice });
    return ended;
  }

  it('is a form-associated control: its form, no value without a connection, and the connection-id it was given', async () => {
    const { form, el } = await formOf(html`<form method="post"><connect-button name="github" source="github" connection-id="conn_given"></connect-button></form>`);
    expect(el.form).to.equal(form);
    expect(el.value).to.equal('conn_given');
    expect(new FormData(form).get('github')).to.equal('conn_given');
    expect(el.matches(':state(connected)')).to.be.true;
    el.connectionId = '';
    await el.updateComplete;
    expect(new FormData(form).has('github')).to.be.false;
    expect(el.value).to.equal('');
    expect(el.matches(':state(connected)')).to.be.false;
  });

  it('submits the id of its last successful flow, already when connect-success is heard, and keeps it over a connection-id set since', async () => {
    const { form, el } = await formOf(
      html`<form method="post"><connect-button name="github" session-url="/api/connect-session" source="github" scopes="repo">Connect GitHub</connect-button></form>`,
    );
    let heard: FormDataEntryValue | null = null;
    // A capturing listener on the document hears the event first of all.
    document.addEventListener('connect-success', () => (heard = new FormData(form).get('github')), { once: true, capture: true });
    const event = await connectThroughSandbox(el);
    expect(event.type).to.equal('connect-success');
    const id = event.detail.connectionId as string;
    expect(id).to.be.a('string').and.not.empty;
    expect(heard).to.equal(id);
    expect(new FormData(form).get('github')).to.equal(id);
    expect(el.value).to.equal(id);
    el.connectionId = 'conn_other';
    await el.updateComplete;
    expect(new FormData(form).get('github')).to.equal(id);
  });

  it('keeps a required form from submitting, with the message naming the source, and focuses the button', async () => {
    const { form, el } = await formOf(
      html`<form method="post"><connect-button name="github" source="github" source-name="GitHub" required></connect-button><button>Send</button></form>`,
    );
    const submits = countSubmits(form);
    const invalid = oneEvent(el, 'invalid');
    await realClick(form.querySelector(':scope > button')!);
    await invalid;
    expect(submits).to.have.length(0);
    expect(el.validity!.valueMissing).to.be.true;
    expect(el.validationMessage).to.equal('Connect \u2068GitHub\u2069 to continue.');
    expect(deepActiveElement()).to.equal(innerButton(el));
    expect(el.matches(':invalid')).to.be.true;
  });

  it('words the required message in the element’s language, and follows a change of it', async () => {
    const { el } = await formOf(html`<form method="post" lang="de"><connect-button name="github" source="github" source-name="GitHub" required></connect-button></form>`);
    expect(el.validationMessage).to.equal('Verbinden Sie \u2068GitHub\u2069, um fortzufahren.');
    el.closest('form')!.lang = 'en';
    await waitUntil(() => el.validationMessage === 'Connect \u2068GitHub\u2069 to continue.', 'the English message');
  });

  it('names the source by its source attribute when it has no source-name', async () => {
    const { el } = await formOf(html`<form method="post"><connect-button name="x" source="calendar" required></connect-button></form>`);
    expect(el.validationMessage).to.equal('Connect \u2068calendar\u2069 to continue.');
  });

  it('reportValidity() shows the message and focuses the button; checkValidity() does not focus', async () => {
    const { form, el } = await formOf(html`<form method="post"><input id="other" /><connect-button name="github" source="github" required></connect-button></form>`);
    form.querySelector<HTMLInputElement>('#other')!.focus();
    expect(el.checkValidity()).to.be.false;
    expect(deepActiveElement()).to.equal(form.querySelector('#other'));
    expect(el.reportValidity()).to.be.false;
    expect(deepActiveElement()).to.equal(innerButton(el));
  });

  it('is valid and submits once it holds a connection', async () => {
    const { form, el } = await formOf(html`<form method="post"><connect-button name="github" source="github" required></connect-button><button>Send</button></form>`);
    const submits = countSubmits(form);
    el.connectionId = 'conn_1';
    await el.updateComplete;
    expect(el.checkValidity()).to.be.true;
    await realClick(form.querySelector(':scope > button')!);
    await waitUntil(() => submits.length === 1, 'the form submitted');
  });

  it('form.reset() goes back to the connection-id it was given', async () => {
    const { form, el } = await formOf(
      html`<form method="post"><connect-button name="github" session-url="/api/connect-session" source="github">Connect GitHub</connect-button></form>`,
    );
    const event = await connectThroughSandbox(el);
    // Given after the flow (the sandbox refuses to reconnect an id it never made): the flow's id still wins until the reset.
    el.setAttribute('connection-id', 'conn_given');
    await el.updateComplete;
    expect(new FormData(form).get('github')).to.equal(event.detail.connectionId);
    form.reset();
    expect(new FormData(form).get('github')).to.equal('conn_given');
    expect(el.value).to.equal('conn_given');
  });

  it('is disabled by a disabled fieldset: shown disabled, not validated, not submitted', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form method="post"><fieldset disabled><connect-button name="github" source="github" connection-id="conn_1" required></connect-button></fieldset></form>`,
    );
    const el = form.querySelector('connect-button')!;
    await el.updateComplete;
    expect(el.matches(':disabled')).to.be.true;
    expect(innerButton(el).disabled).to.be.true;
    expect(el.willValidate).to.be.false;
    expect(new FormData(form).has('github')).to.be.false;
    form.querySelector('fieldset')!.disabled = false;
    await waitUntil(() => !innerButton(el).disabled, 'enabled with its fieldset');
    expect(new FormData(form).get('github')).to.equal('conn_1');
  });

  it('is named and focused by its <label for>', async () => {
    const { form, el } = await formOf(html`<form method="post"><label for="gh">Your code host</label><connect-button id="gh" name="github" source="github"></connect-button></form>`);
    const label = form.querySelector('label')!;
    expect(el.internals!.labels.length).to.equal(1);
    expect(el.internals!.labels[0] === label, 'the label').to.be.true;
    await realClick(label);
    expect(deepActiveElement()).to.equal(innerButton(el));
    expect(spy.calls).to.have.length(0);
  });

  describe('submit-on-success', () => {
    it('submits its form once after a successful flow, with the new id', async () => {
      const { form, el } = await formOf(
        html`<form method="post"><connect-button name="github" session-url="/api/connect-session" source="github" submit-on-success required>Connect GitHub</connect-button></form>`,
      );
      const posted: (FormDataEntryValue | null)[] = [];
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        posted.push(new FormData(form).get('github'));
      });
      const event = await connectThroughSandbox(el);
      await waitUntil(() => posted.length > 0, 'the form submitted');
      expect(posted).to.deep.equal([event.detail.connectionId]);
    });

    it('submits once when the hosted page reports its success twice', async () => {
      const { posterPorts } = await getServers();
      const { form, el } = await formOf(html`<form method="post"><connect-button name="github" source="github" submit-on-success>Connect</connect-button></form>`);
      const submits = countSubmits(form);
      const success = (state: string) => ({ protocol: 'connect-elements', version: 1, state, type: 'success', connectionId: 'conn_twice', operation: 'create' });
      const done = 'both successes posted';
      el.fetchSession = async (request: SessionRequest) => ({
        connectUrl: posterUrl('127.0.0.1', posterPorts[0], { posts: [{ data: success(request.state), delay: 200 }, { data: success(request.state) }, { data: done }] }),
        messageOrigin: `http://127.0.0.1:${posterPorts[0]}`,
      });
      const outcome = nextOutcome(el);
      const bothPosted = new Promise<void>((resolve) => addEventListener('message', function on(event) {
        if (event.data !== done) return;
        removeEventListener('message', on);
        resolve();
      }));
      await realClick(innerButton(el));
      expect((await outcome).type).to.equal('connect-success');
      await bothPosted;
      await el.updateComplete;
      expect(submits).to.have.length(1);
      expect(new FormData(form).get('github')).to.equal('conn_twice');
    });

    it('never submits after a flow that ends in an error, a denial or an exit', async () => {
      const { form, el } = await formOf(
        html`<form method="post"><connect-button name="github" session-url="/api/connect-session" source="github" submit-on-success>Connect GitHub</connect-button></form>`,
      );
      const submits = countSubmits(form);
      expect((await connectThroughSandbox(el, 'Allow', 'source_error')).detail.code).to.equal('source_error');
      expect(el.matches(':state(error)')).to.be.true;
      expect((await connectThroughSandbox(el, 'Deny')).detail.code).to.equal('user_denied');
      // The user's own "no" is no error to style.
      expect(el.matches(':state(error)')).to.be.false;
      const { sandbox } = await getServers();
      const exited = nextOutcome(el, 12000);
      await realClick(innerButton(el));
      await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
      await popup({ action: 'close' });
      expect((await exited).type).to.equal('connect-exit');
      await el.updateComplete;
      expect(submits).to.have.length(0);
      expect(new FormData(form).has('github')).to.be.false;
    });
  });

  it('warns once that a GET form would put connection ids in the address bar', async () => {
    const warnings = await warningsDuring(async () => {
      const { el } = await formOf(html`<form><connect-button name="github" source="github" connection-id="conn_1"></connect-button></form>`);
      el.connectionId = 'conn_2';
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
    });
    expect(warnings.filter((w) => w.includes('method="get"'))).to.have.length(1);
  });

  it('does not warn for a form whose action is script, as React 19 writes for its form actions', async () => {
    const warnings = await warningsDuring(async () => {
      await formOf(html`<form action="javascript:throw new Error('not sent')"><connect-button name="github" source="github" connection-id="conn_1"></connect-button></form>`);
    });
    expect(warnings.filter((w) => w.includes('method="get"'))).to.have.length(0);
  });

  it('submits under a name set as a property, as frameworks set it', async () => {
    const { form, el } = await formOf(html`<form method="post"><connect-button source="github" connection-id="conn_1"></connect-button></form>`);
    // No name, no attribute: server HTML and hydration agree (the default reflects as nothing).
    expect(el.hasAttribute('name')).to.be.false;
    expect([...new FormData(form)]).to.deep.equal([]);
    el.name = 'github';
    await el.updateComplete;
    expect(el.getAttribute('name')).to.equal('github');
    expect(new FormData(form).get('github')).to.equal('conn_1');
  });

  it('does not warn for a POST form', async () => {
    const warnings = await warningsDuring(async () => {
      await formOf(html`<form method="post"><connect-button name="github" source="github" connection-id="conn_1"></connect-button></form>`);
    });
    expect(warnings.filter((w) => w.includes('method="get"'))).to.have.length(0);
  });

  it('shows :state(loading) while the session loads and :state(open) while the window is', async () => {
    const { sandbox } = await getServers();
    const { el } = await formOf(html`<form method="post"><connect-button session-url="/test-api/session/delay/1500" source="github">Connect</connect-button></form>`);
    const outcome = nextOutcome(el, 12000);
    await realClick(innerButton(el));
    await waitUntil(() => el.matches(':state(loading)'), ':state(loading)');
    expect(el.matches(':state(open)')).to.be.false;
    await waitUntil(() => el.matches(':state(open)'), ':state(open)', { timeout: 8000 });
    expect(el.matches(':state(loading)')).to.be.false;
    expect(sandbox).to.be.a('string');
    el.cancel();
    await outcome;
    await el.updateComplete;
    expect(el.matches(':state(open)')).to.be.false;
  });

  it('shows :state(waiting) while a severed popup’s result may still come, then :state(connected)', async () => {
    const { coopHost } = await getServers();
    const returnPage = new URL('/test/pages/return.html', location.href).href;
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github" mode="popup" redirect-url=${returnPage}>Connect</connect-button>`);
    // A hosted page that severs its popup (COOP), then returns the result through the popup's return page.
    el.fetchSession = async (request: SessionRequest) =>
      (
        await fetch(`${coopHost}/mint`, {
          method: 'POST',
          body: JSON.stringify({ coop: true, delayMs: 2000, connectionId: 'conn_waited', origin: request.origin, state: request.state, redirectUrl: request.redirectUrl }),
        })
      ).json();
    const outcome = nextOutcome(el, 10000);
    await realClick(innerButton(el));
    await waitUntil(() => el.matches(':state(waiting)'), ':state(waiting)', { timeout: 5000 });
    expect(el.matches(':state(open)'), 'open and waiting are apart').to.be.false;
    expect((await outcome).type).to.equal('connect-success');
    await el.updateComplete;
    expect(el.matches(':state(waiting)')).to.be.false;
    expect(el.matches(':state(connected)')).to.be.true;
    expect(el.value).to.equal('conn_waited');
  });

  describe('against hostile input', () => {
    it('never puts an id that is unsafe to render in the form, from connection-id', async () => {
      const { form, el } = await formOf(html`<form method="post"><connect-button name="github" source="github" connection-id="<img src=x onerror=alert(1)>" required></connect-button></form>`);
      expect(new FormData(form).has('github')).to.be.false;
      expect(el.value).to.equal('');
      expect(el.validity!.valueMissing).to.be.true;
    });

    it('never puts an id that is unsafe to render in the form when a flow reports one', async () => {
      const { posterPorts } = await getServers();
      const { form, el } = await formOf(html`<form method="post"><connect-button name="github" source="github" submit-on-success>Connect</connect-button></form>`);
      const submits = countSubmits(form);
      const done = 'unsafe success posted';
      el.fetchSession = async (request: SessionRequest) => ({
        connectUrl: posterUrl('127.0.0.1', posterPorts[0], {
          posts: [
            { data: { protocol: 'connect-elements', version: 1, state: request.state, type: 'success', connectionId: '"><script>alert(1)</script>', operation: 'create' }, delay: 200 },
            { data: { protocol: 'connect-elements', version: 1, state: request.state, type: 'success', connectionId: 'conn x', operation: 'create' } },
            { data: done },
          ],
        }),
        messageOrigin: `http://127.0.0.1:${posterPorts[0]}`,
      });
      const posted = new Promise<void>((resolve) => addEventListener('message', function on(event) {
        if (event.data !== done) return;
        removeEventListener('message', on);
        resolve();
      }));
      const outcome = nextOutcome(el);
      await realClick(innerButton(el));
      await posted;
      el.cancel();
      expect((await outcome).type).to.equal('connect-exit');
      expect(new FormData(form).has('github')).to.be.false;
      expect(el.value).to.equal('');
      expect(submits).to.have.length(0);
    });

    it('ignores a restored state that is not a safe id, and what autofill offers', async () => {
      const { form, el } = await formOf(html`<form method="post"><connect-button name="github" source="github" connection-id="conn_1"></connect-button></form>`);
      el.formStateRestoreCallback('<b>x</b>', 'restore');
      el.formStateRestoreCallback('conn_autofilled', 'autocomplete');
      // A genuine restore after them: once it is in, the two before it have been handled.
      el.formStateRestoreCallback('conn_restored', 'restore');
      await waitUntil(() => el.value === 'conn_restored', 'the restored id');
      expect(new FormData(form).get('github')).to.equal('conn_restored');
      el.formStateRestoreCallback('<b>x</b>', 'restore');
      el.formStateRestoreCallback('conn_later', 'restore');
      await waitUntil(() => el.value === 'conn_later', 'the later id');
    });
  });
});
