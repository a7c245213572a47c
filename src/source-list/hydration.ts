/**
 * How a server-rendered `<source-list>` hydrates: it renders what the server
 * did (its loading state, or its sources once the parts that render them are
 * in), and markup it cannot hydrate is rendered anew, never beside the
 * server's. The element's `scheduleUpdate` and `update` call these.
 */
import { isServer } from 'lit';
import { partsSettled } from './lazy-parts.js';

/** The element's side of hydration: whether it still renders as the server did, and its shadow root. */
interface Hydrating {
  readonly asServer: boolean;
  readonly renderRoot: ParentNode;
}

/** The server rendered this list's loading state (read in the constructor): so does its hydration, whatever has loaded since. */
export const serverRenderedLoading = (host: Element): boolean => !isServer && !!host.shadowRoot?.querySelector('[part~=list-loading]');

/**
 * What the next update waits for, if anything: a server-rendered list that
 * showed its sources hydrates once the parts that render them are in.
 * `undefined` otherwise, so that the update is not delayed by a microtask.
 */
export const hydrationWait = (host: Hydrating, serverLoading: boolean): Promise<unknown> | undefined =>
  host.asServer && !isServer && !serverLoading ? partsSettled() : undefined;

/**
 * Runs the element's `update`. Hydration found other markup than this page
 * renders (the server had `sources` the page did not set before the element
 * upgraded): said once, and rendered anew in place of the server's.
 */
export function hydratingUpdate(host: Hydrating, update: () => void): void {
  if (!host.asServer || isServer) return update();
  try {
    update();
  } catch (error) {
    console.warn('<source-list>: the server rendered other content than this page did (set `sources` and `connections` before the element upgrades); rendering it anew.', error);
    for (const node of [...host.renderRoot.childNodes]) if (!(node instanceof HTMLStyleElement)) node.remove();
    update();
  }
}
