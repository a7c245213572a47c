import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { buildSessionRequest, mintSession } from '../core/flow.js';
import { createState } from '../core/session.js';
import { exactOrigin } from '../core/protocol.js';
import { completeRedirect, pendingRedirect, startRedirect } from '../core/redirect.js';
import { presetFor, STATE_PARAM, thryveToken, thryveUrl, type Preset } from '../presets/index.js';
import { chooseAutoMode, type AutoModeReason } from './auto-mode.js';
import {
  ConnectError,
  ConnectFlow,
  type FetchSession,
  type FlowOptions,
  type FlowOutcome,
  openPopupInGesture,
  type LaunchMode,
  type LaunchSurface,
  type SessionResponse,
  type ValidSession,
} from '../core/index.js';
import {
  ConnectAnalyticsEvent,
  ConnectErrorEvent,
  ConnectExitEvent,
  ConnectOpenEvent,
  ConnectReadyEvent,
  ConnectSuccessEvent,
  type ConnectSuccessDetail,
} from '../events.js';
import { openModalSurface } from '../connect-modal/modal-surface.js';

export type ConnectStatus = 'idle' | 'loading' | 'open' | 'success' | 'error';
export type ConnectMode = 'auto' | LaunchMode;
export type ConnectFallback = 'modal' | 'redirect' | 'none';
export type ConnectPreset = 'default' | 'opendatalabs' | 'context-gateway' | 'alter' | 'thryve';
/** What `start()` resolves with: the `connect-success` detail. */
export type ConnectResult = ConnectSuccessDetail;

/** The flow attributes every element shares (API.md). */
export interface FlowAttributes {
  sessionUrl: string;
  source: string;
  scopes: string[];
  mode: ConnectMode;
  preset: ConnectPreset;
  connectionId: string;
  connectionName: string;
  redirectUrl: string;
  messageOrigin: string;
  fallback: ConnectFallback;
  timeout: number;
  sessionTimeout: number;
  readyTimeout: number;
  baseUrl: string;
  prefetch: boolean;
  fetchSession: FetchSession | undefined;
}

export type FlowHost = ReactiveControllerHost & HTMLElement & FlowAttributes & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The name of the dialog when the flow runs in a modal. */
  readonly modalLabel?: string;
};

/** Per-launch overrides, e.g. the source an item of `<source-list>` stands for. */
export interface LaunchOverrides {
  source?: string;
  connectionId?: string;
  scopes?: string[];
}

/** A session minted on hover or focus, kept for the click that usually follows. */
interface Prefetched {
  /** The request minus its state: the click must ask for exactly this. */
  key: string;
  state: string;
  session: Promise<ValidSession>;
  usableUntil: number;
  abort: AbortController;
}

/** Not used within this margin of `expiresAt`: the hosted page still needs time to claim it. */
const PREFETCH_MARGIN_MS = 30_000;
/** How long a prefetched session is kept when the server gives no expiry. */
const PREFETCH_TTL_MS = 60_000;

const requestKey = (options: FlowOptions) => JSON.stringify({ ...buildSessionRequest(options, options.mode, ''), state: 0 });

/** Why a flow runs in the mode it does: the `mode` attribute, the preset's documented launch, or the device. */
export type ModeReason = 'attribute' | 'preset' | AutoModeReason;

/** The current address without the fragment and without a previous flow's state parameter: where a redirect returns. */
function currentReturnUrl(): string {
  const url = new URL(location.href);
  url.hash = '';
  url.searchParams.delete(STATE_PARAM);
  return url.href;
}

function clampSeconds(value: number, fallback: number, max: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}

/**
 * The one flow controller all three elements share: turns the host's flow
 * attributes into a {@link ConnectFlow}, fires the `connect-*` events on the host
 * (exactly one ending per flow), keeps `status`, and tears everything down when
 * the host leaves the document.
 */
export class ConnectFlowController implements ReactiveController {
  readonly host: FlowHost;
  status: ConnectStatus = 'idle';
  /** The mode the running (or last) flow launched in. */
  mode: LaunchMode | undefined;
  /** The source of the running (or last) flow. */
  source = '';
  /** The text a polite live region should announce for the current status. */
  announcement = '';
  /** `<connect-modal>` always runs its flows in a modal, whatever `mode` says. */
  fixedMode?: LaunchMode;

