// Server-rendered elements hydrate: the HTML @lit-labs/ssr wrote (test/servers/ssr-render.mjs,
// served at /__ssr) is parsed with its declarative shadow roots, then upgraded with Lit's
// hydrate support, which must load before Lit itself (this file's first import).
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConnectButtonElement } from '../../src/connect-button/connect-button.js';
import type { ConnectModalElement } from '../../src/connect-modal/connect-modal.js';
import type { SourceListElement } from '../../src/source-list/source-list.js';
import { registerTranslation } from '../../src/localize.js';
import de from '../../src/locales/de.js';
import { getServers, popup, realClick, useWindowOpenSpy } from './helpers.js';

registerTranslation(de);

const SOURCES = [
  { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories & <b>issues</b>' },
  { id: 'gitlab', name: 'GitLab', category: 'code' },
];

/** The server's HTML of one case, parsed (declarative shadow roots attached) but not yet in the document. */
async function serverHtml(name: string, attrs: Record<string, string> = {}): Promise<HTMLElement> {
  const response = await fetch(`/__ssr?case=${name}`);
  expect(response.status, await response.clone().text()).to.equal(200);
  const holder = document.createElement('div');
  for (const [attr, value] of Object.entries(attrs)) holder.setAttribute(attr, value);
  holder.setHTMLUnsafe(await response.text());
  return holder;
}

/** Console warnings and errors while a test runs: hydration must cause none. */
function recordConsole(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => (messages.push(`warn: ${args.map(String).join(' ')}`), warn.apply(console, args));
  console.error = (...args: unknown[]) => (messages.push(`error: ${args.map(String).join(' ')}`), error.apply(console, args));
  return { messages, restore: () => Object.assign(console, { warn, error }) };
}

/** Puts the server's HTML in the page (the elements upgrade and hydrate) and waits for their updates, the one after hydration included. */
async function hydrate<T extends HTMLElement & { updateComplete: Promise<boolean> }>(holder: HTMLElement, tag: string): Promise<T> {
  document.body.append(holder);
  const el = holder.querySelector(tag) as T;
  await el.updateComplete;
  await el.updateComplete;
  return el;
}

describe('server-rendered elements hydrate', () => {
  useWindowOpenSpy();
  let console_: ReturnType<typeof recordConsole>;
  let holder: HTMLElement | undefined;
  beforeEach(() => (console_ = recordConsole()));
  afterEach(() => {
    console_.restore();
    holder?.remove();
    holder = undefined;
  });

  it('shows a styled <connect-button> before any script runs, keeps its nodes, and runs a real flow after hydration', async () => {
    const { sandbox } = await getServers();
    holder = await serverHtml('button');
    const server = holder.querySelector('connect-button')!;
    const serverButton = server.shadowRoot!.querySelector('button[part=button]');
    expect(serverButton, 'the server wrote the native button').to.exist;
    expect(server.shadowRoot!.querySelector('style')!.textContent).to.include('--connect-button-background');
    expect(server.hasAttribute('status'), 'the default status is no attribute').to.be.false;

    const el = await hydrate<ConnectButtonElement>(holder, 'connect-button');
    expect(el.shadowRoot!.querySelectorAll('button[part=button]')).to.have.length(1);
    expect(el.shadowRoot!.querySelector('button[part=button]'), 'hydrated, not rendered anew').to.equal(serverButton);
    expect(getComputedStyle(serverButton!).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    expect(el.hasAttribute('status')).to.be.false;
    expect(console_.messages).to.deep.equal([]);

    const success = oneEvent(el, 'connect-success');
    await realClick(serverButton!);
    await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
    await popup({ action: 'click', text: 'Allow' });
    const { detail } = await success;
    expect(detail.source).to.equal('github');
    expect(detail.connectionId).to.be.a('string').and.not.empty;
    expect(el.shadowRoot!.querySelectorAll('button[part=button]')).to.have.length(1);
  });

  it('renders English on the server and takes the page\'s language once hydrated', async () => {
    holder = await serverHtml('button', { lang: 'de' });
    const label = () => holder!.querySelector('connect-button')!.shadowRoot!.querySelector('slot:not([name])')!.textContent;
    // The server saw no ancestor: English, as hydration renders it too (the slot's fallback text).
    expect(label()).to.equal('Connect');
    const el = await hydrate<ConnectButtonElement>(holder, 'connect-button');
    await waitUntil(() => label() === 'Verbinden', 'German after hydration');
    expect(el.shadowRoot!.querySelectorAll('button[part=button]')).to.have.length(1);
    expect(console_.messages).to.deep.equal([]);
  });

  it('renders the element\'s own lang on the server and hydrates it unchanged', async () => {
    holder = await serverHtml('button-de');
    const slot = () => holder!.querySelector('connect-button')!.shadowRoot!.querySelector('slot:not([name])')!;
    expect(slot().textContent).to.equal('Verbinden');
    const text = slot().firstChild;
    await hydrate<ConnectButtonElement>(holder, 'connect-button');
    expect(slot().textContent).to.equal('Verbinden');
    expect(slot().firstChild, 'the same text node').to.equal(text);
    expect(console_.messages).to.deep.equal([]);
  });

  it('hydrates <connect-modal> and opens it after hydration', async () => {
    holder = await serverHtml('modal');
    const el = await hydrate<ConnectModalElement>(holder, 'connect-modal');
    expect(el.shadowRoot!.querySelectorAll('dialog')).to.have.length.at.most(1);
    expect(console_.messages).to.deep.equal([]);
  });

  it('hydrates <source-list> with the sources the server rendered, as text, keeping its items', async () => {
    holder = await serverHtml('list');
    const server = holder.querySelector('source-list')!;
    const items = [...server.shadowRoot!.querySelectorAll('[part~=item]')];
    expect(items.map((item) => item.querySelector('[part=name]')!.textContent)).to.deep.equal(['GitHub', 'GitLab']);
    // Catalog text is text on the server too.
    expect(server.shadowRoot!.querySelector('b')).to.equal(null);
    // The page sets what the server had before the element upgrades (as a hydrating framework does).
    Object.assign(server, { sources: SOURCES, connections: [{ source: 'gitlab', connectionId: 'conn_1' }] });

    const el = await hydrate<SourceListElement>(holder, 'source-list');
    const after = [...el.shadowRoot!.querySelectorAll('[part~=item]')];
    expect(after).to.have.length(2);
    expect(after[0], 'hydrated, not rendered anew').to.equal(items[0]);
    expect(el.shadowRoot!.querySelectorAll('[part=list]')).to.have.length(1);
    expect(after[1]!.getAttribute('part')).to.include('item-connected');
    expect(el.hasAttribute('layout'), 'the default layout is no attribute').to.be.false;
    expect(console_.messages).to.deep.equal([]);

    // Alive: the search filters.
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('[part=search]')!;
    search.value = 'lab';
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=item]').length === 1, 'filtered to GitLab');
  });

  it('renders a <source-list> anew, once, when the page did not set the sources the server rendered', async () => {
    holder = await serverHtml('list');
    const el = await hydrate<SourceListElement>(holder, 'source-list');
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~=item]'), 'the server\'s items are gone');
    expect(el.shadowRoot!.querySelectorAll('[part=toolbar]'), 'one copy, never two').to.have.length(1);
    expect(el.shadowRoot!.querySelector('[part=empty]')).to.exist;
    expect(console_.messages.filter((m) => m.includes('<source-list>'))).to.have.length(1);
  });

  it('hydrates a <source-list> the server rendered loading, then shows the catalog it fetches', async () => {
    holder = await serverHtml('list-url');
    expect(holder.querySelector('source-list')!.shadowRoot!.querySelector('[part~=list-loading]')).to.exist;
    const el = await hydrate<SourceListElement>(holder, 'source-list');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=item]').length > 0, 'the catalog rendered', { timeout: 10000 });
    expect(el.shadowRoot!.querySelectorAll('[part=toolbar]')).to.have.length(1);
    expect(console_.messages).to.deep.equal([]);
  });
});
