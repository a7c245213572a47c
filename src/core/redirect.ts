import { cleanDescription, failure, isErrorCode } from './errors.js';
import type { FlowOutcome } from './flow.js';
import { isConnectionId } from './message-guard.js';

/** What a tab stores before it leaves for a redirect flow (sessionStorage: this tab only). */
export interface PendingRedirect {
  state: string;
  source: string;
  /** The preset whose return parameters to read. */
  preset: string;
  /** The element that started it (`connect-button`...), so the right one reports it. */
  owner: string;
  /** Epoch ms after which a return no longer counts (the flow's timeout). */
  expiresAt: number;
  /** Preset details the return needs (e.g. whether it was a reconnect). */
  extra?: Record<string, string>;
}

/** What a preset reads from the return address: `null` when the address carries no result. */
export interface RedirectReturn {
  /** The state the return proves it belongs to (echoed by the provider, or our own parameter). */
  state: string | null;
  outcome: FlowOutcome;
  /** Every parameter to remove from the address bar. */
  params: string[];
}

export type RedirectReader = (params: URLSearchParams, pending: PendingRedirect | null) => RedirectReturn | null;

const KEY = 'connect-elements:redirect';

/** Remembers the flow, then leaves for the hosted page. */
export function startRedirect(pending: PendingRedirect, url: string): void {
  sessionStorage.setItem(KEY, JSON.stringify(pending));
  location.assign(url);
}

/** The pending redirect of this tab, if any. */
export function pendingRedirect(): PendingRedirect | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)!) as PendingRedirect | null;
  } catch {
    return null;
  }
}

/** The default protocol's return: `state` and `connectionId` (+ `operation`), or `error` (+ `error_description`). */
export const readDefaultReturn: RedirectReader = (params) => {
  const id = params.get('connectionId');
  const error = params.get('error');
  if (id === null && error === null) return null;
  const operation = params.get('operation') ?? 'create';
  return {
    state: params.get('state'),
    params: ['state', 'connectionId', 'operation', 'error', 'error_description'],
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
 */
export function completeRedirect(read: RedirectReader = readDefaultReturn): (PendingRedirect & { outcome: FlowOutcome }) | null {
  const url = new URL(location.href);
  const pending = pendingRedirect();
  const result = read(url.searchParams, pending);
  if (!result) return null;
  for (const name of result.params) url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
  sessionStorage.removeItem(KEY);
  if (!pending) return null;
  const outcome = result.state !== pending.state ? failure('state_mismatch') : Date.now() > pending.expiresAt ? failure('timeout') : result.outcome;
  return { ...pending, outcome };
}
