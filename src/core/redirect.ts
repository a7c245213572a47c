import { cleanDescription, failure, isErrorCode } from './errors.js';
import type { FlowOutcome } from './flow.js';
import { isConnectionId } from './message-guard.js';
import { pendingRedirect, REDIRECT_KEY, type PendingRedirect } from './pending.js';

export { pendingRedirect, type PendingRedirect };

/** What a preset reads from the return address: `null` when the address carries no result. */
export interface RedirectReturn {
  /** The state the return proves it belongs to (echoed by the provider, or our own parameter). */
  state: string | null;
  outcome: FlowOutcome;
  /** Every parameter to remove from the address bar. */
  params: string[];
}

export type RedirectReader = (params: URLSearchParams, pending: PendingRedirect | null) => RedirectReturn | null;

/** Remembers the flow, then leaves for the hosted page. */
export function startRedirect(pending: PendingRedirect, url: string): void {
  sessionStorage.setItem(REDIRECT_KEY, JSON.stringify(pending));
  location.assign(url);
}

/**
 * The default protocol's return: `state` and `connectionId` (+ `operation`),
 * `error` (+ `error_description`), or `exit=user` (the user left a popup that
 * had no opener to tell).
 */
export const readDefaultReturn: RedirectReader = (params) => {
  const id = params.get('connectionId');
  const error = params.get('error');
  if (id === null && error === null) {
    return params.get('exit') === 'user' ? { state: params.get('state'), params: ['state', 'exit'], outcome: { type: 'exit', reason: 'user' } } : null;
  }
  const operation = params.get('operation') ?? 'create';
  return {
    state: params.get('state'),
    params: ['state', 'connectionId', 'operation', 'error', 'error_description', 'exit'],
    // An id together with an error, or a malformed one, is never a success; nor is it a state
    // mismatch (completeRedirect checks the state first): it is `unknown`, with the sender's error string kept.
    outcome:
      error === null && isConnectionId(id) && (operation === 'create' || operation === 'reauth')
        ? { type: 'success', connectionId: id, operation }
        : failure(error !== null && id === null && isErrorCode(error) ? error : 'unknown', cleanDescription(params.get('error_description')), error),
  };
};

/**
 * Completes a redirect flow on the page it returned to. The result counts only
 * if its `state` equals the one this tab stored before leaving, only once, and
 * only within the flow's timeout; the result parameters always leave the
 * address bar (`history.replaceState`, no new entry). A return with a bad state
 * ends as `state_mismatch`; one this tab never started (a reload, a link opened
 * in another tab) reports nothing. Parameters in the fragment are never read.
 * Once the address is clean, later calls answer the return this page completed.
 */
export function completeRedirect(read: RedirectReader = readDefaultReturn): CompletedRedirect | null {
  const url = new URL(location.href);
  const pending = pendingRedirect();
  const result = read(url.searchParams, pending);
  if (!result) return completed;
  for (const name of result.params) url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
  sessionStorage.removeItem(REDIRECT_KEY);
  if (!pending) return null;
  const outcome = result.state !== pending.state ? failure('state_mismatch') : Date.now() > pending.expiresAt ? failure('timeout') : result.outcome;
  return (completed = { ...pending, outcome });
}

export type CompletedRedirect = PendingRedirect & { outcome: FlowOutcome };
/** The return this page already completed: a later reader (an element rendered later) still learns it. */
let completed: CompletedRedirect | null = null;

/** Forgets the completed return (a single-page app starting over; tests). */
export function forgetCompletedRedirect(): void {
  completed = null;
}
