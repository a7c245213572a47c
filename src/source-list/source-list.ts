import { ConnectError, type ConnectErrorCode } from '../core/errors.js';
import { isRetryableStatus } from '../core/session.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { grid } from '@lit-labs/virtualizer/layouts/grid.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import type { LaunchOverrides } from '../controllers/flow-controller.js';
import { ConnectDisconnectEvent, ConnectErrorEvent, ConnectSourceSelectEvent, type ConnectSuccessEvent } from '../events.js';
import { ConnectFlowElement, defineElement } from '../internal/connect-flow-element.js';
import {
  categoriesOf,
  categoryLabel,
  filterSources,
  parseCatalog,
  parseConnections,
  type CatalogSource,
  type ListedSource,
  type SourceConnection,
  type SourceStatus,
} from './catalog.js';
import { sharedStyles } from '../internal/shared.styles.js';
import { styles } from './source-list.styles.js';

export type { CatalogSource, SourceConnection, SourceStatus } from './catalog.js';
export type SourceListLayout = 'list' | 'grid';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** How long a catalog or connections request, or a disconnect, may take. */
const REQUEST_TIMEOUT_MS = 20_000;
// Layout configs are module constants: the directive hands them to the virtualizer on every render.
const LIST_LAYOUT = flow();
/** Cards of a fixed height whose width flexes to fill the row. */
const GRID_LAYOUT = grid({ itemSize: { width: '240px', height: '196px' }, gap: '12px', padding: '12px', flex: { preserve: 'height' } });
const STATUS_LABELS: Record<SourceStatus, string> = { available: '', beta: 'Beta', coming_soon: 'Coming soon' };

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

/**
 * One JSON document the list depends on (the catalog, the connections): its load
 * state, and an `AbortController` so that a new load, or clearing the URL, cancels
 * the request in flight. `read` validates the answer; `null` counts as a failure.
 */
class JsonLoad<T> {
  state: LoadState = 'idle';
  #request: AbortController | undefined;
  readonly #host: { requestUpdate(): void };
  readonly #read: (body: unknown, url: string) => T | null;
  readonly #apply: (value: T) => void;

  constructor(host: { requestUpdate(): void }, read: (body: unknown, url: string) => T | null, apply: (value: T) => void) {
    this.#host = host;
    this.#read = read;
    this.#apply = apply;
  }

