import type { MessageProtocol } from '../core/message-guard.js';
import type { SessionResponse } from '../core/session.js';

export type { Preset, PresetContext, PresetLaunch, PresetProtocol, LazyPreset, DisconnectContext } from '../core/preset.js';
export { STATE_PARAM } from '../core/pending.js';

/** Reads no messages: for systems that only redirect. */
export const noMessages: MessageProtocol = { usesState: false, parse: () => null };

/** The URL in a system's session answer, whatever it calls it (`connectUrl`, `url`, `data.url`). */
export function answerUrl(response: SessionResponse): string | undefined {
  const r = response as SessionResponse & { url?: unknown; data?: { url?: unknown } };
  const url = r.connectUrl ?? r.url ?? r.data?.url;
  return typeof url === 'string' ? url : undefined;
}
