/**
 * What every sandbox server shares (the default sandbox and each simulator): a
 * small router over `node:http`, JSON in and out (typed, capped), bearer keys
 * compared in constant time, hosted pages and scripts with strict headers, the
 * catalog's icons, one-decision flows, the operator's allow lists (app origins,
 * callback URLs), and query building that keeps a URL's own query.
 *
 * Nothing here logs a token, a key or a query string: the optional log line is
 * the method, the route's label (never the raw path, which may carry a session
 * id) and the status.
 */
import http from 'node:http';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { findSource } from './catalog.mjs';

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_STRING_LENGTH = 2048;

export class HttpError extends Error {
  /** @param {number} status @param {string} code @param {string} [description] @param {Record<string, unknown>} [extra] */
  constructor(status, code, description, extra) {
    super(description ?? code);
    this.status = status;
    this.code = code;
    this.description = description;
    this.extra = extra;
  }
}

export const sha256 = (/** @type {string} */ value) => createHash('sha256').update(value).digest();
/** Map keys for secrets: the simulators keep digests, never the tokens themselves. */
export const digestKey = (/** @type {string} */ value) => sha256(value).toString('hex');
/** The record `map` keeps under the digest of `key` (a token, an id); `undefined` for a missing or non-string key. */
export const recordOf = (map, key) => (typeof key === 'string' && key ? map.get(digestKey(key)) : undefined);
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const randomDigits = (length) => Array.from({ length }, (_, index) => randomInt(index === 0 ? 1 : 0, 10)).join('');

/**
 * The app whose `apiKey` the request's bearer carries, compared in constant time.
 * Throws 401 `invalid_api_key` when none does.
 * @template {{ apiKey: string }} App
 * @param {App[]} apps
 * @returns {App}
 */
export function bearerApp(req, apps) {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  const given = match ? sha256(match[1]) : undefined;
  const app = given && apps.find((candidate) => timingSafeEqual(given, sha256(candidate.apiKey)));
  if (!app) throw new HttpError(401, 'invalid_api_key', 'The API key is missing or not valid.');
  return app;
}

/** A bearer check against one key. Throws 401 `invalid_api_key`. */
export function requireBearer(req, apiKey) {
  bearerApp(req, [{ apiKey }]);
}

export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** Public catalogs are readable from any page, like the default sandbox's `/v1/sources`. */
export const PUBLIC_CORS = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' };

/** What a hosted page may send as `Cross-Origin-Opener-Policy`: `same-origin` severs a popup from its opener. */
export const OPENER_POLICIES = new Set(['same-origin']);

/**
 * A hosted page: strict CSP (scripts from its own origin only), no referrer (the
 * URLs carry session tokens), never cached.
 * @param {{ frameAncestors?: string[] | null, openerPolicy?: 'same-origin' }} [options]
 *   `frameAncestors` `null` or `[]`: may not be framed. `openerPolicy`: sent as
 *   `Cross-Origin-Opener-Policy` (in a popup, `window.opener` is then `null`).
 */
export function sendHtml(res, status, html, { frameAncestors = null, openerPolicy } = {}) {
  res.writeHead(status, {
    ...(openerPolicy ? { 'cross-origin-opener-policy': openerPolicy } : {}),
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${frameAncestors?.length ? frameAncestors.join(' ') : "'none'"}`,
    ].join('; '),
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

export function sendScript(res, text) {
  res.writeHead(200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export const escapeHtml = (/** @type {unknown} */ text) =>
  String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A rounded square in a colour derived from the id, with the source's initial. */
export function iconSvg(source) {
  const hue = sha256(source.id).readUInt16BE(0) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeHtml(source.name)}">
<rect width="64" height="64" rx="14" fill="hsl(${hue} 58% 40%)"/>
<text x="32" y="42" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="30" font-weight="600" fill="#fff">${escapeHtml(source.name[0].toUpperCase())}</text>
</svg>`;
}

/** `GET /icons/<source>.svg`: every server serves the catalog's icons on its own origin. */
export const iconRoute = [
  /^\/icons\/([a-z0-9-]+)\.svg$/,
  'icon',
  {
    GET: (_req, res, match) => {
      const source = findSource(match[1]);
      if (!source) throw new HttpError(404, 'not_found', 'No such icon.');
      res.writeHead(200, {
        'content-type': 'image/svg+xml',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'access-control-allow-origin': '*',
      });
      res.end(iconSvg(source));
    },
  },
];

export function redirect(res, location, status = 302) {
  res.writeHead(status, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}

/** Reads a JSON object body: `application/json` only (415), at most 64 KB (413). */
export async function readJson(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'Send application/json.');
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'The body is too large.');

  const raw = await new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      if (tooLarge) return; // keep draining without storing; the response closes the connection
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        reject(new HttpError(413, 'payload_too_large', 'The body is too large.'));
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'invalid_request', 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'The body must be a JSON object.');
  }
  return body;
}

