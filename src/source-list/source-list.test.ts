import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SourceListElement } from './source-list.js';
import type { CatalogSource, SourceConnection } from './catalog.js';
import { getServers, nextOutcome, popup, realClick, recordEvents, spyOnWindowOpen } from '../../test/browser/helpers.js';

SourceListElement.define();

const CATALOG: CatalogSource[] = [
  { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories, issues and pull requests.', scopes: ['repo', 'read:user'] },
  { id: 'gitlab', name: 'GitLab', category: 'code', description: 'Projects and merge requests.', status: 'beta' },
  { id: 'spotify', name: 'Spotify', category: 'music', description: 'Listening history and playlists.' },
  { id: 'apple-music', name: 'Apple Music', category: 'music', description: 'Library and recently played.', status: 'coming_soon' },
  { id: 'strava', name: 'Strava', category: 'fitness', description: 'Runs, rides and training load.' },
];

const shadow = (el: SourceListElement) => el.shadowRoot!;
const items = (el: SourceListElement) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="item"]')];
const names = (el: SourceListElement) =>
  items(el)
    .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    .map((item) => item.querySelector('[part="name"]')!.textContent);
const itemNamed = (el: SourceListElement, name: string) => items(el).find((item) => item.querySelector('[part="name"]')!.textContent === name);
const action = (item: Element | undefined, kind: 'connect' | 'reconnect' | 'disconnect') => item?.querySelector<HTMLButtonElement>(`[part~="${kind}"]`) ?? null;
const focused = (el: SourceListElement) => shadow(el).activeElement as HTMLElement | null;
const announcement = (el: SourceListElement) => shadow(el).querySelector('[role="status"]')!.textContent!.trim();
const dataUrl = (body: unknown) => `data:application/json,${encodeURIComponent(JSON.stringify(body))}`;

/** Selects all the text of the focused field, as the user would. */
async function selectAll(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** A virtualized list: the virtualizer's element, on which it sets its inline styles. */
const virtualized = (el: SourceListElement) => !!shadow(el).querySelector('[part="list"].virtual');

/** Waits for items in the DOM and, in a virtualized list, for the virtualizer to have placed them (real clicks aim at them). */
async function rendered(el: SourceListElement, message = 'the items to render'): Promise<void> {
  const placed = () => !virtualized(el) || items(el).every((item) => item.style.position === 'absolute');
  await waitUntil(() => items(el).length > 0 && !shadow(el).querySelector('[part="list"][aria-busy]') && placed(), message, { timeout: 8000 });
  await frame();
  await frame();
}

/** Waits until the rendered items reach the bottom of the list's view: the virtualizer has filled it. */
async function filled(el: SourceListElement): Promise<void> {
  const list = shadow(el).querySelector('[part="list"]')!;
  const bottom = () => Math.max(...items(el).map((item) => item.getBoundingClientRect().bottom));
  await waitUntil(() => bottom() >= list.getBoundingClientRect().bottom, 'the view filled with items', { timeout: 4000 });
}

async function showsNames(el: SourceListElement, expected: string[]): Promise<void> {
  await waitUntil(() => JSON.stringify(names(el)) === JSON.stringify(expected), `expected ${expected.join(', ')}, shows ${names(el).join(', ')}`, { timeout: 4000 });
}

async function listOf(sources: unknown, attrs: { connections?: SourceConnection[]; layout?: string; disconnectUrl?: string } = {}) {
  const el = await fixture<SourceListElement>(
    html`<source-list
      session-url="/api/connect-session"
      layout=${attrs.layout ?? 'list'}
      disconnect-url=${attrs.disconnectUrl ?? ''}
      .sources=${sources}
      .connections=${attrs.connections ?? []}
    ></source-list>`,
  );
  await rendered(el);
  return el;
}

function generated(count: number): CatalogSource[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `source-${i}`,
    name: `Source ${i}`,
    category: `category-${i % 7}`,
    description: `Generated source number ${i}.`,
  }));
}

/** Replaces window.fetch for one test; every call is recorded. */
function stubFetch(impl: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const original = window.fetch;
  const calls: { url: string; init?: RequestInit }[] = [];
  window.fetch = (input, init) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), init });
    return impl(input, init);
  };
  return { calls, original, restore: () => (window.fetch = original) };
}

