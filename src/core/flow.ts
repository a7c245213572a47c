import { ConnectError, failure, type ConnectErrorCode } from './errors.js';
import { openPopupInGesture, type LaunchSurface } from './launcher.js';
import { defaultProtocol, MessageChannelGuard, type FlowMessage, type MessageProtocol } from './message-guard.js';
import { exactOrigin, type ConnectOperation } from './protocol.js';
import {
  createState,
  requestSession,
  type FetchSession,
  type LaunchMode,
  type SessionRequest,
  type SessionResponse,
  type ValidSession,
} from './session.js';

export interface FlowOptions {
  source: string;
  scopes: string[];
  /** The requested mode; the surface may end up another (a blocked popup's fallback). */
  mode: LaunchMode;
  sessionUrl?: string;
  fetchSession?: FetchSession;
  connectionId?: string;
  connectionName?: string;
  redirectUrl?: string;
  /** Overrides the origin results are expected from; ignored unless it is an http(s) origin. */
  messageOrigin?: string;
  /** Seconds for the whole flow (default 900). */
  timeout?: number;
  /** Seconds for the session request (default 20). */
  sessionTimeout?: number;
  /** Seconds a modal's iframe has to say `ready` before `iframe_load_failed` (default 15). */
  readyTimeout?: number;
  /** How the hosted flow's messages read (a preset's, or the default protocol). */
  protocol?: MessageProtocol;
  /** A preset's reading of its system's session answer (the launch URL, the origin results come from). */
  adapt?: (response: SessionResponse) => SessionResponse;
  /** Opens the surface, synchronously, in the gesture; `null` means blocked. Default: popup or tab. */
  openSurface?: (mode: LaunchMode) => LaunchSurface | null;
  /** The flow's state, when the caller minted it (a prefetched session, a return address that carries it). */
  state?: string;
  /**
   * A session already requested for this flow's request and `state` (the
   * elements' `prefetch`), used only if the surface opens in the requested mode.
   */
  session?: Promise<ValidSession>;
}

export type FlowStatus = 'loading' | 'open';

export type FlowOutcome =
  | { type: 'success'; connectionId: string; operation: ConnectOperation; data?: Record<string, unknown> }
  | { type: 'exit'; reason: 'closed' | 'user' }
  | { type: 'error'; error: ConnectError };

export interface FlowCallbacks {
  onStatus?(status: FlowStatus, mode: LaunchMode): void;
  onReady?(): void;
  onEvent?(name: string, metadata: Record<string, unknown> | undefined): void;
  /** Called exactly once per started flow (never after {@link ConnectFlow.destroy}). */
  onEnd(outcome: FlowOutcome): void;
}

/** The outcome a hosted flow's final message (success, exit or error) ends a flow with. */
export function outcomeOf(message: Exclude<FlowMessage, { type: 'ready' | 'event' }>): FlowOutcome {
  return message.type === 'success'
    ? message
    : message.type === 'exit'
      ? { type: 'exit', reason: 'user' }
      : failure(message.code, message.description, message.vendorCode);
}

/** How often a popup is checked for having been closed by the user. */
export const CLOSED_POLL_MS = 500;
/** After the popup is gone, how long a result posted just before closing may still arrive. */
export const CLOSED_GRACE_MS = 500;

export function buildSessionRequest(options: FlowOptions, mode: LaunchMode, state: string): SessionRequest {
  const request: SessionRequest = { source: options.source, scopes: options.scopes, mode, origin: location.origin, state };
  const redirectUrl = options.redirectUrl || (mode === 'redirect' ? location.href.split('#')[0] : undefined);
  if (redirectUrl) request.redirectUrl = redirectUrl;
  if (options.connectionId) request.existingConnectionId = options.connectionId;
  if (options.connectionName) request.connectionName = options.connectionName;
  return request;
}

/** Mints the session for `request` with the flow's options. */
export function mintSession(options: FlowOptions, request: SessionRequest, signal?: AbortSignal): Promise<ValidSession> {
  return requestSession(request, { ...options, timeout: options.sessionTimeout || 20, signal });
}

/**
 * One Connect flow from the click to its single outcome: opens the surface in
 * the gesture, mints the session, navigates, admits only guarded messages, and
 * watches for a closed popup and for the flow's timeout. It ends exactly once,
 * and every listener, timer, request and window it made goes with it.
 */
