import type { ConnectErrorCode } from '../core/errors.js';
import type { MessageProtocol } from '../core/message-guard.js';
import type { RedirectReader } from '../core/redirect.js';
import type { LaunchMode, SessionResponse } from '../core/session.js';

/** What a preset may need to turn a session answer into a launch. */
export interface PresetContext {
  source: string;
  /** The address a redirect flow returns to (already carrying our state where the system echoes none). */
  returnUrl: string | undefined;
  /** The `base-url` attribute, or the system's documented production base URL. */
  baseUrl: string;
}

/**
 * How one hosted-Connect system launches and reports back: the one place its
 * specifics live. Vendor details not known for certain are attributes
 * (`base-url`, `message-origin`) with the documented production value as default.
 */
export interface Preset {
  /** What `mode="auto"` means for this system: a fixed mode, or `device` for popup-or-redirect by device. */
  readonly autoMode: LaunchMode | 'device';
  /** The documented production base URL (`base-url` overrides it). */
  readonly baseUrl?: string;
  /** How its hosted page's messages read (popup, tab, modal). */
  readonly protocol: MessageProtocol;
  /** Whether the return address carries back the state we sent; if not, we put it in the return address ourselves. */
  readonly echoesState: boolean;
  /** Reads its system's session answer: the launch URL and the origin results come from. */
  adapt?(response: SessionResponse, context: PresetContext): SessionResponse;
  /** Reads a redirect return. */
  readonly readReturn: RedirectReader;
  /** The messages this system's guide documents for its codes ('' for none). */
  readonly messages?: Partial<Record<ConnectErrorCode, string>>;
}

/** The query parameter that carries our state through systems that echo none. */
export const STATE_PARAM = 'connect_state';

/** Reads no messages: for systems that only redirect. */
export const noMessages: MessageProtocol = { usesState: false, parse: () => null };

/** The URL in a system's session answer, whatever it calls it (`connectUrl`, `url`, `data.url`). */
export function answerUrl(response: SessionResponse): string | undefined {
  const r = response as SessionResponse & { url?: unknown; data?: { url?: unknown } };
  const url = r.connectUrl ?? r.url ?? r.data?.url;
  return typeof url === 'string' ? url : undefined;
}