  #flow: ConnectFlow | null = null;
  #waiters: { resolve: (result: ConnectResult) => void; reject: (error: ConnectError) => void }[] = [];
  #prefetched: Prefetched | undefined;

  constructor(host: FlowHost) {
    this.host = host;
    host.addController(this);
  }

  get running(): boolean {
    return this.#flow !== null;
  }

  get preset(): Preset {
    return presetFor(this.host.preset);
  }

  hostConnected(): void {
    this.#completeRedirect();
  }

  hostDisconnected(): void {
    // A move within the document disconnects and reconnects in one task: only a real removal ends the flow.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.destroy();
    });
  }

  /** Which mode a flow started now would use, and why. */
  decideMode(): { mode: LaunchMode; reason: ModeReason } {
    if (this.fixedMode) return { mode: this.fixedMode, reason: 'attribute' };
    const mode = this.host.mode;
    if (mode === 'popup' || mode === 'tab' || mode === 'modal' || mode === 'redirect') return { mode, reason: 'attribute' };
    const auto = this.preset.autoMode;
    return auto === 'device' ? chooseAutoMode() : { mode: auto, reason: 'preset' };
  }

  #options(overrides: LaunchOverrides, state = createState()): FlowOptions {
    const host = this.host;
    const preset = this.preset;
    const mode = this.decideMode().mode;
    const source = overrides.source ?? host.source;
    // Where a redirect (or a redirect fallback) returns; systems that echo no state get ours in the address itself.
    let returnUrl = host.redirectUrl || (mode === 'redirect' || host.fallback === 'redirect' ? currentReturnUrl() : undefined);
    if (returnUrl && !preset.echoesState) {
      const url = new URL(returnUrl, location.href);
      url.searchParams.set(STATE_PARAM, state);
      returnUrl = url.href;
    }
    const baseUrl = host.baseUrl || preset.baseUrl || '';
    const options: FlowOptions = {
      source,
      scopes: overrides.scopes ?? host.scopes,
      mode,
      state,
      sessionUrl: host.sessionUrl || undefined,
      fetchSession: host.fetchSession,
      connectionId: (overrides.connectionId ?? host.connectionId) || undefined,
      connectionName: host.connectionName || undefined,
      redirectUrl: returnUrl,
      messageOrigin: host.messageOrigin || undefined,
      timeout: clampSeconds(host.timeout, 900, 86_400),
      sessionTimeout: clampSeconds(host.sessionTimeout, 20, 300),
      readyTimeout: clampSeconds(host.readyTimeout, 15, 300),
      protocol: preset.protocol,
      adapt: preset.adapt ? (response) => preset.adapt!(response, { source, returnUrl, baseUrl }) : undefined,
    };
    options.openSurface = (surfaceMode) => this.#openSurface(surfaceMode, options);
    return options;
  }

  /**
   * Opens where the flow shows, inside the gesture. A blocked popup falls back,
   * once, to a modal dialog in the host's shadow root (`fallback="modal"`) or
   * to a full-page redirect (`fallback="redirect"`).
   */
  #openSurface(mode: LaunchMode, options: FlowOptions): LaunchSurface | null {
    const host = this.host;
    const { source, state = '', connectionId, timeout = 900 } = options;
    if (mode === 'popup' || mode === 'tab') {
      const popup = openPopupInGesture(mode);
      if (popup || host.fallback === 'none') return popup;
      mode = host.fallback === 'redirect' ? 'redirect' : 'modal';
    }
    if (mode === 'redirect') {
      return {
        mode,
        window: null,
        navigate: (url) =>
          startRedirect(
            {
              state,
              source,
              preset: host.preset || 'default',
              owner: host.localName,
              expiresAt: Date.now() + timeout * 1000,
              extra: connectionId ? { reauth: connectionId } : {},
            },
            url,
          ),
        isClosed: () => false,
        focus() {},
        close() {},
      };
    }
    return mode === 'modal'
      ? openModalSurface({ host, root: host.renderRoot as ShadowRoot, label: host.modalLabel || 'Connect an account', source, onClose: () => this.cancel() })
      : null;
  }

  /**
   * A redirect flow this element started has come back: report it as this
   * element's outcome (exactly one of connect-success, connect-error). The
   * events wait for the first render so listeners set up with the page hear them.
   */
  #completeRedirect(): void {
    const host = this.host;
    const pending = pendingRedirect();
    if (!pending || pending.owner !== host.localName) return;
    // A <source-list> reports every source; a button or modal only its own.
    if (host.localName !== 'source-list' && pending.source !== host.source) return;
    const result = completeRedirect(presetFor(pending.preset).readReturn);
    if (!result) return;
    this.source = result.source;
    this.mode = 'redirect';
    void host.updateComplete.then(() => this.#end(null, result.source, result.outcome));
  }

  /**
   * Mints a session ahead of the click (hover or focus) when the `prefetch`
   * attribute is set. A failed prefetch is never reported: the click just asks
   * again. An unused one is discarded once it is too close to expiring.
   */
  prefetch(overrides: LaunchOverrides = {}): void {
    if (!this.host.prefetch || this.#flow || this.#takePrefetched(overrides)) return;
    const options = this.#options(overrides);
    if (!options.source || options.mode === 'redirect') return;
    const abort = new AbortController();
    const entry: Prefetched = {
      key: requestKey(options),
      state: options.state!,
      abort,
      usableUntil: Date.now() + PREFETCH_TTL_MS,
      session: mintSession(options, buildSessionRequest(options, options.mode, options.state!), abort.signal),
    };
    entry.session.then(
      (valid) => valid.expiresAt && (entry.usableUntil = valid.expiresAt - PREFETCH_MARGIN_MS),
      () => (entry.usableUntil = 0),
    );
    this.#prefetched = entry;
  }

  /** Forgets the prefetched session and stops its request if it is still under way. */
  #dropPrefetched(): void {
    this.#prefetched?.abort.abort();
    this.#prefetched = undefined;
  }

  /** The prefetched session if it fits these options and is still fresh; `take` uses it up. */
  #takePrefetched(overrides: LaunchOverrides, take = false): Prefetched | undefined {
    const entry = this.#prefetched;
    if (!entry) return undefined;
    const fits = Date.now() < entry.usableUntil && entry.key === requestKey(this.#options(overrides, entry.state));
    if (!fits || take) {
      this.#prefetched = undefined;
      if (!fits) entry.abort.abort();
    }
    return fits ? entry : undefined;
  }

  /**
   * Starts a flow from a user gesture. Synchronous up to `window.open`, so the
   * popup opens inside the click or key task. A click on a running flow brings
   * its window to the front instead of starting another. Returns `false` when
   * nothing started (running already, or `connect-open` was cancelled).
   */
  launch(overrides: LaunchOverrides = {}): boolean {
    if (this.#flow) {
      this.#flow.focus();
      return false;
    }
    const host = this.host;
    const prefetched = this.#takePrefetched(overrides, true);
    const options = this.#options(overrides, prefetched?.state);
    if (prefetched) options.session = prefetched.session;
    if (!host.dispatchEvent(new ConnectOpenEvent({ source: options.source, mode: options.mode }))) return false;

    this.source = options.source;
    this.mode = options.mode;
    if (!options.source) console.warn(`<${host.localName}>: set the "source" attribute before starting a flow.`);
    if (host.messageOrigin && !exactOrigin(host.messageOrigin)) {
      console.warn(`<${host.localName}>: message-origin="${host.messageOrigin}" is not an origin; results are expected from the session's origin.`);
    }
    const flow = new ConnectFlow(options, {
      onStatus: (status, mode) => {
        this.mode = mode;
        this.#setStatus(status, status === 'loading' ? 'Connecting…' : mode === 'redirect' ? 'Leaving for the sign-in page…' : 'The connection window is open.');
      },
      onReady: () => host.dispatchEvent(new ConnectReadyEvent({ source: options.source })),
      onEvent: (name, metadata) => host.dispatchEvent(new ConnectAnalyticsEvent({ source: options.source, name, metadata: metadata ?? {} })),
      onEnd: (outcome) => this.#end(flow, options.source, outcome),
    });
    this.#flow = flow;
    flow.start();
    return true;
  }

  /** `launch()` as a promise: resolves with the success detail, rejects with a {@link ConnectError}. */
  start(overrides: LaunchOverrides = {}): Promise<ConnectResult> {
    return new Promise((resolve, reject) => {
      const running = this.#flow !== null;
      // Waiting before launching: a blocked popup ends the flow inside launch().
      const waiter = { resolve, reject };
      this.#waiters.push(waiter);
      if (!this.launch(overrides) && !running) {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new ConnectError('exit', { message: 'connect-open was cancelled.' }));
      }
    });
  }

  /**
   * Thryve's disconnect: a fresh session gives the token, and the direct
   * revoke URL is called in the background (a plain GET, as the guide allows;
   * the answer is opaque, so a request that went out counts as done).
   */
  async revoke(source: string): Promise<void> {
    const options = this.#options({ source });
    const baseUrl = this.host.baseUrl || this.preset.baseUrl || '';
    // The session answer's token becomes the revoke URL, validated like any launch URL.
    const toRevokeUrl = (response: SessionResponse): SessionResponse => {
      const token = thryveToken(response);
      return { connectUrl: token ? thryveUrl('revoke', baseUrl, token, source) : undefined };
    };
    const { connectUrl } = await mintSession({ ...options, adapt: toRevokeUrl }, buildSessionRequest(options, 'redirect', options.state!));
    await fetch(connectUrl, { mode: 'no-cors', credentials: 'omit', referrerPolicy: 'no-referrer' }).catch((cause: unknown) => {
      throw new ConnectError('network_error', { cause });
    });
  }

  /** Ends the running flow as the user's choice: `connect-exit` with `reason: 'user'`. */
  cancel(): void {
    this.#flow?.cancel();
  }

  /** Closes everything without firing anything (the host left the document). */
  destroy(): void {
    const flow = this.#flow;
    this.#flow = null;
    this.#dropPrefetched();
    if (flow) {
      flow.destroy();
      this.#settleWaiters(new ConnectError('exit'));
      this.#setStatus('idle', '');
    }
  }

  #end(flow: ConnectFlow | null, source: string, outcome: FlowOutcome): void {
    if (this.#flow === flow) this.#flow = null;
    const host = this.host;
    let result: ConnectResult | undefined;
    if (outcome.type === 'success') {
      const { connectionId, operation, data } = outcome;
      result = data ? { source, connectionId, operation, data } : { source, connectionId, operation };
      this.#setStatus('success', 'Connected.');
      host.dispatchEvent(new ConnectSuccessEvent(result));
    } else if (outcome.type === 'exit') {
      this.#setStatus('idle', '');
      host.dispatchEvent(new ConnectExitEvent({ source, reason: outcome.reason }));
    } else {
      const { code, retryable, description, vendorCode } = outcome.error;
      const errorCode = code === 'exit' ? 'unknown' : code;
      // A system's guide may say what to show for its codes (Context Gateway shows nothing for user_denied).
      const message = this.preset.messages?.[errorCode] ?? outcome.error.message;
      // An expired or used session must never be reused: the next click mints a fresh one.
      if (errorCode === 'invalid_token') this.#dropPrefetched();
      this.#setStatus('error', message);
      host.dispatchEvent(
        new ConnectErrorEvent({ source, code: errorCode, message, retryable, ...(description && { description }), ...(vendorCode && { vendorCode }) }),
      );
    }
    this.#settleWaiters(result ?? (outcome.type === 'error' ? outcome.error : new ConnectError('exit')));
  }

  #settleWaiters(result: ConnectResult | ConnectError): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const { resolve, reject } of waiters) {
      if (result instanceof ConnectError) reject(result);
      else resolve(result);
    }
  }

  #setStatus(status: ConnectStatus, announcement: string): void {
    this.status = status;
    this.announcement = announcement;
    this.host.requestUpdate();
  }
}
