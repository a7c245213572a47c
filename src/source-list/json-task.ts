import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { REQUEST_TIMEOUT_MS } from '../core/hosts.js';

/** What the list renders for one document: nothing asked (no URL), under way, arrived, or failed. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * One JSON document the list depends on (the catalog, the connections), loaded
 * by Lit's `Task`: a new URL aborts the request in flight and a stale answer is
 * dropped (both Task's doing), and `status` is what the list renders by.
 * `read` validates the answer (it may load the validation first); `null`, or a
 * validation that could not load, counts as a failure.
 */
export class JsonTask<T> {
  readonly #task: Task<[string], T>;
  readonly #url: () => string;

  constructor(
    host: ReactiveControllerHost,
    url: () => string,
    read: (body: unknown, url: string) => T | null | Promise<T | null>,
    onLoad?: (value: T) => void,
  ) {
    this.#url = url;
    this.#task = new Task(host, {
      args: () => [url()] as [string],
      task: async ([href], { signal }) => {
        // Clearing the URL runs the task too, so that the request in flight is aborted.
        if (!href) return initialState;
        const body = await getJson(href, signal);
        // Relative icon URLs in a catalog resolve against the catalog's own URL.
        const value = await read(body, new URL(href, document.baseURI).href);
        if (value === null) throw new TypeError(`${href} answered JSON of an unexpected shape.`);
        return value;
      },
      onComplete: onLoad,
    });
  }

  get status(): LoadStatus {
    // Without a URL the task still runs once (to abort), pending for a microtask: that is no load.
    if (!this.#url()) return 'idle';
    switch (this.#task.status) {
      // Not started yet, with a URL to load (a server's render, hydration's): about to load.
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return 'loading';
      case TaskStatus.COMPLETE:
        return 'ready';
      case TaskStatus.ERROR:
        return 'error';
      default:
        return 'idle';
    }
  }

  /** The last document that arrived, `undefined` before the first. */
  get value(): T | undefined {
    return this.#task.value;
  }

  /** Loads the current URL again (Retry, `reload()`). */
  reload(): void {
    void this.#task.run();
  }
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}
