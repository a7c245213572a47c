/**
 * The items of a `<source-list>` that has some: how they render (every one
 * plainly; a long catalog's first screenful while the virtualizer loads; then
 * only the rows in view), the keyboard between them (arrow keys, Home and End,
 * Enter and Space), focus kept on its source when the list element is made
 * anew, and the list's fitting (a virtualized list's height, a plain grid's
 * columns). It comes with the lazy parts (`parts.ts`), as only a list with
 * items needs it; what an item shows and does stays with the element.
 */
import { html, isServer, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { RovingFocusController } from '../controllers/roving-focus.js';
import type { ListedSource } from './catalog.js';
import { GridFitController } from './grid-fit.js';
import { GRID_GAP } from './grid-size.js';
import { renderSourceItem, type SourceItemState } from './item.js';
import { LazyVirtualizer } from './lazy-virtualizer.js';

/** How many sources a long catalog shows, plainly, while the virtualizer loads: a screenful. */
const PREVIEW = 24;

/** `plain`: every source in the DOM; `preview`: the first few, until the virtualizer has loaded; `virtual`: the rows in view. */
type Rendering = 'plain' | 'preview' | 'virtual';

/** What an item shows and what its controls do: its state but for its place in the list and its icon's failure, which the list adds. */
export type ItemState = Omit<SourceItemState, 'tabindex' | 'setSize' | 'iconBroken' | 'onIconError'>;

/** The element's side: its layout, whether it still renders as a server would, and its shadow root. */
interface ItemListHost extends ReactiveControllerHost, HTMLElement {
  readonly layout: 'list' | 'grid';
  readonly asServer: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ItemListOptions {
  /** The list's accessible name. */
  label(): string;
  item(source: ListedSource): ItemState;
  /** Enter or Space on an item: synchronous, as the popup must open inside the key press. */
  select(source: ListedSource | undefined): void;
  /** Focus reached an item (or one of its buttons). */
  focused(source: ListedSource): void;
}

export class ItemListView implements ReactiveController {
  readonly #host: ItemListHost;
  readonly #options: ItemListOptions;
  /** Arrow keys, Home and End between the items; the list is one Tab stop. */
  readonly #roving: RovingFocusController<ListedSource>;
  readonly #virtualizer: LazyVirtualizer;
  /** The plain grid's columns, and the text size both grids are sized in. */
  readonly #gridFit: GridFitController;
  /** The sources the search and the category let through, in catalog order. */
  #visible: readonly ListedSource[] = [];
  #rendering: Rendering = 'plain';
  /** What the list element is made for: a virtualized one is new for another layout, direction or (grid) font size. */
  #key = '';
  /** The item (or one of its buttons) that had focus before an update that re-creates the list: its source and index. */
  #refocus: { id: string | undefined; index: number } | undefined;
  #lastFit: unknown[] = [];
  /** Icons that failed to load: their items show the name's initial instead. */
  readonly #brokenIcons = new Set<string>();

  constructor(host: ItemListHost, options: ItemListOptions) {
    this.#host = host;
    this.#options = options;
    const list = () => host.renderRoot.querySelector<HTMLElement>('.list');
    this.#roving = new RovingFocusController(host, {
      items: () => this.#visible,
      key: (source) => source.id,
      root: list,
      layout: () => (host.layout === 'grid' ? 'grid' : 'vertical'),
      reveal: (index) => this.#rendering === 'virtual' && this.#virtualizer.module?.reveal(list(), index),
    });
    this.#virtualizer = new LazyVirtualizer(host, {
      list: () => host.renderRoot.querySelector<HTMLElement>('.virtual'),
      count: () => this.#visible.length,
      gap: () => (host.layout === 'grid' ? GRID_GAP : 0),
    });
    this.#gridFit = new GridFitController(host, {
      grid: () => (host.layout === 'grid' && this.#rendering !== 'virtual' ? list() : null),
      toolbar: () => host.renderRoot.querySelector('[part=toolbar]'),
      probe: () => host.renderRoot.querySelector('.em-probe'),
      // Next frame: re-rendering inside the observer's callback would resize the virtualizer within its own observer's delivery.
      onTextSize: () => this.#rendering === 'virtual' && requestAnimationFrame(() => host.requestUpdate()),
    });
    // After the three above: the list's height and focus are seen to once they have done their part of an update.
    host.addController(this);
  }

  /** How many sources the list shows. */
  get count(): number {
    return this.#visible.length;
  }

  /**
   * From the element's `willUpdate`: the sources to show, and whether the
   * catalog is long enough to virtualize. Chooses how they render; when the list
   * element is about to be made anew, focus on an item will follow its source.
   */
  update(visible: readonly ListedSource[], long: boolean): void {
    const host = this.#host;
    const virtualizer = this.#virtualizer;
    // A server (and hydration) renders a long catalog's first screenful: the virtualizer measures the page.
    const rendering: Rendering = !long || virtualizer.failed ? 'plain' : virtualizer.module && !host.asServer ? 'virtual' : 'preview';
    if (rendering === 'preview' && !isServer) virtualizer.load();
    this.#rendering = rendering;
    const grid = host.layout === 'grid';
    // A new virtualizer for a new layout: the library cannot switch the layout of a live one.
    const key = rendering === 'virtual' ? `${grid} ${host.matches(':dir(rtl)')} ${grid ? this.#gridFit.em() : 0}` : rendering;
    if (key !== this.#key) {
      // The list element is about to be replaced (a preview's rows, to show other sources): focus on an item follows its source.
      const index = host.asServer ? -1 : this.#roving.indexOf(host.shadowRoot?.activeElement);
      if (index >= 0 && !this.#refocus) this.#refocus = { id: this.#visible[index]?.id, index };
      this.#key = key;
    }
    this.#visible = visible;
    // Every row of a plain list (the first few of a preview) is in the DOM; a virtualizer reports its range as it renders.
    if (rendering !== 'virtual') this.#roving.setRendered(0, (rendering === 'plain' ? visible.length : PREVIEW) - 1);
  }

  hostUpdated(): void {
    // What the height follows: the sources shown and their layout (every update would measure on every keystroke and hover).
    const fit = [this.#rendering, this.#visible, this.#host.layout];
    if (this.#rendering === 'virtual' && fit.some((value, i) => value !== this.#lastFit[i])) this.#virtualizer.fitHeight();
    this.#lastFit = fit;
    if (this.#rendering === 'plain') this.#restoreFocus();
  }

  /**
   * Focus back on the source whose item had it before the list was re-created
   * (or, when the new catalog lacks it, on the item now in its place). A
   * virtualized list first renders its first rows, so that it can scroll to it.
   */
  #restoreFocus(): void {
    if (!this.#refocus) return;
    const { id, index } = this.#refocus;
    this.#refocus = undefined;
    const now = this.#visible.findIndex((source) => source.id === id);
    void this.#roving.focus(now >= 0 ? now : Math.min(index, this.#visible.length - 1));
  }

  /**
   * `source` lost a connection, and its item's update is pending: its button is
   * about to go, so focus inside the item goes to the item's first enabled
   * button, instead of being lost to `<body>`.
   */
  keepFocusIn(source: ListedSource): void {
    const host = this.#host;
    if (this.#visible[this.#roving.indexOf(host.shadowRoot?.activeElement)]?.id !== source.id) return;
    void host.updateComplete.then(() => {
      this.#roving.element(this.#visible.indexOf(source))?.querySelector<HTMLElement>('[part~=action]:not([disabled])')?.focus();
    });
  }

  /** The list element and its items (a virtualized one: those in view). */
  render(): unknown {
    const visible = this.#visible;
    const label = this.#options.label();
    if (this.#rendering === 'virtual') {
      const host = this.#host;
      const grid = host.layout === 'grid';
      return this.#virtualizer.module!.renderVirtualList({
        key: this.#key,
        label,
        items: visible,
        renderItem: this.#renderItem,
        layout: grid ? 'grid' : 'list',
        rtl: host.matches(':dir(rtl)'),
        em: grid ? this.#gridFit.em() : 0,
        onKeyDown: this.#onKeyDown,
        onFocusIn: this.#onFocusIn,
        onRangeChanged: this.#onRangeChanged,
      });
    }
    // Not the virtualized list's template: switching renders a new element, without a virtualizer's inline styles and state.
    // tabindex="-1": Firefox makes a box that scrolls a Tab stop of its own, and the list is one stop, its roving item.
    const preview = this.#rendering === 'preview';
    return html`<div
      part="list"
      class="list"
      role="list"
      tabindex="-1"
      aria-label=${label}
      aria-busy=${preview ? 'true' : nothing}
      @keydown=${this.#onKeyDown}
      @focusin=${this.#onFocusIn}
    >
      ${(preview ? visible.slice(0, PREVIEW) : visible).map(this.#renderItem)}
    </div>`;
  }

  // Arrow functions: Lit calls the listeners with the element as `this`.

  #renderItem = (source: ListedSource, index: number): TemplateResult =>
    renderSourceItem(source, index, {
      ...this.#options.item(source),
      iconBroken: !!source.icon && this.#brokenIcons.has(source.icon),
      onIconError: () => this.#onIconError(source.icon),
      tabindex: this.#roving.tabIndex(index),
      setSize: this.#visible.length,
    });

  #onIconError(url: string | undefined): void {
    if (!url || this.#brokenIcons.has(url)) return;
    this.#brokenIcons.add(url);
    this.#host.requestUpdate();
  }

  #onRangeChanged = (event: RangeChangedEvent): void => {
    this.#roving.setRendered(event.first, event.last);
    this.#virtualizer.fitHeight();
    // Once the first rows are measured: scrolling an unmeasured virtualizer makes it resize in its own observer.
    if (this.#refocus) void this.#virtualizer.module?.settled(event.target as Element).then(() => this.#restoreFocus());
  };

  #onFocusIn = (event: FocusEvent): void => {
    const roving = this.#roving;
    roving.handleFocusIn(event);
    const source = this.#visible[roving.indexOf(event.target)];
    if (source) this.#options.focused(source);
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    const roving = this.#roving;
    if (roving.handleKeyDown(event)) return;
    if ((event.key !== 'Enter' && event.key !== ' ') || event.altKey || event.ctrlKey || event.metaKey) return;
    // On the item itself; on one of its buttons, the button's own click does it.
    const index = roving.indexOf(event.target);
    if (index < 0 || !(event.target as Element).hasAttribute('data-index')) return;
    event.preventDefault();
    // Synchronous: the popup must open inside this key press.
    if (!event.repeat) this.#options.select(this.#visible[index]);
  };
}
