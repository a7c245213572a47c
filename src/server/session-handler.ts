/**
 * `createSessionHandler`: the endpoint `session-url` points at, as a fetch handler.
 * Everything the browser sends is checked before the app's `mint` runs, and what
 * `mint` answers is checked the way the elements will check it.
 */
import type { LaunchMode, SessionRequest, SessionResponse } from '../core/session.js';
import { isAllowedConnectUrl } from '../core/session.js';
import { exactOrigin, isRecord, parseHttpUrl } from '../core/protocol.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  Refusal,
  invalidField,
  jsonResponse,
  readElementsRequest,
  runEndpoint,
  type OnServerError,
} from './http.js';
import { canonicalOrigin, isPlainToken, isState, normaliseOrigins, resolveOrigins, type AllowedOrigins } from './validate.js';

export type { SessionRequest, SessionResponse, LaunchMode };

export interface MintContext {
  /** The incoming request (cookies, the signed-in user...); `request.signal` aborts when the browser goes away. */
  request: Request;
}

/** Mints a session with the provider, server side, with the app's secret key. */
export type Mint = (body: SessionRequest, context: MintContext) => SessionResponse | Promise<SessionResponse>;

export interface SessionHandlerOptions {
  /**
   * The origins of the pages allowed to start a flow (`https://app.example.com`), compared exactly after
   * normalisation; or a function of the request for multi-tenant apps. Never `*`.
   */
  allowedOrigins: AllowedOrigins;
  /** Redirect URLs allowed besides any URL on an allowed origin, compared exactly (after URL normalisation). */
  allowedRedirectUrls?: Iterable<string>;
  mint: Mint;
  /** When given, only these source ids may be asked for. */
  sources?: Iterable<string>;
  /** When given, only these scopes may be asked for: one list for every source, or a list per source id. */
  scopes?: Iterable<string> | Record<string, Iterable<string>>;
  /** Hears every failure answered with `session_failed` or `session_invalid_response`; default: one console line without the error's message. */
  onError?: OnServerError;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
}

const MODES = new Set<string>(['popup', 'tab', 'modal', 'redirect']);
const MAX_URL_LENGTH = 2048;
const MAX_SCOPES = 100;
/** Control characters only: a connection's name may be any other text. */
const CONTROL = /\p{Cc}/u;

const isIterable = (value: unknown): value is Iterable<string> =>
  typeof value === 'object' && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

function optionalString(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > max) throw invalidField(field, `"${field}" must be a string of 1 to ${max} characters.`);
  return value;
}

/** The contract's fields, each checked for type and size; anything else the browser sent is dropped here. */
function parseSessionRequest(body: Record<string, unknown>): SessionRequest {
  const { source, scopes, mode, origin, state } = body;
  if (typeof source !== 'string' || !isPlainToken(source, 128)) throw invalidField('source', '"source" must be an id of 1 to 128 printable characters.');
  if (!Array.isArray(scopes) || scopes.length > MAX_SCOPES || !scopes.every((scope) => typeof scope === 'string' && isPlainToken(scope, 256))) {
    throw invalidField('scopes', `"scopes" must be an array of at most ${MAX_SCOPES} scope names.`);
  }
  if (typeof mode !== 'string' || !MODES.has(mode)) throw invalidField('mode', '"mode" must be popup, tab, modal or redirect.');
  if (typeof origin !== 'string' || origin.length > MAX_URL_LENGTH) throw invalidField('origin', '"origin" must be the page\'s origin.');
  if (typeof state !== 'string' || !isState(state)) throw invalidField('state', '"state" must be a random value of at least 128 bits, in hex or base64url.');
  const request: SessionRequest = { source, scopes: [...(scopes as string[])], mode: mode as LaunchMode, origin, state };
  const redirectUrl = optionalString(body, 'redirectUrl', MAX_URL_LENGTH);
  if (redirectUrl !== undefined) request.redirectUrl = redirectUrl;
  const existingConnectionId = optionalString(body, 'existingConnectionId', 256);
  if (existingConnectionId !== undefined) {
    if (!isPlainToken(existingConnectionId, 256)) throw invalidField('existingConnectionId', '"existingConnectionId" must be a connection id.');
    request.existingConnectionId = existingConnectionId;
  }
  const connectionName = optionalString(body, 'connectionName', 256);
  if (connectionName !== undefined) {
    if (CONTROL.test(connectionName) || !connectionName.trim()) throw invalidField('connectionName', '"connectionName" must be plain text.');
    request.connectionName = connectionName;
  }
  return request;
}

