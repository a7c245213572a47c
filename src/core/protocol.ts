/**
 * The default Connect Elements protocol: the message envelope a hosted page posts
 * and the redirect parameters it returns with. Shared by `connect-elements/core`
 * (which reads it) and `connect-elements/host` (which writes it).
 */

export const PROTOCOL = 'connect-elements';
export const PROTOCOL_VERSION = 1;

export type ConnectOperation = 'create' | 'reauth';

export type HostMessage =
  | { type: 'ready' }
  | { type: 'success'; connectionId: string; operation: ConnectOperation; data?: Record<string, unknown> }
  | { type: 'exit' }
  | { type: 'error'; code: string; message?: string }
  | { type: 'event'; name: string; metadata?: Record<string, unknown> }
  | { type: 'close-request' };

export type HostEnvelope = HostMessage & {
  protocol: typeof PROTOCOL;
  version: typeof PROTOCOL_VERSION;
  state: string;
};

/** An absolute `http:` or `https:` URL without credentials, or `null`. */
export function parseHttpUrl(value: unknown): URL | null {
  try {
    const url = new URL(value as string);
    return /^https?:$/.test(url.protocol) && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

/**
 * Returns the exact serialised origin of `value`, or `null` when `value` is not an
 * absolute http(s) URL. `"null"` and `"*"` are refused, so a caller can never end
 * up posting to or trusting anything but one exact origin.
 */
export function exactOrigin(value: unknown): string | null {
  return parseHttpUrl(value)?.origin ?? null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
