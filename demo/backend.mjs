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
 *   POST   /api/disconnect          { source, connectionId } -> DELETE /v1/connections/:id
 *   GET    /api/sources             the provider's public catalog
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
 */

import { loadServerModule } from '../scripts/load-server.mjs';

const { ConnectServerError, createResultHandler, createSessionHandler, mintSandboxSession, readSandboxResult, toNodeHandler } = await loadServerModule();

const MAX_BODY_BYTES = 64 * 1024;
const CONNECTION_PATH = /^\/api\/connections\/([A-Za-z0-9_-]+)$/;
const PRESET_SESSION_PATH = /^\/api\/presets\/([a-z-]+)\/connect-session$/;
const SANDBOX_APP_PATH = /^\/api\/sandbox\/([a-z0-9-]+)\/(connect-session|connect-result)$/;
const PRESET_SOURCES_PATH = /^\/api\/presets\/(opendatalabs|thryve)\/sources$/;
const ODL_RESULT_PATH = /^\/api\/presets\/opendatalabs\/connections\/([A-Za-z0-9_-]+)\/result$/;
/** The demo has one signed-in user; a real backend takes it from its own session. */
const DEMO_USER = 'demo-user';

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
      request: (body) => ({
        userId: DEMO_USER,
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
      request: () => ({ endUserId: DEMO_USER }),
      answer: (answer) => typeof answer.data?.url === 'string' && { connectUrl: answer.data.url },
    },
  };
}

/**
 * Calls a vendor with its secret key. Resolves `{ status, answer }`, or sends 502 and resolves `null`
 * when the vendor cannot be reached.
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
    sendJson(res, 502, { error: 'network_error', error_description: 'The Connect provider could not be reached.' });
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
        body: JSON.stringify(preset.request(body)),
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

  /** The session and result endpoints of one sandbox app. */
  const sandboxEndpoints = (key) => ({
    'connect-session': toNodeHandler(
      createSessionHandler({ allowedOrigins: appOrigins, mint: mintSandboxSession({ apiKey: key, baseUrl: provider }), onError: logServerError }),
    ),
    'connect-result': toNodeHandler(
      createResultHandler({ allowedOrigins: appOrigins, read: readSandboxResult({ apiKey: key, baseUrl: provider }), onError: logServerError }),
    ),
  });
  const defaultApp = sandboxEndpoints(apiKey);
  const variants = new Map(
    Object.entries(sandboxApps).map(([variant, key]) => {
      if (!/^[a-z0-9-]+$/.test(variant)) throw new TypeError(`sandboxApps: "${variant}" is not a lowercase route name.`);
      return [variant, sandboxEndpoints(key)];
    }),
  );
  const presetSessions = new Map(
    Object.entries(presets ?? {}).map(([name, preset]) => [
      name,
      toNodeHandler(createSessionHandler({ allowedOrigins: appOrigins, mint: presetMint(name, preset), onError: logServerError })),
    ]),
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

  async function route(req, res, pathname) {
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
      if (!isJson(req)) throw new RequestError(415, 'invalid_request', 'Send application/json.');
      const { connectionId } = await readJson(req);
      if (typeof connectionId !== 'string' || !/^[A-Za-z0-9_-]+$/.test(connectionId)) {
        throw new RequestError(400, 'invalid_request', '"connectionId" is required.');
      }
      await forward(res, 'DELETE', `/v1/connections/${connectionId}`);
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
        });
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(settings));
      return true;
    }
    if (pathname === '/api/sources' && method === 'GET') {
      await forward(res, 'GET', '/v1/sources');
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

  return async function appBackend(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://app.invalid');
    try {
      return await route(req, res, pathname);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      // A body cut short at the size cap leaves bytes on the socket: do not reuse it.
      if (error.status === 413) res.setHeader('connection', 'close');
      sendJson(res, error.status, { error: error.code, error_description: error.message });
      return true;
    }
  };
}
