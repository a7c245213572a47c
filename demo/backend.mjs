/**
 * The demo app's backend: what an integrator writes on their server. It adds the
 * secret API key to calls to the Connect provider, so the key never reaches the
 * browser. Plain Node middleware over `req`/`res`, so Vite (connect) and Koa-based
 * runners can both mount it.
 *
 *   POST   /api/connect-session     forward to POST /v1/connect/sessions
 *   GET    /api/connections/:id     forward
 *   DELETE /api/connections/:id     forward
 *   POST   /api/disconnect          { source, connectionId } -> DELETE /v1/connections/:id
 *   GET    /api/sources             the provider's public catalog
 *
 * With `simulators` (sandbox/simulators: the seed systems' hosted flows), the
 * same job for each preset, in each vendor's own API shape:
 *
 *   POST   /api/presets/:preset/connect-session   the elements' session body -> the preset's session answer
 *          opendatalabs     -> { connectUrl, messageOrigin }   (POST /api/v1/connect/sessions)
 *          context-gateway  -> { connectUrl }                  (the client library's createConnectUrl)
 *          alter            -> { sessionToken, expiresAt, baseUrl } (POST /v1/connect/sessions)
 *          thryve           -> { connectUrl }                  (POST /widget/v6/connection: the widget URL with the token)
 *   GET    /api/presets                           each system's settings for the demo page (public origins only)
 *   GET    /api/presets/opendatalabs/sources      the live catalog (/api/v1/sources)
 *   GET    /api/presets/thryve/sources            Thryve's data source table (/dataSources)
 *   GET    /api/presets/opendatalabs/connections/:id/result   the connection result, fetched server side after `success`
 */

const MAX_BODY_BYTES = 64 * 1024;
/** Only these fields go to the provider, whatever else the browser sends. */
const SESSION_FIELDS = ['source', 'scopes', 'mode', 'origin', 'state', 'redirectUrl', 'existingConnectionId', 'connectionName'];
const CONNECTION_PATH = /^\/api\/connections\/([A-Za-z0-9_-]+)$/;
const PRESET_SESSION_PATH = /^\/api\/presets\/([a-z-]+)\/connect-session$/;
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

/** The custom header and the JSON type force a CORS preflight, so other sites cannot forge a session request. */
function requireElementsRequest(req) {
  if (req.headers['x-connect-elements'] !== '1' || !isJson(req)) {
    throw new RequestError(400, 'invalid_request', 'Send application/json with the x-connect-elements: 1 header.');
  }
}

/**
 * @param {{ sandboxOrigin: string, apiKey: string, simulators?: Awaited<ReturnType<typeof import('../sandbox/simulators/index.mjs').startSimulators>> }} options
 *   `simulators` adds the `/api/presets/...` routes.
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 *   Resolves `true` when it answered the request, `false` to let the next handler have it.
 */
export function createAppBackend({ sandboxOrigin, apiKey, simulators }) {
  const provider = new URL(sandboxOrigin).origin;
  const presets = simulators ? presetCalls(simulators) : undefined;

  /** Calls the provider with the secret key and relays its status and JSON answer. */
  async function forward(res, method, path, body) {
    const result = await callUpstream(res, `${provider}${path}`, { method, apiKey, body });
    if (result) sendJson(res, result.status, result.answer);
  }

  async function presetSession(req, res, name) {
    const preset = presets && Object.hasOwn(presets, name) ? presets[name] : undefined;
    if (!preset) throw new RequestError(404, 'not_found', `No "${name}" preset here.`);
    requireElementsRequest(req);
    const body = await readJson(req);
    const result = await callUpstream(res, preset.url, { method: 'POST', apiKey: preset.apiKey, body: preset.request(body) });
    if (!result) return;
    if (result.status !== 200) {
      // The vendor's error code (origin_not_allowed, redirect_uri_mismatch...) passes through.
      sendJson(res, result.status, result.answer);
      return;
    }
    const session = preset.answer(result.answer ?? {});
    if (!session) {
      sendJson(res, 502, { error: 'session_invalid_response', error_description: 'The Connect provider answered without a session.' });
      return;
    }
    sendJson(res, 200, session);
  }

  async function presetGet(res, url, apiKey) {
    const result = await callUpstream(res, url, { apiKey });
    if (result) sendJson(res, result.status, result.answer);
  }

  async function route(req, res, pathname) {
    const method = req.method ?? 'GET';

    if (pathname === '/api/connect-session' && method === 'POST') {
      requireElementsRequest(req);
      const body = await readJson(req);
      const session = Object.fromEntries(SESSION_FIELDS.filter((field) => field in body).map((field) => [field, body[field]]));
      await forward(res, 'POST', '/v1/connect/sessions', session);
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
      const settings = { default: { sessionUrl: '/api/connect-session', catalogUrl: '/api/sources' } };
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
    if (presetSessionMatch && method === 'POST') {
      await presetSession(req, res, presetSessionMatch[1]);
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
