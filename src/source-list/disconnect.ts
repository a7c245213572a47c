/**
 * Sending a disconnect: where it goes (the app's `disconnect-url`, the preset's
 * own disconnect, or nowhere) and what a failure is reported as. No Lit, no DOM.
 */
import { ConnectError, type ConnectErrorCode } from '../core/errors.js';
import type { FlowOptions } from '../core/flow.js';
import { REQUEST_TIMEOUT_MS, isRetryableStatus } from '../core/hosts.js';
import type { LazyPreset } from '../core/preset.js';

/** Why a disconnect failed: a `connect-error` code and whether trying again can help. */
export interface DisconnectFailure {
  readonly code: ConnectErrorCode;
  readonly retryable: boolean;
}

/** Sends one disconnect; resolves with the failure, or `undefined` when it went through. */
export type SendDisconnect = (source: string, connectionId: string) => Promise<DisconnectFailure | undefined>;

/**
 * How this list disconnects, or `null` when there is nothing to send (the item is
 * only marked disconnected, and the app does the rest in its `connect-disconnect` listener).
 * The app's `disconnect-url` comes first; without it, a preset's own disconnect
 * (Thryve's revoke URL, called in the background).
 */
export function disconnectSender(disconnectUrl: string, preset: LazyPreset, optionsFor: (source: string) => FlowOptions): SendDisconnect | null {
  if (disconnectUrl) return (source, connectionId) => postDisconnect(disconnectUrl, source, connectionId);
  if (preset.disconnects) return (source, connectionId) => revokeThrough(() => presetDisconnect(preset, optionsFor(source), source, connectionId));
  return null;
}

/** The preset's own disconnect of `source`, with a fresh session minted the way a flow would. */
async function presetDisconnect(lazy: LazyPreset, options: FlowOptions, source: string, connectionId: string): Promise<void> {
  const [preset, { mintSession, buildSessionRequest }] = await Promise.all([lazy.load(), import('../core/run.js')]);
  await preset.disconnect?.({
    source,
    connectionId,
    baseUrl: options.baseUrl || preset.baseUrl || '',
    mint: (adapt) => mintSession({ ...options, preset: { ...preset, adapt: (response) => adapt(response) } }, buildSessionRequest(options, 'redirect', options.state!)),
  });
}

async function revokeThrough(disconnect: () => Promise<void>): Promise<DisconnectFailure | undefined> {
  try {
    await disconnect();
    return undefined;
  } catch (error) {
    const known = error instanceof ConnectError && error.code !== 'exit';
    return { code: known ? (error.code as ConnectErrorCode) : 'unknown', retryable: known ? error.retryable : true };
  }
}

/** `POST { source, connectionId }` (JSON, header `x-connect-elements: 1`) to the app's `disconnect-url`. */
async function postDisconnect(url: string, source: string, connectionId: string): Promise<DisconnectFailure | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-connect-elements': '1' },
      body: JSON.stringify({ source, connectionId }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return response.ok ? undefined : { code: 'session_failed', retryable: isRetryableStatus(response.status) };
  } catch {
    return { code: 'network_error', retryable: true };
  }
}
