import { html, isServer, type PropertyValues } from 'lit';
import type { LaunchOverrides } from '../controllers/flow-controller.js';
import { ConnectSourceSelectEvent, type ConnectSuccessDetail } from '../events.js';
import { defineElement } from '../internal/connect-flow-element.js';
import { ConnectFormElement, type ConnectionEntries } from '../internal/connect-form-element.js';
import { sharedStyles } from '../internal/shared.styles.js';
import enList from '../locales/en-list.js';
import { addEnglish } from '../localize.js';
import { Announcer } from './announcer.js';
import type { CatalogSource, ListedSource, SourceConnection } from './catalog.js';
import { ListConnections } from './connections-state.js';
import { categoriesOf, fitFilter, isFiltering, memoizedFilter, NO_FILTER, type SourceFilter } from './filter.js';
import { hydratingUpdate, hydrationWait, serverRenderedLoading } from './hydration.js';
import type { ItemListView, ItemState } from './item-list.js';
import { JsonTask } from './json-task.js';
import { loadedParts, loadParts, partsFailed, partsSettled, type Parts } from './lazy-parts.js';
import type { DisconnectController } from './disconnect-controller.js';
import { renderEmpty, renderError, renderLoading, renderToolbar, termsOf, type Terms } from './templates.js';
import { styles } from './source-list.styles.js';

// The list's English comes with the list: a page with only a button does not load it.
addEnglish(enList);

export type { CatalogSource, SourceConnection, SourceStatus } from './catalog.js';
export type SourceListLayout = 'list' | 'grid';

/**
 * A catalog of more sources than this is virtualized: only the rows in view are
 * in the DOM, rendered by Lit's virtualizer, which loads with the first such
 * catalog. A shorter catalog renders every source plainly.
 */
