/**
 * Every event the elements fire: one `Event` subclass each, with a readonly,
 * frozen `detail`, all `bubbles: true, composed: true` so they cross shadow roots.
 */
import type { ConnectErrorCode, ConnectOperation, LaunchMode } from './core/index.js';

export interface ConnectOpenDetail { readonly source: string; readonly mode: LaunchMode }
export interface ConnectReadyDetail { readonly source: string }
export interface ConnectSuccessDetail {
  readonly source: string;
  readonly connectionId: string;
  readonly operation: ConnectOperation;
  readonly data?: Readonly<Record<string, unknown>>;
}
export interface ConnectExitDetail { readonly source: string; readonly reason: 'closed' | 'user' }
export interface ConnectErrorDetail {
  readonly source: string;
  readonly code: ConnectErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** The provider's own description, plain text, trimmed; show it only as text. */
  readonly description?: string;
  /** The system's own error string when it is not already `code` (`access_denied`, `rate_limited`...); plain text. */
  readonly vendorCode?: string;
  /** `<source-list>`: the connection the failed action was about (a Reconnect, a Disconnect). */
  readonly connectionId?: string;
}
export interface ConnectEventDetail { readonly source: string; readonly name: string; readonly metadata: Readonly<Record<string, unknown>> }
export interface ConnectCloseRequestDetail { readonly source: string; readonly trigger: 'escape' | 'close-button' | 'backdrop' }
export interface ConnectSourceSelectDetail { readonly source: string }
export interface ConnectDisconnectDetail { readonly source: string; readonly connectionId: string }

abstract class ConnectEvent<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = Object.freeze({ ...detail });
  }
}

/** Cancelable; fired synchronously in the user's gesture, before anything launches. */
export class ConnectOpenEvent extends ConnectEvent<ConnectOpenDetail> {
  static get eventName(): 'connect-open' {
    return 'connect-open';
  }
  constructor(detail: ConnectOpenDetail) {
    super(ConnectOpenEvent.eventName, detail, true);
  }
}

/** The hosted flow says it has loaded. */
export class ConnectReadyEvent extends ConnectEvent<ConnectReadyDetail> {
  static get eventName(): 'connect-ready' {
    return 'connect-ready';
  }
  constructor(detail: ConnectReadyDetail) {
    super(ConnectReadyEvent.eventName, detail);
  }
}

/** The flow completed; ends the flow. */
export class ConnectSuccessEvent extends ConnectEvent<ConnectSuccessDetail> {
  static get eventName(): 'connect-success' {
    return 'connect-success';
  }
  constructor(detail: ConnectSuccessDetail) {
    super(ConnectSuccessEvent.eventName, detail);
  }
}

/** The user left without completing; ends the flow. */
export class ConnectExitEvent extends ConnectEvent<ConnectExitDetail> {
  static get eventName(): 'connect-exit' {
    return 'connect-exit';
  }
  constructor(detail: ConnectExitDetail) {
    super(ConnectExitEvent.eventName, detail);
  }
}

/** Anything failed; ends the flow. */
export class ConnectErrorEvent extends ConnectEvent<ConnectErrorDetail> {
  static get eventName(): 'connect-error' {
    return 'connect-error';
  }
  constructor(detail: ConnectErrorDetail) {
    super(ConnectErrorEvent.eventName, detail);
  }
}

/** Any other event the hosted flow reports (analytics). */
export class ConnectAnalyticsEvent extends ConnectEvent<ConnectEventDetail> {
  static get eventName(): 'connect-event' {
    return 'connect-event';
  }
  constructor(detail: ConnectEventDetail) {
    super(ConnectAnalyticsEvent.eventName, detail);
  }
}

/** Cancelable, on `<connect-modal>`: Esc, the close button or a backdrop click asks to close. */
export class ConnectCloseRequestEvent extends ConnectEvent<ConnectCloseRequestDetail> {
  static get eventName(): 'connect-close-request' {
    return 'connect-close-request';
  }
  constructor(detail: ConnectCloseRequestDetail) {
    super(ConnectCloseRequestEvent.eventName, detail, true);
  }
}

/** Cancelable, on `<source-list>`: a source was chosen. */
export class ConnectSourceSelectEvent extends ConnectEvent<ConnectSourceSelectDetail> {
  static get eventName(): 'connect-source-select' {
    return 'connect-source-select';
  }
  constructor(detail: ConnectSourceSelectDetail) {
    super(ConnectSourceSelectEvent.eventName, detail, true);
  }
}

/** Cancelable, on `<source-list>`, before a disconnect. */
export class ConnectDisconnectEvent extends ConnectEvent<ConnectDisconnectDetail> {
  static get eventName(): 'connect-disconnect' {
    return 'connect-disconnect';
  }
  constructor(detail: ConnectDisconnectDetail) {
    super(ConnectDisconnectEvent.eventName, detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'connect-open': ConnectOpenEvent;
    'connect-ready': ConnectReadyEvent;
    'connect-success': ConnectSuccessEvent;
    'connect-exit': ConnectExitEvent;
    'connect-error': ConnectErrorEvent;
    'connect-event': ConnectAnalyticsEvent;
    'connect-close-request': ConnectCloseRequestEvent;
    'connect-source-select': ConnectSourceSelectEvent;
    'connect-disconnect': ConnectDisconnectEvent;
  }
}
