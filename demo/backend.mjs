/**
 * The demo app's backend: what an integrator writes on their server. It adds the
 * secret API key to calls to the Connect provider, so the key never reaches the
 * browser. Plain Node middleware over `req`/`res`, so Vite (connect) and Koa-based
 * runners can both mount it. The session and result endpoints are
 * `connect-elements/server` (src/server/), loaded from its TypeScript source by
 * scripts/load-server.mjs so `npm start` needs no build.
 *
 *   POST   /api/connect-session     createSessionHandler + mintSandboxSession (POST /v1/connect/sessions)
 *   POST   /api/connect-result      createResultHandler + readSandboxResult (POST /v1/connect/session-result)
 *   GET    /api/connections/:id     forward
 *   DELETE /api/connections/:id     forward
 *   POST   /api/disconnect          { source, connectionId, system? } -> the system's revoke (sandbox: DELETE /v1/connections/:id), then forgotten
 *   GET    /api/sources             the provider's public catalog
 *
 * The signed-in user's connections, one list per system (`system`: `default`, `sandbox-<variant>`,
 * or a preset name), the one source of truth the demo page renders from; see `connectionStores`:
 *
 *   GET    /api/connections?system=   { system, listing, note?, connections: [{ connectionId, source, sourceName?, scopes, name?, status, ... }] }
 *   POST   /api/connections/remember  { system, connectionId } -> 200 { connection } once the provider confirms it is this app's
 *                                     (404 not_found when it does not; 422 not_confirmable for a system with no lookup API)
 *
 * The demo's "signed-in user" is a random `demo_user` cookie set on the first request, so each
 * browser (and each test context) has its own connections, kept for the server's lifetime.
 *
 * With `sandboxApps` ({ variant: that sandbox app's API key }, e.g. `coop`, `redirect-only`),
 * the same two endpoints for each of those apps:
 *
 *   POST   /api/sandbox/:variant/connect-session
 *   POST   /api/sandbox/:variant/connect-result
 *
 * With `simulators` (sandbox/simulators: the seed systems' hosted flows), the
 * same job for each preset, in each vendor's own API shape:
 *
 *   POST   /api/presets/:preset/connect-session   the elements' session body -> the preset's session answer (createSessionHandler)
 *          opendatalabs     -> { connectUrl, messageOrigin }   (POST /api/v1/connect/sessions)
 *          context-gateway  -> { connectUrl }                  (the client library's createConnectUrl)
 *          alter            -> { sessionToken, expiresAt, baseUrl } (POST /v1/connect/sessions)
 *          thryve           -> { connectUrl }                  (POST /widget/v6/connection: the widget URL with the token)
 *   GET    /api/presets                           each system's settings for the demo page (public origins only)
 *   GET    /api/presets/opendatalabs/sources      the live catalog (/api/v1/sources)
 *   GET    /api/presets/thryve/sources            Thryve's data source table (/dataSources)
 *   GET    /api/presets/opendatalabs/connections/:id/result   the connection result, fetched server side after `success`
 *
 * And one list for several systems (issue 22): the `mixed` system is a catalog whose items say which
 * system each source is connected through (calendars and music through Context Gateway, wearables
 * through Thryve, the rest through the sandbox), with one session route that mints each flow with its
 * source's system. GET /api/connections, /remember and /api/disconnect take `system: 'mixed'` too, and
 * then act in the system of the body's `source`:
 *
 *   GET    /api/mixed/sources            the catalog: items of other systems carry `preset` and `baseUrl`; some `multiple: true`
 *   POST   /api/mixed/connect-session    the session of the source's own system (as /api/connect-session or /api/presets/:preset/...)
 *
 * And the page with no script of its own, /form.html, with the route its forms post to (demo/form-route.mjs).
 */

import { randomBytes } from 'node:crypto';
import { loadServerModule } from '../scripts/load-server.mjs';
import { createFormRoutes } from './form-route.mjs';

const { ConnectServerError, createResultHandler, createSessionHandler, mintSandboxSession, readSandboxResult, toNodeHandler } = await loadServerModule();

