import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { buildSessionRequest, mintSession } from '../core/flow.js';
import { createState } from '../core/session.js';
import {
  ConnectError,
  ConnectFlow,
  type FetchSession,
  type FlowOptions,
  type FlowOutcome,
  openPopupInGesture,
  type LaunchMode,
  type LaunchSurface,
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

  #flow: ConnectFlow | null = null;
  #waiters: { resolve: (result: ConnectResult) => void; reject: (error: ConnectError) => void }[] = [];
  #prefetched: Prefetched | undefined;
  /** `<connect-modal>` always runs its flows in a modal, whatever `mode` says. */
  fixedMode?: LaunchMode;

  constructor(host: FlowHost) {
    this.host = host;
    host.addController(this);
  }

  get running(): boolean {
    return this.#flow !== null;
  }

  hostDisconnected(): void {
    // A move within the document disconnects and reconnects in one task: only a real removal ends the flow.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.destroy();
    });
  }

  /** The mode `auto` resolves to on this device. */
  resolveMode(): LaunchMode {
    const mode = this.fixedMode ?? this.host.mode;
    return mode === 'popup' || mode === 'tab' || mode === 'modal' || mode === 'redirect' ? mode : 'popup';
  }

  #options(overrides: LaunchOverrides): FlowOptions {
    const host = this.host;
    const options: FlowOptions = {
      source: overrides.source ?? host.source,
      scopes: overrides.scopes ?? host.scopes,
      mode: this.resolveMode(),
      sessionUrl: host.sessionUrl || undefined,
      fetchSession: host.fetchSession,
      connectionId: (overrides.connectionId ?? host.connectionId) || undefined,
      connectionName: host.connectionName || undefined,
      redirectUrl: host.redirectUrl || undefined,
      messageOrigin: host.messageOrigin || undefined,
      timeout: clampSeconds(host.timeout, 900, 86_400),
      sessionTimeout: clampSeconds(host.sessionTimeout, 20, 300),
      readyTimeout: clampSeconds(host.readyTimeout, 15, 300),
      openSurface: (mode) => this.#openSurface(mode),
    };
    return options;
  }

  /**
   * Opens where the flow shows, inside the gesture. A blocked popup falls back
   * to a modal dialog in the host's shadow root, once, when `fallback` is `modal`.
   */
  #openSurface(mode: LaunchMode): LaunchSurface | null {
    const host = this.host;
    if (mode === 'popup' || mode === 'tab') {
      const popup = openPopupInGesture(mode);
      if (popup || host.fallback !== 'modal') return popup;
    } else if (mode !== 'modal') {
      return null;
    }
    return openModalSurface({
      host,
      root: host.renderRoot as ShadowRoot,
      label: host.modalLabel || 'Connect an account',
      source: this.source,
      onClose: () => this.cancel(),
    });
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
    const state = createState();
    const abort = new AbortController();
    const entry: Prefetched = {
      key: requestKey(options),
      state,
      abort,
      usableUntil: Date.now() + PREFETCH_TTL_MS,
      session: mintSession(options, buildSessionRequest(options, options.mode, state), abort.signal),
    };
    entry.session.then(
      (valid) => valid.expiresAt && (entry.usableUntil = valid.expiresAt - PREFETCH_MARGIN_MS),
      () => (entry.usableUntil = 0),
    );
    this.#prefetched = entry;
  }

  /** The prefetched session if it fits these options and is still fresh; `peek` leaves it in place. */
  #takePrefetched(overrides: LaunchOverrides, take = false): Prefetched | undefined {
    const entry = this.#prefetched;
    if (!entry) return undefined;
    const fits = Date.now() < entry.usableUntil && entry.key === requestKey(this.#options(overrides));
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
    const options = this.#options(overrides);
    if (!host.dispatchEvent(new ConnectOpenEvent({ source: options.source, mode: options.mode }))) return false;

    this.source = options.source;
    this.mode = options.mode;
    if (!options.source) {
      console.warn(`<${host.localName}>: set the "source" attribute before starting a flow.`);
    }
    if (options.mode === 'redirect') {
      console.warn(`<${host.localName}>: mode="${options.mode}" is not supported by this element yet.`);
    }
    const prefetched = this.#takePrefetched(overrides, true);
    if (prefetched) options.prefetched = prefetched;
    const flow = new ConnectFlow(options, {
      onStatus: (status, mode) => {
        this.mode = mode;
        this.#setStatus(status, status === 'loading' ? 'Connecting…' : 'The connection window is open.');
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

  /** Ends the running flow as the user's choice: `connect-exit` with `reason: 'user'`. */
  cancel(): void {
    this.#flow?.cancel();
  }

  /** Closes everything without firing anything (the host left the document). */
  destroy(): void {
    const flow = this.#flow;
    this.#flow = null;
    this.#prefetched?.abort.abort();
    this.#prefetched = undefined;
    if (flow) {
      flow.destroy();
      this.#settleWaiters(new ConnectError('exit'));
      this.#setStatus('idle', '');
    }
  }

  #end(flow: ConnectFlow, source: string, outcome: FlowOutcome): void {
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
      const { code, message, retryable, description } = outcome.error;
      const errorCode = code === 'exit' ? 'unknown' : code;
      this.#setStatus('error', message);
      host.dispatchEvent(
        new ConnectErrorEvent(description ? { source, code: errorCode, message, retryable, description } : { source, code: errorCode, message, retryable }),
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
