/**
 * The plain grid's columns and card height, and the text size both grids are
 * sized in: a `<source-list>` controller with its two ResizeObservers (a 1em
 * probe for text-size changes, the toolbar for width). The virtualized grid
 * sizes its cards in its layout (`layouts.ts`); this makes the plain grid match.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cardSize, gridColumns, GRID_GAP } from './grid-size.js';

export interface GridFitOptions {
  /** The plain grid to fit, when one is rendered (`null` for a list, or a virtualized grid). */
  grid(): HTMLElement | null;
  /** The toolbar, as wide as the list. */
  toolbar(): Element | null;
  /** The 1em probe. */
  probe(): Element | null;
  /** The text size changed: a virtualized grid needs a new layout, a plain one only its columns (done here). */
  onTextSize(): void;
}

export class GridFitController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: GridFitOptions;
  #probe: ResizeObserver | undefined;
  #lastEm = 0;
  /** The plain grid whose width the columns follow. */
  #grid: HTMLElement | null = null;
  /**
   * Watches the toolbar, which is as wide as the list: the list itself would
   * report the height its new rows give it within the same frame, which the
   * browser calls a ResizeObserver loop.
   */
  #gridResize: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: GridFitOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The font size of the list, rounded (px): the grid's cards are sized in it. */
  em(): number {
    return Math.round(parseFloat(getComputedStyle(this.#host).fontSize) || 15);
  }

  hostConnected(): void {
    // A text-size change (zoom, root font size) resizes the 1em probe: the grid's cards follow.
    this.#probe ??= new ResizeObserver(() => {
      const em = this.em();
      if (em === this.#lastEm) return;
      this.#lastEm = em;
      this.#options.onTextSize();
      this.#fitColumns();
    });
    void this.#host.updateComplete.then(() => {
      const probe = this.#options.probe();
      if (probe && this.#host.isConnected) this.#probe?.observe(probe);
    });
    const toolbar = this.#grid && this.#options.toolbar();
    if (toolbar) this.#gridResize?.observe(toolbar);
  }

  hostDisconnected(): void {
    this.#probe?.disconnect();
    this.#gridResize?.disconnect();
  }

  hostUpdated(): void {
    const grid = this.#options.grid();
    if (grid === this.#grid) return;
    this.#gridResize?.disconnect();
    this.#grid = grid;
    const toolbar = this.#options.toolbar();
    // A new observation reports at once: the new grid gets its columns before it paints.
    if (grid && toolbar) (this.#gridResize ??= new ResizeObserver(() => this.#fitColumns())).observe(toolbar);
  }

  /**
   * A plain grid's columns and card height, as the virtualizer's grid has them
   * (CSS alone would count the columns down, not to the nearest). Set through
   * the CSSOM, in the resize observer's callback: before the frame paints.
   */
  #fitColumns(): void {
    const list = this.#grid;
    if (!list) return;
    const { width, height } = cardSize(this.em());
    list.style.setProperty('grid-template-columns', `repeat(${gridColumns(list.clientWidth - 2 * GRID_GAP, width)}, minmax(0, 1fr))`);
    list.style.setProperty('grid-auto-rows', `${height}px`);
  }
}
