/**
 * Where `<source-list>` gets its lazy parts (`parts.ts`: the validation of a
 * catalog and of connections, an item's markup, the roving focus): one load for
 * every list on the page, started by the first, retried by a Retry after a
 * failure. Module state on purpose: the lists of a page share the one module.
 */
import { isServer } from 'lit';

export type Parts = typeof import('./parts.js');

let parts: Parts | undefined;
let partsLoad: Promise<Parts> | undefined;
/**
 * The last load failed (offline, a deploy replaced the chunks): the list shows
 * its error state, and Retry loads them again (a browser asks for a module whose
 * load failed again).
 */
let failed = false;

/** The parts, once loaded. */
export const loadedParts = (): Parts | undefined => parts;

/** The last load failed and none is under way: the list shows its error state. */
export const partsFailed = (): boolean => !parts && failed;

/** Settles when the load under way does (never rejects); at once when none is. */
export const partsSettled = (): Promise<unknown> => partsLoad?.catch(() => undefined) ?? Promise.resolve();

/** Loads the parts, or joins the load under way. */
export function loadParts(): Promise<Parts> {
  if (partsLoad) return partsLoad;
  // A new attempt: a list that renders meanwhile shows its loading state, not the last failure.
  failed = false;
  return (partsLoad = import('./parts.js').then(
    (module) => (parts = module),
    (error: unknown) => {
      partsLoad = undefined;
      failed = true;
      throw error;
    },
  ));
}

// A server renders many pages from one process: it loads the parts at once, so that a page with `sources` gets them rendered.
if (isServer) loadParts().catch(() => undefined);
