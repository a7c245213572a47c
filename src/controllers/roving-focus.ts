import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `vertical`: Up and Down move by one. `grid`: Left and Right move by one, Up and Down by a row. */
export type RovingLayout = 'vertical' | 'grid';

export interface RovingFocusOptions<T> {
  /** Every item, in order, whether its element is in the DOM or not (a virtualized list renders a few). */
  items(): readonly T[];
  /** What identifies an item across renders: the tab stop stays on it when the items are filtered or reordered. */
  key(item: T): unknown;
  /** The element whose children are the item elements; each carries `data-index`, its index in `items()`. */
  root(): Element | null | undefined;
  layout(): RovingLayout;
  /** Puts the item at `index` into the DOM when it is not (a virtualized list scrolls to it). */
  reveal?(index: number): void;
}

/** How many frames a move waits for `reveal` to render its item before giving up. */
const REVEAL_FRAMES = 30;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Roving keyboard focus: a set of items is one tab stop; arrow keys, Home and
 * End move focus between them. Left and Right follow the writing direction
 * (in a right-to-left page, Left moves forward), as the grid is laid out.
 *
 * The host renders `tabindex=${roving.tabIndex(index)}` on each item, and wires
 * `@keydown` to `handleKeyDown`, `@focusin` to `handleFocusIn` and, for a
 * virtualized list, the rendered range to `setRendered`. Activation (Enter,
 * Space) stays with the host: what an item does is not this controller's business.
 */
export class RovingFocusController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: RovingFocusOptions<T>;
  /** The item holding the tab stop, by key (its index changes as the items do). */
  #activeKey: unknown = undefined;
  #activeIndex = 0;
  /** The items whose elements are in the DOM. */
  #rendered = { first: 0, last: Infinity };
  /** Bumped on every move, so that a slow move never steals focus from a later one. */
  #move = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RovingFocusOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#activeKey === undefined) return;
    const { items, key } = this.#options;
    this.#activeIndex = Math.max(0, items().findIndex((item) => key(item) === this.#activeKey));
  }

  /**
   * `0` for the one tabbable item, `-1` for the others: the active item, or the
   * first one in the DOM when the active one is not (else Tab would skip the set).
   */
  tabIndex(index: number): 0 | -1 {
    return index === this.#tabStop ? 0 : -1;
  }

  get #tabStop(): number {
    const { first, last } = this.#rendered;
    return this.#activeIndex >= first && this.#activeIndex <= last ? this.#activeIndex : first;
  }

  /** Which items have elements in the DOM: a virtualizer says so as it scrolls. */
  setRendered(first: number, last: number): void {
    const before = this.#tabStop;
    this.#rendered = { first, last };
    if (this.#tabStop !== before) this.#host.requestUpdate();
  }

  /** The index of the item `target` is in (or is), `-1` when it is in none. */
  indexOf(target: EventTarget | null | undefined): number {
    const item = target instanceof Element ? target.closest<HTMLElement>('[data-index]') : null;
    return item && item.parentNode === this.#options.root() ? Number(item.dataset.index) : -1;
  }

  /** Focus that reached an item (a click, Tab, a screen reader) makes it the tab stop. */
  handleFocusIn = (event: FocusEvent): void => {
    const item = this.#options.items()[this.indexOf(event.target)];
    if (item === undefined) return;
    const key = this.#options.key(item);
    if (key === this.#activeKey) return;
    this.#activeKey = key;
    this.#host.requestUpdate();
  };

  /** Moves focus for an arrow key, Home or End, and says whether it did (the host handles the rest). */
  handleKeyDown = (event: KeyboardEvent): boolean => {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const index = this.indexOf(event.target);
    if (index < 0) return false;
    const next = this.#destination(index, event.key);
    if (next === undefined) return false;
    event.preventDefault();
    if (next >= 0 && next < this.#options.items().length) void this.focus(next);
    return true;
  };

  #destination(index: number, key: string): number | undefined {
    const grid = this.#options.layout() === 'grid';
    // Left and Right are "back" and "forward" in the reading direction.
    const forward = getComputedStyle(this.#host).direction === 'rtl' ? -1 : 1;
    switch (key) {
      case 'ArrowDown':
        return index + (grid ? this.#columns() : 1);
      case 'ArrowUp':
        return index - (grid ? this.#columns() : 1);
      case 'ArrowRight':
        return grid ? index + forward : undefined;
      case 'ArrowLeft':
        return grid ? index - forward : undefined;
      case 'Home':
        return 0;
      case 'End':
        return this.#options.items().length - 1;
      default:
        return undefined;
    }
  }

  /** How many items a grid row holds, read from the first row in the DOM (only the last row can be short). */
  #columns(): number {
    const elements = this.#elements();
    if (!elements.length) return 1;
    const first = elements.reduce((a, b) => (Number(b.dataset.index) < Number(a.dataset.index) ? b : a));
    const top = first.getBoundingClientRect().top;
    return Math.max(1, elements.filter((element) => Math.abs(element.getBoundingClientRect().top - top) < 1).length);
  }

  #elements(): HTMLElement[] {
    return [...(this.#options.root()?.querySelectorAll<HTMLElement>(':scope > [data-index]') ?? [])];
  }

  /** The element of the item at `index`, `null` while it is not in the DOM. */
  element(index: number): HTMLElement | null {
    return this.#options.root()?.querySelector<HTMLElement>(`:scope > [data-index="${index}"]`) ?? null;
  }

  /** Makes the item at `index` the tab stop and focuses it, first asking `reveal` to render it when it is not in the DOM. */
  async focus(index: number): Promise<void> {
    const item = this.#options.items()[index];
    if (item === undefined) return;
    const move = ++this.#move;
    this.#activeKey = this.#options.key(item);
    this.#activeIndex = index;
    this.#host.requestUpdate();
    let element = this.element(index);
    if (!element) {
      this.#options.reveal?.(index);
      for (let frame = 0; frame < REVEAL_FRAMES && !element; frame++) {
        await nextFrame();
        if (move !== this.#move) return;
        element = this.element(index);
      }
    }
    element?.focus();
  }
}
