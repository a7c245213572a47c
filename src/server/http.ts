/**
 * What both handlers share: the request checks that force a CORS preflight, a
 * body read that never holds more than its limit, JSON answers that are never
 * cached, and the errors a handler answers with.
 */
import { cleanDescription, isErrorCode, type ConnectErrorCode } from '../core/errors.js';
import { isRecord } from '../core/protocol.js';

/** Session and result bodies are a few hundred bytes; 16 KiB leaves room and no more. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** The status a known code answers with when nobody chose one. */
const STATUS_BY_CODE: Partial<Record<ConnectErrorCode, number>> = {
  origin_not_allowed: 403,
  user_denied: 403,
  invalid_token: 401,
  invalid_scope: 400,
  redirect_uri_mismatch: 400,
  state_mismatch: 400,
  source_error: 503,
  provisioning_failed: 502,
  network_error: 502,
  session_failed: 502,
  session_invalid_response: 502,
  session_timeout: 504,
  timeout: 504,
  unknown: 500,
};

export const statusForCode = (code: ConnectErrorCode) => STATUS_BY_CODE[code] ?? 400;

/**
 * An error `mint` or `read` throws to answer with one of the contract's codes
 * (`origin_not_allowed`, `invalid_token`, `invalid_scope`...). `description` is sent
 * to the browser as `error_description`: write it for users, never copy a
 * provider's text into it. Any other thrown error answers `session_failed`: 500 for a
 * programming error (a `TypeError`, a `ReferenceError`...), 502 for anything else.
 */
export class ConnectServerError extends Error {
  override readonly name = 'ConnectServerError';
  readonly code: ConnectErrorCode;
  readonly status: number;
  readonly description?: string;

  constructor(code: ConnectErrorCode, options: { status?: number; description?: string; cause?: unknown } = {}) {
    super(`connect-elements/server: ${code}`, { cause: options.cause });
    this.code = code;
    const status = options.status;
    this.status = Number.isInteger(status) && status! >= 400 && status! <= 599 ? status! : isErrorCode(code) ? statusForCode(code) : 500;
    if (options.description) this.description = options.description;
  }
}

/** The known code an error carries: a {@link ConnectServerError}, or any `Error` whose `code` is a contract code. */
export function knownCode(error: unknown): ConnectErrorCode | null {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return isErrorCode(code) ? code : null;
}

/** A refusal the handler answers as is: built from fixed texts only, never from what the request or a provider said. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.error));
  }
}

export const invalidField = (field: string, description: string) =>
  new Refusal(400, { error: 'invalid_request', error_description: description, field });

/** Every answer: JSON, never cached, never sniffed. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}

export const refusalResponse = (refusal: Refusal) => jsonResponse(refusal.status, refusal.body, refusal.headers);

/** `application/json`, with no charset or `utf-8`. */
function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

/** Reads at most `max` bytes: a declared or streamed body beyond it is refused without reading the rest. */
async function readLimitedText(request: Request, max: number): Promise<string> {
  const tooLarge = () => new Refusal(413, { error: 'payload_too_large', error_description: `The body is larger than ${max} bytes.` }, { connection: 'close' });
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read().catch(() => {
      throw new Refusal(400, { error: 'invalid_request', error_description: 'The body could not be read.' });
    });
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Refusal(400, { error: 'invalid_request', error_description: 'The body is not UTF-8.' });
  }
}

/**
 * The checks every elements request passes before its body is even parsed:
 * `POST`, `application/json`, the `x-connect-elements: 1` header (with the JSON
 * type, it forces a CORS preflight, so another site cannot forge the request), no
 * `sec-fetch-site: cross-site`, and a JSON object body of at most `maxBodyBytes`.
 */
export async function readElementsRequest(request: Request, maxBodyBytes: number): Promise<Record<string, unknown>> {
  if (request.method !== 'POST') {
    throw new Refusal(405, { error: 'method_not_allowed', error_description: 'Use POST.' }, { allow: 'POST' });
  }
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new Refusal(415, { error: 'unsupported_media_type', error_description: 'Send application/json.' });
  }
  if (request.headers.get('x-connect-elements') !== '1') {
    throw new Refusal(403, { error: 'forbidden', error_description: 'The x-connect-elements: 1 header is required.' });
  }
  // Defence in depth for apps whose framework answers every preflight: a browser says when another site sent this.
  if (request.headers.get('sec-fetch-site') === 'cross-site') {
    throw new Refusal(403, { error: 'forbidden', error_description: 'Cross-site requests are refused.' });
  }
  const text = await readLimitedText(request, maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the input: never send it back.
    throw new Refusal(400, { error: 'invalid_request', error_description: 'The body is not valid JSON.' });
  }
  if (!isRecord(body)) throw new Refusal(400, { error: 'invalid_request', error_description: 'The body must be a JSON object.' });
  return body;
}

