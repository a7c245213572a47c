/**
 * `mint` and `read` for the sandbox Connect provider (sandbox/server.mjs), and a
 * model for writing them for any provider: the secret key goes in the
 * `authorization` header and nowhere else, and the provider's error text never
 * reaches the browser or a log line.
 */
import { ConnectServerError, isProgrammingError } from './http.js';
import { isErrorCode } from '../core/errors.js';
import { isRecord, parseHttpUrl } from '../core/protocol.js';
import type { Mint, MintContext, SessionRequest } from './session-handler.js';
import type { ConnectErrorCode } from '../core/errors.js';
import type { FlowResult, ReadResult } from './result-handler.js';

export interface SandboxOptions {
  /** The app's secret key (`sk_sandbox_…`). Server side only. */
  apiKey: string;
  /** The provider's API origin, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  /** Milliseconds before a provider call is abandoned; default 15 000. */
  timeoutMs?: number;
}

/** How a sandbox flow may end by itself: `closed` is the popup closing with no result. */
export type SandboxOutcome = 'success' | 'exit' | 'closed' | ConnectErrorCode;

/** Asks the sandbox's hosted page to end the flow by itself, `after` milliseconds (default 0) after it shows. */
export interface SandboxFinish {
  outcome: SandboxOutcome;
  after?: number;
}

export interface MintSandboxOptions extends SandboxOptions {
  /**
   * Sessions that finish by themselves, for end-to-end tests that never touch the popup:
   * one for every session, or chosen per request (a test's cookie, say); `undefined` for
   * a flow the user finishes. Decided here, on the app's server: the browser cannot ask
   * for it (the session request's other fields are dropped) and the hosted page never
   * reads it from its URL.
   */
  finish?: SandboxFinish | ((body: SessionRequest, context: MintContext) => SandboxFinish | undefined | Promise<SandboxFinish | undefined>);
}

const FINISH_OUTCOMES = new Set<string>(['success', 'exit', 'closed']);
const MAX_FINISH_AFTER_MS = 10 * 60 * 1000;

/** The `outcome` and `after` fields of the sandbox's session request; throws a TypeError (a programming error) on a bad one. */
function finishFields(finish: SandboxFinish | undefined): { outcome?: string; after?: number } {
  if (finish === undefined) return {};
  const { outcome, after = 0 } = finish;
  if (typeof outcome !== 'string' || !(FINISH_OUTCOMES.has(outcome) || isErrorCode(outcome))) {
    throw new TypeError('connect-elements/server: finish.outcome must be success, exit, closed or an error code.');
  }
  if (!Number.isInteger(after) || after < 0 || after > MAX_FINISH_AFTER_MS) {
    throw new TypeError(`connect-elements/server: finish.after must be a whole number of milliseconds from 0 to ${MAX_FINISH_AFTER_MS}.`);
  }
  return { outcome, after };
}

/** Sandbox error codes that are contract codes the browser may see; everything else is the server's problem. */
const PASSED_THROUGH = new Set(['origin_not_allowed', 'invalid_scope', 'redirect_uri_mismatch', 'source_error']);

/** A provider's error code is an identifier; anything else is not even worth naming in a log. */
const safeCode = (value: unknown) => (typeof value === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(value) ? ` ${value}` : '');

function endpoint(baseUrl: string, path: string): string {
  const url = parseHttpUrl(baseUrl);
  if (!url) throw new TypeError('connect-elements/server: the sandbox baseUrl must be an absolute http(s) URL.');
  return `${url.href.replace(/\/+$/, '')}${path}`;
}

function requireKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || !apiKey) throw new TypeError('connect-elements/server: an apiKey is required.');
  // fetch would refuse such a header on every call: say so once, here, not as an unreachable provider later.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new TypeError('connect-elements/server: the apiKey must be printable ASCII without spaces.');
  return apiKey;
}

/**
 * Aborts when the browser goes away or after `timeoutMs`. Combined by hand with
 * nothing newer than `AbortController` and `setTimeout`: Next.js's edge runtime has
 * no `AbortSignal.any`, and a runtime may lack `AbortSignal.timeout` (issue 19).
 */
function providerDeadline(request: AbortSignal, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The provider did not answer in time.', 'TimeoutError'));
  }, timeoutMs);
  const onAbort = () => controller.abort(request.reason);
  if (request.aborted) onAbort();
  else request.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      request.removeEventListener('abort', onAbort);
    },
  };
}