/** Field readers that throw 400 with the simulator's own code for a malformed request. */
export function fields(body, code = 'invalid_request') {
  const fail = (message) => {
    throw new HttpError(400, code, message);
  };
  return {
    string(name, { required = false } = {}) {
      const value = body[name];
      if (value === undefined || value === null || value === '') {
        if (required) fail(`"${name}" is required.`);
        return undefined;
      }
      if (typeof value !== 'string' || value.length > MAX_STRING_LENGTH) fail(`"${name}" must be a string.`);
      return value;
    },
    strings(name, { required = false } = {}) {
      const value = body[name];
      if (value === undefined || value === null) {
        if (required) fail(`"${name}" is required.`);
        return [];
      }
      if (!Array.isArray(value) || value.length > 100 || value.some((item) => typeof item !== 'string' || !item || item.length > 512)) {
        fail(`"${name}" must be an array of strings.`);
      }
      return [...new Set(value)];
    },
  };
}

/** A route handler behind the bearer `apiKey` whose request is a JSON object: `handler(res, body, fields(body))`. */
export const withBearerJson = (apiKey, handler) => async (req, res) => {
  requireBearer(req, apiKey);
  const body = await readJson(req);
  return handler(res, body, fields(body));
};

/** Sets `params` on `url`, keeping the query it already has (a same-named parameter is replaced). */
export function withQuery(url, params) {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    target.searchParams.set(name, String(value));
  }
  return target.href;
}

