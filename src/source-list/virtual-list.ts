/**
 * The virtualized rendering of `<source-list>`, for a catalog longer than
 * `VIRTUALIZE_ABOVE`: only the rows in view are in the DOM. The list loads this
 * module with a dynamic `import()` when the first such catalog arrives, so a page
 * with shorter catalogs never loads @lit-labs/virtualizer.
 */
import { html, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { layoutFor } from './layouts.js';

/** What the element renders into the virtualized list, and how it listens to it. */
export interface VirtualListOptions<T> {
  /** A new list element (and virtualizer) for another key: the library cannot switch the layout of a live one. */
  readonly key: string;
  readonly label: string;
  readonly items: readonly T[];
  renderItem(item: T, index: number): TemplateResult;
  readonly layout: 'list' | 'grid';
  readonly rtl: boolean;
  /** The font size (px): the grid's cards are sized in it. */
  readonly em: number;
  onKeyDown(event: KeyboardEvent): void;
  onFocusIn(event: FocusEvent): void;
  onRangeChanged(event: RangeChangedEvent): void;
}

/**
 * The list element with only the rows of `items` in view. It scrolls itself
 * (`scroller`): a virtualizer that grows with its content resizes itself inside
 * its own ResizeObserver callbacks, which the browser reports as an error.
 * tabindex="-1", as the plain list's: Firefox makes a box that scrolls a Tab stop
 * of its own, and the list is one stop, its roving item.
 */
export function renderVirtualList<T extends { readonly id: string }>(options: VirtualListOptions<T>): unknown {
  const { renderItem } = options;
  return keyed(
    options.key,
    html`<div
      part="list"
      class="list virtual"
      role="list"
      tabindex="-1"
      aria-label=${options.label}
      @rangeChanged=${options.onRangeChanged}
      @keydown=${options.onKeyDown}
      @focusin=${options.onFocusIn}
    >
      ${virtualize({
        items: options.items as T[],
        // The directive may render a stale range once after the items shrink: tolerate the holes.
        keyFunction: (item: T | undefined, index: number) => item?.id ?? index,
        renderItem: (item: T | undefined, index: number) => (item ? renderItem(item, index) : html``),
        layout: layoutFor(options.layout, options.rtl, options.em),
        scroller: true,
      })}
    </div>`,
  );
}

/** Resolves once the virtualizer has measured and placed its rows (it is then safe to scroll it). */
export function settled(list: Element | null): Promise<void> {
  return (list as VirtualizerHostElement | null)?.[virtualizerRef]?.layoutComplete ?? Promise.resolve();
}

/** Scrolls the item at `index` into view, so that the virtualizer renders it. */
export function reveal(list: Element | null, index: number): void {
  (list as VirtualizerHostElement | null)?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
}

/**
 * A list whose sources take less than its height shrinks to them; the
 * virtualizer needs a fixed height otherwise. Measures only when every source
 * is rendered (a few, after a search); set through the CSSOM, which a strict
 * `style-src` allows.
 */
export function fitHeight(list: HTMLElement, count: number, gap: number): void {
  const items = list.querySelectorAll<HTMLElement>('[role=listitem]');
  if (items.length < count || list.scrollTop > 0) {
    // More sources than fit: give the virtualizer its whole height back to render them in.
    if (list.style.maxBlockSize) list.style.removeProperty('max-block-size');
    return;
  }
  list.style.removeProperty('max-block-size');
  // The virtualizer contains its size (scrollHeight never reads less than the box): measure the rows.
  const top = list.getBoundingClientRect().top + list.clientTop;
  let bottom = 0;
  for (const item of items) bottom = Math.max(bottom, item.getBoundingClientRect().bottom - top);
  const needed = Math.ceil(bottom + gap + (list.offsetHeight - list.clientHeight));
  if (needed < list.offsetHeight) list.style.setProperty('max-block-size', `${needed}px`);
}