/** POSTs JSON with the bearer key; resolves the status and the JSON answer (`undefined` when it is not JSON). */
async function post(url: string, apiKey: string, body: unknown, signal: AbortSignal, timeoutMs: number): Promise<{ status: number; json: unknown }> {
  // Everything but the call itself happens outside the catch below: a bug here must surface as itself, never as "could not be reached".
  const init: RequestInit = {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    // Never followed (that would take the key along): a 3xx is refused like any status but 200. Not 'error', which Cloudflare's workerd rejects.
    redirect: 'manual',
  };
  const deadline = providerDeadline(signal, timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: deadline.signal });
    } catch (error) {
      if (deadline.timedOut()) throw new ConnectServerError('session_timeout', { cause: error });
      // The browser went away (the answer goes nowhere), or a bug (in a fetch wrapper, say): each is reported as itself.
      if (signal.aborted || isProgrammingError(error)) throw error;
      // The cause is fetch's own error (it names the URL, never the headers).
      throw new Error('connect-elements/server: the sandbox could not be reached', { cause: error });
    }
    const json = /[/+]json\b/i.test(response.headers.get('content-type') ?? '') ? await response.json().catch(() => undefined) : undefined;
    if (deadline.timedOut()) throw new ConnectServerError('session_timeout');
    return { status: response.status, json };
  } finally {
    deadline.release();
  }
}

/**
 * A `mint` for `createSessionHandler` that calls the sandbox's `POST /v1/connect/sessions`.
 * Its `origin_not_allowed`, `invalid_scope`, `redirect_uri_mismatch` and `source_error`
 * pass through as codes (without its text); a refused key or any other failure is
 * `502 session_failed` for the browser and an error naming only the status and code for `onError`.
 * `finish` makes the sandbox's flows end by themselves (see {@link MintSandboxOptions}).
 */
export function mintSandboxSession(options: MintSandboxOptions): Mint {
  const apiKey = requireKey(options.apiKey);
  const url = endpoint(options.baseUrl, '/v1/connect/sessions');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { finish } = options;
  // A constant one is checked now, where the mistake is made, not at the first click.
  if (typeof finish !== 'function') finishFields(finish);
  return async (body, context) => {
    const { request } = context;
    const asked = finishFields(typeof finish === 'function' ? await finish(body, context) : finish);
    const { status, json } = await post(url, apiKey, { ...body, ...asked }, request.signal, timeoutMs);
    if (status === 200 && isRecord(json)) return json;
    const code = isRecord(json) ? json.error : undefined;
    if (status !== 200 && typeof code === 'string' && PASSED_THROUGH.has(code) && isErrorCode(code)) throw new ConnectServerError(code);
    throw new Error(`connect-elements/server: the sandbox refused the session (${status}${safeCode(code)})`);
  };
}

/**
 * A `read` for `createResultHandler` that calls the sandbox's `POST /v1/connect/session-result`
 * with `{ state }`. A state the sandbox does not know for this app (404) is `null`
 * (the browser gets 404 and keeps waiting); an error code outside the contract becomes `unknown`.
 */
export function readSandboxResult(options: SandboxOptions): ReadResult {
  const apiKey = requireKey(options.apiKey);
  const url = endpoint(options.baseUrl, '/v1/connect/session-result');
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (state, { request }) => {
    const { status, json } = await post(url, apiKey, { state }, request.signal, timeoutMs);
    if (status === 404) return null;
    if (status !== 200 || !isRecord(json)) {
      throw new Error(`connect-elements/server: the sandbox refused the result request (${status}${safeCode(isRecord(json) ? json.error : undefined)})`);
    }
    switch (json.status) {
      case 'pending':
      case 'exit':
        return { status: json.status };
      case 'success':
        // createResultHandler checks both before the browser sees them.
        return { status: 'success', connectionId: json.connectionId, operation: json.operation } as FlowResult;
      case 'error': {
        const code = isErrorCode(json.code) ? json.code : 'unknown';
        return typeof json.error_description === 'string' ? { status: 'error', code, error_description: json.error_description } : { status: 'error', code };
      }
      default:
        throw new Error('connect-elements/server: the sandbox answered a result with an unknown status');
    }
  };
}
