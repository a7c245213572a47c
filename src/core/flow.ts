import { listenForReturns } from './channels/relay.js';
import { ServerResultPoller } from './channels/server-result.js';
import { defaultPreset } from './default-preset.js';
import { ConnectError, failure, type ConnectErrorCode } from './errors.js';
import { MessageChannelGuard, type FlowMessage } from './message-guard.js';
import { resolveMode, type DeviceInfo, type ModeReason, type RequestedMode } from './modes.js';
import { STATE_PARAM, type Preset } from './preset.js';
import { exactOrigin, type ConnectOperation } from './protocol.js';
import type { PendingRedirect } from './redirect.js';
import { createState, requestSession, type FetchSession, type LaunchMode, type SessionRequest, type ValidSession } from './session.js';
import { openModalSurface } from './surfaces/modal.js';
import { openPopupInGesture } from './surfaces/popup.js';
import { redirectSurface } from './surfaces/redirect.js';
import type { CloseTrigger, LaunchSurface } from './surfaces/surface.js';

/** The defaults of the flow's timing attributes, in seconds: written once, here. */
export const FLOW_DEFAULTS = { timeout: 900, sessionTimeout: 20, readyTimeout: 15, closedGrace: 120 } as const;

export interface FlowOptions {
  source: string;
  scopes: string[];
  /** `auto` (default) or a launch mode; a mode the preset cannot run falls back to its nearest one. */
  mode?: RequestedMode;
  /** The system the hosted flow belongs to (default: our own protocol). */
  preset?: Preset;
  /** What a popup flow does when the browser blocks the popup (default `modal`). */
  fallback?: 'modal' | 'redirect' | 'none';
  sessionUrl?: string;
  fetchSession?: FetchSession;
  connectionId?: string;
  connectionName?: string;
  /** Where the hosted flow returns (every mode); default: this page without its fragment. */
  redirectUrl?: string;
  /** Overrides the origin results are expected from; ignored unless it is an http(s) origin. */
  messageOrigin?: string;
  /** The app backend's result endpoint (result channel 3). */
  resultUrl?: string;
  /** The vendor base URL for presets that build the launch URL (default: the preset's). */
  baseUrl?: string;
  /** Seconds for the whole flow (default 900). */
  timeout?: number;
  /** Seconds for the session request (default 20). */
  sessionTimeout?: number;
  /** Seconds a modal's iframe has to say `ready` before `iframe_load_failed` (default 15). */
  readyTimeout?: number;
  /** Seconds a popup that reads closed is waited for while another channel may still deliver (default 120). */
  closedGrace?: number;
  /** The flow's state, when the caller minted it (a prefetched session). */
  state?: string;
  /** A session already requested for this flow's state and resolved mode (the elements' `prefetch`). */
  session?: Promise<ValidSession>;
  /** Where a modal goes and what it says (default: `document.body`, English). */
  modal?: { root?: ShadowRoot | HTMLElement; label?: string; labels?: { close?: string; loading?: string } };
  /** What the blank popup says while the session loads. */
  placeholder?: string;
  /** Stored with a redirect flow: who reports its return (an element kind). */
  owner?: string;
  /** The device `auto` decides for (default: this one). */
  device?: DeviceInfo;
}

/** `waiting`: the popup reads closed, but another channel may still deliver its result. */
export type FlowStatus = 'loading' | 'open' | 'waiting';

export type FlowOutcome =
  | { type: 'success'; connectionId: string; operation: ConnectOperation; data?: Record<string, unknown> }
  | { type: 'exit'; reason: 'closed' | 'user' }
  | { type: 'error'; error: ConnectError };

export interface FlowCallbacks {
  onStatus?(status: FlowStatus, mode: LaunchMode): void;
  onReady?(): void;
  onEvent?(name: string, metadata: Record<string, unknown> | undefined): void;
  /** A modal was asked to close; return `false` to keep it open (a cancelled `connect-close-request`). */
  onCloseRequest?(trigger: CloseTrigger): boolean;
  /** Called exactly once per started flow (never after {@link ConnectFlow.destroy}). */
  onEnd(outcome: FlowOutcome): void;
}

/** The outcome a hosted flow's final message (success, exit or error) ends a flow with. */
export function outcomeOf(message: Extract<FlowMessage, { type: 'success' | 'exit' | 'error' }>): FlowOutcome {
  return message.type === 'success'
    ? message
    : message.type === 'exit'
      ? { type: 'exit', reason: 'user' }
      : failure(message.code, message.description, message.vendorCode);
}

/** How often a popup is checked for having been closed. */
export const CLOSED_POLL_MS = 500;
/** After a popup is gone with no other channel, how long a result posted just before closing may still arrive. */
export const CLOSED_GRACE_MS = 500;
/** While waiting for a closed popup, how long after this page regains focus (the usual sign of a real close) the wait ends. */
export const FOCUS_GRACE_MS = 8000;

