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
  | { type: 'event'; name: string; metadata?: Record<string, unknown> };

export type HostEnvelope = HostMessage & {
  protocol: typeof PROTOCOL;
  version: typeof PROTOCOL_VERSION;
  state: string;
};

/**
 * Returns the exact serialised origin of `value`, or `null` when `value` is not an
 * absolute http(s) origin. `"null"`, `"*"`, paths and credentials are refused, so a
 * caller can never end up posting to or trusting anything but one exact origin.
 */
export function exactOrigin(value: unknown): string | null {
  if (typeof value !== 'string' || value === 'null' || value === '*') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return url.origin;
}
