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
 */

const MAX_BODY_BYTES = 64 * 1024;
/** Only these fields go to the provider, whatever else the browser sends. */
const SESSION_FIELDS = ['source', 'scopes', 'mode', 'origin', 'state', 'redirectUrl', 'existingConnectionId', 'connectionName'];
const CONNECTION_PATH = /^\/api\/connections\/([A-Za-z0-9_-]+)$/;

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

/**
 * @param {{ sandboxOrigin: string, apiKey: string }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 *   Resolves `true` when it answered the request, `false` to let the next handler have it.
 */
export function createAppBackend({ sandboxOrigin, apiKey }) {
  const provider = new URL(sandboxOrigin).origin;

  /** Calls the provider with the secret key and relays its status and JSON answer. */
  async function forward(res, method, path, body) {
    let upstream;
    try {
      upstream = await fetch(`${provider}${path}`, {
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
      return;
    }
    const answer = await upstream.json().catch(() => ({ error: 'unknown', error_description: 'The Connect provider sent no JSON.' }));
    sendJson(res, upstream.status, answer);
  }

  async function route(req, res, pathname) {
    const method = req.method ?? 'GET';

    if (pathname === '/api/connect-session' && method === 'POST') {
      // The custom header and the JSON type force a CORS preflight, so other sites cannot forge this request.
      if (req.headers['x-connect-elements'] !== '1' || !isJson(req)) {
        throw new RequestError(400, 'invalid_request', 'Send application/json with the x-connect-elements: 1 header.');
      }
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

    if (pathname === '/api/sources' && method === 'GET') {
      await forward(res, 'GET', '/v1/sources');
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
