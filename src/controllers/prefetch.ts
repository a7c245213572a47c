/**
 * The `prefetch` attribute's session, minted on hover or focus and kept for the
 * click that usually follows. Loaded with the first hover of an element that has
 * the attribute: a page that never sets it never loads this.
 */
import { planMode, type FlowOptions } from '../core/flow.js';
import { buildSessionRequest, mintSession } from '../core/run.js';
import type { ValidSession } from '../core/session.js';

/** Not used within this margin of `expiresAt`: the hosted page still needs time to claim it. */
const PREFETCH_MARGIN_MS = 30_000;
/** How long a prefetched session is kept when the server gives no expiry. */
const PREFETCH_TTL_MS = 60_000;

/** A session minted ahead of the click. */
export interface Prefetched {
  /** The request minus its state: the click must ask for exactly this. */
  key: string;
  state: string;
  session: Promise<ValidSession>;
  usableUntil: number;
  abort: AbortController;
}

/** The options a flow would start from now, for a given state. */
export type OptionsFor = (state?: string) => FlowOptions;

/** What a session request asks for, minus its state: a prefetched session serves only the same request. */
function requestKey(options: FlowOptions): string {
  const { source, scopes, connectionId, connectionName, redirectUrl } = options;
  return JSON.stringify([source, scopes, planMode(options).mode, connectionId, connectionName, redirectUrl]);
}

/** One element's prefetched session (at most one at a time). */
export class Prefetcher {
  #entry: Prefetched | undefined;

  /**
   * Mints a session for what a click would ask now, unless one that fits is
   * kept. A failed prefetch is never reported: the click just asks again. An
   * unused one is discarded once it is too close to expiring.
   */
  prefetch(optionsFor: OptionsFor): void {
    if (this.take(optionsFor)) return;
    const options = optionsFor();
    const { mode } = planMode(options);
    if (!options.source || mode === 'redirect') return;
    const abort = new AbortController();
    const entry: Prefetched = {
      key: requestKey(options),
      state: options.state!,
      abort,
      usableUntil: Date.now() + PREFETCH_TTL_MS,
      session: mintSession(options, buildSessionRequest(options, mode, options.state!), abort.signal),
    };
    entry.session.then(
      (valid) => valid.expiresAt && (entry.usableUntil = valid.expiresAt - PREFETCH_MARGIN_MS),
      () => (entry.usableUntil = 0),
    );
    this.#entry = entry;
  }

  /** The prefetched session if it fits what a click would ask now and is still fresh; `use` uses it up. */
  take(optionsFor: OptionsFor, use = false): Prefetched | undefined {
    const entry = this.#entry;
    if (!entry) return undefined;
    const fits = Date.now() < entry.usableUntil && entry.key === requestKey(optionsFor(entry.state));
    if (!fits || use) {
      this.#entry = undefined;
      if (!fits) entry.abort.abort();
    }
    return fits ? entry : undefined;
  }

  /** Forgets the prefetched session and stops its request if it is still under way. */
  drop(): void {
    this.#entry?.abort.abort();
    this.#entry = undefined;
  }
}