const MAX_BODY_BYTES = 64 * 1024;
const CONNECTION_PATH = /^\/api\/connections\/([A-Za-z0-9_-]+)$/;
const PRESET_SESSION_PATH = /^\/api\/presets\/([a-z-]+)\/connect-session$/;
const SANDBOX_APP_PATH = /^\/api\/sandbox\/([a-z0-9-]+)\/(connect-session|connect-result)$/;
const PRESET_SOURCES_PATH = /^\/api\/presets\/(opendatalabs|thryve)\/sources$/;
const ODL_RESULT_PATH = /^\/api\/presets\/opendatalabs\/connections\/([A-Za-z0-9_-]+)\/result$/;
/**
 * The `mixed` list: which categories of the sandbox catalog another system serves. Thryve's own data
 * sources stand for the sandbox's wearables, so those are left out of the sandbox's part.
 */
const MIXED = 'mixed';
const CONTEXT_GATEWAY_CATEGORIES = new Set(['calendar', 'music']);
const WEARABLE_CATEGORIES = new Set(['fitness', 'health']);
/** Sources where a user may hold several accounts (a work and a personal one): "Add another account". */
const SEVERAL_ACCOUNTS = new Set(['github', 'slack', 'google-calendar']);
/** How the backend names a new account of such a source, so each account row says which it is. */
const ACCOUNT_NAME = /^Account (\d{1,6})$/;
/** Connection ids as every provider here writes them (Thryve's are data source numbers). */
const CONNECTION_ID = /^[A-Za-z0-9_-]{1,256}$/;
/**
 * The demo's signed-in user: a random id in a cookie, minted on the first request. A real
 * backend takes the user from its own session; this keeps browsers (and test contexts) apart.
 */
const USER_COOKIE = 'demo_user';
const USER_ID = /^demo-user-[A-Za-z0-9_-]{16,64}$/;

/** The demo user named by a `cookie` header, or `undefined`. */
function userInCookies(header) {
  for (const part of (header ?? '').split(';')) {
    const [name, value = ''] = part.trim().split('=');
    if (name === USER_COOKIE && USER_ID.test(value)) return value;
  }
  return undefined;
}

/**
 * The request's demo user; a new one gets the cookie. The new cookie is also put on the request,
 * so the handlers further down (which see only a Fetch `Request`) read the same user.
 */
function userOf(req, res) {
  const known = userInCookies(req.headers.cookie);
  if (known) return known;
  const user = `demo-user-${randomBytes(18).toString('base64url')}`;
  req.headers.cookie = [req.headers.cookie, `${USER_COOKIE}=${user}`].filter(Boolean).join('; ');
  res.appendHeader('set-cookie', `${USER_COOKIE}=${user}; Path=/; HttpOnly; SameSite=Lax`);
  return user;
}

class RequestError extends Error {
  constructor(status, code, description) {
    super(description);
    this.status = status;
    this.code = code;
  }
}

function sendJson(res, status, body) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

