import { STATE_PARAM, looksLikeReturn, pendingRedirect, type PendingRedirect } from '../pending.js';

export { looksLikeReturn };
import type { RedirectReader } from '../redirect.js';
import type { FlowOutcome } from '../flow.js';
import { PROTOCOL, isRecord } from '../protocol.js';

/**
 * The return relay (result channel 2): a popup that cannot reach its opener
 * (severed by `Cross-Origin-Opener-Policy`, or a system that only redirects)
 * is sent back to the flow's return address on the app's origin. That page
 * offers the return over `BroadcastChannel` to the tab that started the flow,
 * which checks it like a redirect return (its own state, once) and claims it;
 * the popup then closes. A return nobody claims stays an ordinary redirect
 * return in its own window.
 */
export const RELAY_CHANNEL = 'connect-elements';
/** How long the returned page waits for the starting tab to claim the return. */
export const CLAIM_WAIT_MS = 2000;
/** How long a claim is still heard after that (the window closes on it). */
export const LATE_CLAIM_MS = 30_000;

type RelayMessage = { protocol: typeof PROTOCOL; type: 'return'; id: string; search: string } | { protocol: typeof PROTOCOL; type: 'claim'; id: string };

const returnState = (params: URLSearchParams) => params.get(STATE_PARAM) ?? params.get('state');

/**
 * `claimed`: the starting tab took the return (this window closes); `local`: this
 * tab's own redirect return; `unclaimed`: no tab took it (its tab is gone, or a
 * frame whose storage is partitioned apart cannot hear this page): the return
 * page should tell the user to close the window and go back; `none`: no return.
 */
export type RelayResult = 'none' | 'local' | 'unclaimed' | 'claimed';
let relayed: { href: string; result: Promise<RelayResult> } | undefined;

/**
 * On page load: when this address is a return that this tab did not start,
 * offer it to the other tabs of this origin. Resolves `claimed` (the starting
 * tab took it; this window then closes), `local` (this tab's own return),
 * `unclaimed` (nobody claimed it: it is read as an ordinary redirect return,
 * and the page should say to go back) or `none`. Runs once per address,
 * however many elements ask.
 */
export function relayReturn(close: () => void = () => window.close()): Promise<RelayResult> {
  // Per address: a single-page app may come back to a return later on the same page.
  if (relayed?.href !== location.href) relayed = { href: location.href, result: offerReturn(close) };
  return relayed.result;
}

/** One offer of this address's return (what {@link relayReturn} does once per page). */
export function offerReturn(close: () => void, wait = CLAIM_WAIT_MS): Promise<RelayResult> {
  const url = new URL(location.href);
  const params = url.searchParams;
  if (!looksLikeReturn(params)) return Promise.resolve('none');
  const pending = pendingRedirect();
  if (pending && pending.state === returnState(params)) return Promise.resolve('local');
  if (typeof BroadcastChannel !== 'function') return Promise.resolve('unclaimed');
  const id = crypto.randomUUID();
  const channel = new BroadcastChannel(RELAY_CHANNEL);
  return new Promise<RelayResult>((resolve) => {
    // After the claim window this page reads the return itself, but a claim that comes late (a busy
    // starting tab) still means the result went there: the window then closes all the same.
    const timer = setTimeout(() => resolve('unclaimed'), wait);
    const stop = setTimeout(() => channel.close(), LATE_CLAIM_MS);
    channel.onmessage = ({ data }: MessageEvent<RelayMessage>) => {
      if (!isRecord(data) || data.protocol !== PROTOCOL || data.type !== 'claim' || data.id !== id) return;
      clearTimeout(timer);
      clearTimeout(stop);
      channel.close();
      // The result belongs to the other tab now: nothing of it stays in this address bar.
      history.replaceState(history.state, '', location.pathname);
      resolve('claimed');
      close();
    };
    channel.postMessage({ protocol: PROTOCOL, type: 'return', id, search: url.search } satisfies RelayMessage);
  });
}

export interface RelayListenerOptions {
  state: string;
  /** The preset's reader of a return address. */
  read: RedirectReader;
  /** This flow, as a redirect flow would have stored it (the reader may need its source or reconnect id). */
  pending: PendingRedirect;
  deliver(outcome: FlowOutcome): void;
}

/** The listening half of the relay, in the tab that started a flow. */
export interface RelayListener {
  /**
   * The flow has ended: nothing is delivered any more. With `claimUntil` (a
   * time, in ms since the epoch) the listener still claims one return of this
   * flow until then, so that its window closes: a popup severed by its opener
   * policy cannot be closed from here, and the flow may have ended from
   * another channel (the server's result, a timeout, the user) before that
   * popup came back. Without it, the channel closes now.
   */
  end(claimUntil?: number): void;
}

/**
 * In the tab that started a popup or tab flow: takes a relayed return only if
 * its state is this flow's; anything else (another tab's flow, an address
 * without a result) is ignored and the flow goes on. A flow has one return:
 * the channel closes once it is claimed, or when the flow ends (see
 * {@link RelayListener.end}).
 */
export function listenForReturns({ state, read, pending, deliver }: RelayListenerOptions): RelayListener {
  if (typeof BroadcastChannel !== 'function') return { end() {} };
  const channel = new BroadcastChannel(RELAY_CHANNEL);
  let running = true;
  let lingering: ReturnType<typeof setTimeout> | undefined;
  const close = () => {
    running = false;
    clearTimeout(lingering);
    channel.close();
  };
  channel.onmessage = ({ data }: MessageEvent<RelayMessage>) => {
    if (!isRecord(data) || data.protocol !== PROTOCOL || data.type !== 'return' || typeof data.id !== 'string' || typeof data.search !== 'string') return;
    const result = read(new URLSearchParams(data.search), pending);
    if (!result || result.state !== state) return;
    channel.postMessage({ protocol: PROTOCOL, type: 'claim', id: data.id } satisfies RelayMessage);
    const delivering = running;
    close();
    if (delivering) deliver(result.outcome);
  };
  return {
    end(claimUntil) {
      if (!running) return;
      running = false;
      const left = (claimUntil ?? 0) - Date.now();
      // Past 2^31-1 ms a timer fires at once; flows are clamped to a day.
      if (left > 0) lingering = setTimeout(close, Math.min(left, 2 ** 31 - 1));
      else close();
    },
  };
}
