import { listenForReturns, type RelayListener } from './channels/relay.js';
import { ServerResultPoller } from './channels/server-result.js';
import { ConnectError, failure, setDefaultErrorMessages, type ConnectErrorCode } from './errors.js';
import { FLOW_DEFAULTS, type ConnectFlow, type FlowCallbacks, type FlowOptions, type FlowOutcome } from './flow.js';
import { ENGLISH_ERROR_MESSAGES } from './messages.js';
import { MessageChannelGuard, type FlowMessage } from './message-guard.js';
import { DEFAULT_PRESET, STATE_PARAM, loadPreset, type Preset } from './preset.js';
import { exactOrigin } from './protocol.js';
import type { PendingRedirect } from './redirect.js';
import { requestSession, type LaunchMode, type SessionRequest, type ValidSession } from './session.js';
import { openModalSurface } from './surfaces/modal.js';
import { redirectSurface } from './surfaces/redirect.js';
import type { LaunchSurface } from './surfaces/surface.js';

// What core's lazy exports (lazy.ts) and the default preset's line load: one chunk with the flow.
export { relayReturn } from './channels/relay.js';
export { completeRedirect } from './redirect.js';
export { requestSession };
export { defaultProtocolPreset } from './default-preset.js';

// Core's errors say their code until English is loaded: it comes with the flow.
setDefaultErrorMessages(ENGLISH_ERROR_MESSAGES);

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
  if (!(options.preset ?? DEFAULT_PRESET).echoesState) url.searchParams.set(STATE_PARAM, state);
  return url.href;
}

export function buildSessionRequest(options: FlowOptions, mode: LaunchMode, state: string): SessionRequest {
  const request: SessionRequest = { source: options.source, scopes: options.scopes, mode, origin: location.origin, state, redirectUrl: returnUrlFor(options, state) };
  if (options.connectionId) request.existingConnectionId = options.connectionId;
  if (options.connectionName) request.connectionName = options.connectionName;
  return request;
}

/** Mints the session for `request`, read through the preset. */
export async function mintSession(options: FlowOptions, request: SessionRequest, signal?: AbortSignal): Promise<ValidSession> {
  const preset = await loadPreset(options.preset ?? DEFAULT_PRESET);
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
 * The part of a {@link ConnectFlow} that runs after the click: it takes the
 * surface the click opened (or opens the modal or redirect one), mints the
 * session, navigates, listens on every result channel, waits for a popup that
 * reads closed, and ends exactly once, tearing down all it made.
 */
export class FlowRun {
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
  #relay: RelayListener | undefined;
  /** When the flow times out (ms since the epoch); a severed popup's return is still claimed until then. */
  #deadline = 0;

  #openModal: (open: typeof openModalSurface) => LaunchSurface;

  /** `openModal` opens the flow's modal the way its {@link ConnectFlow} does at the click. */
  constructor(flow: ConnectFlow, preset: Preset, callbacks: FlowCallbacks, openModal: (open: typeof openModalSurface) => LaunchSurface) {
    this.options = flow.options;
    this.state = flow.state;
    this.preset = preset;
    this.#callbacks = callbacks;
    this.#openModal = openModal;
  }

  /** The mode the flow runs in (after any fallback), once started. */
  get mode(): LaunchMode | undefined {
    return this.#surface?.mode;
  }

  /** The popup reads closed and the flow waits for another channel's result. */
  get waiting(): boolean {
    return this.#waiting;
  }

  /**
   * Runs the flow on the surface the click opened (`opened`: a popup, or a
   * modal whose surface was at hand), or opens `mode`'s (a modal, a redirect;
   * also a blocked popup's fallback). `planned` is the
   * mode the click chose, which a prefetched session was minted for.
   */
  start(planned: LaunchMode, mode: LaunchMode, opened: LaunchSurface | null): void {
    if (this.#surface || !this.#callbacks) return;
    const { options, preset } = this;
    const surface = opened ?? this.#open(mode);
    this.#surface = surface;
    const { signal } = this.#abort;
    const windowed = surface.mode === 'popup' || surface.mode === 'tab';

    const guard = new MessageChannelGuard({ source: () => surface.window, state: this.state, protocol: preset.protocol, deliver: (message) => this.#onMessage(message) });
    guard.listen(signal);
    // A hosted page that returns by redirect sends its window (or the modal's frame) back to the app, whose page relays the return.
    if ((windowed || surface.mode === 'modal') && preset.returnsInPopup) {
      this.#relay = listenForReturns({ state: this.state, read: preset.readReturn, pending: this.#pending(), deliver: (outcome) => this.#end(outcome) });
      // The frame's address is this page's to read once it is back on its origin, even if that page relays nothing.
      surface.watchReturn?.((address) => this.#frameReturned(address));
    }
    if (options.resultUrl && surface.mode !== 'redirect') {
      this.#poller = new ServerResultPoller({ url: options.resultUrl, state: this.state, signal, deliver: (outcome) => this.#end(outcome) });
    }
    const timeout = (options.timeout || FLOW_DEFAULTS.timeout) * 1000;
    this.#deadline = Date.now() + timeout;
    this.#after(timeout, () => this.#fail('timeout'));
    if (surface.mode !== 'redirect') this.#watchClosed();

    // A prefetched session was minted for the planned mode; a fallback surface needs its own.
    const session = (surface.mode === planned && options.session) || mintSession(options, buildSessionRequest(options, surface.mode, this.state), signal);
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

  /** Opens a modal or leaves for a redirect (the click opened any popup itself). */
  #open(mode: LaunchMode): LaunchSurface {
    return mode === 'redirect' ? redirectSurface(this.#pending()) : this.#openModal(openModalSurface);
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

  /** The modal's frame loaded a page of this app: the hosted page sent it back, so it did load. */
  #frameReturned(address: URL): void {
    this.#ready = true;
    const result = this.preset.readReturn(address.searchParams, this.#pending());
    if (result?.state === this.state) this.#end(result.outcome);
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
    // A window that reads closed is gone, or severed by its opener policy: then nothing here can
    // close it, and it may still come back with this flow's return after the flow ended from
    // another channel (the server's result). Claiming that return is what closes it.
    const unreachable = this.#surface?.isClosed() ?? false;
    this.#relay?.end(unreachable ? this.#deadline : undefined);
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