const isJson = (req) => (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/json';

/** Reads a JSON object body of at most 64 KB. */
async function readJson(req) {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) throw new RequestError(413, 'invalid_request', 'The body is too large.');
  const raw = await new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        reject(new RequestError(413, 'invalid_request', 'The body is too large.'));
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
  try {
    const body = JSON.parse(raw);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch {
    // reported below
  }
  throw new RequestError(400, 'invalid_request', 'The body must be a JSON object.');
}

/** Keeps only the optional string fields that are present. */
const optionalStrings = (body, names) =>
  Object.fromEntries(names.filter((name) => typeof body[name] === 'string' && body[name] !== '').map((name) => [name, body[name]]));

/**
 * How each preset turns the elements' session body into its vendor's call, and the vendor's answer into the elements' session answer.
 * @param {Awaited<ReturnType<typeof import('../sandbox/simulators/index.mjs').startSimulators>>} simulators
 */
function presetCalls(simulators) {
  const { opendatalabs, contextGateway, alter, thryve } = simulators;
  return {
    opendatalabs: {
      url: `${opendatalabs.apiOrigin}/api/v1/connect/sessions`,
      apiKey: opendatalabs.apiKey,
      request: (body) => ({ source: body.source, scopes: body.scopes, origin: body.origin, ...optionalStrings(body, ['redirectUrl']) }),
      // The messages come from the dashboard's origin, not from connectUrl's.
      answer: (answer) => typeof answer.connectUrl === 'string' && { connectUrl: answer.connectUrl, messageOrigin: opendatalabs.dashboardOrigin },
    },
    'context-gateway': {
      url: `${contextGateway.origin}/v1/connect-urls`,
      apiKey: contextGateway.apiKey,
      request: (body, user) => ({
        userId: user,
        source: body.source,
        scopes: body.scopes,
        ...optionalStrings(body, ['redirectUrl', 'state', 'existingConnectionId', 'connectionName']),
      }),
      answer: (answer) => typeof answer.url === 'string' && { connectUrl: answer.url },
    },
    alter: {
      url: `${alter.origin}/v1/connect/sessions`,
      apiKey: alter.apiKey,
      request: (body) => ({
        allowed_providers: [body.source],
        ...(typeof body.origin === 'string' ? { allowed_origin: body.origin } : {}),
        ...(typeof body.redirectUrl === 'string' && body.redirectUrl ? { return_url: body.redirectUrl } : {}),
      }),
      answer: (answer) =>
        typeof answer.session_token === 'string' && { sessionToken: answer.session_token, expiresAt: answer.expires_at, baseUrl: alter.origin },
    },
    thryve: {
      url: `${thryve.origin}/widget/v6/connection`,
      apiKey: thryve.apiKey,
      request: (_body, user) => ({ endUserId: user }),
      answer: (answer) => typeof answer.data?.url === 'string' && { connectUrl: answer.data.url },
    },
  };
}

/**
 * Calls a vendor with its secret key. Resolves `{ status, answer }`, or sends 502 (when given `res`)
 * and resolves `null` when the vendor cannot be reached.
 */
async function callUpstream(res, url, { method = 'GET', apiKey, body }) {
  let upstream;
  try {
    upstream = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    if (res) sendJson(res, 502, { error: 'network_error', error_description: 'The Connect provider could not be reached.' });
    return null;
  }
  const answer = await upstream.json().catch(() => ({ error: 'unknown', error_description: 'The Connect provider sent no JSON.' }));
  return { status: upstream.status, answer };
}

/** The demo's errors are composed by connect-elements/server or here, from fixed text: safe to log whole. */
const logServerError = (error, { stage, code }) => console.error(`demo backend: ${stage} failed, answered ${code}: ${error.message}`);

/**
 * A `mint` for a preset: its vendor's call with the vendor's key. A vendor error that is a
 * contract code (origin_not_allowed, redirect_uri_mismatch...) passes through without the vendor's text.
 */
function presetMint(name, preset) {
  return async (body, { request }) => {
    let upstream;
    try {
      upstream = await fetch(preset.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${preset.apiKey}`, accept: 'application/json', 'content-type': 'application/json' },
        // appBackend gave every request a user cookie before it got here.
        body: JSON.stringify(preset.request(body, userInCookies(request.headers.get('cookie')))),
        redirect: 'error',
        signal: AbortSignal.any([request.signal, AbortSignal.timeout(15_000)]),
      });
    } catch (error) {
      throw new Error(`${name} could not be reached`, { cause: error });
    }
    const answer = await upstream.json().catch(() => undefined);
    if (upstream.status !== 200) {
      const code = answer?.error;
      if (typeof code === 'string' && ['origin_not_allowed', 'redirect_uri_mismatch', 'invalid_scope', 'invalid_token', 'source_error'].includes(code)) {
        throw new ConnectServerError(code);
      }
      throw new Error(`${name} refused the session (${upstream.status})`);
    }
    // An answer without a session reaches createSessionHandler's check: 500 session_invalid_response.
    return (answer && preset.answer(answer)) || {};
  };
}

/** A connection as the demo page lists it; `connectionId` and `source` are what `<source-list>` reads. */
function listed({ connectionId, source, sourceName, scopes = [], name, status = 'active', createdAt, updatedAt }) {
  return {
    connectionId,
    source,
    ...(sourceName ? { sourceName } : {}),
    scopes,
    ...(name ? { name } : {}),
    status,
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

/** A provider lookup that failed for another reason than "no such connection": the page keeps what it shows. */
class UpstreamError extends RequestError {
  constructor(what) {
    super(502, 'network_error', `${what} could not be asked about its connections.`);
  }
}

/** GET with a vendor key: the JSON answer, `null` on 404, UpstreamError otherwise. */
async function lookup(url, apiKey, what, accept = 'application/json') {
  let response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, accept }, redirect: 'error', signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new UpstreamError(what);
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new UpstreamError(what);
  return accept === 'application/json' ? response.json().catch(() => { throw new UpstreamError(what); }) : response.text();
}

/**
 * Where each system's connections of a user come from. None of these providers lists an app's
 * connections, so for most the backend remembers the ids it has seen confirmed, per user, and asks
 * the provider about each one again whenever it lists them (a revoked one drops out):
 *
 * - the sandbox apps (`default`, `sandbox-<variant>`): GET /v1/connections/:id under that app's key
 *   confirms; DELETE /v1/connections/:id revokes.
 * - Open Data Labs: GET /api/v1/connections/:id/result confirms. Its guide documents no revoke, so a
 *   disconnect only makes this backend forget the connection.
 * - Context Gateway: GET /v1/connections/:id confirms, and must name this user. No revoke either.
 * - Thryve: the simulator lists a user's connected data sources (GET /debug/connections, sandbox only;
 *   a real integration reads them from Thryve's data API), and revokes with a background GET of the
 *   revoke URL, as its guide allows. Nothing to remember.
 * - Alter: the simulator has no API to look a grant up, so a grant id from the browser cannot be
 *   confirmed, and this backend does not list what it cannot confirm.
 *
 * @returns {Map<string, {
 *   listing: 'remembered' | 'provider' | 'none', note?: string,
 *   confirm?(user: string, id: string): Promise<object | null>,
 *   list?(user: string, remembered: string[]): Promise<object[]>,
 *   revoke?(user: string, id: string): Promise<boolean>,
 * }>}
 */
function connectionStores({ provider, sandboxKeys, simulators }) {
  const stores = new Map();
  for (const [system, key] of sandboxKeys) {
    stores.set(system, {
      listing: 'remembered',
      async confirm(_user, id) {
        const connection = await lookup(`${provider}/v1/connections/${id}`, key, 'The sandbox');
        return connection && listed({ connectionId: connection.id, ...connection });
      },
      async revoke(_user, id) {
        const answer = await callUpstream(null, `${provider}/v1/connections/${id}`, { method: 'DELETE', apiKey: key });
        if (!answer || (answer.status !== 200 && answer.status !== 404)) throw new UpstreamError('The sandbox');
        return true;
      },
    });
  }
  if (!simulators) return stores;
  const { opendatalabs, contextGateway, thryve } = simulators;

  stores.set('opendatalabs', {
    listing: 'remembered',
    note: 'Open Data Labs documents no way to revoke a connection: Disconnect makes this app forget it.',
    async confirm(_user, id) {
      const result = await lookup(`${opendatalabs.apiOrigin}/api/v1/connections/${id}/result`, opendatalabs.apiKey, 'Open Data Labs');
      return result && listed({ connectionId: result.connectionId, source: result.source, scopes: result.data?.scopes, createdAt: result.data?.connectedAt });
    },
  });

  stores.set('context-gateway', {
    listing: 'remembered',
    note: 'Context Gateway documents no way to revoke a connection: Disconnect makes this app forget it.',
    async confirm(user, id) {
      const connection = await lookup(`${contextGateway.origin}/v1/connections/${id}`, contextGateway.apiKey, 'Context Gateway');
      // Another user's connection looks exactly like an unknown one.
      return connection && connection.userId === user ? listed({ connectionId: connection.id, ...connection }) : null;
    },
  });

  stores.set('alter', {
    listing: 'none',
    note: 'Alter’s simulator has no API to look a grant up, so this app cannot confirm Alter grants and does not list them: they show only in the event log.',
  });

  /** A fresh Thryve token for the user (the guide's widget/v6/connection); its calls take one. */
  async function thryveToken(user) {
    const answer = await callUpstream(null, `${thryve.origin}/widget/v6/connection`, { method: 'POST', apiKey: thryve.apiKey, body: { endUserId: user } });
    const token = answer?.status === 200 && typeof answer.answer.data?.url === 'string' && new URL(answer.answer.data.url).searchParams.get('connectionSessionToken');
    if (!token) throw new UpstreamError('Thryve');
    return token;
  }
  let thryveNames;
  stores.set('thryve', {
    listing: 'provider',
    async list(user) {
      const token = await thryveToken(user);
      const [connected, sources] = await Promise.all([
        lookup(`${thryve.origin}/debug/connections?token=${encodeURIComponent(token)}`, thryve.apiKey, 'Thryve'),
        thryveNames ?? lookup(`${thryve.origin}/dataSources`, thryve.apiKey, 'Thryve'),
      ]);
      thryveNames ??= sources;
      const names = new Map((Array.isArray(sources) ? sources : []).map((source) => [source.id, source.name]));
      return (connected?.dataSources ?? []).map((id) => listed({ connectionId: String(id), source: String(id), sourceName: names.get(String(id)) }));
    },
    async revoke(user, id) {
      const url = new URL('/dataSourceDirectRevoke.html', thryve.origin);
      url.search = new URLSearchParams({ token: await thryveToken(user), dataSource: id, direct: 'true' }).toString();
      await lookup(url.href, thryve.apiKey, 'Thryve', 'text/html');
      return true;
    },
  });
  return stores;
}

/**
 * @param {{
 *   sandboxOrigin: string,
 *   apiKey: string,
 *   simulators?: Awaited<ReturnType<typeof import('../sandbox/simulators/index.mjs').startSimulators>>,
 *   sandboxApps?: Record<string, string>,
 *   allowedOrigins?: string[],
 * }} options
 *   `simulators` adds the `/api/presets/...` routes; `sandboxApps` (variant name -> that sandbox app's
 *   API key) adds `/api/sandbox/:variant/connect-session` and `/connect-result`. `allowedOrigins`: the
 *   pages that may start flows; by default the origin the request came to (the dev server's, whatever
 *   port it took), which a production backend replaces with its own list.
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 *   Resolves `true` when it answered the request, `false` to let the next handler have it.
 */
export function createAppBackend({ sandboxOrigin, apiKey, simulators, sandboxApps = {}, allowedOrigins }) {
  const provider = new URL(sandboxOrigin).origin;
  const presets = simulators ? presetCalls(simulators) : undefined;
  // The request's URL is built from the socket and Host by toNodeHandler; the sandbox checks its own registry too.
  const appOrigins = allowedOrigins ?? ((request) => [new URL(request.url).origin]);

  for (const variant of Object.keys(sandboxApps)) {
    if (!/^[a-z0-9-]+$/.test(variant)) throw new TypeError(`sandboxApps: "${variant}" is not a lowercase route name.`);
  }
  const stores = connectionStores({
    provider,
    sandboxKeys: [['default', apiKey], ...Object.entries(sandboxApps).map(([variant, key]) => [`sandbox-${variant}`, key])],
    simulators,
  });
  /** The connection ids each user's systems confirmed, newest last: `user -> system -> Set`. Kept for the server's lifetime. */
  const remembered = new Map();
  const rememberedIds = (user, system) => {
    if (!remembered.has(user)) remembered.set(user, new Map());
    const systems = remembered.get(user);
    if (!systems.has(system)) systems.set(system, new Set());
    return systems.get(system);
  };
  const remember = (user, system, id) => {
    const ids = rememberedIds(user, system);
    ids.delete(id);
    ids.add(id);
  };

  /** The session and result endpoints of one sandbox app; a success the provider reports through the result is remembered. */
  const sandboxEndpoints = (system, key) => {
    const read = readSandboxResult({ apiKey: key, baseUrl: provider });
    return {
      'connect-session': toNodeHandler(
        createSessionHandler({ allowedOrigins: appOrigins, mint: mintSandboxSession({ apiKey: key, baseUrl: provider }), onError: logServerError }),
      ),
      'connect-result': toNodeHandler(
        createResultHandler({
          allowedOrigins: appOrigins,
          async read(state, context) {
            const result = await read(state, context);
            const user = userInCookies(context.request.headers.get('cookie'));
            // The provider said so itself, under this app's key: nothing to confirm.
            if (user && result?.status === 'success' && CONNECTION_ID.test(String(result.connectionId))) remember(user, system, result.connectionId);
            return result;
          },
          onError: logServerError,
        }),
      ),
    };
  };
  const defaultApp = sandboxEndpoints('default', apiKey);
  const variants = new Map(Object.entries(sandboxApps).map(([variant, key]) => [variant, sandboxEndpoints(`sandbox-${variant}`, key)]));

  /** The user's connections in `system`, asked of the provider now; remembered ids it no longer knows are forgotten. */
  async function connectionsOf(user, system) {
    const store = stores.get(system);
    if (store.listing === 'provider') return store.list(user);
    if (store.listing === 'none') return [];
    const ids = [...rememberedIds(user, system)].reverse();
    const found = await Promise.all(ids.map((id) => store.confirm(user, id)));
    ids.forEach((id, index) => found[index] || rememberedIds(user, system).delete(id));
    noteAccountNumbers(user, found.filter(Boolean));
    return found.filter(Boolean);
  }

  /** The highest "Account <n>" each user's source has had: a new account never takes the name of one disconnected. */
  const accountNumbers = new Map();
  const accountKey = (user, source) => `${user}\n${source}`;
  function noteAccountNumbers(user, connections) {
    for (const { source, name } of connections) {
      const number = Number(ACCOUNT_NAME.exec(name ?? '')?.[1] ?? 0);
      if (number > (accountNumbers.get(accountKey(user, source)) ?? 0)) accountNumbers.set(accountKey(user, source), number);
    }
  }

  const storeOf = (system) => {
    const name = system ?? 'default';
    if (typeof name !== 'string' || !stores.has(name)) throw new RequestError(400, 'invalid_request', 'Unknown "system".');
    return [name, stores.get(name)];
  };

  async function readConnectionBody(req) {
    if (!isJson(req)) throw new RequestError(415, 'invalid_request', 'Send application/json.');
    const body = await readJson(req);
    if (typeof body.connectionId !== 'string' || !CONNECTION_ID.test(body.connectionId)) {
      throw new RequestError(400, 'invalid_request', '"connectionId" is required.');
    }
    return body;
  }
  const presetSessions = new Map(
    Object.entries(presets ?? {}).map(([name, preset]) => [
      name,
      toNodeHandler(createSessionHandler({ allowedOrigins: appOrigins, mint: presetMint(name, preset), onError: logServerError })),
    ]),
  );

  // --- the mixed list: one catalog, each source in its own system ------------------

  /**
   * The mixed catalog and which system serves each of its sources, built once from the systems'
   * own catalogs (the sandbox's and Thryve's; Context Gateway's sources are the sandbox catalog's).
   * Items of another system than the list's own (the sandbox) carry that system's `preset` and `baseUrl`.
   * @type {Promise<{ sources: object[], systems: Map<string, string> }> | undefined}
   */
  let mixedCatalog;
  function mixed() {
    if (!simulators) throw new RequestError(404, 'not_found', 'The mixed list needs the simulators.');
    mixedCatalog ??= buildMixedCatalog().catch((error) => {
      mixedCatalog = undefined;
      throw error;
    });
    return mixedCatalog;
  }
  async function buildMixedCatalog() {
    const { contextGateway, thryve } = simulators;
    const [sandbox, dataSources] = await Promise.all([
      lookup(`${provider}/v1/sources`, apiKey, 'The sandbox'),
      lookup(`${thryve.origin}/dataSources`, thryve.apiKey, 'Thryve'),
    ]);
    if (!Array.isArray(sandbox?.sources) || !Array.isArray(dataSources)) throw new UpstreamError('A catalog');
    const several = (id) => (SEVERAL_ACCOUNTS.has(id) ? { multiple: true } : {});
    const items = [
      ...sandbox.sources
        .filter((source) => !CONTEXT_GATEWAY_CATEGORIES.has(source.category) && !WEARABLE_CATEGORIES.has(source.category))
        .map((source) => ({ system: 'default', item: { ...source, ...several(source.id) } })),
      ...sandbox.sources
        .filter((source) => CONTEXT_GATEWAY_CATEGORIES.has(source.category))
        .map((source) => ({
          system: 'context-gateway',
          item: { ...source, icon: `${contextGateway.origin}/icons/${source.id}.svg`, preset: 'context-gateway', baseUrl: contextGateway.origin, ...several(source.id) },
        })),
      // Thryve's numeric data source ids are the item ids: its connect URL names the data source.
      ...dataSources.map(({ slug: _slug, ...source }) => ({ system: 'thryve', item: { ...source, preset: 'thryve', baseUrl: thryve.origin } })),
    ].sort((a, b) => a.item.name.localeCompare(b.item.name, 'en'));
    const systems = new Map();
    for (const { system, item } of items) {
      if (systems.has(item.id)) throw new Error(`demo backend: the mixed catalog has "${item.id}" twice`);
      systems.set(item.id, system);
    }
    return { sources: items.map(({ item }) => item), systems };
  }

  /** The system behind `system` for this `source`: itself, or for the mixed list the source's own. */
  async function systemFor(system, source) {
    if (system !== MIXED) return storeOf(system);
    const own = typeof source === 'string' ? (await mixed()).systems.get(source) : undefined;
    if (!own) throw new RequestError(400, 'invalid_request', 'Unknown "source" for this system.');
    return storeOf(own);
  }

  /** The user's connections in the mixed list: each system's, for the sources the list has of it. */
  async function mixedConnections(user) {
    const { systems } = await mixed();
    const bySystem = await Promise.all(
      ['default', 'context-gateway', 'thryve'].map(async (system) =>
        (await connectionsOf(user, system)).filter((connection) => systems.get(connection.source) === system).map((connection) => ({ ...connection, system })),
      ),
    );
    return bySystem.flat();
  }

  /**
   * A new account of a source that may have several gets a name ("Account 2"), kept by the provider
   * as the connection's `name`: the list shows it as the account's label. A reconnect keeps its name.
   */
  async function namedAccount(body, user, system) {
    if (!SEVERAL_ACCOUNTS.has(body.source) || body.existingConnectionId || body.connectionName || !user) return body;
    // Lists them now, so the numbers of the current accounts are noted.
    await connectionsOf(user, system);
    return { ...body, connectionName: `Account ${(accountNumbers.get(accountKey(user, body.source)) ?? 0) + 1}` };
  }

  const sandboxMint = mintSandboxSession({ apiKey, baseUrl: provider });
  const presetMints = new Map(Object.entries(presets ?? {}).map(([name, preset]) => [name, presetMint(name, preset)]));
  /** The mixed list's session: minted by the source's own system, as that system's own route would. */
  const mixedSession = toNodeHandler(
    createSessionHandler({
      allowedOrigins: appOrigins,
      async mint(body, context) {
        const system = (await mixed()).systems.get(body.source);
        if (!system) throw new ConnectServerError('source_error');
        const named = await namedAccount(body, userInCookies(context.request.headers.get('cookie')), system);
        return system === 'default' ? sandboxMint(named, context) : presetMints.get(system)(named, context);
      },
      onError: logServerError,
    }),
  );

  /** Calls the provider with the secret key and relays its status and JSON answer. */
  async function forward(res, method, path, body) {
    const result = await callUpstream(res, `${provider}${path}`, { method, apiKey, body });
    if (result) sendJson(res, result.status, result.answer);
  }

  async function presetGet(res, url, apiKey) {
    const result = await callUpstream(res, url, { apiKey });
    if (result) sendJson(res, result.status, result.answer);
  }

  async function route(req, res, url, user) {
    const { pathname } = url;
    const method = req.method ?? 'GET';

    if (pathname === '/api/connect-session' || pathname === '/api/connect-result') {
      await defaultApp[pathname.slice('/api/'.length)](req, res);
      return true;
    }

    const sandboxApp = SANDBOX_APP_PATH.exec(pathname);
    if (sandboxApp) {
      const endpoints = variants.get(sandboxApp[1]);
      if (!endpoints) throw new RequestError(404, 'not_found', 'No such sandbox app.');
      await endpoints[sandboxApp[2]](req, res);
      return true;
    }

    const connection = CONNECTION_PATH.exec(pathname);
    if (connection && (method === 'GET' || method === 'DELETE')) {
      await forward(res, method, `/v1/connections/${connection[1]}`);
      return true;
    }

    if (pathname === '/api/disconnect' && method === 'POST') {
      const body = await readConnectionBody(req);
      const { connectionId } = body;
      if (body.system === undefined) {
        // As before: the default sandbox app's DELETE, relayed; and forgotten.
        rememberedIds(user, 'default').delete(connectionId);
        await forward(res, 'DELETE', `/v1/connections/${connectionId}`);
        return true;
      }
      const [system, store] = await systemFor(body.system, body.source);
      const owned = store.listing === 'provider'
        ? (await store.list(user)).some((connection) => connection.connectionId === connectionId)
        : rememberedIds(user, system).has(connectionId);
      // Only the user's own connections: another user's looks exactly like an unknown one.
      if (!owned) throw new RequestError(404, 'not_found', 'No such connection.');
      const revoked = store.revoke ? await store.revoke(user, connectionId) : false;
      rememberedIds(user, system).delete(connectionId);
      sendJson(res, 200, { connectionId, revoked, ...(revoked ? {} : { forgotten: true, note: store.note }) });
      return true;
    }

    if (pathname === '/api/connections' && method === 'GET' && url.searchParams.get('system') === MIXED) {
      const note = 'Context Gateway documents no way to revoke a connection: its Disconnect makes this app forget it.';
      sendJson(res, 200, { system: MIXED, listing: 'remembered', note, connections: await mixedConnections(user) });
      return true;
    }

    if (pathname === '/api/connections' && method === 'GET') {
      const [system, store] = storeOf(url.searchParams.get('system') ?? undefined);
      const connections = await connectionsOf(user, system);
      sendJson(res, 200, { system, listing: store.listing, ...(store.note ? { note: store.note } : {}), connections });
      return true;
    }

    if (pathname === '/api/connections/remember' && method === 'POST') {
      const body = await readConnectionBody(req);
      const [system, store] = await systemFor(body.system, body.source);
      if (store.listing === 'none') throw new RequestError(422, 'not_confirmable', store.note);
      const connection = store.listing === 'provider'
        ? (await store.list(user)).find((candidate) => candidate.connectionId === body.connectionId)
        : await store.confirm(user, body.connectionId);
      // Remembered only once the provider confirms it is this app's (and this user's, where it says).
      if (!connection) throw new RequestError(404, 'not_found', 'The provider does not know this connection.');
      if (store.listing === 'remembered') remember(user, system, body.connectionId);
      sendJson(res, 200, { system, connection });
      return true;
    }

    if (pathname === '/api/presets' && method === 'GET') {
      // What the demo page sets on its elements for each system: public origins only, never a key.
      const settings = { default: { sessionUrl: '/api/connect-session', resultUrl: '/api/connect-result', catalogUrl: '/api/sources' } };
      if (simulators) {
        const { opendatalabs, alter, thryve } = simulators;
        Object.assign(settings, {
          opendatalabs: { sessionUrl: '/api/presets/opendatalabs/connect-session', catalogUrl: '/api/presets/opendatalabs/sources', messageOrigin: opendatalabs.dashboardOrigin },
          'context-gateway': { sessionUrl: '/api/presets/context-gateway/connect-session', catalogUrl: '/api/sources' },
          alter: { sessionUrl: '/api/presets/alter/connect-session', catalogUrl: '/api/sources', baseUrl: alter.origin },
          thryve: { sessionUrl: '/api/presets/thryve/connect-session', catalogUrl: '/api/presets/thryve/sources', baseUrl: thryve.origin },
          // The list's own protocol is the sandbox's; its items of other systems name theirs.
          [MIXED]: { preset: 'default', sessionUrl: '/api/mixed/connect-session', catalogUrl: '/api/mixed/sources' },
        });
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(settings));
      return true;
    }
    if (pathname === '/api/sources' && method === 'GET') {
      await forward(res, 'GET', '/v1/sources');
      return true;
    }

    if (pathname === '/api/mixed/sources' && method === 'GET') {
      sendJson(res, 200, { sources: (await mixed()).sources });
      return true;
    }
    if (pathname === '/api/mixed/connect-session') {
      if (!simulators) throw new RequestError(404, 'not_found', 'The mixed list needs the simulators.');
      await mixedSession(req, res);
      return true;
    }

    const presetSessionMatch = PRESET_SESSION_PATH.exec(pathname);
    if (presetSessionMatch) {
      const session = presetSessions.get(presetSessionMatch[1]);
      if (!session) throw new RequestError(404, 'not_found', 'No such preset here.');
      await session(req, res);
      return true;
    }

    const presetSources = PRESET_SOURCES_PATH.exec(pathname);
    if (presets && presetSources && method === 'GET') {
      const { opendatalabs, thryve } = simulators;
      if (presetSources[1] === 'opendatalabs') await presetGet(res, `${opendatalabs.apiOrigin}/api/v1/sources`, opendatalabs.apiKey);
      else await presetGet(res, `${thryve.origin}/dataSources`, thryve.apiKey);
      return true;
    }

    const odlResult = ODL_RESULT_PATH.exec(pathname);
    if (presets && odlResult && method === 'GET') {
      const { opendatalabs } = simulators;
      await presetGet(res, `${opendatalabs.apiOrigin}/api/v1/connections/${odlResult[1]}/result`, opendatalabs.apiKey);
      return true;
    }

    if (pathname.startsWith('/api/')) throw new RequestError(404, 'not_found', 'No such route.');
    return false;
  }

  const formRoute = createFormRoutes();

  return async function appBackend(req, res) {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    // Every request, the page's own included, so the user is known before the page asks anything.
    const user = userOf(req, res);
    try {
      return (await formRoute(req, res, url, user)) || (await route(req, res, url, user));
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      // A body cut short at the size cap leaves bytes on the socket: do not reuse it.
      if (error.status === 413) res.setHeader('connection', 'close');
      sendJson(res, error.status, { error: error.code, error_description: error.message });
      return true;
    }
  };
}
