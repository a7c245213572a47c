import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import de from '../locales/de.js';
import { registerTranslation } from '../localize.js';
import { SourceListElement } from './source-list.js';
import type { CatalogSource, SourceConnection } from './catalog.js';
import { deepActiveElement, getServers, nextOutcome, popup, realClick, useWindowOpenSpy } from '../../test/browser/helpers.js';

SourceListElement.define();
registerTranslation(de);

const CATALOG: CatalogSource[] = [
  { id: 'github', name: 'GitHub', category: 'code', scopes: ['repo'] },
  { id: 'spotify', name: 'Spotify', category: 'music' },
  { id: 'strava', name: 'Strava', category: 'fitness' },
];

const items = (el: SourceListElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const itemNamed = (el: SourceListElement, name: string) => items(el).find((item) => item.querySelector('[part="name"]')!.textContent === name);
const action = (el: SourceListElement, name: string, kind: 'connect' | 'reconnect' | 'disconnect') =>
  itemNamed(el, name)?.querySelector<HTMLButtonElement>(`[part~="${kind}"]`) ?? null;
const entries = (form: HTMLFormElement) => [...new FormData(form)].map(([key, value]) => [key, String(value)]);

async function formWithList(template: ReturnType<typeof html>) {
  const form = await fixture<HTMLFormElement>(template);
  const el = form.querySelector('source-list')!;
  await waitUntil(() => items(el).length > 0, 'the items to render', { timeout: 8000 });
  return { form, el };
}

async function listIn(connections: SourceConnection[], attrs: { required?: boolean; submitOnSuccess?: boolean } = {}) {
  return formWithList(
    html`<form method="post">
      <source-list
        name="sources"
        session-url="/api/connect-session"
        ?required=${attrs.required}
        ?submit-on-success=${attrs.submitOnSuccess}
        .sources=${CATALOG}
        .connections=${connections}
      ></source-list
      ><button>Send</button>
    </form>`,
  );
}

describe('<source-list> in a form', () => {
  useWindowOpenSpy();

  it('submits name[<source id>] per connected source: two connected, one disconnected', async () => {
    const { form, el } = await listIn([
      { source: 'github', connectionId: 'conn_gh' },
      { source: 'spotify', connectionId: 'conn_sp' },
      { source: 'strava', connectionId: 'conn_st' },
    ]);
    expect(entries(form)).to.deep.equal([
      ['sources[github]', 'conn_gh'],
      ['sources[spotify]', 'conn_sp'],
      ['sources[strava]', 'conn_st'],
    ]);
    const disconnect = oneEvent(el, 'connect-disconnect');
    await realClick(action(el, 'Strava', 'disconnect')!);
    await disconnect;
    await waitUntil(() => action(el, 'Strava', 'connect'), 'Strava offers Connect again');
    expect(entries(form)).to.deep.equal([
      ['sources[github]', 'conn_gh'],
      ['sources[spotify]', 'conn_sp'],
    ]);
    expect(el.value).to.deep.equal({ github: 'conn_gh', spotify: 'conn_sp' });
    expect(el.matches(':state(connected)')).to.be.true;
  });

  it('keeps a required form from submitting while no source is connected, in the page’s language, and focuses the list', async () => {
    const { form, el } = await listIn([], { required: true });
    const submits: Event[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submits.push(event);
    });
    const invalid = oneEvent(el, 'invalid');
    await realClick(form.querySelector(':scope > button')!);
    await invalid;
    expect(submits).to.have.length(0);
    expect(el.validationMessage).to.equal('Connect at least one source to continue.');
    expect(el.reportValidity()).to.be.false;
    expect(el.shadowRoot!.contains(deepActiveElement()), 'focus in the list').to.be.true;
    form.lang = 'de';
    await waitUntil(() => el.validationMessage === 'Verbinden Sie mindestens eine Quelle, um fortzufahren.', 'the German message');
    el.connections = [{ source: 'spotify', connectionId: 'conn_sp' }];
    await el.updateComplete;
    expect(el.checkValidity()).to.be.true;
  });

  it('adds the source a flow connects, and submits once with submit-on-success', async () => {
    const { sandbox } = await getServers();
    const { form, el } = await listIn([{ source: 'spotify', connectionId: 'conn_sp' }], { submitOnSuccess: true });
    const posted: string[][][] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      posted.push(entries(form));
    });
    const outcome = nextOutcome(el, 12000);
    await realClick(action(el, 'GitHub', 'connect')!);
    await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
    await popup({ action: 'click', text: 'Allow' });
    const event = await outcome;
    expect(event.type).to.equal('connect-success');
    await waitUntil(() => posted.length > 0, 'the form submitted');
    await el.updateComplete;
    expect(posted).to.deep.equal([
      [
        ['sources[github]', event.detail.connectionId as string],
        ['sources[spotify]', 'conn_sp'],
      ],
    ]);
  });

  it('form.reset() goes back to the connections the page gave', async () => {
    const { form, el } = await listIn([{ source: 'github', connectionId: 'conn_gh' }]);
    await realClick(action(el, 'GitHub', 'disconnect')!);
    await waitUntil(() => entries(form).length === 0, 'GitHub left the form');
    form.reset();
    expect(entries(form)).to.deep.equal([['sources[github]', 'conn_gh']]);
    await el.updateComplete;
    expect(action(el, 'GitHub', 'reconnect')).to.exist;
  });

  it('is disabled by a disabled fieldset: its buttons are, and it submits nothing', async () => {
    const form = await fixture<HTMLFormElement>(html`<form method="post"><fieldset disabled><source-list name="sources" .sources=${CATALOG} .connections=${[{ source: 'github', connectionId: 'conn_gh' }]}></source-list></fieldset></form>`);
    const el = form.querySelector('source-list')!;
    await waitUntil(() => items(el).length > 0, 'the items to render');
    expect(el.matches(':disabled')).to.be.true;
    expect(action(el, 'GitHub', 'reconnect')!.disabled).to.be.true;
    expect(action(el, 'GitHub', 'disconnect')!.disabled).to.be.true;
    expect(action(el, 'Spotify', 'connect')!.disabled).to.be.true;
    expect(entries(form)).to.deep.equal([]);
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    expect(action(el, 'Spotify', 'connect')!.disabled).to.be.false;
    expect(entries(form)).to.deep.equal([['sources[github]', 'conn_gh']]);
  });

  it('restores the connections the browser kept for back/forward, and only ids safe to render', async () => {
    const { form, el } = await listIn([]);
    const kept = new FormData();
    kept.append('github', 'conn_gh');
    kept.append('spotify', '<img src=x onerror=alert(1)>');
    el.formStateRestoreCallback(kept, 'restore');
    await waitUntil(() => entries(form).length > 0, 'the restored connections');
    expect(entries(form)).to.deep.equal([['sources[github]', 'conn_gh']]);
  });

  it('never puts an id that is unsafe to render in the form', async () => {
    const { form, el } = await listIn([
      { source: 'github', connectionId: '"><script>alert(1)</script>' },
      { source: 'spotify', connectionId: 'conn_sp' },
      { source: 'strava', connectionId: 'has space' },
    ]);
    expect(entries(form)).to.deep.equal([['sources[spotify]', 'conn_sp']]);
    expect(el.value).to.deep.equal({ spotify: 'conn_sp' });
  });
});