function httpUrl(value) {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Not an http(s) URL: ${value}`);
  return url;
}

/**
 * The operator's registrations, shared by every simulator: app origins (exact,
 * after `new URL().origin` normalisation) and callback URLs (origin + pathname:
 * the query may differ, since the client adds its own parameter to the return
 * address).
 */
export function createRegistry(appOrigins = [], redirectUrls = []) {
  const origins = new Set();
  const callbacks = new Set();
  const callbackKey = (/** @type {URL} */ url) => `${url.origin}${url.pathname}`;
  const registry = {
    allowOrigin(origin) {
      origins.add(httpUrl(origin).origin);
    },
    disallowOrigin(origin) {
      origins.delete(httpUrl(origin).origin);
    },
    allowRedirectUrl(url) {
      callbacks.add(callbackKey(httpUrl(url)));
    },
    disallowRedirectUrl(url) {
      callbacks.delete(callbackKey(httpUrl(url)));
    },
    /** Exact origin strings only: `"https://a.example/"` or `"null"` never match. */
    hasOrigin(value) {
      return typeof value === 'string' && origins.has(value);
    },
    hasRedirectUrl(value) {
      if (typeof value !== 'string') return false;
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && callbacks.has(callbackKey(url));
      } catch {
        return false;
      }
    },
    origins() {
      return [...origins];
    },
  };
  for (const origin of appOrigins) registry.allowOrigin(origin);
  for (const url of redirectUrls) registry.allowRedirectUrl(url);
  return registry;
}

/**
 * Starts one server on `port` (0: any free one). `routes`: `[pattern, label, { METHOD: (req, res, match, url) => unknown }]`.
 * Resolves `{ origin, close() }`.
 */
export async function serve({ host, port = 0, name, routes, log = false }) {
  async function handle(req, res, onRoute) {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    for (const [pattern, label, methods] of routes) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      onRoute(label);
      const method = req.method === 'HEAD' && methods.GET ? 'GET' : (req.method ?? 'GET');
      const handler = methods[method];
      if (!handler) {
        res.setHeader('allow', Object.keys(methods).join(', '));
        throw new HttpError(405, 'method_not_allowed', 'Method not allowed.');
      }
      await handler(req, res, match, url);
      return;
    }
    throw new HttpError(404, 'not_found', 'No such route.');
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    let route = '(no route)';
    handle(req, res, (label) => {
      route = label;
    })
      .catch((error) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) {
          // A body cut short at the size cap leaves bytes on the socket: do not reuse it.
          if (error.status === 413) res.setHeader('connection', 'close');
          sendJson(res, error.status, {
            error: error.code,
            ...(error.description ? { error_description: error.description } : {}),
            ...error.extra,
          });
        } else {
          console.error(`${name}: unexpected error`, error);
          sendJson(res, 500, { error: 'server_error' });
        }
      })
      .finally(() => {
        if (log) console.log(`${name}: ${req.method} ${route} ${res.statusCode} ${Date.now() - started}ms`);
      });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    origin,
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve(undefined)));
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Forgets stale records once a minute, without keeping the process alive:
 * `tables` are `[map, isStale(record, now)]` pairs. Returns the timer for `clearInterval`.
 * @param {() => number} now
 * @param {Array<[Map<unknown, any>, (record: any, now: number) => boolean]>} tables
 */
export function startSweeper(now, tables) {
  const timer = setInterval(() => {
    const time = now();
    for (const [map, isStale] of tables) for (const [key, record] of map) if (isStale(record, time)) map.delete(key);
  }, 60_000);
  timer.unref();
  return timer;
}

/** A claimed flow is stale once it expires. */
export const flowExpired = (flow, time) => time > flow.expiresAt;

/** How long a claimed hosted page may wait for the user's decision. */
export const FLOW_TTL_MS = 30 * 60 * 1000;

/**
 * The flows hosted pages have claimed, by digest of their flow id: each takes one
 * decision, before it expires. `sweep` goes to {@link startSweeper}.
 * @param {() => number} now
 */
export function createFlows(now) {
  const flows = new Map();
  return {
    sweep: /** @type {[Map<string, any>, typeof flowExpired]} */ ([flows, flowExpired]),
    /** Stores `flow` (adding `expiresAt` and `done`) and returns the id the page reports with. */
    open(flow) {
      const flowId = randomToken();
      flows.set(digestKey(flowId), Object.assign(flow, { expiresAt: now() + FLOW_TTL_MS, done: false }));
      return flowId;
    },
    /**
     * Reads a page's `{ flowId, outcome, ... }` and ends that flow: 410 `code` when it
     * is unknown, ended or expired; 400 for an outcome not in `outcomes`, or whatever
     * `check(flow, body)` throws (the flow then stays open).
     * @param {{ code?: string, outcomes: string[], check?: (flow: any, body: any) => void }} options
     */
    async end(req, { code = 'invalid_token', outcomes, check }) {
      const body = await readJson(req);
      const flow = typeof body.flowId === 'string' ? flows.get(digestKey(body.flowId)) : undefined;
      if (!flow || flow.done || now() > flow.expiresAt) throw new HttpError(410, code, 'This flow has already ended.');
      if (typeof body.outcome !== 'string' || !outcomes.includes(body.outcome)) throw new HttpError(400, 'invalid_request', 'Unknown outcome.');
      check?.(flow, body);
      flow.done = true;
      return { flow, outcome: body.outcome, body };
    },
  };
}

/** A promise that settles after `ms` (the "slow" outcome). */
export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
