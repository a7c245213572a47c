import { cleanDescription, failure, isErrorCode } from '../errors.js';
import type { FlowOutcome } from '../flow.js';
import { isConnectionId } from '../message-guard.js';
import { isRecord } from '../protocol.js';

/**
 * Result channel 3: the app's backend knows the outcome (it asked the
 * provider, or its webhook stored it). `POST result-url` with `{ state }`, the
 * same headers and credentials as the session request, answers
 * `{ status: 'pending' | 'success' | 'exit' | 'error', ... }`.
 */

/** How often the flow asks while it waits; doubled after each failed request, up to {@link MAX_POLL_MS}. */
export const POLL_MS = 3000;
export const MAX_POLL_MS = 30_000;

/** An answer of the contract's shape as a flow outcome, `'pending'`, or `null` for anything else (ignored). */
export function readServerResult(body: unknown): FlowOutcome | 'pending' | null {
  if (!isRecord(body)) return null;
  const { status, connectionId, operation = 'create', code } = body;
  if (status === 'pending') return 'pending';
  if (status === 'exit') return { type: 'exit', reason: 'user' };
  if (status === 'success') {
    return isConnectionId(connectionId) && (operation === 'create' || operation === 'reauth') ? { type: 'success', connectionId, operation } : null;
  }
  if (status === 'error' && typeof code === 'string') return failure(isErrorCode(code) ? code : 'unknown', cleanDescription(body.error_description), cleanDescription(code));
  return null;
}

export interface ServerResultOptions {
  url: string;
  /** The base interval in ms (default {@link POLL_MS}). */
  interval?: number;
  state: string;
  signal: AbortSignal;
  deliver(outcome: FlowOutcome): void;
}

/**
 * Asks `result-url` at a bounded interval, and at once on {@link poll}; never
 * more than one request in flight; a failed request (any non-2xx, or the
 * network) backs off exponentially. Stops when `signal` aborts.
 */
export class ServerResultPoller {
  readonly #options: ServerResultOptions;
  #inFlight = false;
  readonly #base: number;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ServerResultOptions) {
    this.#options = options;
    this.#base = this.#delay = options.interval ?? POLL_MS;
    options.signal.addEventListener('abort', () => clearTimeout(this.#timer), { once: true });
  }

  /** Asks now (the popup reads closed, the page regained focus), unless a request is under way. */
  poll(): void {
    if (this.#inFlight || this.#options.signal.aborted) return;
    clearTimeout(this.#timer);
    this.#inFlight = true;
    void this.#ask().then((retry) => {
      this.#inFlight = false;
      this.#delay = retry ? Math.min(this.#delay * 2, Math.max(MAX_POLL_MS, this.#base)) : this.#base;
      this.#schedule();
    });
  }

  #schedule(): void {
    if (!this.#options.signal.aborted) this.#timer = setTimeout(() => this.poll(), this.#delay);
  }

  /** One request; `true` when the server was in trouble and the next one should wait longer. */
  async #ask(): Promise<boolean> {
    const { url, state, signal, deliver } = this.#options;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-connect-elements': '1' },
        body: JSON.stringify({ state }),
        credentials: 'same-origin',
        signal,
      });
      // Server trouble or a refusal: ask again later, less often.
      if (!response.ok) return true;
      const result = readServerResult(await response.json().catch(() => null));
      if (result && result !== 'pending' && !signal.aborted) deliver(result);
      return false;
    } catch {
      return !signal.aborted;
    }
  }
}
