import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConnectError } from '../core/errors.js';
import { ConnectFlow, FLOW_DEFAULTS, planMode, type FlowOptions, type FlowOutcome } from '../core/flow.js';
import type { ModeReason, RequestedMode } from '../core/modes.js';
import { looksLikeReturn, pendingRedirect } from '../core/pending.js';
import type { LazyPreset } from '../core/preset.js';
import { exactOrigin } from '../core/protocol.js';
import type { FetchSession, LaunchMode } from '../core/session.js';
import { createState } from '../core/state.js';
import { presetFor } from '../presets/index.js';
import { ConnectLocalizeController } from '../localize.js';
import {
  ConnectAnalyticsEvent,
  ConnectCloseRequestEvent,
  ConnectOpenEvent,
  ConnectReadyEvent,
  type ConnectErrorDetail,
  type ConnectExitDetail,
  type ConnectSuccessDetail,
} from '../events.js';
import type { Reporter } from './flow-outcome.js';
import type { Prefetcher } from './prefetch.js';

export type ConnectStatus = 'idle' | 'loading' | 'open' | 'success' | 'error';
export type ConnectMode = RequestedMode;
export type ConnectFallback = 'modal' | 'redirect' | 'none';
export type ConnectPreset = 'default' | 'opendatalabs' | 'context-gateway' | 'alter' | 'thryve';
/** What `start()` resolves with: the `connect-success` detail. */
export type ConnectResult = ConnectSuccessDetail;
export type { ModeReason };

/** How a flow's ending is reported (`flow-outcome.ts`): loaded when the first flow starts or a return is read. */
let outcomeModule: Promise<typeof import('./flow-outcome.js')> | undefined;
const loadOutcome = () => (outcomeModule ??= import('./flow-outcome.js'));
/** The `prefetch` attribute's session keeper (`prefetch.ts`): loaded with the first hover or focus that asks for one. */
let prefetchModule: Promise<typeof import('./prefetch.js')> | undefined;

/** How a redirect flow that returned to this page ended, as the element reported it. */
export type RedirectOutcome =
  | { type: 'success'; detail: ConnectSuccessDetail }
  | { type: 'exit'; detail: ConnectExitDetail }
  | { type: 'error'; detail: ConnectErrorDetail };

/** The flow attributes every element shares: what each of its flows starts from. */
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
  resultUrl: string;
  fallback: ConnectFallback;
  timeout: number;
  sessionTimeout: number;
  readyTimeout: number;
  closedGrace: number;
  baseUrl: string;
  prefetch: boolean;
  fetchSession: FetchSession | undefined;
}

export type FlowHost = ReactiveControllerHost & HTMLElement & FlowAttributes & {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The name of the dialog when the flow runs in a modal. */
  readonly modalLabel?: string;
  /** Takes a success before `connect-success` is fired (a form value); returns what runs after its listeners (`submit-on-success`). */
  connectionSucceeded?(detail: ConnectSuccessDetail): () => void;
};

/** What kind of element a controller serves: stored with a redirect flow so the same kind reports its return. */
export interface FlowHostKind {
  /** A stable name of the element class (never its tag, which a page may choose). */
  kind: string;
  /** Reports a return of any source (a list); otherwise only of its own `source`. */
  anySource?: boolean;
  /** Always runs in this mode (`<connect-modal>`), where the preset can. */
  mode?: LaunchMode;
  /** The modal surface, for an element that always has it loaded: its dialog then opens inside the click. */
  modal?: NonNullable<FlowOptions['modal']>['open'];
}

/** Per-launch overrides, e.g. the source an item of `<source-list>` stands for. */
export interface LaunchOverrides {
  source?: string;
  connectionId?: string;
  scopes?: string[];
  /**
   * A registered preset name the flow uses instead of the host's (a `<source-list>`
   * item of another system). Checked by the caller: an unknown name would be the
   * default protocol.
   */
  preset?: string;
  /** That system's vendor base URL. Without it, another preset than the host's uses its own default, never the host's `base-url`. */
  baseUrl?: string;
}

function clampSeconds(value: number, fallback: number, max: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}


/**
 * The one flow controller all three elements share: turns the host's flow
 * attributes into {@link FlowOptions} for a core {@link ConnectFlow}, fires the
 * `connect-*` events on the host (exactly one ending per flow), keeps
 * `status`, and tears everything down when the host leaves the document.
 * Every decision about the flow itself lives in core.
 */
export class ConnectFlowController implements ReactiveController {
  readonly host: FlowHost;
  readonly kind: FlowHostKind;
  status: ConnectStatus = 'idle';
  /** The mode the running (or last) flow launched in. */
  mode: LaunchMode | undefined;
  /** The source of the running (or last) flow. */
  source = '';
  /** The text a polite live region should announce for the current status, in the host's locale. */
  get announcement(): string {
    return this.#announcement();
  }
  /** The host's locale: every text the flow shows or reports comes from it. */
  readonly localize: ConnectLocalizeController;
  /** The running flow's popup reads closed; its result may still come another way. */
  waiting = false;
  /** The outcome of the redirect flow this page returned from, when it was this element's; `null` otherwise. */
  redirectResult: Promise<RedirectOutcome | null> | null = null;