/** Context handed to `onError` with every failure the handler answers with a 5xx of its own. */
export interface ServerErrorContext {
  request: Request;
  /** What the browser was told. */
  code: 'session_failed' | 'session_invalid_response';
  /** `mint` (session handler) or `read` (result handler). */
  stage: 'mint' | 'read';
}

export type OnServerError = (error: Error, context: ServerErrorContext) => void;

/**
 * Reports a server-side failure. Without `onError`, one console line names the
 * stage, the code and the error's class, never its message: a foreign error's
 * message may quote a provider's answer or a key. Our own errors (`ours`) carry
 * only fixed text and are logged whole.
 */
export function report(onError: OnServerError | undefined, error: unknown, context: ServerErrorContext, ours = false): void {
  const reported = error instanceof Error ? error : new Error('connect-elements/server: a non-Error value was thrown');
  try {
    if (onError) onError(reported, context);
    else console.error(`connect-elements/server: ${context.stage} failed, answered ${context.code}${ours ? `: ${reported.message}` : ` (${reported.name})`}`);
  } catch {
    // A failing reporter must not turn the answer into a crash.
  }
}

/**
 * What fetch rejects with when the network fails: a `TypeError` like any bug's, told
 * apart by its message (Node, Deno and Next.js's edge runtime say "fetch failed";
 * workerd and the browsers their own words) or, in Bun, by the system error in `code`.
 */
const FETCH_NETWORK_FAILURE = /^(fetch failed|failed to fetch|load failed|networkerror when attempting to fetch resource|network connection lost|error sending request)\b/i;
/** ECONNREFUSED, ENOTFOUND, EAI_AGAIN...; not Node's argument errors (ERR_INVALID_ARG_TYPE), which are bugs. */
const NETWORK_ERROR_CODE = /^(E(?!RR_)[A-Z_]+|Connection[A-Z]\w*|FailedToOpenSocket)$/;

/**
 * A bug in the app's `mint`/`read` (or in what it calls), not a provider that failed:
 * the errors the engine throws for bad code (`x is not a function`, an undefined name,
 * a bad argument), except fetch's own network failure.
 */
export function isProgrammingError(error: unknown): boolean {
  if (error instanceof ReferenceError || error instanceof SyntaxError || error instanceof RangeError || error instanceof EvalError || error instanceof URIError) return true;
  if (!(error instanceof TypeError)) return false;
  const code = (error as { code?: unknown }).code;
  return !FETCH_NETWORK_FAILURE.test(error.message) && !(typeof code === 'string' && NETWORK_ERROR_CODE.test(code));
}

/**
 * The answer for a thrown error: a known code passes through; a programming error is
 * `500 session_failed` and anything else (a provider that failed or could not be
 * reached) `502 session_failed`, both reported as they were thrown.
 */
export function thrownResponse(error: unknown, onError: OnServerError | undefined, context: Omit<ServerErrorContext, 'code'>): Response {
  if (error instanceof Refusal) return refusalResponse(error);
  const code = knownCode(error);
  if (code) {
    const status = error instanceof ConnectServerError ? error.status : statusForCode(code);
    const description = error instanceof ConnectServerError ? cleanDescription(error.description) : undefined;
    return jsonResponse(status, description ? { error: code, error_description: description } : { error: code });
  }
  report(onError, error, { ...context, code: 'session_failed' });
  return jsonResponse(isProgrammingError(error) ? 500 : 502, { error: 'session_failed' });
}

/**
 * What both endpoints do, in order: the request's checks (a {@link Refusal} is
 * answered as it says; anything else thrown there, which only a throwing
 * `allowedOrigins` function can do, is reported and answered
 * `500 session_failed`), then the app's hook (`mint` or `read`: what it throws
 * goes through {@link thrownResponse}), then the answer to what the hook gave
 * (a string is a problem: the app's bug, reported without values and answered
 * `500 session_invalid_response`).
 */
export async function runEndpoint<Input, Output>(
  request: Request,
  onError: OnServerError | undefined,
  stage: ServerErrorContext['stage'],
  steps: { check(): Promise<Input>; hook(input: Input): Output | Promise<Output>; answer(output: Output): Response | string },
): Promise<Response> {
  let input: Input;
  try {
    input = await steps.check();
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    report(onError, error, { request, stage, code: 'session_failed' });
    return jsonResponse(500, { error: 'session_failed' });
  }
  let output: Output;
  try {
    output = await steps.hook(input);
  } catch (error) {
    return thrownResponse(error, onError, { request, stage });
  }
  const answer = steps.answer(output);
  if (typeof answer !== 'string') return answer;
  report(onError, new Error(`connect-elements/server: ${stage} answered an unusable ${stage === 'mint' ? 'session' : 'result'}: ${answer}`), { request, stage, code: 'session_invalid_response' }, true);
  return jsonResponse(500, { error: 'session_invalid_response' });
}
