/**
 * Loading the virtualizer (`virtual-list.ts`) for `<source-list>`: the module
 * comes with the first catalog longer than `VIRTUALIZE_ABOVE`, one load for
 * every list on the page, and a list that uses it shrinks to few rows (a search).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type VirtualList = typeof import('./virtual-list.js');

/** The module, once loaded. */
let virtualList: VirtualList | undefined;
let virtualListLoad: Promise<unknown> | undefined;
/** The module could not load (a chunk the server lost): long catalogs render plainly, slower but whole. */
let virtualListFailed = false;

export interface LazyVirtualizerOptions {
  /** The virtualized list element, when one is rendered. */
  list(): HTMLElement | null;
  /** How many sources the list shows. */
  count(): number;
  /** The space below the last row (px): the grid's gap. */
  gap(): number;
}

/** One list's use of the shared virtualizer module: its load, and the height of a list that shows few rows. */
export class LazyVirtualizer implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: LazyVirtualizerOptions;
  #awaiting = false;
  #fitFrame = 0;

  constructor(host: ReactiveControllerHost, options: LazyVirtualizerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The module, once loaded. */
  get module(): VirtualList | undefined {
    return virtualList;
  }

  /** It could not load: long catalogs render plainly. */
  get failed(): boolean {
    return virtualListFailed;
  }

  /** Loads the module (once for the page); the host updates when it is in, or failed. */
  load(): void {
    if (this.#awaiting) return;
    this.#awaiting = true;
    virtualListLoad ??= import('./virtual-list.js').then(
      (module) => (virtualList = module),
      (error: unknown) => {
        virtualListFailed = true;
        console.warn('<source-list> could not load its virtualizer; rendering every source.', error);
      },
    );
    void virtualListLoad.then(() => {
      this.#awaiting = false;
      this.#host.requestUpdate();
    });
  }

  /** A virtualized list that shows few sources (a search) shrinks to them, measured after the frame renders them. */
  fitHeight(): void {
    cancelAnimationFrame(this.#fitFrame);
    this.#fitFrame = requestAnimationFrame(() => {
      const list = this.#options.list();
      if (list) virtualList?.fitHeight(list, this.#options.count(), this.#options.gap());
    });
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#fitFrame);
  }
}