  #flow: ConnectFlow | null = null;
  #waiters: { resolve: (result: ConnectResult) => void; reject: (error: ConnectError) => void }[] = [];
  #prefetcher: Prefetcher | undefined;
  #connectedOnce = false;
  /** Resolved when read, so a `lang` change re-words what the live region says. */
  #announcement: () => string = () => '';

  constructor(host: FlowHost, kind: FlowHostKind) {
    this.host = host;
    this.kind = kind;
    this.localize = new ConnectLocalizeController(host);
    host.addController(this);
  }

  get running(): boolean {
    return this.#flow !== null;
  }

  /** The host's preset: its launch facts now, the rest (`load()`) when a flow needs it. */
  get preset(): LazyPreset {
    return presetFor(this.host.preset);
  }

  hostConnected(): void {
    if (this.host.preset && presetFor(this.host.preset).name !== this.host.preset) {
      console.warn(`<${this.host.localName}>: unknown preset="${this.host.preset}"; using the default protocol.`);
    }
    if (!this.#connectedOnce) {
      this.#connectedOnce = true;
      this.#completeRedirect();
    }
  }

  hostDisconnected(): void {
    // A move within the document disconnects and reconnects in one task: only a real removal ends the flow.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.destroy();
    });
  }

  /** Which mode a flow started now would use, and why. */
  decideMode(): { mode: LaunchMode; reason: ModeReason } {
    return planMode(this.#options({}, ''));
  }

  #options(overrides: LaunchOverrides, state = createState()): FlowOptions {
    const host = this.host;
    // Another system's item: its protocol and its own base URL (the host's `base-url` is for the host's preset).
    const own = overrides.preset === undefined || overrides.preset === host.preset;
    return {
      source: overrides.source ?? host.source,
      scopes: overrides.scopes ?? host.scopes,
      mode: this.kind.mode ?? host.mode,
      preset: own ? this.preset : presetFor(overrides.preset),
      fallback: host.fallback,
      state,
      sessionUrl: host.sessionUrl || undefined,
      fetchSession: host.fetchSession,
      connectionId: (overrides.connectionId ?? host.connectionId) || undefined,
      connectionName: host.connectionName || undefined,
      redirectUrl: host.redirectUrl || undefined,
      messageOrigin: host.messageOrigin || undefined,
      resultUrl: host.resultUrl || undefined,
      baseUrl: (overrides.baseUrl ?? (own ? host.baseUrl : '')) || undefined,
      timeout: clampSeconds(host.timeout, FLOW_DEFAULTS.timeout, 86_400),
      sessionTimeout: clampSeconds(host.sessionTimeout, FLOW_DEFAULTS.sessionTimeout, 300),
      readyTimeout: clampSeconds(host.readyTimeout, FLOW_DEFAULTS.readyTimeout, 300),
      closedGrace: clampSeconds(host.closedGrace, FLOW_DEFAULTS.closedGrace, 3600),
      // Core speaks no language: the texts it shows come from the host's locale.
      modal: {
        root: host.renderRoot as ShadowRoot,
        label: host.modalLabel || this.localize.t('dialogLabel'),
        labels: { close: this.localize.t('dialogClose'), loading: this.localize.t('dialogLoading') },
        open: this.kind.modal,
      },
      placeholder: this.localize.t('popupPlaceholder'),
      owner: this.kind.kind,
    };
  }

  /**
   * This page may be a flow's return: offered first to the tab that started it
   * (a popup sent back here), else, when it is this element's own redirect
   * flow, reported as this element's outcome (exactly one of connect-success,
   * connect-exit, connect-error) once the document has been parsed and the
   * element rendered, so listeners added after the element hear it.
   */
  #completeRedirect(): void {
    const pending = pendingRedirect();
    // Most pages are no return: then nothing of the return's code loads.
    if (!pending && !looksLikeReturn(new URL(location.href).searchParams)) return;
    const mine = !!pending && pending.owner === this.kind.kind && (this.kind.anySource || pending.source === this.host.source);
    const read = loadOutcome().then(({ readReturn }) =>
      readReturn(this.host, pending, mine, (source, outcome) => {
        this.source = source;
        this.mode = 'redirect';
        return this.#end(null, source, outcome, pending?.extra?.reauth);
      }),
    );
    if (mine) this.redirectResult = read;
  }

  /**
   * Mints a session ahead of the click (hover or focus) when the `prefetch`
   * attribute is set (`prefetch.ts`, which loads with the first one). A prefetch
   * whose code cannot load is never reported: the click just asks itself.
   */
  prefetch(overrides: LaunchOverrides = {}): void {
    if (!this.host.prefetch || this.#flow) return;
    const optionsFor = (state?: string) => this.#options(overrides, state);
    if (this.#prefetcher) return this.#prefetcher.prefetch(optionsFor);
    (prefetchModule ??= import('./prefetch.js')).then(
      ({ Prefetcher }) => {
        this.#prefetcher ??= new Prefetcher();
        // A click may have started a flow, or the element left, while the code loaded.
        if (this.host.prefetch && this.host.isConnected && !this.#flow) this.#prefetcher.prefetch(optionsFor);
      },
      () => {},
    );
  }

  /** What a flow started now would start from (a fresh `state` unless given). @internal */
  optionsFor(overrides: LaunchOverrides, state?: string): FlowOptions {
    return this.#options(overrides, state);
  }

  /**
   * Starts a flow from a user gesture. Synchronous up to `window.open`, so the
   * popup opens inside the click or key task. A click on a running flow brings
   * its window to the front instead of starting another; while the flow waits
   * for a window that reads closed, the click says that window is gone and ends
   * the flow (`connect-exit`, `closed`). Returns `false` when nothing started.
   */
  launch(overrides: LaunchOverrides = {}): boolean {
    if (this.#flow) {
      if (this.#flow.waiting) this.#flow.abandon();
      else this.#flow.focus();
      return false;
    }
    const host = this.host;
    const prefetched = this.#prefetcher?.take((state) => this.#options(overrides, state), true);
    const options = this.#options(overrides, prefetched?.state);
    if (prefetched) options.session = prefetched.session;
    const { mode } = planMode(options);
    if (!host.dispatchEvent(new ConnectOpenEvent({ source: options.source, mode }))) return false;

    this.source = options.source;
    this.mode = mode;
    if (!options.source) console.warn(`<${host.localName}>: set the "source" attribute before starting a flow.`);
    if (host.messageOrigin && !exactOrigin(host.messageOrigin)) {
      console.warn(`<${host.localName}>: message-origin="${host.messageOrigin}" is not an origin; results are expected from the session's origin.`);
    }
    const flow = new ConnectFlow(options, {
      onStatus: (status, surfaceMode) => {
        this.mode = surfaceMode;
        this.waiting = status === 'waiting';
        const key = status === 'loading' ? 'statusConnecting' : status === 'waiting' ? 'statusWaiting' : surfaceMode === 'redirect' ? 'statusRedirecting' : 'statusOpen';
        this.#setStatus(status === 'loading' ? 'loading' : 'open', () => this.localize.t(key));
      },
      onReady: () => host.dispatchEvent(new ConnectReadyEvent({ source: options.source })),
      onEvent: (name, metadata) => host.dispatchEvent(new ConnectAnalyticsEvent({ source: options.source, name, metadata: metadata ?? {} })),
      onCloseRequest: (trigger) => host.dispatchEvent(new ConnectCloseRequestEvent({ source: options.source, trigger })),
      onEnd: (outcome) => this.#end(flow, options.source, outcome, options.connectionId),
    });
    this.#flow = flow;
    flow.start();
    void loadOutcome();
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

  /** The visible Cancel of a flow waiting for a window that reads closed: `connect-exit` with `reason: 'closed'`. */
  abandon(): void {
    this.#flow?.abandon();
  }

  /** Closes everything without firing anything (the host left the document). */
  destroy(): void {
    const flow = this.#flow;
    this.#flow = null;
    this.#prefetcher?.drop();
    if (flow) {
      flow.destroy();
      this.#settleWaiters(new ConnectError('exit'));
      this.waiting = false;
      this.#setStatus('idle');
    }
  }

  /**
   * The flow ended: the button is usable again at once; the events, the status
   * and the settled `start()` promises follow from `flow-outcome.ts`, which
   * loads with the flow (in the click, beside core's runner).
   */
  #end(flow: ConnectFlow | null, source: string, outcome: FlowOutcome, connectionId?: string): Promise<RedirectOutcome> {
    if (this.#flow === flow) this.#flow = null;
    this.waiting = false;
    const reporter: Reporter = {
      host: this.host,
      localize: this.localize,
      // The list's flows are about one of its connections (a Reconnect's): its connect-error names it.
      connectionId: (this.kind.anySource && connectionId) || undefined,
      // The flow's own system (a list item's may not be the host's); a redirect return is read with the host's.
      presetMessages: (flow ? ('load' in flow.preset ? flow.preset.loaded : flow.preset) : this.preset.loaded)?.messages,
      setStatus: (status, announcement) => this.#setStatus(status, announcement),
      dropPrefetched: () => this.#prefetcher?.drop(),
      settle: (result) => this.#settleWaiters(result),
      succeeded: (detail) => this.host.connectionSucceeded?.(detail),
    };
    return loadOutcome().then(({ report }) => report(reporter, source, outcome));
  }

  #settleWaiters(result: ConnectResult | ConnectError): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const { resolve, reject } of waiters) {
      if (result instanceof ConnectError) reject(result);
      else resolve(result);
    }
  }

  #setStatus(status: ConnectStatus, announcement: () => string = () => ''): void {
    this.status = status;
    this.#announcement = announcement;
    this.host.requestUpdate();
  }
}