  load(url: string): void {
    this.#request?.abort();
    this.#request = undefined;
    if (!url) {
      this.state = 'idle';
      return;
    }
    const request = (this.#request = new AbortController());
    this.state = 'loading';
    this.#host.requestUpdate();
    getJson(url, request.signal)
      .then((body) => {
        // Relative icon URLs in a catalog resolve against the catalog's own URL.
        const value = this.#read(body, new URL(url, document.baseURI).href);
        if (value === null) throw new TypeError(`${url} answered JSON of an unexpected shape.`);
        if (request.signal.aborted) return;
        this.#apply(value);
        this.state = 'ready';
      })
      .catch(() => {
        // An aborted request was replaced by a newer one (or the URL was cleared): that one decides.
        if (!request.signal.aborted) this.state = 'error';
      })
      .finally(() => {
        if (this.#request !== request) return;
        this.#request = undefined;
        this.#host.requestUpdate();
      });
  }
}

/** "Connected", or "Connected (expired)" when the app reports a state other than active. */
function connectedLabel(connection: SourceConnection): string {
  const status = connection.status?.toLowerCase();
  return !status || status === 'active' || status === 'connected' ? 'Connected' : `Connected (${connection.status})`;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The live catalog of sources an app can connect, with search, a category
 * filter and each source's connection state. Choosing a source launches the
 * hosted Connect flow for it, with the list's flow attributes (`session-url`,
 * `mode`, `preset`, …), inside the click or key press so the popup is never
 * blocked; the flow's outcome events are fired on the list.
 *
 * Sources come from `catalog-url` (GET, a JSON array or `{ sources: [...] }`) or
 * the `sources` property, never from the element itself. The catalog is treated
 * as untrusted: every string is rendered as text, icons load only from `https:`,
 * loopback `http:` or `data:image/` URLs, and items without a string `id` and
 * `name` are dropped. Only the rows in view are in the DOM, so thousands of
 * sources stay fast.
 *
 * The flow attributes `source` and `connection-id` are ignored: each item stands
 * for its own source and, when connected, its own connection. When the `scopes`
 * attribute is empty, each source's catalog `scopes` are requested.
 *
 * Keyboard: the list is one tab stop; arrow keys move between sources (Up and
 * Down; also Left and Right in the grid layout), Home and End go to the first
 * and last, Enter or Space connects (or reconnects) the focused source.
 *
 * A failed disconnect is reported as `connect-error` with code `network_error`
 * when the `disconnect-url` could not be reached, or `session_failed` when it
 * answered with an error status (`retryable` for 5xx, 408 and 429).
 *
 * @tag source-list
 * @summary A searchable, keyboard-navigable catalog of sources to connect, reconnect or disconnect.
 *
 * @fires {ConnectSourceSelectEvent} connect-source-select - Cancelable. A source was chosen (click, Enter or Space), before its flow launches. Detail: `{ source }`.
 * @fires {ConnectDisconnectEvent} connect-disconnect - Cancelable. The user asked to disconnect a source, before anything is sent. Detail: `{ source, connectionId }`.
 * @fires {ConnectOpenEvent} connect-open - Cancelable. Fired synchronously in the user's gesture, before anything launches. Detail: `{ source, mode }`.
 * @fires {ConnectReadyEvent} connect-ready - The hosted flow says it has loaded. Detail: `{ source }`.
 * @fires {ConnectSuccessEvent} connect-success - The flow completed. Ends the flow. Detail: `{ source, connectionId, operation, data? }`.
 * @fires {ConnectExitEvent} connect-exit - The user left without completing. Ends the flow. Detail: `{ source, reason: 'closed' | 'user' }`.
 * @fires {ConnectErrorEvent} connect-error - Anything failed, a disconnect included. Ends the flow. Detail: `{ source, code, message, retryable, description? }`.
 * @fires {ConnectAnalyticsEvent} connect-event - Any other event the hosted flow reports. Detail: `{ source, name, metadata }`.
 *
 * @slot empty - Shown when no source matches the search and category, or the catalog is empty. Default: "No sources match".
 * @slot error - Shown above the Retry button when the catalog or the connections could not be loaded. Default: "The sources could not be loaded."
 *
 * @csspart toolbar - The row holding the search box and the category filter.
 * @csspart search - The search `<input>`.
 * @csspart filters - The category `<select>` ("All" by default).
 * @csspart list - The element with `role="list"`; it scrolls, and only the items in view are in the DOM.
 * @csspart item - One source (`role="listitem"`). Also `item-connected`, `item-beta` or `item-coming-soon`.
 * @csspart icon - The source's icon: an `<img>`, or the placeholder with the name's initial (also `icon-placeholder`).
 * @csspart name - The source's name.
 * @csspart badge - A state badge. Also `badge-connected`, `badge-beta` or `badge-coming-soon`.
 * @csspart category - The source's category.
 * @csspart description - The source's description (at most 300 characters, clamped to a few lines).
 * @csspart item-error - The message of a failed flow or disconnect, on its item.
 * @csspart actions - The wrapper of an item's buttons.
 * @csspart action - Every item button. Also `connect`, `reconnect` or `disconnect`.
 * @csspart spinner - The busy indicator of a loading list or a starting flow.
 * @csspart loading - The loading message.
 * @csspart empty - The wrapper of the `empty` slot.
 * @csspart error - The wrapper of the `error` slot and the Retry button.
 * @csspart retry - The Retry button.
 *
 * @cssprop [--source-list-max-height=32rem] - The height of the scrolling list (fixed, so that only what is visible is rendered; smaller when the viewport is).
 * @cssprop [--source-list-font=0.9375rem/1.4 system-ui, sans-serif] - Font.
 * @cssprop [--source-list-color=#1f2328] - Text colour.
 * @cssprop [--source-list-muted-color=#57606a] - Colour of descriptions and categories.
 * @cssprop [--source-list-background=#fff] - Background of the list and its items.
 * @cssprop [--source-list-border=1px solid #d0d7de] - Border of the list, the items and the controls.
 * @cssprop [--source-list-border-radius=0.75rem] - Corner radius of the list and the grid cards.
 * @cssprop [--source-list-accent=#1f4fd8] - Background of the Connect buttons and colour of the Reconnect buttons.
 * @cssprop [--source-list-accent-color=#fff] - Text colour on the accent.
 * @cssprop [--source-list-danger=#b42318] - Colour of Disconnect buttons and error messages.
 * @cssprop [--source-list-focus-ring=3px solid #8fb0ff] - Outline of the focused item or control.
 * @cssprop [--source-list-icon-size=2.5rem] - Width and height of the icons.
 */
export class SourceListElement extends ConnectFlowElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    ...ConnectFlowElement.properties,
    catalogUrl: { attribute: 'catalog-url' },
    connectionsUrl: { attribute: 'connections-url' },
    disconnectUrl: { attribute: 'disconnect-url' },
    layout: { reflect: true },
    label: {},
    sources: { attribute: false },
    connections: { attribute: false },
  };

  /** Registers the element (a second define of the same tag only warns). */
  protected static override flowKind = { kind: 'source-list', anySource: true };

  static define(tag = 'source-list', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Where to GET the catalog: a JSON array of sources, or `{ sources: [...] }`. When set, `sources` is not used. */
  declare catalogUrl: string;
  /** Where to GET the user's connections: a JSON array of `{ source, connectionId, status? }`, or `{ connections: [...] }`. */
  declare connectionsUrl: string;
  /**
   * Where to `POST { source, connectionId }` (JSON, header `x-connect-elements: 1`)
   * after an uncancelled `connect-disconnect`. Without it the item is only marked
   * disconnected, and the app does the rest in its `connect-disconnect` listener.
   */
  declare disconnectUrl: string;
  /** `list` (rows; the default) or `grid` (cards). Reflected. */
  declare layout: SourceListLayout;
  /** The accessible name of the list. Default: "Sources". */
  declare label: string;
  /** The catalog, when there is no `catalog-url`: `{ id, name, icon?, description?, category?, scopes?, status? }` items. */
  declare sources: readonly CatalogSource[];
  /**
   * The user's connections: `{ source, connectionId, status? }`. Loaded from
   * `connections-url` when set, and kept up to date by the list after a flow
   * succeeds or a disconnect goes through.
   */
  declare connections: readonly SourceConnection[];

  /** The validated catalog, in catalog order. */
  #catalog: readonly ListedSource[] = [];
  /** The catalog as `catalog-url` answered; `#catalog` when that attribute is set. */
  #loadedCatalog: readonly ListedSource[] = [];
  #categories: readonly string[] = [];
  /** What the search and the category let through: the items the virtualizer renders. */
  #visible: readonly ListedSource[] = [];
  #filterChanged = false;
  #query = '';
  #category = '';
  #connectionBySource = new Map<string, SourceConnection>();

  #catalogLoad = new JsonLoad(
    this,
    (body, url) => parseCatalog(body, url),
    (catalog) => {
      this.#loadedCatalog = catalog;
      this.#setCatalog(catalog);
    },
  );
  #connectionsLoad = new JsonLoad(this, parseConnections, (connections) => (this.connections = connections));

  /** The item that holds the list's one tab stop, by source id (indexes change as the filter does). */
  #activeId = '';
  #activeIndex = 0;
  /** The items the virtualizer has in the DOM. */
  #range = { first: 0, last: -1 };
  /** Bumped on every keyboard move, so a slow move never steals focus from a later one. */
  #focusMove = 0;
  #focusAfterLoad = false;

  /** Sources with a disconnect request in flight. */
  #pending = new Set<string>();
  /** The last failure of each source's flow or disconnect, shown on its item. */
  #itemErrors = new Map<string, string>();
  #brokenIcons = new Set<string>();
  #announcement = '';
  #lastFlowStatus = 'idle';

  constructor() {
    super();
    this.catalogUrl = '';
    this.connectionsUrl = '';
    this.disconnectUrl = '';
    this.layout = 'list';
    this.label = 'Sources';
    this.sources = [];
    this.connections = [];
    this.addEventListener('connect-success', (event) => this.#onFlowSuccess(event));
    this.addEventListener('connect-error', (event) => this.#onFlowError(event));
    this.addEventListener('connect-exit', (event) => {
      if (event.target === this) this.#announce('');
    });
  }

  /** Fetches the catalog and the connections again (what the Retry button does). */
  reload(): void {
    this.#catalogLoad.load(this.catalogUrl);
    this.#connectionsLoad.load(this.connectionsUrl);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('catalogUrl')) this.#catalogLoad.load(this.catalogUrl);
    if (changed.has('connectionsUrl')) this.#connectionsLoad.load(this.connectionsUrl);
    if (changed.has('catalogUrl') || changed.has('sources')) {
      const catalog = this.catalogUrl ? this.#loadedCatalog : (parseCatalog(this.sources, document.baseURI) ?? []);
      this.#setCatalog(catalog);
    }
    if (changed.has('connections')) {
      this.#connectionBySource = new Map();
      for (const connection of parseConnections(this.connections) ?? []) {
        if (!this.#connectionBySource.has(connection.source)) this.#connectionBySource.set(connection.source, connection);
      }
    }
    if (this.#filterChanged) {
      this.#filterChanged = false;
      this.#visible = filterSources(this.#catalog, this.#query, this.#category);
    }
    const active = this.#visible.findIndex((source) => source.id === this.#activeId);
    this.#activeIndex = Math.max(0, active);
    // Mirror the flow's progress ("Connecting…") in the live region; outcomes are announced by the event listeners.
    const status = this.flow.status;
    if (status !== this.#lastFlowStatus) {
      this.#lastFlowStatus = status;
      if (status === 'loading' || status === 'open') this.#announcement = this.flow.announcement;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterLoad && !this.#loading) {
      this.#focusAfterLoad = false;
      // Only when focus went down with the Retry button, never away from where the user has since gone.
      const lost = !this.shadowRoot?.activeElement && (!document.activeElement || document.activeElement === document.body || document.activeElement === this);
      if (!lost) return;
      const target = this.#failed ? this.renderRoot.querySelector<HTMLElement>('[part=retry]') : this.renderRoot.querySelector<HTMLElement>('[part=search]');
      target?.focus();
    }
  }

  override render() {
    let body: unknown;
    if (this.#loading) body = this.#renderLoading();
    else if (this.#failed) body = this.#renderError();
    else if (this.#visible.length) body = this.#renderList();
    else body = this.#renderEmpty();
    return html`
      <div part="toolbar">
        <label class="visually-hidden" for="search">Search sources</label>
        <input id="search" part="search" type="search" placeholder="Search sources" autocomplete="off" spellcheck="false" @input=${this.#onSearch} />
        ${this.#categories.length ? this.#renderCategories() : nothing}
      </div>
      ${body}
      <div class="visually-hidden" role="status">${this.#announcement}</div>
    `;
  }

  #renderCategories(): TemplateResult {
    return html`
      <label class="visually-hidden" for="category">Category</label>
      <select id="category" part="filters" @change=${this.#onCategory}>
        <option value="" ?selected=${!this.#category}>All</option>
        ${this.#categories.map((category) => html`<option value=${category} ?selected=${category === this.#category}>${categoryLabel(category)}</option>`)}
      </select>
    `;
  }

  #renderLoading(): TemplateResult {
    return html`
      <div class="frame">
        <div part="list" class="list" role="list" aria-label=${this.label} aria-busy="true"></div>
        <p part="loading" class="overlay"><span part="spinner" class="spinner" aria-hidden="true"></span>Loading sources…</p>
      </div>
    `;
  }

  #renderError(): TemplateResult {
    return html`
      <div part="error" class="state error">
        <p role="alert"><slot name="error">The sources could not be loaded.</slot></p>
        <button part="retry" type="button" @click=${this.#onRetry}>Retry</button>
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    const filtered = !!(this.#query.trim() || this.#category);
    return html`<p part="empty" class="state"><slot name="empty">${filtered ? 'No sources match' : 'No sources available'}</slot></p>`;
  }

  #renderList(): unknown {
    const layout = this.layout === 'grid' ? 'grid' : 'list';
    // A new virtualizer for a new layout: the library cannot switch the layout of a live one.
    // The list scrolls itself (`scroller`): a virtualizer that grows with its content resizes
    // itself inside its own ResizeObserver callbacks, which the browser reports as an error.
    return keyed(
      layout,
      html`<div
        part="list"
        class="list"
        role="list"
        aria-label=${this.label}
        @rangeChanged=${this.#onRangeChanged}
        @keydown=${this.#onKeyDown}
        @focusin=${this.#onFocusIn}
      >
        ${virtualize({
          items: this.#visible as ListedSource[],
          // The directive may render a stale range once after the items shrink: tolerate the holes.
          keyFunction: (source: ListedSource | undefined, index: number) => source?.id ?? index,
          renderItem: this.#renderItem,
          layout: layout === 'grid' ? GRID_LAYOUT : LIST_LAYOUT,
          scroller: true,
        })}
      </div>`,
    );
  }

  #renderItem = (source: ListedSource | undefined, index: number): TemplateResult => {
    if (!source) return html``;
    const connection = this.#connectionBySource.get(source.id);
    const comingSoon = source.status === 'coming_soon';
    const pending = this.#pending.has(source.id);
    const starting = this.flow.status === 'loading' && this.flow.running && this.flow.source === source.id;
    const error = this.#itemErrors.get(source.id);
    const tabindex = index === this.#tabStop ? 0 : -1;
    const id = `item-${index}`;
    const statusPart = source.status === 'available' ? '' : source.status.replace('_', '-');
    const parts = ['item', connection ? 'item-connected' : '', statusPart && `item-${statusPart}`].filter(Boolean).join(' ');
    const describedBy = [source.description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const icon =
      source.icon && !this.#brokenIcons.has(source.icon)
        ? html`<img part="icon" src=${source.icon} alt="" width="40" height="40" loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${() => this.#onIconError(source.icon)} />`
        : html`<span part="icon icon-placeholder" aria-hidden="true">${source.initial}</span>`;
    return html`
      <div
        part=${parts}
        class="item"
        role="listitem"
        tabindex=${tabindex}
        data-index=${index}
        aria-posinset=${index + 1}
        aria-setsize=${this.#visible.length}
        aria-labelledby="${id}-name ${id}-state"
        aria-describedby=${describedBy || nothing}
        @pointerenter=${() => this.#prefetch(source)}
      >
        ${icon}
        <div class="text">
          <div class="heading">
            <span part="name" id="${id}-name">${source.name}</span>
            <span class="badges" id="${id}-state">
              ${connection ? html`<span part="badge badge-connected">${connectedLabel(connection)}</span>` : nothing}
              ${statusPart ? html`<span part="badge badge-${statusPart}">${STATUS_LABELS[source.status]}</span>` : nothing}
            </span>
          </div>
          ${source.category ? html`<span part="category">${categoryLabel(source.category)}</span>` : nothing}
          ${source.description ? html`<p part="description" id="${id}-description">${source.description}</p>` : nothing}
          ${error ? html`<p part="item-error" id="${id}-error">${error}</p>` : nothing}
        </div>
        <div part="actions">
          <button
            part="action ${connection ? 'reconnect' : 'connect'}"
            type="button"
            tabindex=${tabindex}
            ?disabled=${comingSoon}
            aria-busy=${starting ? 'true' : nothing}
            @click=${() => this.#select(source)}
          >
            <span part="spinner" class="spinner" aria-hidden="true" ?hidden=${!starting}></span>${connection ? 'Reconnect' : 'Connect'}<span class="visually-hidden"> ${source.name}</span>
          </button>
          ${connection
            ? html`<button
                part="action disconnect"
                type="button"
                tabindex=${tabindex}
                aria-disabled=${pending ? 'true' : 'false'}
                @click=${() => this.#disconnect(source, connection)}
              >
                ${pending ? 'Disconnecting…' : 'Disconnect'}<span class="visually-hidden"> ${source.name}</span>
              </button>`
            : nothing}
        </div>
      </div>
    `;
  };

  // --- state -------------------------------------------------------------------------

  get #loading(): boolean {
    return this.#catalogLoad.state === 'loading' || this.#connectionsLoad.state === 'loading';
  }

  get #failed(): boolean {
    return this.#catalogLoad.state === 'error' || this.#connectionsLoad.state === 'error';
  }

  /**
   * The index of the item that is tabbable: the active one, or the first one in
   * the DOM when the active one has been scrolled out of it (else Tab would skip the list).
   */
  get #tabStop(): number {
    const { first, last } = this.#range;
    return this.#activeIndex >= first && this.#activeIndex <= last ? this.#activeIndex : first;
  }

  #setCatalog(catalog: readonly ListedSource[]): void {
    this.#catalog = catalog;
    this.#categories = categoriesOf(catalog);
    if (this.#category && !this.#categories.includes(this.#category)) this.#category = '';
    this.#filterChanged = true;
  }

  #announce(text: string): void {
    this.#announcement = text;
    this.requestUpdate();
  }

  #nameOf(sourceId: string): string {
    return this.#catalog.find((source) => source.id === sourceId)?.name ?? sourceId;
  }

  #onRetry(): void {
    // The Retry button goes away while loading: put focus back somewhere useful afterwards.
    this.#focusAfterLoad = true;
    if (this.#catalogLoad.state === 'error') this.#catalogLoad.load(this.catalogUrl);
    if (this.#connectionsLoad.state === 'error') this.#connectionsLoad.load(this.connectionsUrl);
  }

  // --- filtering ---------------------------------------------------------------------

  #onSearch(event: Event): void {
    this.#query = (event.target as HTMLInputElement).value;
    this.#filtered();
  }

  #onCategory(event: Event): void {
    this.#category = (event.target as HTMLSelectElement).value;
    this.#filtered();
  }

  #filtered(): void {
    this.#filterChanged = true;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const count = this.#visible.length;
      this.#announce(count === 0 ? 'No sources match.' : count === 1 ? '1 source.' : `${count} sources.`);
    });
  }

  // --- keyboard ----------------------------------------------------------------------

  #onRangeChanged(event: RangeChangedEvent): void {
    const before = this.#tabStop;
    this.#range = { first: event.first, last: event.last };
    if (this.#tabStop !== before) this.requestUpdate();
  }

  #onFocusIn(event: FocusEvent): void {
    const item = (event.target as Element).closest<HTMLElement>('[data-index]');
    const source = item && this.#visible[Number(item.dataset.index)];
    if (!source) return;
    this.#prefetch(source);
    if (source.id !== this.#activeId) {
      this.#activeId = source.id;
      this.requestUpdate();
    }
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const item = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (!item) return;
    const index = Number(item.dataset.index);
    const grid = this.layout === 'grid';
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = index + (grid ? this.#columns() : 1);
        break;
      case 'ArrowUp':
        next = index - (grid ? this.#columns() : 1);
        break;
      case 'ArrowRight':
        if (grid) next = index + 1;
        break;
      case 'ArrowLeft':
        if (grid) next = index - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.#visible.length - 1;
        break;
      case 'Enter':
      case ' ':
        // On a button, the button's own click does it.
        if (event.target !== item) return;
        event.preventDefault();
        // Synchronous: the popup must open inside this key press.
        if (!event.repeat) this.#select(this.#visible[index]);
        return;
      default:
        return;
    }
    if (next === undefined) return;
    event.preventDefault();
    if (next >= 0 && next < this.#visible.length) void this.#focusItem(next);
  }

  /** How many cards a grid row holds, read from the cards in the DOM (the first rendered row is always full). */
  #columns(): number {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('.list > [data-index]')];
    if (!items.length) return 1;
    const top = items[0].getBoundingClientRect().top;
    return Math.max(1, items.filter((item) => Math.abs(item.getBoundingClientRect().top - top) < 1).length);
  }

  #itemElement(index: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.list > [data-index="${index}"]`);
  }

  /** Moves the tab stop and focus to `index`, asking the virtualizer to render it first when it is out of the DOM. */
  async #focusItem(index: number): Promise<void> {
    const source = this.#visible[index];
    if (!source) return;
    const move = ++this.#focusMove;
    this.#activeId = source.id;
    this.#activeIndex = index;
    this.requestUpdate();
    let element = this.#itemElement(index);
    if (!element) {
      const list = this.renderRoot.querySelector<VirtualizerHostElement>('.list');
      list?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
      // The virtualizer renders the new range over the next frames.
      for (let frame = 0; frame < 30 && !element; frame++) {
        await nextFrame();
        if (move !== this.#focusMove) return;
        element = this.#itemElement(index);
      }
    }
    element?.focus();
  }

  // --- actions -----------------------------------------------------------------------

  #overridesFor(source: ListedSource): LaunchOverrides {
    // An empty connectionId, not undefined: the list's own `connection-id` must never leak into another source's flow.
    const overrides: LaunchOverrides = { source: source.id, connectionId: this.#connectionBySource.get(source.id)?.connectionId ?? '' };
    if (!this.scopes.length && source.scopes) overrides.scopes = [...source.scopes];
    return overrides;
  }

  #prefetch(source: ListedSource): void {
    if (this.prefetch && source.status !== 'coming_soon') this.flow.prefetch(this.#overridesFor(source));
  }

  /** Connect or Reconnect. Synchronous up to `window.open`: called from the click or key handler. */
  #select(source: ListedSource | undefined): void {
    if (!source || source.status === 'coming_soon') return;
    const select = new ConnectSourceSelectEvent({ source: source.id });
    /** @ignore documented by @fires on the class */
    this.dispatchEvent(select);
    if (select.defaultPrevented) return;
    this.#itemErrors.delete(source.id);
    this.flow.launch(this.#overridesFor(source));
    this.requestUpdate();
  }

  #onFlowSuccess(event: ConnectSuccessEvent): void {
    if (event.target !== this) return;
    const { source, connectionId } = event.detail;
    this.#itemErrors.delete(source);
    const others = (parseConnections(this.connections) ?? []).filter((connection) => connection.connectionId !== connectionId);
    this.connections = [{ source, connectionId }, ...others];
    this.#announce(`${this.#nameOf(source)} connected.`);
  }

  #onFlowError(event: ConnectErrorEvent): void {
    if (event.target !== this) return;
    const { source, message } = event.detail;
    if (source) this.#itemErrors.set(source, message);
    this.#announce(message);
  }

  #onIconError(url: string | undefined): void {
    if (!url || this.#brokenIcons.has(url)) return;
    this.#brokenIcons.add(url);
    this.requestUpdate();
  }

  #disconnect(source: ListedSource, connection: SourceConnection): void {
    if (this.#pending.has(source.id)) return;
    const { connectionId } = connection;
    const request = new ConnectDisconnectEvent({ source: source.id, connectionId });
    /** @ignore documented by @fires on the class */
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    this.#itemErrors.delete(source.id);
    const url = this.disconnectUrl;
    // A system with its own disconnect (Thryve's revoke URL) uses it; others go through the app's disconnect-url.
    const byPreset = !url && this.flow.presetDisconnects;
    if (!url && !byPreset) {
      this.#markDisconnected(source, connectionId);
      return;
    }
    this.#pending.add(source.id);
    this.requestUpdate();
    void (byPreset ? this.#presetDisconnect(source, connectionId) : this.#postDisconnect(url, source, connectionId)).then((failure) => {
      this.#pending.delete(source.id);
      if (!failure) {
        this.#markDisconnected(source, connectionId);
        return;
      }
      const message = `${source.name} could not be disconnected.${failure.retryable ? ' Try again.' : ''}`;
      // The connect-error listener shows the message on the item and announces it.
      /** @ignore documented by @fires on the class */
      this.dispatchEvent(new ConnectErrorEvent({ source: source.id, code: failure.code, message, retryable: failure.retryable }));
      this.requestUpdate();
    });
  }

  /** The preset's own disconnect (Thryve: its revoke URL, called in the background). */
  async #presetDisconnect(source: ListedSource, connectionId: string): Promise<DisconnectFailure | undefined> {
    try {
      await this.flow.disconnect(source.id, connectionId);
      return undefined;
    } catch (error) {
      const known = error instanceof ConnectError && error.code !== 'exit';
      return { code: known ? (error.code as ConnectErrorCode) : 'unknown', retryable: known ? error.retryable : true };
    }
  }

  /** Everyone else: `POST { source, connectionId }` to the app's `disconnect-url`. */
  async #postDisconnect(url: string, source: ListedSource, connectionId: string): Promise<DisconnectFailure | undefined> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-connect-elements': '1' },
        body: JSON.stringify({ source: source.id, connectionId }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return response.ok ? undefined : { code: 'session_failed', retryable: isRetryableStatus(response.status) };
    } catch {
      return { code: 'network_error', retryable: true };
    }
  }

  #markDisconnected(source: ListedSource, connectionId: string): void {
    // The Disconnect button is about to go: keep keyboard focus on the item instead of losing it to <body>.
    const focused = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const item = focused?.closest<HTMLElement>('[data-index]');
    const hadFocus = !!item && this.#visible[Number(item.dataset.index)]?.id === source.id;
    this.connections = (parseConnections(this.connections) ?? []).filter((connection) => connection.connectionId !== connectionId);
    this.#announce(`${source.name} disconnected.`);
    if (hadFocus) {
      void this.updateComplete.then(() => {
        const index = this.#visible.indexOf(source);
        this.#itemElement(index)?.querySelector<HTMLElement>('[part~=action]:not([disabled])')?.focus();
      });
    }
  }
}

/** Why a disconnect failed: a `connect-error` code and whether trying again can help. */
interface DisconnectFailure {
  readonly code: ConnectErrorCode;
  readonly retryable: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'source-list': SourceListElement;
  }
}
