import type { ConnectErrorCode } from './errors.js';
import type { MessageProtocol } from './message-guard.js';
import type { RedirectReader } from './redirect.js';
import type { LaunchMode, SessionResponse } from './session.js';

/** What a preset may need to turn a session answer into a launch. */
export interface PresetContext {
  source: string;
  /** The address the hosted flow returns to (already carrying our state where the system echoes none). */
  returnUrl: string | undefined;
  /** The `base-url` attribute, or the system's documented production base URL. */
  baseUrl: string;
}

/** What a preset's disconnect needs: a way to mint a session for `source` with the flow's settings. */
export interface DisconnectContext {
  source: string;
  connectionId: string;
  baseUrl: string;
  /** Mints a session for this source (mode `redirect`), read through `adapt`. */
  mint(adapt: (response: SessionResponse) => SessionResponse): Promise<{ connectUrl: string }>;
}

/**
 * What must be known about a system inside the click, before anything loads:
 * which mode to open and whether our state rides in the return address. A
 * preset's registry line says this; everything else waits for the session
 * answer and loads with the preset's own file.
 */
export interface PresetLaunch {
  /** The `preset` attribute's value, stored with a redirect flow so its return is read the same way. */
  readonly name: string;
  /**
   * The launch modes the system can run, closest first where it matters. An
   * explicit mode outside this list falls back to the nearest one inside it.
   */
  readonly modes: readonly LaunchMode[];
  /** What `mode="auto"` means for this system: a fixed mode, or `device` for popup-or-redirect by device. */
  readonly autoMode: LaunchMode | 'device';
  /** Whether the return address carries back the state we sent; if not, we put it in the return address ourselves. */
  readonly echoesState: boolean;
  /**
   * Whether the system can send a popup back to the return address: then a
   * popup that reads closed may still deliver its result through the relay.
   */
  readonly returnsInPopup: boolean;
  /** Whether the system has its own browser-side disconnect (then a list needs no `disconnect-url`). */
  readonly disconnects?: boolean;
}

/**
 * How one hosted-Connect system launches and reports back: the one place its
 * specifics live. Vendor details not known for certain are attributes
 * (`base-url`, `message-origin`) with the documented production value as default.
 */
export interface Preset extends PresetLaunch {
  /** The documented production base URL (`base-url` overrides it). */
  readonly baseUrl?: string;
  /** How its hosted page's messages read (popup, tab, modal). */
  readonly protocol: MessageProtocol;
  /** Reads its system's session answer: the launch URL and the origin results come from. */
  adapt?(response: SessionResponse, context: PresetContext): SessionResponse;
  /** Reads a redirect return (also a return relayed from a popup). */
  readonly readReturn: RedirectReader;
  /** The messages this system's guide documents for its codes ('' for none): English defaults only. */
  readonly messages?: Partial<Record<ConnectErrorCode, string>>;
  /** The system's own disconnect, when it has one the browser may call; otherwise the app's `disconnect-url`. */
  disconnect?(context: DisconnectContext): Promise<void>;
}

/** What a preset's own file holds: all of {@link Preset} but the launch facts, which its registry line holds. */
export type PresetProtocol = Omit<Preset, keyof PresetLaunch>;

/** A preset whose launch facts are here and whose protocol loads when a flow needs it. */
export interface LazyPreset extends PresetLaunch {
  /** The whole preset (loaded once). */
  load(): Promise<Preset>;
  /** The whole preset once {@link LazyPreset.load} has resolved. */
  readonly loaded?: Preset;
}

/** A registry line: the launch facts now, the rest from `load` when first needed. */
export function lazyPreset(launch: PresetLaunch, load: () => Promise<PresetProtocol>): LazyPreset {
  let loading: Promise<Preset> | undefined;
  const lazy: LazyPreset & { loaded?: Preset } = {
    ...launch,
    load: () => (loading ??= load().then((protocol) => (lazy.loaded = { ...protocol, ...launch }))),
  };
  return lazy;
}

/** The whole preset, loading it if it is a registry line. */
export const loadPreset = (preset: Preset | LazyPreset): Promise<Preset> => ('load' in preset ? preset.load() : Promise.resolve(preset));

export { STATE_PARAM } from './pending.js';

export const ALL_MODES: readonly LaunchMode[] = ['popup', 'tab', 'modal', 'redirect'];

/** Our own protocol, spoken by `connect-elements/host`: every mode, results by message or by return. */
export const DEFAULT_PRESET: LazyPreset = /* @__PURE__ */ lazyPreset(
  { name: 'default', modes: ALL_MODES, autoMode: 'device', echoesState: true, returnsInPopup: true },
  () => import('./run.js').then((m) => m.defaultProtocolPreset),
);
