import { isServer, LitElement, type PropertyValues } from 'lit';
import {
  ConnectFlowController,
  type FlowHostKind,
  type ModeReason,
  type RedirectOutcome,
  type ConnectFallback,
  type ConnectMode,
  type ConnectPreset,
  type FlowAttributes,
} from '../controllers/flow-controller.js';
import { FLOW_DEFAULTS } from '../core/flow.js';
import type { FetchSession, LaunchMode } from '../core/index.js';

/** `"a b"`, `"a,b"` or `['a', 'b']` → `['a', 'b']`: what frameworks set as a property is as good as the attribute. */
const toScopes = (value: string | readonly string[] | null | undefined): string[] =>
  (typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value.map(String) : []).map((scope) => scope.trim()).filter(Boolean);

/** `scopes="a b"` or `scopes="a,b"` ⇄ `['a', 'b']`. */
const scopesConverter = {
  fromAttribute: (value: string | null) => toScopes(value),
  toAttribute: (value: string[]) => value.join(' '),
};

/**
 * The flow attributes every Connect element shares and the one flow
 * controller behind them. Not registered as an element.
 */
export abstract class ConnectFlowElement extends LitElement implements FlowAttributes {
  static override properties = {
    sessionUrl: { attribute: 'session-url' },
    source: {},
    // The accessor below normalises what is set; Lit must not replace it with its own.
    scopes: { converter: scopesConverter, noAccessor: true },
    mode: {},
    preset: {},
    connectionId: { attribute: 'connection-id' },
    connectionName: { attribute: 'connection-name' },
    redirectUrl: { attribute: 'redirect-url' },
    messageOrigin: { attribute: 'message-origin' },
    resultUrl: { attribute: 'result-url' },
    fallback: {},
    timeout: { type: Number },
    sessionTimeout: { type: Number, attribute: 'session-timeout' },
    readyTimeout: { type: Number, attribute: 'ready-timeout' },
    closedGrace: { type: Number, attribute: 'closed-grace' },
    baseUrl: { attribute: 'base-url' },
    prefetch: { type: Boolean },
    fetchSession: { attribute: false },
  };

  /** The app backend's endpoint that mints a session (`POST`, JSON). */
  declare sessionUrl: string;
  /** The source to connect, e.g. `github`. */
  declare source: string;
  #scopes: string[] = [];

  /**
   * Scopes to request. The attribute takes a space- or comma-separated list; the
   * property takes the same string or an array, and always reads as an array.
   * @type {string | string[]}
   */
  get scopes(): string[] {
    return this.#scopes;
  }
  set scopes(value: string | readonly string[] | null | undefined) {
    const old = this.#scopes;
    this.#scopes = toScopes(value);
    this.requestUpdate('scopes', old);
  }
  /** `auto` (popup on desktop), `popup`, `modal`, `redirect` or `tab`. */
  declare mode: ConnectMode;
  /** Which system's protocol the hosted flow speaks: `default`, `opendatalabs`, `context-gateway`, `alter` or `thryve`. */
  declare preset: ConnectPreset;
  /** An existing connection to reconnect or to add scopes to. */
  declare connectionId: string;
  /** A name for the new connection. */
  declare connectionName: string;
  /** Where a redirect flow returns; default: the current URL. */
  declare redirectUrl: string;
  /** The exact origin results must come from; default: the session's `messageOrigin`, else the origin of `connectUrl`. */
  declare messageOrigin: string;
  /**
   * The app backend's result endpoint (`POST { state }`): asked while a flow
   * waits and when its popup reads closed, so a result still arrives when the
   * popup cannot report it (result channel 3).
   */
  declare resultUrl: string;
  /** What a popup flow does when the browser blocks the popup: `modal`, `redirect` or `none`. */
  declare fallback: ConnectFallback;
  /** Seconds the whole flow may take (default 900). */
  declare timeout: number;
  /** Seconds the session request may take (default 20). */
  declare sessionTimeout: number;
  /** Seconds a modal's hosted page has to say it is ready before `iframe_load_failed` (default 15). */
  declare readyTimeout: number;
  /**
   * Seconds a popup that reads closed is waited for while its result may still
   * arrive another way (a severed popup reads closed while open; default 120).
   */
  declare closedGrace: number;
  /** The vendor's base URL for presets that build the launch URL themselves (`alter`, `thryve`); default: the documented production URL. */
  declare baseUrl: string;
  /** Mint the session on hover or focus so the click needs no round trip. */
  declare prefetch: boolean;
  /** Replaces the HTTP call to `session-url` for apps that mint sessions their own way. */
  declare fetchSession: FetchSession | undefined;

  /** What kind of element this is for the flow controller (its redirect returns, its fixed mode). */
  protected static flowKind: FlowHostKind = { kind: 'connect-flow' };

  protected readonly flow: ConnectFlowController;

  /**
   * Renders as a server does: on a server, and in the browser until an element
   * the server rendered (it has a declarative shadow root before its first
   * render) has hydrated. Then only the element's own `lang` counts and nothing
   * of the page is read, so hydration finds what the server wrote; the update
   * after it takes the page's language and measurements. @internal
   */
  asServer: boolean;

  constructor() {
    super();
    this.asServer = isServer || !!this.shadowRoot;
    this.sessionUrl = '';
    this.source = '';
    this.scopes = [];
    this.mode = 'auto';
    this.preset = 'default';
    this.connectionId = '';
    this.connectionName = '';
    this.redirectUrl = '';
    this.messageOrigin = '';
    this.fallback = 'modal';
    ({ timeout: this.timeout, sessionTimeout: this.sessionTimeout, readyTimeout: this.readyTimeout, closedGrace: this.closedGrace } = FLOW_DEFAULTS);
    this.resultUrl = '';
    this.baseUrl = '';
    this.prefetch = false;
    this.fetchSession = undefined;
    this.flow = new ConnectFlowController(this, (this.constructor as typeof ConnectFlowElement).flowKind);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.asServer || isServer) return;
    this.asServer = false;
    // After this update, not inside it: the page's language and measurements now count.
    void this.updateComplete.then(() => this.requestUpdate());
  }

  /**
   * Which mode a flow started now would launch in, and why: `attribute` (the
   * `mode` attribute), `preset` (the system's documented launch, or the nearest
   * mode it can run), `framed` (a redirect inside a frame runs in a popup, or a
   * tab, so the frame is never navigated away), or, for `mode="auto"`,
   * `desktop`, `phone`, `portrait-tablet` or `in-app-browser`.
   */
  get resolvedMode(): { mode: LaunchMode; reason: ModeReason } {
    return this.flow.decideMode();
  }

  /**
   * When this page is the return of a redirect flow this element started: a
   * promise of its outcome (`{ type, detail }`, as the event reported it), for
   * code that runs after the events were fired. `null` when this page is no
   * return of this element's.
   */
  get redirectResult(): Promise<RedirectOutcome | null> | null {
    return this.flow.redirectResult;
  }

  /** Ends a running flow with `connect-exit` (`reason: 'user'`) and closes what it opened. */
  cancel(): void {
    this.flow.cancel();
  }
}

/**
 * `static define()` for every element class: registers `tag` once; a second
 * define of the same tag is a no-op with a warning, never a thrown error.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`connect-elements: <${tag}> is already defined by another class; keeping that one.`);
    else console.warn(`connect-elements: <${tag}> is already defined.`);
    return;
  }
  registry.define(tag, ctor);
}
