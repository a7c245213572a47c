/**
 * Core's asynchronous helpers, exported as they always were but loading their
 * code (with the rest of a flow, `run.ts`) on first call: a page that never
 * calls them pays nothing for them until a flow starts.
 */
import type { RelayResult } from './channels/relay.js';
import type { CompletedRedirect, RedirectReader } from './redirect.js';
import type { SessionOptions, SessionRequest, ValidSession } from './session.js';

/** Asks the app's backend (or `fetchSession`) for a session and checks the answer; see `session.ts`. */
export async function requestSession(request: SessionRequest, options: SessionOptions): Promise<ValidSession> {
  return (await import('./run.js')).requestSession(request, options);
}

/** Offers this address's return to the tab that started its flow; see `channels/relay.ts`. */
export async function relayReturn(close?: () => void): Promise<RelayResult> {
  return (await import('./run.js')).relayReturn(close);
}

/**
 * Completes a redirect flow on the page it returned to (its own state, once,
 * before its deadline; the result parameters leave the address bar), and
 * answers the completed return to later callers; see `redirect.ts`.
 */
export async function completeRedirect(read?: RedirectReader): Promise<CompletedRedirect | null> {
  return (await import('./run.js')).completeRedirect(read);
}
