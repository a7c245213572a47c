// Small checks the session request and the list's requests share (own module: neither pulls in the other).

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`: the only hosts allowed plain `http:`. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname) || hostname.endsWith('.localhost');
}

/** Server trouble, a timeout or rate limiting: the same request may succeed later. */
export const isRetryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

/** How long one of the list's requests (catalog, connections, disconnect) may take. */
export const REQUEST_TIMEOUT_MS = 20_000;