/** Why a `mint` answer is unusable (names the field, never its value), or `null` when the elements will accept it. */
function sessionAnswerProblem(answer: unknown): string | null {
  if (!isRecord(answer)) return 'the answer is not an object';
  const { connectUrl, sessionToken, expiresAt, messageOrigin } = answer;
  if (connectUrl !== undefined && !(isAllowedConnectUrl(connectUrl) && connectUrl.length <= 8192)) {
    return 'connectUrl is not an absolute https: URL (http: only on loopback hosts)';
  }
  if (sessionToken !== undefined && !(typeof sessionToken === 'string' && sessionToken.length >= 1 && sessionToken.length <= 8192 && !CONTROL.test(sessionToken))) {
    return 'sessionToken is not a non-empty string';
  }
  if (connectUrl === undefined && sessionToken === undefined) return 'neither connectUrl nor sessionToken';
  if (expiresAt !== undefined) {
    // As the elements read it: an ISO date, or epoch seconds or milliseconds.
    const ms = typeof expiresAt === 'number' ? (expiresAt < 1e12 ? expiresAt * 1000 : expiresAt) : typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
    if (!Number.isFinite(ms)) return 'expiresAt is not a date or a number';
    if (ms <= Date.now()) return 'expiresAt is in the past';
  }
  if (messageOrigin !== undefined && !(isAllowedConnectUrl(messageOrigin) && exactOrigin(messageOrigin))) {
    return 'messageOrigin is not an https: origin (http: only on loopback hosts)';
  }
  return null;
}

/** The contract's fields of a valid answer, and nothing else `mint` returned. */
function sessionAnswer(answer: SessionResponse): SessionResponse {
  const session: SessionResponse = {};
  if (answer.connectUrl !== undefined) session.connectUrl = answer.connectUrl;
  if (answer.sessionToken !== undefined) session.sessionToken = answer.sessionToken;
  if (answer.expiresAt !== undefined) session.expiresAt = answer.expiresAt;
  if (answer.messageOrigin !== undefined) session.messageOrigin = exactOrigin(answer.messageOrigin)!;
  return session;
}

/**
 * The session endpoint: `POST` JSON with `x-connect-elements: 1`, a body of the
 * contract's shape from an allowed origin, then `mint`. Answers the contract's
 * session JSON, or `{ error, error_description?, field? }` with a code; see the README's
 * "Server" section for every check and its status.
 */
export function createSessionHandler(options: SessionHandlerOptions): (request: Request) => Promise<Response> {
  const { mint, onError, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  if (typeof mint !== 'function') throw new TypeError('createSessionHandler: `mint` must be a function.');
  const staticOrigins = typeof options.allowedOrigins === 'function' ? null : normaliseOrigins(options.allowedOrigins, 'allowedOrigins');
  const redirectUrls = new Set(
    [...(options.allowedRedirectUrls ?? [])].map((value) => {
      const url = parseHttpUrl(value);
      if (!url) throw new TypeError('createSessionHandler: every allowedRedirectUrls entry must be an absolute http(s) URL.');
      return url.href;
    }),
  );
  const sources = options.sources ? new Set(options.sources) : null;
  const scopesFor = (source: string): Set<string> | null => {
    const scopes = options.scopes;
    if (!scopes) return null;
    if (isIterable(scopes)) return new Set(scopes);
    return new Set(Object.hasOwn(scopes, source) ? scopes[source] : []);
  };

  return (request: Request): Promise<Response> =>
    runEndpoint(request, onError, 'mint', {
      async check() {
        const body = parseSessionRequest(await readElementsRequest(request, maxBodyBytes));

        const allowed = staticOrigins ?? (await resolveOrigins(options.allowedOrigins, request));
        const origin = canonicalOrigin(body.origin);
        if (!origin || !allowed.has(origin)) throw new Refusal(403, { error: 'origin_not_allowed', error_description: 'This origin may not start a flow.' });
        // A browser always says where a POST comes from: it must be the page the body names.
        const sentFrom = request.headers.get('origin');
        if (sentFrom !== null && canonicalOrigin(sentFrom) !== origin) {
          throw new Refusal(403, { error: 'origin_not_allowed', error_description: 'The request does not come from the origin it names.' });
        }
        body.origin = origin;

        if (body.redirectUrl !== undefined) {
          const url = parseHttpUrl(body.redirectUrl);
          if (!url || !(allowed.has(url.origin) || redirectUrls.has(url.href))) {
            throw new Refusal(400, { error: 'redirect_uri_mismatch', error_description: 'This redirect URL is not allowed.' });
          }
        }
        if (sources && !sources.has(body.source)) throw new Refusal(400, { error: 'invalid_scope', error_description: 'This source is not offered.' });
        const scopes = scopesFor(body.source);
        if (scopes && !body.scopes.every((scope) => scopes.has(scope))) {
          throw new Refusal(400, { error: 'invalid_scope', error_description: 'A requested scope is not offered.' });
        }
        return body;
      },
      hook: (body) => mint(body, { request }) as unknown,
      // The browser would refuse an unusable answer anyway: it is the server's bug, reported without the values.
      answer: (answer) => sessionAnswerProblem(answer) ?? jsonResponse(200, sessionAnswer(answer as SessionResponse)),
    });
}