describe('<source-list>', () => {
  // The tests below are about what a list shows as its own data loads. The code it renders
  // sources with loads with the first list on a page (its own, e2e-tested case): in before
  // they start, so that a first render shows the catalog's loading, not that code's.
  before(async () => {
    const first = await fixture<SourceListElement>(html`<source-list></source-list>`);
    first.remove();
  });

  let spy: ReturnType<typeof spyOnWindowOpen>;
  let restoreFetch: (() => void) | undefined;
  beforeEach(() => {
    spy = spyOnWindowOpen();
  });
  afterEach(() => {
    restoreFetch?.();
    restoreFetch = undefined;
    spy.restore();
    for (const win of spy.calls) win?.close();
  });

  describe('the catalog', () => {
    it('loads the live catalog from catalog-url, showing a busy list until it arrives', async () => {
      const { sandbox } = await getServers();
      const el = await fixture<SourceListElement>(html`<source-list catalog-url="/api/sources"></source-list>`);
      const list = shadow(el).querySelector('[role="list"]')!;
      expect(list.getAttribute('aria-busy')).to.equal('true');
      expect(list.getAttribute('aria-label')).to.equal('Sources');
      expect(shadow(el).querySelector('[part~="loading"]')).to.exist;
      await rendered(el);
      expect(shadow(el).querySelector('[part~="loading"]')).to.be.null;
      expect(shadow(el).querySelector('[role="list"]')!.hasAttribute('aria-busy')).to.be.false;

      const github = itemNamed(el, 'GitHub')!;
      expect(github.getAttribute('role')).to.equal('listitem');
      expect(github.querySelector('[part="description"]')!.textContent).to.equal('Repositories, issues and pull requests.');
      expect(github.querySelector('[part="category"]')!.textContent).to.equal('Code');
      expect(github.querySelector('img[part="icon"]')!.getAttribute('src')).to.equal(`${sandbox}/icons/github.svg`);
      expect(action(github, 'connect')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Connect GitHub');
      expect(itemNamed(el, 'Bitbucket')!.querySelector('[part~="badge-beta"]')!.textContent).to.equal('Beta');
      await expect(el).to.be.accessible();
    });

    it('accepts a JSON array or { sources: [...] } from catalog-url', async () => {
      const el = await fixture<SourceListElement>(html`<source-list catalog-url=${dataUrl(CATALOG.slice(0, 2))}></source-list>`);
      await showsNames(el, ['GitHub', 'GitLab']);
      el.catalogUrl = dataUrl({ sources: CATALOG.slice(2, 3) });
      await showsNames(el, ['Spotify']);
    });

    it('renders the sources property when there is no catalog-url, in catalog order', async () => {
      const el = await listOf(CATALOG);
      await showsNames(el, ['GitHub', 'GitLab', 'Spotify', 'Apple Music', 'Strava']);
      el.sources = CATALOG.slice(4);
      await showsNames(el, ['Strava']);
    });

    it('shows an error with a Retry button when the catalog cannot be loaded', async () => {
      const el = await fixture<SourceListElement>(html`<source-list catalog-url="/api/nope"></source-list>`);
      await waitUntil(() => shadow(el).querySelector('[part="error"]'), 'the error state', { timeout: 5000 });
      expect(shadow(el).querySelector('[part="error"] [role="alert"]')!.textContent!.trim()).to.equal('The sources could not be loaded.');
      expect(shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.textContent).to.equal('Retry');
      await expect(el).to.be.accessible();
      el.setAttribute('catalog-url', '/api/sources');
      await rendered(el, 'the catalog after fixing catalog-url');
      expect(shadow(el).querySelector('[part="error"]')).to.be.null;
    });

    it('fetches the catalog again when Retry is clicked', async () => {
      let failNext = true;
      const stub = stubFetch((input, init) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        return stub.original.call(window, input, init);
      });
      restoreFetch = stub.restore;
      const el = await fixture<SourceListElement>(html`<source-list catalog-url="/api/sources"></source-list>`);
      await waitUntil(() => shadow(el).querySelector('[part="retry"]'), 'the Retry button', { timeout: 5000 });
      await realClick(shadow(el).querySelector('[part="retry"]')!);
      await rendered(el, 'the catalog after Retry');
      expect(stub.calls.map((call) => call.url)).to.deep.equal(['/api/sources', '/api/sources']);
      expect(focused(el)?.getAttribute('part'), 'focus does not fall to <body> with the Retry button').to.equal('search');
    });

    it('aborts a catalog request when a new one starts', async () => {
      const signals: AbortSignal[] = [];
      const stub = stubFetch((_input, init) => {
        signals.push(init!.signal!);
        return new Promise(() => {});
      });
      restoreFetch = stub.restore;
      const el = await fixture<SourceListElement>(html`<source-list catalog-url="/one.json"></source-list>`);
      el.catalogUrl = '/two.json';
      await el.updateComplete;
      expect(stub.calls.map((call) => call.url)).to.deep.equal(['/one.json', '/two.json']);
      expect(signals.map((signal) => signal.aborted)).to.deep.equal([true, false]);
      expect(shadow(el).querySelector('[role="list"]')!.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('shows the empty state for an empty catalog', async () => {
      const el = await fixture<SourceListElement>(html`<source-list .sources=${[]}></source-list>`);
      expect(shadow(el).querySelector('[part="empty"]')!.textContent!.trim()).to.equal('No sources available');
      expect(shadow(el).querySelector('[role="list"]')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('fires nothing when a property is set', async () => {
      // Configured so that anything could fire: a session URL, sources, a connection to disconnect.
      const el = await listOf(CATALOG, { connections: [{ source: 'spotify', connectionId: 'conn_spotify' }], disconnectUrl: '/api/disconnect' });
      const log = recordEvents(el);
      const other: string[] = [];
      el.addEventListener('connect-source-select', (event) => other.push(event.type));
      el.addEventListener('connect-disconnect', (event) => other.push(event.type));
      el.sources = CATALOG.slice(1);
      el.connections = [{ source: 'gitlab', connectionId: 'conn_1' }];
      el.layout = 'grid';
      el.source = 'github';
      el.mode = 'popup';
      el.prefetch = true;
      await waitUntil(() => action(itemNamed(el, 'GitLab'), 'reconnect'), 'the new connections rendered');
      await rendered(el, 'the grid');
      // A user action after the properties: its event comes after anything they could have fired.
      el.addEventListener('connect-source-select', (event) => event.preventDefault());
      await realClick(action(itemNamed(el, 'Spotify'), 'connect')!);
      expect(other).to.deep.equal(['connect-source-select']);
      expect(log.events).to.have.length(0);
    });

    it('keeps the answer for the current catalog-url when an older request answers last', async () => {
      const answers = new Map<string, (body: unknown) => void>();
      const stub = stubFetch((input) => new Promise((resolve) => answers.set(String(input), (body) => resolve(new Response(JSON.stringify(body))))));
      restoreFetch = stub.restore;
      const el = await fixture<SourceListElement>(html`<source-list catalog-url="/one.json"></source-list>`);
      el.catalogUrl = '/two.json';
      await el.updateComplete;
      answers.get('/two.json')!(CATALOG.slice(0, 1));
      await showsNames(el, ['GitHub']);
      answers.get('/one.json')!(CATALOG.slice(2, 3));
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['GitHub']);
    });
  });

  describe('search and category filter', () => {
    it('filters by name, id, description and category as the user types', async () => {
      const el = await listOf(CATALOG);
      const search = shadow(el).querySelector<HTMLInputElement>('[part="search"]')!;
      expect(shadow(el).querySelector(`label[for="${search.id}"]`)!.textContent).to.equal('Search sources');
      search.focus();
      await sendKeys({ type: 'GIT' });
      await showsNames(el, ['GitHub', 'GitLab']);
      expect(announcement(el)).to.equal('2 sources.');

      await selectAll();
      await sendKeys({ type: 'apple-music' }); // the id
      await showsNames(el, ['Apple Music']);

      await selectAll();
      await sendKeys({ type: 'rides' }); // the description
      await showsNames(el, ['Strava']);

      await selectAll();
      await sendKeys({ type: 'music' }); // the category
      await showsNames(el, ['Spotify', 'Apple Music']);

      await selectAll();
      await sendKeys({ type: 'nothing like this' });
      await waitUntil(() => shadow(el).querySelector('[part="empty"]'), 'the empty state');
      expect(shadow(el).querySelector('[part="empty"]')!.textContent!.trim()).to.equal('No sources match');
      expect(announcement(el)).to.equal('No sources match.');
      await expect(el).to.be.accessible();

      await selectAll();
      await sendKeys({ press: 'Backspace' });
      await showsNames(el, ['GitHub', 'GitLab', 'Spotify', 'Apple Music', 'Strava']);
    });

    it('filters by category with a labelled select whose default is All', async () => {
      const el = await listOf(CATALOG);
      const select = shadow(el).querySelector<HTMLSelectElement>('[part="filters"]')!;
      expect(shadow(el).querySelector(`label[for="${select.id}"]`)!.textContent).to.equal('Category');
      expect([...select.options].map((option) => option.textContent)).to.deep.equal(['All', 'Code', 'Music', 'Fitness']);
      expect(select.value).to.equal('');
      select.focus();
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect(select.value).to.equal('music');
      await showsNames(el, ['Spotify', 'Apple Music']);

      // Search and category combine.
      shadow(el).querySelector<HTMLInputElement>('[part="search"]')!.focus();
      await sendKeys({ type: 'spot' });
      await showsNames(el, ['Spotify']);
    });

    // How fast it filters is measured by `npm run bench` (keystroke -> list filtered), not here.
    it('finds one source among 10,000', async () => {
      const el = await listOf(generated(10_000));
      shadow(el).querySelector<HTMLInputElement>('[part="search"]')!.focus();
      await sendKeys({ type: 'source 9999' });
      await showsNames(el, ['Source 9999']);
    });
  });

  describe('connection state', () => {
    it('marks connected sources from the connections property and names every button', async () => {
      const el = await listOf(CATALOG, { connections: [{ source: 'spotify', connectionId: 'conn_spotify' }] });
      const spotify = itemNamed(el, 'Spotify')!;
      expect(spotify.querySelector('[part~="badge-connected"]')!.textContent).to.equal('Connected');
      expect(spotify.getAttribute('part')).to.equal('item item-connected');
      expect(action(spotify, 'connect')).to.be.null;
      const label = (button: HTMLElement | null) => button!.textContent!.replace(/\s+/g, ' ').trim();
      expect(label(action(spotify, 'reconnect'))).to.equal('Reconnect Spotify');
      expect(label(action(spotify, 'disconnect'))).to.equal('Disconnect Spotify');
      // The item's name for screen readers: its name and its state.
      const labelledBy = spotify.getAttribute('aria-labelledby')!.split(' ').map((id) => shadow(el).getElementById(id)!.textContent!.trim());
      expect(labelledBy).to.deep.equal(['Spotify', 'Connected']);
      expect(action(itemNamed(el, 'GitHub'), 'connect')).to.exist;
      await expect(el).to.be.accessible();

      el.connections = [{ source: 'spotify', connectionId: 'conn_spotify', status: 'expired' }];
      await el.updateComplete;
      expect(itemNamed(el, 'Spotify')!.querySelector('[part~="badge-connected"]')!.textContent).to.equal('Connected (expired)');
    });

    it('loads connections from connections-url (an array or { connections })', async () => {
      const el = await fixture<SourceListElement>(
        html`<source-list .sources=${CATALOG} connections-url=${dataUrl({ connections: [{ source: 'strava', connectionId: 'conn_s' }, { source: 1 }] })}></source-list>`,
      );
      await rendered(el);
      await waitUntil(() => action(itemNamed(el, 'Strava'), 'reconnect'), 'Strava connected');
      expect(el.connections).to.deep.equal([{ source: 'strava', connectionId: 'conn_s' }]);
      el.connectionsUrl = dataUrl([{ source: 'github', connectionId: 'conn_g', status: 'active' }]);
      await waitUntil(() => action(itemNamed(el, 'GitHub'), 'reconnect'), 'GitHub connected');
      expect(action(itemNamed(el, 'Strava'), 'connect')).to.exist;
    });

    it('shows coming_soon sources but never launches them', async () => {
      const el = await listOf(CATALOG);
      const log = recordEvents(el);
      let selected = 0;
      el.addEventListener('connect-source-select', () => selected++);
      const soon = itemNamed(el, 'Apple Music')!;
      expect(soon.querySelector('[part~="badge-coming-soon"]')!.textContent).to.equal('Coming soon');
      expect(action(soon, 'connect')!.disabled).to.be.true;
      await realClick(action(soon, 'connect')!);
      soon.focus();
      await sendKeys({ press: 'Enter' });
      // Selecting fires at once, in the click or key press: by now it would have.
      await el.updateComplete;
      expect(selected).to.equal(0);
      expect(log.events).to.have.length(0);
      expect(spy.calls).to.have.length(0);
    });

    it('fires connect-source-select first; cancelling it launches nothing', async () => {
      const el = await listOf(CATALOG);
      const log = recordEvents(el);
      const select = oneEvent(el, 'connect-source-select');
      el.addEventListener('connect-source-select', (event) => event.preventDefault());
      await realClick(action(itemNamed(el, 'Spotify'), 'connect')!);
      const event = await select;
      expect(event.detail).to.deep.equal({ source: 'spotify' });
      expect(event.cancelable && event.bubbles && event.composed).to.be.true;
      // launch() would have run in the same click task, right after the event.
      await el.updateComplete;
      expect(log.events).to.have.length(0);
      expect(spy.calls).to.have.length(0);
    });

    it("requests the source's catalog scopes unless the list has its own, and shows a failed flow on the item", async () => {
      const el = await listOf(CATALOG);
      el.sessionUrl = '/test-api/session/status/500';
      const outcome = nextOutcome(el);
      await realClick(action(itemNamed(el, 'GitHub'), 'connect')!);
      expect(spy.calls.map((win) => win !== null), 'the popup opened inside the click').to.deep.equal([true]);
      const event = await outcome;
      expect(event.type).to.equal('connect-error');
      expect(event.detail).to.include({ source: 'github', code: 'session_failed' });
      const { lastBody } = await (await fetch('/test-api/requests')).json();
      expect(lastBody).to.include({ source: 'github' });
      expect(lastBody.scopes).to.deep.equal(['repo', 'read:user']);
      expect(lastBody).not.to.have.property('existingConnectionId');
      await el.updateComplete;
      expect(itemNamed(el, 'GitHub')!.querySelector('[part="item-error"]')!.textContent).to.equal(event.detail.message);
      expect(announcement(el)).to.equal(event.detail.message);

      el.scopes = ['user:email'];
      const second = nextOutcome(el);
      await realClick(action(itemNamed(el, 'GitHub'), 'connect')!);
      await second;
      expect((await (await fetch('/test-api/requests')).json()).lastBody.scopes).to.deep.equal(['user:email']);
    });
  });

  describe('a full flow against the sandbox', () => {
    async function sandboxList(attrs: { disconnectUrl?: string } = {}) {
      const el = await fixture<SourceListElement>(
        html`<source-list session-url="/api/connect-session" catalog-url="/api/sources" disconnect-url=${attrs.disconnectUrl ?? ''}></source-list>`,
      );
      await rendered(el);
      return el;
    }

    async function connectThroughPopup(el: SourceListElement, kind: 'connect' | 'reconnect' = 'connect') {
      const { sandbox } = await getServers();
      const outcome = nextOutcome(el, 12000);
      await realClick(action(itemNamed(el, 'GitHub'), kind)!);
      await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
      await popup({ action: 'click', text: 'Allow' });
      const event = await outcome;
      expect(event.type).to.equal('connect-success');
      await el.updateComplete;
      return event.detail as { source: string; connectionId: string; operation: string };
    }

    it('connects a source through the popup and marks it connected', async () => {
      const el = await sandboxList();
      const log = recordEvents(el);
      const detail = await connectThroughPopup(el);
      expect(detail).to.include({ source: 'github', operation: 'create' });
      expect(log.names()).to.deep.equal(['connect-open', 'connect-ready', 'connect-event', 'connect-success']);
      const github = itemNamed(el, 'GitHub')!;
      expect(github.querySelector('[part~="badge-connected"]')!.textContent).to.equal('Connected');
      expect(action(github, 'reconnect')).to.exist;
      expect(el.connections).to.deep.include({ source: 'github', connectionId: detail.connectionId });
      expect(announcement(el), 'the name isolated from the sentence').to.equal('\u2068GitHub\u2069 connected.');
      // The catalog's scopes for GitHub were requested.
      const connection = await (await fetch(`/api/connections/${detail.connectionId}`)).json();
      expect(connection.scopes).to.include('repo');
    });

    it('fires connect-error user_denied when the user denies, and shows no error on the item: it offers Connect again, the message only said', async () => {
      const el = await sandboxList();
      const { sandbox } = await getServers();
      const outcome = nextOutcome(el, 12000);
      await realClick(action(itemNamed(el, 'GitHub'), 'connect')!);
      await popup({ action: 'wait-url', startsWith: `${sandbox}/connect` });
      await popup({ action: 'click', text: 'Deny' });
      const event = await outcome;
      expect(event.type).to.equal('connect-error');
      expect(event.detail).to.include({ source: 'github', code: 'user_denied', message: 'Access was not granted.' });
      await el.updateComplete;
      const github = itemNamed(el, 'GitHub')!;
      // Booleans: a failed assertion on an element would be serialized with the whole page.
      expect(!!github.querySelector('[part="item-error"]'), 'an error on the item').to.be.false;
      expect(github.getAttribute('aria-describedby') ?? '').not.to.contain('error');
      expect(action(github, 'connect')!.getAttribute('aria-disabled')).not.to.equal('true');
      expect(announcement(el)).to.equal('Access was not granted.');
    });

    it("reconnects with the connection's id and gets a reauth of the same connection", async () => {
      const el = await sandboxList();
      const created = await connectThroughPopup(el);
      const reconnected = await connectThroughPopup(el, 'reconnect');
      expect(reconnected).to.include({ source: 'github', connectionId: created.connectionId, operation: 'reauth' });
      expect(el.connections.filter((connection) => connection.source === 'github')).to.have.length(1);
    });

    it('disconnects through disconnect-url, and the item offers Connect again', async () => {
      const el = await sandboxList({ disconnectUrl: '/api/disconnect' });
      const { connectionId } = await connectThroughPopup(el);
      const disconnect = oneEvent(el, 'connect-disconnect');
      const button = action(itemNamed(el, 'GitHub'), 'disconnect')!;
      button.focus();
      await sendKeys({ press: 'Enter' });
      const event = await disconnect;
      expect(event.detail).to.deep.equal({ source: 'github', connectionId });
      expect(event.cancelable).to.be.true;
      await waitUntil(() => action(itemNamed(el, 'GitHub'), 'connect'), 'GitHub offers Connect again', { timeout: 5000 });
      expect(itemNamed(el, 'GitHub')!.querySelector('[part~="badge-connected"]')).to.be.null;
      expect(el.connections.some((connection) => connection.connectionId === connectionId)).to.be.false;
      expect(announcement(el)).to.equal('\u2068GitHub\u2069 disconnected.');
      expect(focused(el), 'focus stays on the item').to.equal(action(itemNamed(el, 'GitHub'), 'connect'));
      expect((await fetch(`/api/connections/${connectionId}`)).status, 'the backend revoked it').to.equal(404);
    });
  });

  describe('disconnecting', () => {
    const connected = [{ source: 'spotify', connectionId: 'conn_spotify' }];

    it('sends nothing and keeps the connection when connect-disconnect is cancelled', async () => {
      const el = await listOf(CATALOG, { connections: connected, disconnectUrl: '/api/disconnect' });
      const stub = stubFetch(() => Promise.reject(new Error('unexpected fetch')));
      restoreFetch = stub.restore;
      el.addEventListener('connect-disconnect', (event) => event.preventDefault());
      await realClick(action(itemNamed(el, 'Spotify'), 'disconnect')!);
      // The request would have gone out in the click task itself.
      await el.updateComplete;
      expect(stub.calls).to.have.length(0);
      expect(action(itemNamed(el, 'Spotify'), 'reconnect')).to.exist;
      expect(el.connections).to.deep.equal(connected);
    });

    it('without disconnect-url, only marks the source disconnected', async () => {
      const el = await listOf(CATALOG, { connections: connected });
      const stub = stubFetch(() => Promise.reject(new Error('unexpected fetch')));
      restoreFetch = stub.restore;
      await realClick(action(itemNamed(el, 'Spotify'), 'disconnect')!);
      await el.updateComplete;
      expect(stub.calls).to.have.length(0);
      expect(action(itemNamed(el, 'Spotify'), 'connect')).to.exist;
      expect(el.connections).to.deep.equal([]);
    });

    it('posts JSON with the x-connect-elements header', async () => {
      const el = await listOf(CATALOG, { connections: connected, disconnectUrl: '/app/disconnect' });
      const stub = stubFetch(() => Promise.resolve(new Response('{}', { status: 200 })));
      restoreFetch = stub.restore;
      await realClick(action(itemNamed(el, 'Spotify'), 'disconnect')!);
      await waitUntil(() => action(itemNamed(el, 'Spotify'), 'connect'), 'Spotify disconnected');
      expect(stub.calls).to.have.length(1);
      const { url, init } = stub.calls[0];
      expect(url).to.equal('/app/disconnect');
      expect(init).to.include({ method: 'POST', credentials: 'same-origin' });
      expect(init!.headers).to.deep.equal({ 'content-type': 'application/json', 'x-connect-elements': '1' });
      expect(JSON.parse(init!.body as string)).to.deep.equal({ source: 'spotify', connectionId: 'conn_spotify' });
    });

    it('shows a failed disconnect on the item and fires connect-error', async () => {
      const el = await listOf(CATALOG, { connections: connected, disconnectUrl: '/api/nope' });
      const error = oneEvent(el, 'connect-error');
      await realClick(action(itemNamed(el, 'Spotify'), 'disconnect')!);
      const event = await error;
      expect(event.detail).to.deep.equal({ source: 'spotify', connectionId: 'conn_spotify', code: 'session_failed', message: 'Spotify could not be disconnected.', retryable: false });
      await el.updateComplete;
      const spotify = itemNamed(el, 'Spotify')!;
      expect(spotify.querySelector('[part="item-error"]')!.textContent).to.equal('Spotify could not be disconnected.');
      expect(action(spotify, 'reconnect'), 'still connected').to.exist;
      expect(announcement(el)).to.equal('Spotify could not be disconnected.');
      await expect(el).to.be.accessible();
    });

    it('reports an unreachable disconnect-url as network_error', async () => {
      const el = await listOf(CATALOG, { connections: connected, disconnectUrl: '/app/disconnect' });
      const stub = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
      restoreFetch = stub.restore;
      const error = oneEvent(el, 'connect-error');
      await realClick(action(itemNamed(el, 'Spotify'), 'disconnect')!);
      expect((await error).detail).to.include({ code: 'network_error', retryable: true, message: 'Spotify could not be disconnected. Try again.' });
    });
  });

  describe('keyboard', () => {
    it('is one tab stop; arrows move focus; Enter launches the popup inside the key press', async () => {
      const el = await listOf(CATALOG);
      shadow(el).querySelector<HTMLInputElement>('[part="search"]')!.focus();
      await sendKeys({ press: 'Tab' }); // the category select
      await sendKeys({ press: 'Tab' });
      expect(focused(el)?.dataset.index).to.equal('0');
      expect(items(el).filter((item) => item.tabIndex === 0)).to.have.length(1);

      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)?.dataset.index).to.equal('1');
      await el.updateComplete;
      expect(items(el).filter((item) => item.tabIndex === 0).map((item) => item.dataset.index)).to.deep.equal(['1']);
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'ArrowDown' });
      expect(focused(el)?.dataset.index).to.equal('2');
      await sendKeys({ press: 'ArrowRight' }); // nothing in the list layout
      expect(focused(el)?.dataset.index).to.equal('2');

      // Tab goes on to the focused item's own buttons, then leaves the list.
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal(action(itemNamed(el, 'Spotify'), 'connect'));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(focused(el)?.dataset.index).to.equal('2');

      const opened = oneEvent(el, 'connect-open');
      await sendKeys({ press: 'Enter' });
      expect((await opened).detail).to.include({ source: 'spotify' });
      expect(spy.calls.map((win) => win !== null), 'window.open returned a window inside the key press').to.deep.equal([true]);
      const outcome = nextOutcome(el);
      el.cancel();
      expect((await outcome).type).to.equal('connect-exit');
    });

    it('launches with Space too, and Home and End go to the ends', async () => {
      const el = await listOf(CATALOG);
      items(el)[0].focus();
      await sendKeys({ press: 'End' });
      expect(focused(el)?.dataset.index).to.equal('4');
      await sendKeys({ press: 'Home' });
      expect(focused(el)?.dataset.index).to.equal('0');
      const opened = oneEvent(el, 'connect-open');
      await sendKeys({ press: ' ' });
      expect((await opened).detail).to.include({ source: 'github' });
      expect(spy.calls.map((win) => win !== null)).to.deep.equal([true]);
      el.cancel();
    });

    // 40 sources render plainly, 400 through the virtualizer: the keys must mean the same in both.
    for (const count of [40, 400]) {
      it(`moves by cards with Left and Right, and by rows with Up and Down, in the grid layout (${count} sources)`, async () => {
        const el = await listOf(generated(count), { layout: 'grid' });
        expect(el.getAttribute('layout')).to.equal('grid');
        const first = items(el).find((item) => item.dataset.index === '0')!;
        const columns = items(el).filter((item) => Math.abs(item.getBoundingClientRect().top - first.getBoundingClientRect().top) < 1).length;
        expect(columns, 'the test viewport fits several cards a row').to.be.above(1);
        first.focus();
        await sendKeys({ press: 'ArrowRight' });
        expect(focused(el)?.dataset.index).to.equal('1');
        await sendKeys({ press: 'ArrowDown' });
        expect(focused(el)?.dataset.index).to.equal(String(1 + columns));
        await sendKeys({ press: 'ArrowLeft' });
        await sendKeys({ press: 'ArrowUp' });
        expect(focused(el)?.dataset.index).to.equal('0');
        await expect(el).to.be.accessible();
      });

      it(`runs the grid from the right in a right-to-left page, and Left moves forward (${count} sources)`, async () => {
        const wrapper = await fixture<HTMLElement>(html`<div dir="rtl"><source-list layout="grid" .sources=${generated(count)}></source-list></div>`);
        const el = wrapper.querySelector('source-list')!;
        await rendered(el);
        const at = (index: number) => items(el).find((item) => item.dataset.index === String(index))!;
        expect(at(1).getBoundingClientRect().right, 'the second card is left of the first').to.be.below(at(0).getBoundingClientRect().left);
        at(0).focus();
        await sendKeys({ press: 'ArrowLeft' });
        expect(focused(el)?.dataset.index).to.equal('1');
        await sendKeys({ press: 'ArrowRight' });
        expect(focused(el)?.dataset.index).to.equal('0');
        await expect(el).to.be.accessible();
      });
    }

    it('focuses an item the virtualizer had not rendered yet', async () => {
      const el = await listOf(generated(10_000));
      items(el)[0].focus();
      await sendKeys({ press: 'End' });
      await waitUntil(() => focused(el)?.dataset.index === '9999', 'the last item focused', { timeout: 4000 });
      expect(focused(el)!.querySelector('[part="name"]')!.textContent).to.equal('Source 9999');
      await sendKeys({ press: 'ArrowUp' });
      expect(focused(el)?.dataset.index).to.equal('9998');
      await sendKeys({ press: 'Home' });
      await waitUntil(() => focused(el)?.dataset.index === '0', 'the first item focused', { timeout: 4000 });
    });
  });

  describe('a hostile catalog', () => {
    const LONG = 'A'.repeat(10_000);
    const hostile = [
      {
        id: 'evil',
        name: '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script>',
        icon: 'javascript:window.__pwned = true',
        description: LONG,
        category: '<b>bold</b>',
        scopes: 'not an array',
        status: 'exploded',
      },
      { id: 'dup', name: 'First of two' },
      { id: 'dup', name: 'Second of two' },
      { id: 42, name: 'Number id' },
      { name: 'No id' },
      { id: 'no-name' },
      { id: 'object-name', name: { toString: () => 'sneaky' } },
      { id: '', name: 'Empty id' },
      null,
      'a string',
      ['an', 'array'],
      { id: 'remote', name: 'Plain http icon', icon: 'http://example.com/icon.png' },
      { id: 'bidi', name: 'Safe\u202Eeman', icon: 'data:text/html,<script>1</script>' },
      { id: 'inline', name: 'Inline icon', icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"/%3E' },
    ];

    it('renders every string as text, refuses unsafe icons, drops invalid items, and logs nothing', async () => {
      const logged: unknown[][] = [];
      const { error, warn } = console;
      console.error = (...args: unknown[]) => logged.push(args);
      console.warn = (...args: unknown[]) => logged.push(args);
      let el: SourceListElement;
      try {
        el = await listOf(hostile);
        // Until the one safe icon has loaded: whatever rendering and loading log, they have by then.
        await waitUntil(() => [...shadow(el).querySelectorAll('img')].every((img) => img.complete), 'the icons loaded');
      } finally {
        console.error = error;
        console.warn = warn;
      }
      expect(logged).to.deep.equal([]);
      expect(names(el)).to.deep.equal([(hostile[0] as { name: string }).name, 'First of two', 'Plain http icon', 'Safe eman', 'Inline icon']);
      expect(shadow(el).querySelector('script'), 'no <script> created').to.be.null;
      expect(shadow(el).querySelector('img:not([part~="icon"])'), 'no <img> from a name').to.be.null;
      expect((window as { __pwned?: boolean }).__pwned).to.be.undefined;

      const evil = items(el).find((item) => item.dataset.index === '0')!;
      expect(evil.querySelector('[part="name"]')!.children, 'the name is a text node').to.have.length(0);
      expect(evil.querySelector('[part="category"]')!.textContent).to.equal('<b>bold</b>');
      expect(evil.querySelector('img'), 'the javascript: icon is not loaded').to.be.null;
      expect(evil.querySelector('[part~="icon-placeholder"]')!.textContent).to.equal('<');
      const description = evil.querySelector('[part="description"]')!.textContent!;
      expect(description.length).to.be.at.most(300);
      expect(description.endsWith('…')).to.be.true;
      expect(evil.getBoundingClientRect().height, 'the description is clamped visually').to.be.below(200);
      expect(evil.querySelector('[part~="badge"]'), 'an unknown status is "available"').to.be.null;

      const srcs = [...shadow(el).querySelectorAll('img')].map((img) => img.getAttribute('src'));
      expect(srcs).to.deep.equal(['data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"/%3E']);
      await expect(el).to.be.accessible();
    });

    it('renders a catalog that is not a list as empty', async () => {
      for (const sources of [{ not: 'a list' }, 'sources', null, 42]) {
        const el = await fixture<SourceListElement>(html`<source-list .sources=${sources}></source-list>`);
        expect(shadow(el).querySelector('[part="empty"]'), JSON.stringify(sources)).to.exist;
      }
    });

    it('shows the error state for a catalog-url answer that is not a catalog', async () => {
      const el = await fixture<SourceListElement>(html`<source-list catalog-url=${dataUrl({ items: [] })}></source-list>`);
      await waitUntil(() => shadow(el).querySelector('[part="error"]'), 'the error state');
    });
  });

  describe('with thousands of sources', () => {
    it('keeps the number of items in the DOM bounded, whatever the size of the catalog', async () => {
      const thousand = await listOf(generated(1_000));
      await filled(thousand);
      const few = items(thousand).length;
      // Out of the way: the second list must get the same viewport.
      thousand.remove();
      const tenThousand = await listOf(generated(10_000));
      await filled(tenThousand);
      const many = items(tenThousand).length;
      expect(few).to.be.below(100);
      expect(many).to.be.below(100);
      expect(Math.abs(many - few) / few, `${few} items for 1,000 sources, ${many} for 10,000`).to.be.at.most(0.2);
    });
  });
});
