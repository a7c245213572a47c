import { failure, type ConnectError } from './errors.js';
import { isFramed, resolveMode, type DeviceInfo, type ModeReason, type RequestedMode } from './modes.js';
import { DEFAULT_PRESET, loadPreset, type LazyPreset, type Preset } from './preset.js';
import type { ConnectOperation } from './protocol.js';
import { createState } from './state.js';
import type { FetchSession, LaunchMode, ValidSession } from './session.js';
import { openPopupInGesture } from './surfaces/popup.js';
import type { CloseTrigger, LaunchSurface } from './surfaces/surface.js';
import type { ModalSurfaceOptions } from './surfaces/modal.js';
import type { FlowRun } from './run.js';

/** The defaults of the flow's timing attributes, in seconds: written once, here. */
export const FLOW_DEFAULTS = { timeout: 900, sessionTimeout: 20, readyTimeout: 15, closedGrace: 120 } as const;

export interface FlowOptions {
  source: string;
  scopes: string[];
  /** `auto` (default) or a launch mode; a mode the preset cannot run falls back to its nearest one. */
  mode?: RequestedMode;
  /** The system the hosted flow belongs to (default: our own protocol). */
  preset?: Preset | LazyPreset;
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
  modal?: {
    root?: ShadowRoot | HTMLElement;
    label?: string;
    labels?: { close?: string; loading?: string };
    /**
     * The modal surface, when the page has it loaded already (`<connect-modal>`
     * imports it): a modal then opens inside the click. Otherwise it loads with
     * the rest of the flow and opens a moment later.
     */
    open?: (options: ModalSurfaceOptions) => LaunchSurface;
  };
  /** What the blank popup says while the session loads. */
  placeholder?: string;
  /** Stored with a redirect flow: who reports its return (an element kind). */
  owner?: string;
  /** The device `auto` decides for (default: this one). */
  device?: DeviceInfo;
  /** Whether the page runs inside a frame, where a redirect opens a popup instead (default: read when the flow is planned). */
  framed?: boolean;
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

/** Which mode these options launch in, and why. */
export function planMode(options: FlowOptions): { mode: LaunchMode; reason: ModeReason } {
  return resolveMode(options.mode ?? 'auto', options.preset ?? DEFAULT_PRESET, options.device, options.framed ?? isFramed());
}

/**
 * Where a blocked popup goes instead, as `fallback` says and the preset allows;
 * `null`: nowhere. Never a redirect inside a frame: that would navigate the frame away.
 */
export function fallbackMode(options: FlowOptions): LaunchMode | null {
  const fallback = options.fallback ?? 'modal';
  if (fallback === 'none') return null;
  const preset = options.preset ?? DEFAULT_PRESET;
  return ([fallback, fallback === 'modal' ? 'redirect' : 'modal'] as LaunchMode[]).find((mode) => preset.modes.includes(mode) && (mode !== 'redirect' || !(options.framed ?? isFramed()))) ?? null;
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
 *
 * What must happen inside the click (the mode, the popup) is here; the rest
 * (`run.ts`: the session, the modal and redirect surfaces, the channels, the
 * preset's protocol) loads with a dynamic import while the popup shows its
 * placeholder, so a page pays for it only when a flow starts.
 */
export class ConnectFlow {
  readonly options: FlowOptions;
  readonly state: string;
  readonly preset: Preset | LazyPreset;
  #callbacks: FlowCallbacks | null;
  /** What the click opened: a popup, or a modal when its surface is at hand. */
  #surface: LaunchSurface | null = null;
  #run: FlowRun | null = null;
  #mode: LaunchMode | undefined;

  constructor(options: FlowOptions, callbacks: FlowCallbacks) {
    this.options = options;
    this.preset = options.preset ?? DEFAULT_PRESET;
    this.#callbacks = callbacks;
    this.state = options.state ?? createState();
  }

  /** The mode the flow runs in (after any fallback), once started. */
  get mode(): LaunchMode | undefined {
    return this.#run?.mode ?? this.#mode;
  }

  /** The popup reads closed and the flow waits for another channel's result. */
  get waiting(): boolean {
    return this.#run?.waiting ?? false;
  }

  /** Must be called synchronously inside the user's gesture: it opens the window now. */
  start(): void {
    if (this.#mode || !this.#callbacks) return;
    const { options, preset } = this;
    const planned = planMode(options);
    if (planned.reason === 'preset' && options.mode && options.mode !== 'auto' && planned.mode !== options.mode) {
      console.warn(`connect-elements: the "${preset.name}" system cannot run mode="${options.mode}"; using "${planned.mode}".`);
    }
    let mode: LaunchMode | null = planned.mode;
    if (mode === 'popup' || mode === 'tab') {
      this.#surface = openPopupInGesture(mode, options.placeholder);
      if (!this.#surface) mode = fallbackMode(options);
    }
    if (!mode) return this.#end(failure('popup_blocked'));
    if (mode === 'modal' && options.modal?.open) this.#surface = this.#openModal(options.modal.open);
    this.#mode = mode;
    this.#callbacks.onStatus?.('loading', mode);
    Promise.all([import('./run.js'), loadPreset(this.preset)]).then(
      ([{ FlowRun }, whole]) => {
        const callbacks = this.#callbacks;
        if (!callbacks) return;
        this.#run = new FlowRun(this, whole, { ...callbacks, onEnd: (outcome) => this.#end(outcome) }, (open) => this.#openModal(open));
        this.#run.start(planned.mode, mode, this.#surface);
      },
      // The rest of the flow could not load (offline, a deploy replaced the chunks).
      () => this.#end(failure('network_error')),
    );
  }

  /** Brings the flow's window to the front (a second click on a running flow). */
  focus(): void {
    (this.#run ?? this.#surface)?.focus();
  }

  /** Ends the flow as the user's choice: `connect-exit` with `reason: 'user'`. */
  cancel(): void {
    if (this.#run) this.#run.cancel();
    else this.#end({ type: 'exit', reason: 'user' });
  }

  /** The user says the window they were waiting for is gone: `connect-exit` with `reason: 'closed'`. */
  abandon(): void {
    if (this.#run) this.#run.abandon();
    else this.#end({ type: 'exit', reason: 'closed' });
  }

  /** Ends the flow and closes what it opened without reporting anything (the element went away). */
  destroy(): void {
    this.#callbacks = null;
    this.#run?.destroy();
    this.#surface?.close();
  }

  /** Opens the flow's modal with `open` (at the click, or in the run): where `options.modal` says; a close request ends the flow unless the page keeps it open. */
  #openModal(open: (options: ModalSurfaceOptions) => LaunchSurface): LaunchSurface {
    const { root = document.body, label = 'Connect an account', labels } = this.options.modal ?? {};
    return open({ root, label, labels, onCloseRequest: (trigger) => (this.#callbacks?.onCloseRequest?.(trigger) ?? true) && this.cancel() });
  }

  #end(outcome: FlowOutcome): void {
    const callbacks = this.#callbacks;
    if (!callbacks) return;
    this.#callbacks = null;
    // The run has torn down what it made; before it loaded, only the click's surface exists.
    this.#surface?.close();
    callbacks.onEnd(outcome);
  }
}

