/** Small pure checks the handlers share. */
import { parseHttpUrl } from '../core/protocol.js';

/** The app's origins: a fixed list, or a function of the request (multi-tenant apps, a port chosen at start). */
export type AllowedOrigins = Iterable<string> | ((request: Request) => Iterable<string> | Promise<Iterable<string>>);

/**
 * The origin `value` names when it is nothing but an origin (`https://app.example.com`,
 * with at most a trailing `/`), serialised the way `location.origin` is; else `null`.
 * `"null"`, `*`, credentials, paths, queries and fragments are refused.
 */
export function canonicalOrigin(value: string): string | null {
  const url = parseHttpUrl(value);
  if (!url || url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)) return null;
  return url.origin;
}

/** Normalises a configured list of origins; a bad entry is a configuration bug, so it throws. */
export function normaliseOrigins(values: Iterable<string>, name: string): Set<string> {
  if (typeof values === 'string' || !values || typeof (values as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new TypeError(`connect-elements/server: \`${name}\` must be a list of origins.`);
  }
  const origins = new Set<string>();
  for (const value of values) {
    const origin = typeof value === 'string' ? canonicalOrigin(value) : null;
    if (!origin) throw new TypeError(`connect-elements/server: every \`${name}\` entry must be an http(s) origin such as https://app.example.com.`);
    origins.add(origin);
  }
  return origins;
}

/** The allowed origins for this request; entries a function returns that are not origins are dropped. */
export async function resolveOrigins(allowed: AllowedOrigins | undefined, request: Request): Promise<Set<string>> {
  const values = typeof allowed === 'function' ? await allowed(request) : (allowed ?? []);
  return new Set([...values].map((value) => (typeof value === 'string' ? canonicalOrigin(value) : null)).filter((origin): origin is string => !!origin));
}

/** Printable ASCII without spaces, quotes, `<`, `>`, `&` or backticks, 1 to `max` characters: ids that are safe anywhere. */
export function isPlainToken(value: string, max: number): boolean {
  return value.length >= 1 && value.length <= max && /^[\x21-\x7e]+$/.test(value) && !/[<>"'&`]/.test(value);
}

/**
 * A flow's `state`: at least 128 bits as hex (32+ digits) or base64url (22+ characters),
 * at most 512 characters. A hex-only value is counted as hex, so 31 hex digits are too few.
 */
export function isState(value: string): boolean {
  if (value.length > 512) return false;
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 32;
  return /^[A-Za-z0-9_-]{22,}$/.test(value);
}