/** The current address without the fragment and without a previous flow's state parameter. */
function currentReturnUrl(): string {
  const url = new URL(location.href);
  url.hash = '';
  url.searchParams.delete(STATE_PARAM);
  return url.href;
}

/** Where the hosted flow returns; systems that echo no state get ours in the address itself. */
export function returnUrlFor(options: FlowOptions, state: string): string {
  const url = new URL(options.redirectUrl || currentReturnUrl(), location.href);
  if (!(options.preset ?? defaultPreset).echoesState) url.searchParams.set(STATE_PARAM, state);
  return url.href;
}

/** Which mode these options launch in, and why. */
export function planMode(options: FlowOptions): { mode: LaunchMode; reason: ModeReason } {
  return resolveMode(options.mode ?? 'auto', options.preset ?? defaultPreset, options.device);
}

export function buildSessionRequest(options: FlowOptions, mode: LaunchMode, state: string): SessionRequest {
  const request: SessionRequest = { source: options.source, scopes: options.scopes, mode, origin: location.origin, state, redirectUrl: returnUrlFor(options, state) };
  if (options.connectionId) request.existingConnectionId = options.connectionId;
  if (options.connectionName) request.connectionName = options.connectionName;
  return request;
}

/** Mints the session for `request`, read through the preset. */
export function mintSession(options: FlowOptions, request: SessionRequest, signal?: AbortSignal): Promise<ValidSession> {
  const preset = options.preset ?? defaultPreset;
  const context = { source: options.source, returnUrl: request.redirectUrl, baseUrl: options.baseUrl || preset.baseUrl || '' };
  return requestSession(request, {
    sessionUrl: options.sessionUrl,
    fetchSession: options.fetchSession,
    timeout: options.sessionTimeout || FLOW_DEFAULTS.sessionTimeout,
    signal,
    adapt: preset.adapt && ((response) => preset.adapt!(response, context)),
  });
}

/**
 * One Connect flow from the click to its single outcome. It picks the mode
 * (the preset's, the device's or the requested one), opens the surface in the
 * gesture (falling back once when a popup is blocked), mints the session,
 * navigates, and takes the first valid result from any channel: a guarded
 * message, a return relayed from the popup, or the app server's answer. A
 * popup that reads closed (closed, or severed by its opener policy) is waited
 * for while another channel can still deliver. It ends exactly once, and every
 * listener, channel, timer, request and window it made goes with it.
 */
export class ConnectFlow {
  readonly options: FlowOptions;
  readonly state: string;
  readonly preset: Preset;
  #callbacks: FlowCallbacks | null;
  #surface: LaunchSurface | null = null;
  #abort = new AbortController();
  #timers: ReturnType<typeof setTimeout>[] = [];
  #focusTimer: ReturnType<typeof setTimeout> | undefined;
  #ready = false;
  #waiting = false;
  #poller: ServerResultPoller | undefined;

  constructor(options: FlowOptions, callbacks: FlowCallbacks) {
    this.options = options;
    this.preset = options.preset ?? defaultPreset;
    this.#callbacks = callbacks;
    this.state = options.state ?? createState();
  }

  /** The mode the flow runs in (after any fallback), once started. */
  get mode(): LaunchMode | undefined {
    return this.#surface?.mode;
  }

  /** The popup reads closed and the flow waits for another channel's result. */
  get waiting(): boolean {
    return this.#waiting;
  }