export class ConnectFlow {
  readonly options: FlowOptions;
  readonly state: string;
  #callbacks: FlowCallbacks | null;
  #surface: LaunchSurface | null = null;
  #abort = new AbortController();
  #timers: ReturnType<typeof setTimeout>[] = [];
  #ready = false;

  constructor(options: FlowOptions, callbacks: FlowCallbacks) {
    this.options = options;
    this.#callbacks = callbacks;
    this.state = options.state ?? createState();
  }

  /** Must be called synchronously inside the user's gesture: it opens the window now. */
  start(): void {
    if (this.#surface || !this.#callbacks) return;
    const options = this.options;
    const surface = (options.openSurface ?? ((mode) => (mode === 'popup' || mode === 'tab' ? openPopupInGesture(mode) : null)))(options.mode);
    if (!surface) return this.#fail('popup_blocked');
    this.#surface = surface;
    const guard = new MessageChannelGuard({
      source: () => surface.window,
      state: this.state,
      protocol: options.protocol ?? defaultProtocol,
      deliver: (message) => this.#onMessage(message),
    });
    guard.listen(this.#abort.signal);
    this.#after((options.timeout || 900) * 1000, () => this.#fail('timeout'));
    this.#watchClosed();
    this.#callbacks?.onStatus?.('loading', surface.mode);

    // A prefetched session was minted for the requested mode; a fallback surface needs its own.
    const session = (surface.mode === options.mode && options.session) || mintSession(options, buildSessionRequest(options, surface.mode, this.state), this.#abort.signal);
    session
      .then((valid) => {
        if (!this.#callbacks) return;
        guard.expectOrigin(exactOrigin(options.messageOrigin) ?? valid.messageOrigin);
        // A surface may refuse the URL (a modal never frames the page's own origin).
        surface.navigate(valid.connectUrl);
        // A page refused by X-Frame-Options or frame-ancestors never says ready.
        if (surface.mode === 'modal') this.#after((options.readyTimeout || 15) * 1000, () => this.#ready || this.#fail('iframe_load_failed'));
        this.#callbacks?.onStatus?.('open', surface.mode);
      })
      .catch((error: unknown) => this.#end(error instanceof ConnectError ? { type: 'error', error } : failure('unknown')));
  }

  /** Brings the flow's window to the front (a second click on a running flow). */
  focus(): void {
    this.#surface?.focus();
  }

  /** Ends the flow as the user's choice: `connect-exit` with `reason: 'user'`. */
  cancel(): void {
    this.#end({ type: 'exit', reason: 'user' });
  }

  /** Ends the flow and closes what it opened without reporting anything (the element went away). */
  destroy(): void {
    this.#teardown();
    this.#callbacks = null;
  }

  #onMessage(message: FlowMessage): void {
    const { type } = message;
    if (type === 'ready') {
      if (!this.#ready) {
        this.#ready = true;
        this.#surface?.ready?.();
        this.#callbacks?.onReady?.();
      }
    } else if (type === 'event') {
      this.#callbacks?.onEvent?.(message.name, message.metadata);
    } else {
      this.#end(outcomeOf(message));
    }
  }

  #fail(code: ConnectErrorCode): void {
    this.#end(failure(code));
  }

  #watchClosed(): void {
    this.#after(CLOSED_POLL_MS, () =>
      this.#surface?.isClosed()
        ? // The hosted page often posts its result and closes at once: give that message time to land.
          this.#after(CLOSED_GRACE_MS, () => this.#end({ type: 'exit', reason: 'closed' }))
        : this.#watchClosed(),
    );
  }

  #after(ms: number, run: () => void): void {
    // Timeouts past 2^31-1 ms (24.8 days) would fire at once; the elements clamp theirs to a day.
    this.#timers.push(setTimeout(run, ms));
  }

  #teardown(): void {
    this.#abort.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    this.#surface?.close();
  }

  #end(outcome: FlowOutcome): void {
    const callbacks = this.#callbacks;
    if (!callbacks) return;
    this.#callbacks = null;
    this.#teardown();
    callbacks.onEnd(outcome);
  }
}
