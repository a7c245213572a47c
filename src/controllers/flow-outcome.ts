/**
 * How a flow's ending reaches the page: exactly one of `connect-success`,
 * `connect-exit` or `connect-error` on the element, its status and live text,
 * and the `start()` promises settled. Loaded with the flow (the controller
 * asks for it in the click, beside core's runner), with the English error
 * messages, which a page needs only once something has failed. A `user_denied`
 * is a `connect-error` (the app may want to know) but leaves the status `idle`:
 * the user's own "no" is no failure to show.
 */
import { ConnectError, setDefaultErrorMessages, type ConnectErrorCode } from '../core/errors.js';
import type { FlowOutcome } from '../core/flow.js';
import type { PendingRedirect } from '../core/pending.js';
import { ENGLISH_ERROR_MESSAGES } from '../core/messages.js';
import { ConnectErrorEvent, ConnectExitEvent, ConnectSuccessEvent, type ConnectSuccessDetail } from '../events.js';
import type { ConnectLocalizeController } from '../localize.js';
import { presetFor } from '../presets/index.js';
import type { ConnectResult, ConnectStatus, RedirectOutcome } from './flow-controller.js';

setDefaultErrorMessages(ENGLISH_ERROR_MESSAGES);

/** What of the controller a report touches. */
export interface Reporter {
  host: HTMLElement;
  localize: ConnectLocalizeController;
  /** The connection the flow was about (a `<source-list>` Reconnect): its `connect-error` carries it. */
  connectionId?: string;
  /** The preset's guide-given English messages (Context Gateway's), when it has any. */
  presetMessages?: Partial<Record<ConnectErrorCode, string>>;
  setStatus(status: ConnectStatus, announcement?: () => string): void;
  dropPrefetched(): void;
  settle(result: ConnectResult | ConnectError): void;
  /** A success, before its event: the host keeps it (a form value) and may say what to do after every listener ran. */
  succeeded(detail: ConnectSuccessDetail): (() => void) | undefined;
}

/** The error `start()` rejects with, worded as its `connect-error` event was. */
function localized(error: ConnectError, message: string): ConnectError {
  return error.message === message ? error : new ConnectError(error.code, { message, description: error.description, vendorCode: error.vendorCode, retryable: error.retryable, cause: error.cause });
}

/** Fires the one ending event of a flow of `source` and settles what waits for it. */
export function report(reporter: Reporter, source: string, outcome: FlowOutcome): RedirectOutcome {
  const { host, localize } = reporter;
  let ended: RedirectOutcome;
  if (outcome.type === 'success') {
    const { connectionId, operation, data } = outcome;
    const detail: ConnectSuccessDetail = data ? { source, connectionId, operation, data } : { source, connectionId, operation };
    reporter.setStatus('success', () => localize.t('statusConnected'));
    const event = new ConnectSuccessEvent(detail);
    ended = { type: 'success', detail: event.detail };
    const after = reporter.succeeded(event.detail);
    host.dispatchEvent(event);
    reporter.settle(ended.detail);
    after?.();
  } else if (outcome.type === 'exit') {
    reporter.setStatus('idle');
    const event = new ConnectExitEvent({ source, reason: outcome.reason });
    ended = { type: 'exit', detail: event.detail };
    host.dispatchEvent(event);
    reporter.settle(new ConnectError('exit'));
  } else {
    const { code, retryable, description, vendorCode } = outcome.error;
    const errorCode = code === 'exit' ? 'unknown' : code;
    // The locale's message; a system's guide may give the English default (Context Gateway shows nothing for user_denied).
    const message = localize.error(errorCode, reporter.presetMessages);
    // An expired or used session must never be reused: the next click mints a fresh one.
    if (errorCode === 'invalid_token') reporter.dropPrefetched();
    // The user's own "no" is no failure to show: the element is simply ready again, the message only said.
    reporter.setStatus(errorCode === 'user_denied' ? 'idle' : 'error', () => message);
    const event = new ConnectErrorEvent({ source, code: errorCode, message, retryable, ...(description && { description }), ...(vendorCode && { vendorCode }), ...(reporter.connectionId && { connectionId: reporter.connectionId }) });
    ended = { type: 'error', detail: event.detail };
    host.dispatchEvent(event);
    reporter.settle(localized(outcome.error, message));
  }
  return ended;
}

/**
 * After `DOMContentLoaded`: the page's module and deferred scripts (which run
 * after the element's own module, while `readyState` already reads
 * `interactive`) have added their listeners by then.
 */
function parsed(): Promise<void> {
  const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const fired = document.readyState === 'complete' || (timing ? timing.domContentLoadedEventStart > 0 : document.readyState !== 'loading');
  return fired ? Promise.resolve() : new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/**
 * This page may be a flow's return: offered first to the tab that started it
 * (a popup sent back here), else, when it is the element's own redirect flow
 * (`mine`), reported through `report` (exactly one of connect-success,
 * connect-exit, connect-error) once the document has been parsed and the
 * element rendered, so listeners added after the element hear it.
 */
export async function readReturn(
  host: HTMLElement & { preset: string; updateComplete: Promise<boolean> },
  pending: PendingRedirect | null,
  mine: boolean,
  report: (source: string, outcome: FlowOutcome) => Promise<RedirectOutcome>,
): Promise<RedirectOutcome | null> {
  const { relayReturn, completeRedirect } = await import('../core/run.js');
  const complete = async (preset: string) => completeRedirect((await presetFor(preset).load()).readReturn);
  const relay = await relayReturn();
  // A return this tab never started and no tab claimed reports nothing, but its parameters still leave the address bar.
  if (!pending) {
    if (relay === 'local' || relay === 'unclaimed') await complete(host.preset);
    return null;
  }
  // Claimed by the tab that started it; otherwise (a missing state offers nothing to relay) this tab reads it.
  if (!mine || relay === 'claimed') return null;
  const result = await complete(pending.preset);
  if (!result) return null;
  await parsed();
  await host.updateComplete;
  return report(result.source, result.outcome);
}
