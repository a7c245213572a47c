import { ConnectError, isErrorCode } from './errors.js';
import { isLoopbackHost, isRetryableStatus } from './hosts.js';
import { exactOrigin, isRecord, parseHttpUrl } from './protocol.js';

export type LaunchMode = 'popup' | 'tab' | 'modal' | 'redirect';

/** What the elements POST, as JSON, to the app's session endpoint. */
export interface SessionRequest {
  source: string;
  scopes: string[];
  mode: LaunchMode;
  origin: string;
  state: string;
  redirectUrl?: string;
  existingConnectionId?: string;
  connectionName?: string;
}

/** What the session endpoint answers. */
export interface SessionResponse {
  connectUrl?: string;
  sessionToken?: string;
  expiresAt?: string | number;
  messageOrigin?: string;
}

/** A session answer that passed validation. */
export interface ValidSession {
  connectUrl: string;
  /** Where results must come from: `messageOrigin`, else the origin of `connectUrl`. */
  messageOrigin: string;
  /** Milliseconds since the epoch, or `undefined` when the server gave none. */
  expiresAt?: number;
}

export type FetchSession = (request: SessionRequest, init: { signal: AbortSignal }) => Promise<SessionResponse>;

export { createState } from './state.js';

export { isLoopbackHost, isRetryableStatus };

/** An absolute `https:` URL, or `http:` on a loopback host; anything else is refused. */
export function isAllowedConnectUrl(value: unknown): value is string {
  const url = typeof value === 'string' && parseHttpUrl(value);
  return !!url && (url.protocol === 'https:' || isLoopbackHost(url.hostname));
}

/** An ISO date, or epoch seconds or milliseconds, as epoch milliseconds. */
function parseExpiry(value: unknown): number | undefined {
  const ms = typeof value === 'number' ? (value < 1e12 ? value * 1000 : value) : Date.parse(value as string);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Checks a session answer. `adapt` lets a preset read its system's answer (a
 * `sessionToken` becomes the launch URL...). Throws `session_invalid_response`
 * for anything unusable.
 */
export function validateSession(body: unknown, adapt?: (response: SessionResponse) => SessionResponse): ValidSession {
  const invalid = new ConnectError('session_invalid_response');
  if (!isRecord(body)) throw invalid;
  const response = adapt ? adapt(body) : (body as SessionResponse);
  const connectUrl = response.connectUrl;
  if (!isAllowedConnectUrl(connectUrl)) throw invalid;
  const messageOrigin = exactOrigin(response.messageOrigin ?? connectUrl);
  if (!messageOrigin) throw invalid;
  const expiresAt = parseExpiry(response.expiresAt);
  if (expiresAt !== undefined && expiresAt <= Date.now()) throw invalid;
  const session: ValidSession = { connectUrl: new URL(connectUrl).href, messageOrigin };
  if (expiresAt !== undefined) session.expiresAt = expiresAt;
  return session;
}

export interface SessionOptions {
  sessionUrl?: string;
  fetchSession?: FetchSession;
  /** Seconds before the request is abandoned with `session_timeout`. */
  timeout: number;
  signal?: AbortSignal;
  adapt?: (response: SessionResponse) => SessionResponse;
}

/**
 * Mints a session: `POST session-url` (JSON body, the `x-connect-elements`
 * header that forces a CORS preflight, same-origin credentials), or the app's
 * own `fetchSession`. Every failure is a {@link ConnectError}.
 */
export async function requestSession(request: SessionRequest, options: SessionOptions): Promise<ValidSession> {
  const timeout = AbortSignal.timeout(options.timeout * 1000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let body: unknown;
  try {
    if (options.fetchSession) {
      body = await options.fetchSession(request, { signal });
    } else {
      if (!options.sessionUrl) throw new ConnectError('session_failed', { retryable: false });
      const response = await fetch(options.sessionUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-connect-elements': '1' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
        signal,
      });
      const isJson = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
      body = isJson ? await response.json().catch(() => undefined) : undefined;
      if (!response.ok) {
        // A known code in a JSON error body (`origin_not_allowed`, `invalid_token`...) passes through.
        const named = (body as { error?: unknown } | undefined)?.error;
        const status = response.status;
        throw isErrorCode(named) ? new ConnectError(named) : new ConnectError('session_failed', { retryable: isRetryableStatus(status), cause: status });
      }
    }
    // A fetchSession that ignores the signal must still not win after the timeout.
    timeout.throwIfAborted();
  } catch (error) {
    if (timeout.aborted) throw new ConnectError('session_timeout', { cause: error });
    if (error instanceof ConnectError) throw error;
    // fetch rejects with a TypeError for DNS, connection and CORS failures.
    throw new ConnectError(error instanceof TypeError && !options.fetchSession ? 'network_error' : signal.aborted ? 'unknown' : 'session_failed', { cause: error });
  }
  return validateSession(body, options.adapt);
}
