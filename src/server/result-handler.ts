/**
 * `createResultHandler`: the endpoint `result-url` points at, as a fetch handler:
 * it tells a waiting flow its result when no message or return can reach the
 * page (a popup cut off from its opener). The browser asks with its flow's
 * `state`; the app's `read` asks the provider (or reads what its webhook stored).
 */
import { cleanDescription, isErrorCode, type ConnectErrorCode } from '../core/errors.js';
import type { ConnectOperation } from '../core/protocol.js';
import { isRecord } from '../core/protocol.js';
import { DEFAULT_MAX_BODY_BYTES, Refusal, invalidField, jsonResponse, readElementsRequest, runEndpoint, type OnServerError } from './http.js';
import { canonicalOrigin, isPlainToken, isState, normaliseOrigins, resolveOrigins, type AllowedOrigins } from './validate.js';

/** What `read` answers, and what the browser receives. */
export type FlowResult =
  | { status: 'pending' }
  | { status: 'success'; connectionId: string; operation: ConnectOperation }
  | { status: 'exit' }
  | { status: 'error'; code: ConnectErrorCode; error_description?: string };

/**
 * Reads the result of the flow bound to `state`. `null` (or `undefined`) when no flow of this
 * app has that state: the browser gets `404 { error: 'not_found' }` and keeps waiting.
 */
export type ReadResult = (state: string, context: { request: Request }) => FlowResult | null | undefined | Promise<FlowResult | null | undefined>;

export interface ResultHandlerOptions {
  read: ReadResult;
  /**
   * When given, a request whose `Origin` header (browsers always send one on a POST) is not one of
   * these is refused with `403 origin_not_allowed`. Requests without the header (server to server) pass.
   */
  allowedOrigins?: AllowedOrigins;
  /** Hears every failure answered with `session_failed` or `session_invalid_response`. */
  onError?: OnServerError;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
}

/** The checked result with only the contract's fields, or why it is unusable (never its values). */
function checkResult(value: unknown): FlowResult | string {
  if (!isRecord(value)) return 'the answer is not an object';
  switch (value.status) {
    case 'pending':
    case 'exit':
      return { status: value.status };
    case 'success': {
      const { connectionId, operation } = value;
      if (typeof connectionId !== 'string' || !isPlainToken(connectionId, 256)) return 'connectionId is not 1 to 256 printable characters without quotes, <, >, & or spaces';
      if (operation !== 'create' && operation !== 'reauth') return 'operation is neither create nor reauth';
      return { status: 'success', connectionId, operation };
    }
    case 'error': {
      if (!isErrorCode(value.code)) return 'code is not an error code of the contract';
      const description = cleanDescription(value.error_description);
      return description ? { status: 'error', code: value.code, error_description: description } : { status: 'error', code: value.code };
    }
    default:
      return 'status is not pending, success, exit or error';
  }
}

/**
 * The result endpoint: the same request checks as the session endpoint, a body
 * `{ state }`, then `read(state)`; answers the checked result. A thrown known code
 * passes through with its status; anything else thrown is `session_failed` (500 for a
 * programming error, else 502); a malformed result is `500 session_invalid_response`. The elements ignore every
 * non-200 answer and keep waiting for another channel.
 */
export function createResultHandler(options: ResultHandlerOptions): (request: Request) => Promise<Response> {
  const { read, onError, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  if (typeof read !== 'function') throw new TypeError('createResultHandler: `read` must be a function.');
  const staticOrigins =
    options.allowedOrigins === undefined || typeof options.allowedOrigins === 'function' ? null : normaliseOrigins(options.allowedOrigins, 'allowedOrigins');

  return (request: Request): Promise<Response> =>
    runEndpoint(request, onError, 'read', {
      async check() {
        const body = await readElementsRequest(request, maxBodyBytes);
        if (typeof body.state !== 'string' || !isState(body.state)) throw invalidField('state', '"state" must be the flow\'s state.');
        const sentFrom = request.headers.get('origin');
        if (options.allowedOrigins !== undefined && sentFrom !== null) {
          const allowed = staticOrigins ?? (await resolveOrigins(options.allowedOrigins, request));
          const origin = canonicalOrigin(sentFrom);
          if (!origin || !allowed.has(origin)) throw new Refusal(403, { error: 'origin_not_allowed', error_description: 'This origin may not read results.' });
        }
        return body.state;
      },
      hook: (state) => read(state, { request }) as unknown,
      answer(answer) {
        if (answer === null || answer === undefined) return jsonResponse(404, { error: 'not_found' });
        const result = checkResult(answer);
        return typeof result === 'string' ? result : jsonResponse(200, result);
      },
    });
}