  /** Must be called synchronously inside the user's gesture: it opens the window now. */
  start(): void {
    if (this.#surface || !this.#callbacks) return;
    const { options, preset } = this;
    const planned = planMode(options);
    if (planned.reason === 'preset' && options.mode && options.mode !== 'auto' && planned.mode !== options.mode) {
      console.warn(`connect-elements: the "${preset.name}" system cannot run mode="${options.mode}"; using "${planned.mode}".`);
    }
    const surface = this.#open(planned.mode);
    if (!surface) return this.#fail('popup_blocked');
    this.#surface = surface;
    const { signal } = this.#abort;
    const windowed = surface.mode === 'popup' || surface.mode === 'tab';

    const guard = new MessageChannelGuard({ source: () => surface.window, state: this.state, protocol: preset.protocol, deliver: (message) => this.#onMessage(message) });
    guard.listen(signal);
    if (windowed && preset.returnsInPopup) {
      listenForReturns({ state: this.state, read: preset.readReturn, pending: this.#pending(), signal, deliver: (outcome) => this.#end(outcome) });
    }
    if (options.resultUrl && surface.mode !== 'redirect') {
      this.#poller = new ServerResultPoller({ url: options.resultUrl, state: this.state, signal, deliver: (outcome) => this.#end(outcome) });
    }
    this.#after((options.timeout || FLOW_DEFAULTS.timeout) * 1000, () => this.#fail('timeout'));
    if (surface.mode !== 'redirect') this.#watchClosed();
    this.#callbacks?.onStatus?.('loading', surface.mode);

    // A prefetched session was minted for the planned mode; a fallback surface needs its own.
    const session = (surface.mode === planned.mode && options.session) || mintSession(options, buildSessionRequest(options, surface.mode, this.state), signal);
    session
      .then((valid) => {
        if (!this.#callbacks) return;
        guard.expectOrigin(exactOrigin(options.messageOrigin) ?? valid.messageOrigin);
        // A surface may refuse the URL (a modal never frames the page's own origin).
        surface.navigate(valid.connectUrl);
        // A page refused by X-Frame-Options or frame-ancestors never says ready.
        if (surface.mode === 'modal') this.#after((options.readyTimeout || FLOW_DEFAULTS.readyTimeout) * 1000, () => this.#ready || this.#fail('iframe_load_failed'));
        this.#poller?.poll();
        if (!this.#waiting) this.#callbacks?.onStatus?.('open', surface.mode);
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

  /** The user says the window they were waiting for is gone: `connect-exit` with `reason: 'closed'`. */
  abandon(): void {
    this.#end({ type: 'exit', reason: 'closed' });
  }

  /** Ends the flow and closes what it opened without reporting anything (the element went away). */
  destroy(): void {
    this.#teardown();
    this.#callbacks = null;
  }

  /** This flow as a redirect flow stores it (also what a relayed return is read against). */
  #pending(): PendingRedirect {
    const { source, connectionId, timeout, owner } = this.options;
    return {
      state: this.state,
      source,
      preset: this.preset.name,
      owner: owner ?? '',
      expiresAt: Date.now() + (timeout || FLOW_DEFAULTS.timeout) * 1000,
      extra: connectionId ? { reauth: connectionId } : {},
    };
  }

  /** Opens the planned surface; a blocked popup falls back, once, as `fallback` says and the preset allows. */
  #open(mode: LaunchMode): LaunchSurface | null {
    const { options, preset } = this;
    if (mode === 'popup' || mode === 'tab') {
      const popup = openPopupInGesture(mode, options.placeholder);
      const fallback = options.fallback ?? 'modal';
      if (popup || fallback === 'none') return popup;
      const next = [fallback, fallback === 'modal' ? 'redirect' : 'modal'].find((candidate) => preset.modes.includes(candidate as LaunchMode));
      if (!next) return null;
      mode = next as LaunchMode;
    }
    if (mode === 'redirect') return redirectSurface(this.#pending());
    const { root = document.body, label = 'Connect an account', labels } = options.modal ?? {};
    return openModalSurface({
      root,
      label,
      labels,
      onCloseRequest: (trigger) => {
        if (this.#callbacks?.onCloseRequest?.(trigger) ?? true) this.cancel();
      },
    });
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
    } else if (type === 'close-request') {
      this.#surface?.requestClose?.('escape');
    } else {
      this.#end(outcomeOf(message));
    }
  }

  #fail(code: ConnectErrorCode): void {
    this.#end(failure(code));
  }

  #watchClosed(): void {
    this.#after(CLOSED_POLL_MS, () => {
      const surface = this.#surface;
      if (!surface?.isClosed()) return this.#watchClosed();
      const windowed = surface.mode === 'popup' || surface.mode === 'tab';
      if (windowed && (this.preset.returnsInPopup || this.#poller)) this.#wait();
      // The hosted page often posts its result and closes at once: give that message time to land.
      else this.#after(CLOSED_GRACE_MS, () => this.abandon());
    });
  }

  /**
   * The popup reads closed, but a severed popup reads closed too while it is
   * still open, and its result can still come by the relay or the server. Wait
   * `closed-grace` seconds; end sooner when this page regains focus and keeps
   * it (a closed popup hands focus back to its opener; a user who goes back to
   * the open popup takes it away again), or when the server says so.
   */
  #wait(): void {
    this.#waiting = true;
    this.#callbacks?.onStatus?.('waiting', this.#surface!.mode);
    this.#poller?.poll();
    this.#after((this.options.closedGrace ?? FLOW_DEFAULTS.closedGrace) * 1000, () => this.abandon());
    const { signal } = this.#abort;
    const focused = () => {
      this.#poller?.poll();
      clearTimeout(this.#focusTimer);
      this.#focusTimer = setTimeout(() => this.abandon(), FOCUS_GRACE_MS);
    };
    addEventListener('focus', focused, { signal });
    addEventListener('blur', () => clearTimeout(this.#focusTimer), { signal });
    if (document.hasFocus()) focused();
  }

  #after(ms: number, run: () => void): void {
    // Timeouts past 2^31-1 ms (24.8 days) would fire at once; the elements clamp theirs to a day.
    this.#timers.push(setTimeout(run, ms));
  }

  #teardown(): void {
    this.#abort.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    clearTimeout(this.#focusTimer);
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
