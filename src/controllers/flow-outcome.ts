/**
 * How a flow's ending reaches the page: exactly one of `connect-success`,
 * `connect-exit` or `connect-error` on the element, its status and live text,
 * and the `start()` promises settled. Loaded with the flow (the controller
 * asks for it in the click, beside core's runner), with the English error
 * messages, which a page needs only once something has failed.
 */
import { ConnectError, setDefaultErrorMessages, type ConnectErrorCode } from '../core/errors.js';
import type { FlowOutcome } from '../core/flow.js';
import { ENGLISH_ERROR_MESSAGES } from '../core/messages.js';
import { ConnectErrorEvent, ConnectExitEvent, ConnectSuccessEvent, type ConnectSuccessDetail } from '../events.js';
import type { ConnectLocalizeController } from '../localize.js';
import type { ConnectResult, ConnectStatus, RedirectOutcome } from './flow-controller.js';

setDefaultErrorMessages(ENGLISH_ERROR_MESSAGES);

/** What of the controller a report touches. */
export interface Reporter {
  host: HTMLElement;
  localize: ConnectLocalizeController;
  /** The preset's guide-given English messages (Context Gateway's), when it has any. */
  presetMessages?: Partial<Record<ConnectErrorCode, string>>;
  setStatus(status: ConnectStatus, announcement?: () => string): void;
  dropPrefetched(): void;
  settle(result: ConnectResult | ConnectError): void;
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
    host.dispatchEvent(event);
    reporter.settle(ended.detail);
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
    reporter.setStatus('error', () => message);
    const event = new ConnectErrorEvent({ source, code: errorCode, message, retryable, ...(description && { description }), ...(vendorCode && { vendorCode }) });
    ended = { type: 'error', detail: event.detail };
    host.dispatchEvent(event);
    reporter.settle(localized(outcome.error, message));
  }
  return ended;
}