export const VIRTUALIZE_ABOVE = 200;

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
 * `name` are dropped. A catalog of more than 200 sources (`VIRTUALIZE_ABOVE`) is
 * virtualized: only the rows in view are in the DOM, so thousands of sources stay
 * fast, and the virtualizer's code loads only when such a catalog arrives; a
 * shorter catalog renders every source.
 *
 * The flow attributes `source` and `connection-id` are ignored: each item stands
 * for its own source and, when connected, its own connection. When the `scopes`
 * attribute is empty, each source's catalog `scopes` are requested.
 *
 * Several systems: a catalog item may name its own `preset` (a registered name)
 * and `baseUrl` (`https:` or loopback `http:`; anything else is ignored); its
 * Connect, Reconnect and Disconnect use them (Thryve's revoke for a Thryve item
 * in a list of another preset). An item naming a preset that is not registered
 * (`__proto__` and other inherited names included) is shown disabled with an
 * "Unavailable" badge and one console warning; it never launches.
 *
 * Several accounts: `connections` may hold several of one source. Such an item
 * says "2 accounts connected" (its accessible name: "GitHub, 2 accounts
 * connected") and lists each account: its `label` (plain text, isolated for
 * direction) or a short form of its id, its state, its own Reconnect and
 * Disconnect. An item with one connection looks as before. `multiple: true` on
 * an item offers "Add another account": a flow with no connection id, whose
 * success goes beside the others; a Reconnect's success replaces that account in
 * place; a new connection of any other source replaces its one. In the grid a
 * card keeps its size and its accounts scroll inside it; in the list a row grows
 * (the virtualizer measures rows). Connections are untrusted: entries without a
 * string `source` and an id safe to render are dropped, so is a second entry with
 * the same id, and every one past the first 100 of a source (not shown, not
 * submitted); labels lose control and bidi characters and are cut at 200
 * characters; nothing else of an entry (a `preset`) is read.
 *
 * Keyboard: the list is one tab stop; arrow keys move between sources (Up and
 * Down; also Left and Right in the grid layout, which follow the writing
 * direction: in a right-to-left page the grid starts on the right and Left moves
 * forward), Home and End go to the first and last, Enter or Space connects (or
 * reconnects its first account) the focused source. Tab from the focused item
 * reaches its buttons, every account's included, then leaves the list.
 *
 * A failed disconnect is reported as `connect-error` with code `network_error`
 * when the `disconnect-url` could not be reached, or `session_failed` when it
 * answered with an error status (`retryable` for 5xx, 408 and 429).
 * `connect-success`, `connect-disconnect` and `connect-error` carry the
 * `connectionId` the action was about (a Reconnect's flow error and a failed
 * disconnect included; a new account's error has none yet).
 *
 * A form control: with a `name`, its form submits `name[<source id>]` = the
 * connection id of each connected source (the bracket form PHP, Rails and most
 * form handlers read as a map; its first account), and each further account of a
 * source as `name-more[<source id>][]`, in order (a second `name[<source id>]`
 * would replace the first in those handlers); `value` holds the first of each; `required` keeps the form from submitting until
 * at least one source is connected; `submit-on-success` submits the form after
 * a success. A disabled `<fieldset>` disables its buttons, `form.reset()` restores
 * the connections the page gave, and the browser's back/forward restores the
 * last ones. An id unsafe to render never reaches the form.
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
 * @fires {ConnectErrorEvent} connect-error - Anything failed, a disconnect included. Ends the flow. Detail: `{ source, code, message, retryable, description?, connectionId? }` (`connectionId`: the account a Reconnect or a Disconnect was about).
 * @fires {ConnectAnalyticsEvent} connect-event - Any other event the hosted flow reports. Detail: `{ source, name, metadata }`.
 *
 * @slot empty - Shown when no source matches the search and category, or the catalog is empty. Default: "No sources match".
 * @slot error - Shown above the Retry button when the catalog or the connections could not be loaded. Default: "The sources could not be loaded."
 *
 * @csspart toolbar - The row holding the search box and the category filter.
 * @csspart search - The search `<input>`.
 * @csspart filters - The category `<select>` ("All" by default).
 * @csspart list - The element with `role="list"`; it scrolls. In a catalog of more than 200 sources only the items in view are in the DOM.
 * @csspart item - One source (`role="listitem"`). Also `item-connected`, `item-beta` or `item-coming-soon`.
 * @csspart icon - The source's icon: an `<img>`, or the placeholder with the name's initial (also `icon-placeholder`).
 * @csspart name - The source's name.
 * @csspart badge - A state badge. Also `badge-connected`, `badge-beta`, `badge-coming-soon` or `badge-unavailable` (an unknown preset).
 * @csspart category - The source's category.
 * @csspart description - The source's description (at most 300 characters, clamped to a few lines).
 * @csspart item-error - The message of a failed flow or disconnect, on its item.
 * @csspart actions - The wrapper of an item's buttons.
 * @csspart action - Every item button. Also `connect`, `reconnect`, `disconnect` or `add-account`.
 * @csspart add-account - A `multiple` item's "Add another account" button (also an `action`).
 * @csspart accounts - The list of an item's accounts, when it has several (it scrolls inside a grid card).
 * @csspart account - One account: its label, its state badge, its Reconnect and Disconnect.
 * @csspart account-label - The account's label, or a short form of its id.
 * @csspart spinner - The busy indicator of a loading list or a starting flow (static under reduced motion).
 * @csspart list-spinner - The busy indicator of the loading message only.
 * @csspart loading - The loading message. Prefer `list-loading`: `loading` also matches a modal fallback's loading state.
 * @csspart list-loading - The loading message (never a modal's).
 * @csspart empty - The wrapper of the `empty` slot.
 * @csspart error - The wrapper of the `error` slot and the Retry button.
 * @csspart retry - The Retry button.
 * @csspart item-waiting - On the item whose flow waits for a sign-in window that reads closed (it may be severed, not closed): the note and its Cancel button.
 * @csspart cancel - That Cancel button (also an `action`): ends the flow with `connect-exit` (`closed`).
 * @csspart dialog - The native `<dialog>` of a modal fallback (a blocked popup's `fallback="modal"`), rendered in this element's shadow root.
 * @csspart dialog-header - The modal's bar with the title and the close button.
 * @csspart dialog-title - The modal's title.
 * @csspart dialog-close-button - The modal's close button.
 * @csspart dialog-body - The area that holds the modal's loading state and iframe.
 * @csspart dialog-loading - The modal's loading state (a busy ring and text), until the hosted page is ready.
 * @csspart dialog-iframe - The modal's `<iframe>`.
 *
 * @cssstate connected - At least one source is connected (the form value is not empty).
 * @cssstate loading - A flow is minting its session.
 * @cssstate open - A flow's window is open.
 * @cssstate waiting - A flow waits for a sign-in window that reads closed.
 * @cssstate error - The last flow failed (not when the user declined).
 *
 * @cssprop [--source-list-max-height=32rem] - The height of the scrolling list; a list whose sources take less shrinks to them (smaller when the viewport is).
 * @cssprop [--source-list-font=0.9375rem/1.4 system-ui, sans-serif] - Font.
 * @cssprop [--source-list-color=light-dark(#1f2328, #e6edf3)] - Text colour.
 * @cssprop [--source-list-muted-color=light-dark(#57606a, #9198a1)] - Colour of descriptions and categories.
 * @cssprop [--source-list-background=light-dark(#fff, #161b22)] - Background of the list and its items.
 * @cssprop [--source-list-border=1px solid light-dark(#d0d7de, #3d444d)] - Border of the list and the items.
 * @cssprop [--source-list-control-border=1px solid light-dark(#8c959f, #6e7681)] - Border of the search box and the category select (3:1).
 * @cssprop [--source-list-border-radius=0.75rem] - Corner radius of the list and the grid cards.
 * @cssprop [--source-list-accent=light-dark(#1f4fd8, #8fb0ff)] - Background of the Connect buttons and colour of the Reconnect buttons.
 * @cssprop [--source-list-accent-color=light-dark(#fff, #0d1117)] - Text colour on the accent.
 * @cssprop [--source-list-danger=light-dark(#b42318, #ffa198)] - Colour of Disconnect buttons and error messages.
 * @cssprop [--source-list-disabled-background=light-dark(#eaeef2, #30363d)] - Background of an unavailable ("Coming soon") button.
 * @cssprop [--source-list-disabled-color=light-dark(#57606a, #9198a1)] - Text colour of an unavailable button.
 * @cssprop [--source-list-placeholder-background=light-dark(#e8eefc, #1a2a55)] - Background of the icon placeholder.
 * @cssprop [--source-list-placeholder-color=light-dark(#1a3f9e, #b6c8ff)] - The icon placeholder's initial.
 * @cssprop [--source-list-connected-background=light-dark(#dafbe1, #1b4721)] - The Connected badge.
 * @cssprop [--source-list-connected-color=light-dark(#116329, #aff5b4)] - The Connected badge's text.
 * @cssprop [--source-list-beta-background=light-dark(#fff8c5, #3b2e00)] - The Beta badge.
 * @cssprop [--source-list-beta-color=light-dark(#6c4400, #f2cc60)] - The Beta badge's text.
 * @cssprop [--source-list-coming-soon-background=light-dark(#eaeef2, #30363d)] - The Coming soon badge.
 * @cssprop [--source-list-coming-soon-color=light-dark(#424a53, #d1d7e0)] - The Coming soon badge's text.
 * @cssprop [--source-list-focus-ring=3px solid var(--connect-focus-ring-color)] - Outline of the focused item or control.
 * @cssprop [--connect-color-scheme] - `light`, `dark` or `inherit` to fix the colour scheme. Default: the page's `color-scheme`, and dark when the OS prefers dark.
 * @cssprop [--connect-focus-ring-color=light-dark(#1f4fd8, #8fb0ff)] - Colour of every focus ring (at least 3:1 on the light and dark defaults).
 * @cssprop [--source-list-icon-size=2.5rem] - Width and height of the icons.
 */
export class SourceListElement extends ConnectFormElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    ...ConnectFormElement.properties,
    catalogUrl: { attribute: 'catalog-url' },
    connectionsUrl: { attribute: 'connections-url' },
    disconnectUrl: { attribute: 'disconnect-url' },
    // The default is no attribute: a framework hydrating server HTML finds none added by the element's first update.
    layout: { reflect: true, converter: { toAttribute: (layout: SourceListLayout) => (layout === 'list' ? null : layout) } },
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
  /** Where to GET the user's connections: a JSON array of `{ source, connectionId, status?, label? }` (several per source allowed), or `{ connections: [...] }`. */
  declare connectionsUrl: string;
  /**
   * Where to `POST { source, connectionId }` (JSON, header `x-connect-elements: 1`)
   * after an uncancelled `connect-disconnect`. Without it the item is only marked
   * disconnected, and the app does the rest in its `connect-disconnect` listener.
   */
  declare disconnectUrl: string;
  /** `list` (rows; the default) or `grid` (cards). Reflected when not the default. */
  declare layout: SourceListLayout;
  /** The accessible name of the list. Default: the locale's "Sources". */
  declare label: string;
  /** The catalog, when there is no `catalog-url`: `{ id, name, icon?, description?, category?, categoryLabel?, scopes?, status?, preset?, baseUrl?, multiple? }` items. */
  declare sources: readonly CatalogSource[];
  /**
   * The user's connections: `{ source, connectionId, status?, label? }`, several per source allowed. Loaded from
   * `connections-url` when set, and kept up to date by the list after a flow
   * succeeds or a disconnect goes through.
   */
  declare connections: readonly SourceConnection[];

  /** The validated catalog, in catalog order: from `catalog-url`, else from `sources`. */
  #catalog: readonly ListedSource[] = [];
  /** `sources`, validated (once per assignment). */
  #ownCatalog: readonly ListedSource[] = [];
  #catalogBase: string | undefined;
  /** Category ids and the catalog's label of each (`''` for none). */
  #categories: ReadonlyMap<string, string> = new Map();
  #filter: SourceFilter = NO_FILTER;
  readonly #filtered = memoizedFilter();
  /** The locale's texts for this render, each looked up once. */
  #terms!: Terms;
  readonly #connections = new ListConnections(this);
  readonly #announcer = new Announcer(
    this,
    this.flow,
    (id) => this.#find(id)?.name ?? id,
    () => this.#connections.forget(),
  );

  readonly #catalogLoad = new JsonTask(this, () => this.catalogUrl, async (body, url) => (await loadParts()).parseCatalog(body, url));
  readonly #connectionsLoad = new JsonTask(
    this,
    () => this.connectionsUrl,
    async (body) => (await loadParts()).parseConnections(body),
    (connections) => (this.connections = connections),
  );
  /**
   * What only a list with items needs, made when the parts load (there is no item
   * before), from their chunk: the items' view (how they render, the keyboard
   * between them, the list's fitting: item-list.ts) and an account's disconnect.
   */
  #items: ItemListView | undefined;
  #disconnects: DisconnectController | undefined;
  #focusAfterLoad = false;
  /** The server rendered this list's loading state: so does its hydration, whatever has loaded since. */
  readonly #serverLoading = serverRenderedLoading(this);

  constructor() {
    super();
    this.catalogUrl = '';
    this.connectionsUrl = '';
    this.disconnectUrl = '';
    this.layout = 'list';
    this.label = '';
    this.sources = [];
    this.connections = [];
    const parts = loadedParts();
    if (parts) this.#useParts(parts);
    else if (!isServer) this.#loadParts();
  }

  /** Hydration renders what the server did: its loading state, or the sources once the parts are in (hydration.ts). */
  protected override async scheduleUpdate(): Promise<void> {
    const wait = hydrationWait(this, this.#serverLoading);
    if (wait) await wait;
    super.scheduleUpdate();
  }

  protected override update(changed: PropertyValues<this>): void {
    hydratingUpdate(this, () => super.update(changed));
  }

  #useParts(parts: Parts): void {
    if (this.#items) return;
    this.#items = new parts.ItemListView(this, {
      label: () => this.#label,
      item: (source) => this.#itemState(source),
      select: (source) => this.#select(source),
      focused: (source) => this.#prefetch(source),
    });
    this.#disconnects = new parts.DisconnectController(this, {
      flow: this.flow,
      disconnectUrl: () => this.disconnectUrl,
      overridesFor: (source, connectionId) => this.#overridesFor(source, connectionId),
      onDisconnected: (source, connectionId) => this.#markDisconnected(source, connectionId),
      onFailed: (source, message, event) => this.#announcer.disconnectFailed(source.id, message, event),
    });
  }

  /** Loads the parts; once they are in, `sources` and `connections` are validated again. */
  #loadParts(): void {
    const load = loadParts();
    // A Retry's load: the loading state shows until it settles.
    this.requestUpdate();
    load.then(
      (loaded) => {
        this.#useParts(loaded);
        this.requestUpdate('sources');
        this.requestUpdate('connections');
      },
      (error: unknown) => {
        console.warn('<source-list> could not load the validation of its catalog.', error);
        this.requestUpdate();
      },
    );
  }

  /** Also waits for the parts a list renders its sources with, so that `await list.updateComplete` sees them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await partsSettled();
    return super.getUpdateComplete();
  }

  /** Fetches the catalog and the connections again (what the Retry button does). */
  reload(): void {
    this.#catalogLoad.reload();
    this.#connectionsLoad.reload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A server has no address to resolve relative icons against, and hydration must render what it did.
    const base = this.asServer ? undefined : document.baseURI;
    if (changed.has('sources') || base !== this.#catalogBase) {
      this.#catalogBase = base;
      this.#ownCatalog = loadedParts()?.parseCatalog(this.sources, base) ?? [];
    }
    const catalog = this.catalogUrl ? (this.#catalogLoad.value ?? []) : this.#ownCatalog;
    if (catalog !== this.#catalog) {
      this.#catalog = catalog;
      this.#categories = categoriesOf(catalog);
      this.#filter = fitFilter(this.#filter, this.#categories);
    }
    if (changed.has('connections')) this.#connections.read();
    const visible = this.#filtered(this.#catalog, this.#filter);
    this.#announcer.update(visible.length);
    this.#items?.update(visible, this.#catalog.length > VIRTUALIZE_ABOVE);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusAfterLoad && !this.#loading) {
      this.#focusAfterLoad = false;
      // Only when focus went down with the Retry button, never away from where the user has since gone.
      const lost = !this.shadowRoot?.activeElement && (!document.activeElement || document.activeElement === document.body || document.activeElement === this);
      if (!lost) return;
      this.renderRoot.querySelector<HTMLElement>(this.#failed ? '[part=retry]' : '[part=search]')?.focus();
    }
  }

  get #label(): string {
    return this.label || this.flow.localize.t('sourcesLabel');
  }

  get #loading(): boolean {
    if (this.asServer && this.#serverLoading) return true;
    return this.#catalogLoad.status === 'loading' || this.#connectionsLoad.status === 'loading' || (!loadedParts() && !partsFailed());
  }

  get #failed(): boolean {
    return this.#catalogLoad.status === 'error' || this.#connectionsLoad.status === 'error' || partsFailed();
  }

  // --- render ------------------------------------------------------------------------

  override render() {
    let body: unknown;
    const localize = this.flow.localize;
    const terms = (this.#terms = termsOf(localize));
    if (this.#loading) body = renderLoading(this.#label, terms);
    else if (this.#failed) body = renderError(() => this.#onRetry(), terms);
    else if (this.#items?.count) body = this.#items.render();
    else body = renderEmpty(isFiltering(this.#filter), terms);
    return html`
      ${renderToolbar(this.#categories, this.#filter.category, terms, (event) => this.#onSearch(event), (event) => this.#onCategory(event))}
      ${body}
      <div class="visually-hidden" role="status">${this.#announcer.text}</div>
      <span class="em-probe" aria-hidden="true"></span>
    `;
  }

  /** What `source`'s item shows and what its controls do (item.ts renders it). */
  #itemState(source: ListedSource): ItemState {
    const flow = this.flow;
    const mine = flow.source === source.id;
    return {
      connections: this.#connections.of(source.id),
      busy: this.#disconnects!.busy,
      disabled: this.disabledByForm,
      starting: flow.status === 'loading' && flow.running && mine ? this.#connections.launched : undefined,
      waiting: flow.waiting && mine,
      error: this.#announcer.errorOf(source.id),
      terms: this.#terms,
      onSelect: (connectionId) => this.#select(source, connectionId),
      onDisconnect: ({ connectionId }) => !this.disabledByForm && !source.unknownPreset && this.#disconnects!.request(source, connectionId),
      onAbandon: () => this.flow.abandon(),
      onHover: () => this.#prefetch(source),
    };
  }

  // --- handlers ----------------------------------------------------------------------

  #onRetry(): void {
    // The Retry button goes away while loading: put focus back somewhere useful afterwards.
    this.#focusAfterLoad = true;
    if (partsFailed()) this.#loadParts();
    if (this.#catalogLoad.status === 'error') this.#catalogLoad.reload();
    if (this.#connectionsLoad.status === 'error') this.#connectionsLoad.reload();
  }

  #onSearch(event: Event): void {
    this.#setFilter({ ...this.#filter, query: (event.target as HTMLInputElement).value });
  }

  #onCategory(event: Event): void {
    this.#setFilter({ ...this.#filter, category: (event.target as HTMLSelectElement).value });
  }

  #setFilter(filter: SourceFilter): void {
    this.#filter = filter;
    this.#announcer.countNext();
    this.requestUpdate();
  }

  /** The flow of `source`'s item: its connection (the first, unless named), scopes, preset and base URL. */
  #overridesFor(source: ListedSource, connectionId = this.#connections.of(source.id)[0]?.connectionId): LaunchOverrides {
    // An empty connectionId, not undefined: the list's own `connection-id` must never leak into another source's flow.
    const overrides: LaunchOverrides = { source: source.id, connectionId: connectionId ?? '' };
    if (!this.scopes.length && source.scopes) overrides.scopes = [...source.scopes];
    if (source.preset) overrides.preset = source.preset;
    if (source.baseUrl) overrides.baseUrl = source.baseUrl;
    return overrides;
  }

  #prefetch(source: ListedSource): void {
    if (this.prefetch && source.status !== 'coming_soon' && !source.unknownPreset) this.flow.prefetch(this.#overridesFor(source));
  }

  /**
   * Connect, Reconnect (`connectionId`; the first connection by default) or Add
   * another account (`''`). Synchronous up to `window.open`: called from the
   * click or key handler. An item of an unknown preset never launches.
   */
  #select(source: ListedSource | undefined, connectionId?: string): void {
    if (!source || source.status === 'coming_soon' || source.unknownPreset || this.disabledByForm) return;
    const select = new ConnectSourceSelectEvent({ source: source.id });
    /** @ignore documented by @fires on the class */
    this.dispatchEvent(select);
    if (select.defaultPrevented) return;
    this.#announcer.clear(source.id);
    const overrides = this.#overridesFor(source, connectionId);
    this.#connections.launch(source.id, overrides.connectionId!, () => this.flow.launch(overrides));
    this.requestUpdate();
  }

  /**
   * The connections this list's form submits, one per connected source: `{ [source id]: connection id }`.
   * Read-only; set `connections` instead.
   */
  get value(): Record<string, string> {
    // The first connection of each source, as `name[<source id>]` submits it.
    return Object.fromEntries([...this.formEntries].reverse());
  }

  /** @internal */
  connectionEntries(): ConnectionEntries {
    return this.#connections.entries();
  }

  /** @internal */
  missingMessage(): string {
    return this.flow.localize.t('requiredAnySource');
  }

  protected keepConnection({ source, connectionId }: ConnectSuccessDetail): void {
    this.#connections.keep(source, connectionId, this.#find(source)?.multiple);
  }

  protected resetConnections(): void {
    this.#connections.reset();
  }

  /** @internal */
  restoreConnections(entries: ConnectionEntries): void {
    this.#connections.restore(entries);
  }

  /** The catalog's source `id`. */
  #find(id: string): ListedSource | undefined {
    return this.#catalog.find((listed) => listed.id === id);
  }

  #markDisconnected(source: ListedSource, connectionId: string): void {
    // A disconnect is asked on a rendered item: the parts are loaded.
    this.#connections.drop(connectionId);
    this.#announcer.disconnected(source.name);
    // Its Disconnect button is about to go: keyboard focus stays in the item.
    this.#items!.keepFocusIn(source);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'source-list': SourceListElement;
  }
}
