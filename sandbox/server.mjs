/**
 * The sandbox "Connect" provider: a hosted account-connection service on its own
 * origin, for the demo, the end-to-end tests and anyone trying the elements
 * without a real vendor. Plain `node:http`; every route behaves like a real
 * provider would (bearer keys, registered origins, single-use session tokens).
 *
 *   POST   /v1/connect/sessions   (bearer) mint a 10-minute, single-use session
 *   GET    /connect               the hosted consent page (token in the URL fragment)
 *   GET    /connect/hosted.js     its script, bundled from sandbox/hosted/hosted.ts
 *   POST   /connect/claim         the page trades its token for the session record
 *   POST   /connect/complete      the page reports the user's decision
 *   GET    /v1/sources            the public catalog
 *   GET    /icons/:id.svg         generated source icons
 *   GET    /v1/connections/:id    (bearer) a connection of that app
 *   DELETE /v1/connections/:id    (bearer) revoke it
 *
 * Tokens, flow secrets, states and API keys are never logged, and the server only
 * keeps SHA-256 digests of tokens and flow secrets.
 */
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SOURCES, findSource } from './catalog.mjs';
import { HttpError, MAX_STRING_LENGTH, digestKey, flowExpired, randomToken, readJson, sendJson, sha256, startSweeper } from './http.mjs';

const SESSION_TTL_MS = 10 * 60 * 1000;
/** How long a claimed flow may wait for the user's decision. */
const FLOW_TTL_MS = 30 * 60 * 1000;
/** Expired and used session records are kept this long so the page can still report `invalid_token` to the right origin. */
const RECORD_RETENTION_MS = 60 * 60 * 1000;
/** 22 base64url characters carry 128 bits. */
const MIN_STATE_LENGTH = 22;
const MODES = new Set(['auto', 'popup', 'modal', 'redirect', 'tab']);

/** What the hosted page may ask for; `null` means a successful connection. */
const OUTCOMES = {
  success: null,
  slow: null,
  user_denied: 'The user denied access.',
  source_error: 'The source is temporarily unavailable. Try again later.',
  provisioning_failed: 'The connection could not be set up. Contact support if this keeps happening.',
  timeout: 'The source did not answer in time. Try again.',
  invalid_scope: 'The source refused one of the requested scopes.',
};

const hostedDir = fileURLToPath(new URL('./hosted/', import.meta.url));



/** Normalises an origin given by the operator; throws on anything but an http(s) origin. */
function registeredOrigin(/** @type {string} */ value) {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Not an http(s) origin: ${value}`);
  return url.origin;
}

/**
 * @param {{ host?: string, port?: number, apps?: Array<{ id: string, name?: string, apiKey?: string, allowedOrigins?: string[] }>, log?: boolean, slowMs?: number }} [options]
 *   `apiKey` is generated when missing; `slowMs` is how long the "slow answer" outcome takes.
 */
export async function startSandbox({
  host = '127.0.0.1',
  port = 0,
  apps = [{ id: 'demo', allowedOrigins: [] }],
  log = false,
  slowMs = 3000,
} = {}) {
  const registeredApps = apps.map((app) => {
    const apiKey = app.apiKey ?? `sk_sandbox_${randomBytes(24).toString('base64url')}`;
    return {
      id: app.id,
      name: app.name ?? 'Demo App',
      apiKey,
      keyDigest: sha256(apiKey),
      allowedOrigins: new Set((app.allowedOrigins ?? []).map(registeredOrigin)),
    };
  });

  const [html, bundle] = await Promise.all([
    readFile(`${hostedDir}connect.html`, 'utf8'),
    build({
      entryPoints: [`${hostedDir}hosted.ts`],
      bundle: true,
      format: 'esm',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0].text),
  ]);

  /** Session records by token digest. */
  const sessions = new Map();
  /** Claimed flows by flow-secret digest. */
  const flows = new Map();
  /** Connections by id. */
  const connections = new Map();

  // Forget expired flows and old session records; unref'd so it never keeps the process alive.
  const sweeper = startSweeper(Date.now, [
    [sessions, (record, time) => time - record.createdAt > RECORD_RETENTION_MS],
    [flows, flowExpired],
  ]);

  let origin = '';

  function appForKey(/** @type {string | undefined} */ apiKey) {
    if (!apiKey) return undefined;
    const digest = sha256(apiKey);
    return registeredApps.find((app) => timingSafeEqual(app.keyDigest, digest));
  }

  function authenticate(/** @type {http.IncomingMessage} */ req) {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const app = appForKey(match?.[1]);
    if (!app) throw new HttpError(401, 'invalid_api_key', 'The API key is missing or not valid.');
    return app;
  }

  /** The page is static before the claim, so it may be framed by any registered app. */
  function frameAncestors() {
    const origins = new Set(registeredApps.flatMap((app) => [...app.allowedOrigins]));
    return origins.size ? [...origins].join(' ') : "'none'";
  }

  function publicConnection(connection) {
    const { id, source, scopes, name, createdAt, updatedAt, status } = connection;
    return { id, source, scopes, ...(name ? { name } : {}), createdAt, updatedAt, status };
  }

  function ownedConnection(app, id) {
    const connection = connections.get(id);
    if (!connection || connection.appId !== app.id) throw new HttpError(404, 'not_found', 'No such connection.');
    return connection;
  }

  // --- routes ---------------------------------------------------------------------

  async function createSession(req, res) {
    const app = authenticate(req);
    const body = await readJson(req);
    const optionalString = (name) => {
      const value = body[name];
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value !== 'string' || value.length > MAX_STRING_LENGTH) {
        throw new HttpError(400, 'invalid_request', `"${name}" must be a string.`);
      }
      return value;
    };

    if (typeof body.origin !== 'string' || !app.allowedOrigins.has(body.origin)) {
      throw new HttpError(403, 'origin_not_allowed', 'This origin is not registered for the app.');
    }
    const source = typeof body.source === 'string' ? findSource(body.source) : undefined;
    if (!source) throw new HttpError(400, 'source_error', 'Unknown source.');
    if (source.status === 'coming_soon') throw new HttpError(400, 'source_error', `${source.name} is not available yet.`);

    const scopes = body.scopes ?? [];
    if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string')) {
      throw new HttpError(400, 'invalid_request', '"scopes" must be an array of strings.');
    }
    if (scopes.some((scope) => !source.scopes.includes(scope))) {
      throw new HttpError(400, 'invalid_scope', `${source.name} does not offer one of the requested scopes.`);
    }
    if (typeof body.state !== 'string' || body.state.length < MIN_STATE_LENGTH || body.state.length > MAX_STRING_LENGTH) {
      throw new HttpError(400, 'invalid_request', `"state" must be a random string of at least ${MIN_STATE_LENGTH} characters.`);
    }
    const mode = optionalString('mode') ?? 'popup';
    if (!MODES.has(mode)) throw new HttpError(400, 'invalid_request', 'Unknown "mode".');

    const redirectUrl = optionalString('redirectUrl');
    if (redirectUrl !== undefined) {
      let target;
      try {
        target = new URL(redirectUrl);
      } catch {
        throw new HttpError(400, 'redirect_uri_mismatch', '"redirectUrl" is not a URL.');
      }
      if (!app.allowedOrigins.has(target.origin)) {
        throw new HttpError(400, 'redirect_uri_mismatch', '"redirectUrl" is not on a registered origin.');
      }
    } else if (mode === 'redirect') {
      throw new HttpError(400, 'invalid_request', 'A redirect flow needs "redirectUrl".');
    }

    const existingConnectionId = optionalString('existingConnectionId');
    if (existingConnectionId !== undefined) {
      const existing = connections.get(existingConnectionId);
      if (!existing || existing.appId !== app.id || existing.source !== source.id) {
        throw new HttpError(400, 'invalid_request', 'Unknown "existingConnectionId" for this source.');
      }
    }

    const token = randomToken();
    const createdAt = Date.now();
    const expiresAt = createdAt + SESSION_TTL_MS;
    sessions.set(digestKey(token), {
      appId: app.id,
      origin: body.origin,
      source: source.id,
      scopes: [...new Set(scopes)],
      state: body.state,
      mode,
      redirectUrl,
      existingConnectionId,
      connectionName: optionalString('connectionName'),
      createdAt,
      expiresAt,
      used: false,
    });
    sendJson(res, 200, {
      connectUrl: `${origin}/connect#session=${token}`,
      sessionToken: token,
      expiresAt: new Date(expiresAt).toISOString(),
    });
  }

  async function claimSession(req, res) {
    const { token } = await readJson(req);
    const record = typeof token === 'string' ? sessions.get(digestKey(token)) : undefined;
    if (!record) throw new HttpError(404, 'invalid_token', 'This session does not exist.');
    if (record.used || Date.now() > record.expiresAt) {
      // The record still names the origin and state, so the page can tell the app.
      sendJson(res, 410, {
        error: 'invalid_token',
        error_description: record.used ? 'This session was already used.' : 'This session has expired.',
        origin: record.origin,
        state: record.state,
        mode: record.mode,
        ...(record.redirectUrl ? { redirectUrl: record.redirectUrl } : {}),
      });
      return;
    }
    record.used = true;

    const flowId = randomToken();
    flows.set(digestKey(flowId), { session: record, expiresAt: Date.now() + FLOW_TTL_MS, done: false });
    const app = registeredApps.find((candidate) => candidate.id === record.appId);
    const source = findSource(record.source);
    sendJson(res, 200, {
      flowId,
      origin: record.origin,
      state: record.state,
      mode: record.mode,
      operation: record.existingConnectionId ? 'reauth' : 'create',
      app: { name: app.name },
      source: { id: source.id, name: source.name, icon: `${origin}/icons/${source.id}.svg` },
      scopes: record.scopes,
      ...(record.redirectUrl ? { redirectUrl: record.redirectUrl } : {}),
      ...(record.connectionName ? { connectionName: record.connectionName } : {}),
    });
  }

  async function completeFlow(req, res) {
    const { flowId, outcome } = await readJson(req);
    const flow = typeof flowId === 'string' ? flows.get(digestKey(flowId)) : undefined;
    if (!flow || flow.done || Date.now() > flow.expiresAt) {
      throw new HttpError(410, 'invalid_token', 'This flow has already ended.');
    }
    if (typeof outcome !== 'string' || !Object.hasOwn(OUTCOMES, outcome)) {
      throw new HttpError(400, 'invalid_request', 'Unknown outcome.');
    }
    flow.done = true;

    if (OUTCOMES[outcome] !== null) {
      sendJson(res, 200, { error: outcome, error_description: OUTCOMES[outcome] });
      return;
    }
    if (outcome === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));

    const { session } = flow;
    const now = new Date().toISOString();
    const existing = session.existingConnectionId && connections.get(session.existingConnectionId);
    if (existing) {
      // A reauth keeps the id and may add scopes.
      existing.scopes = [...new Set([...existing.scopes, ...session.scopes])];
      if (session.connectionName) existing.name = session.connectionName;
      existing.updatedAt = now;
      existing.status = 'active';
      sendJson(res, 200, { connectionId: existing.id, operation: 'reauth' });
      return;
    }
    const id = `conn_${randomBytes(12).toString('base64url')}`;
    connections.set(id, {
      id,
      appId: session.appId,
      source: session.source,
      scopes: session.scopes,
      name: session.connectionName,
      createdAt: now,
      updatedAt: now,
      status: 'active',
    });
    sendJson(res, 200, { connectionId: id, operation: 'create' });
  }

  function listSources(res) {
    sendJson(
      res,
      200,
      { sources: SOURCES.map((source) => ({ ...source, icon: `${origin}/icons/${source.id}.svg` })) },
      { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' },
    );
  }

  function sendIcon(res, id) {
    const source = findSource(id);
    if (!source) throw new HttpError(404, 'not_found', 'No such icon.');
    res.writeHead(200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    });
    res.end(iconSvg(source));
  }

  function sendConnectPage(res) {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': [
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${frameAncestors()}`,
      ].join('; '),
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(html);
  }

  function sendScript(res) {
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(bundle);
  }

  /** @type {Array<[RegExp, Record<string, (req: http.IncomingMessage, res: http.ServerResponse, param: string) => unknown>]>} */
  const routes = [
    [/^\/v1\/connect\/sessions$/, { POST: createSession }],
    [/^\/connect$/, { GET: (_req, res) => sendConnectPage(res) }],
    [/^\/connect\/hosted\.js$/, { GET: (_req, res) => sendScript(res) }],
    [/^\/connect\/claim$/, { POST: claimSession }],
    [/^\/connect\/complete$/, { POST: completeFlow }],
    [
      /^\/v1\/sources$/,
      {
        GET: (_req, res) => listSources(res),
        OPTIONS: (_req, res) => {
          res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET' });
          res.end();
        },
      },
    ],
    [/^\/icons\/([a-z0-9-]+)\.svg$/, { GET: (_req, res, id) => sendIcon(res, id) }],
    [
      /^\/v1\/connections\/([A-Za-z0-9_-]+)$/,
      {
        GET: (req, res, id) => sendJson(res, 200, publicConnection(ownedConnection(authenticate(req), id))),
        DELETE: (req, res, id) => {
          ownedConnection(authenticate(req), id);
          connections.delete(id);
          sendJson(res, 200, { id, deleted: true });
        },
      },
    ],
  ];

  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://sandbox.invalid');
    for (const [pattern, methods] of routes) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      const handler = methods[req.method ?? 'GET'];
      if (!handler) {
        res.setHeader('allow', Object.keys(methods).join(', '));
        throw new HttpError(405, 'method_not_allowed', 'Method not allowed.');
      }
      await handler(req, res, match[1]);
      return;
    }
    throw new HttpError(404, 'not_found', 'No such route.');
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    handle(req, res)
      .catch((error) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) {
          // A body cut short at the size cap leaves bytes on the socket: do not reuse it.
          if (error.status === 413) res.setHeader('connection', 'close');
          sendJson(res, error.status, error.description ? { error: error.code, error_description: error.description } : { error: error.code });
        } else {
          console.error('sandbox: unexpected error', error);
          sendJson(res, 500, { error: 'server_error' });
        }
      })
      .finally(() => {
        // Only the method, the path (tokens live in the fragment, which never reaches us) and the status.
        if (log) {
          const { pathname } = new URL(req.url ?? '/', 'http://sandbox.invalid');
          console.log(`sandbox: ${req.method} ${pathname} ${res.statusCode} ${Date.now() - started}ms`);
        }
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
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    origin,
    /** The generated (or given) key of each app, by app id: for the operator, never for a browser. */
    apiKeys: Object.fromEntries(registeredApps.map((app) => [app.id, app.apiKey])),
    /** Registers `appOrigin` for the app that owns `apiKey`. */
    allowOrigin(apiKey, appOrigin) {
      const app = appForKey(apiKey);
      if (!app) throw new Error('sandbox: unknown API key');
      app.allowedOrigins.add(registeredOrigin(appOrigin));
    },
    close() {
      clearInterval(sweeper);
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve(undefined)));
        server.closeAllConnections();
      });
    },
  };
}

// --- helpers ------------------------------------------------------------------------

const escapeXml = (/** @type {string} */ text) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A rounded square in a colour derived from the id, with the source's initial. */
function iconSvg(source) {
  const hue = sha256(source.id).readUInt16BE(0) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(source.name)}">
<rect width="64" height="64" rx="14" fill="hsl(${hue} 58% 40%)"/>
<text x="32" y="42" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="30" font-weight="600" fill="#fff">${escapeXml(source.name[0].toUpperCase())}</text>
</svg>`;
}

// `node sandbox/server.mjs`: a demo app allowed from the Vite dev server's origin.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const apiKey = process.env.CONNECT_SANDBOX_API_KEY || undefined;
  const sandbox = await startSandbox({
    port: Number(process.env.PORT) || 0,
    apps: [{ id: 'demo', apiKey, allowedOrigins: ['http://localhost:5173'] }],
    log: true,
  });
  console.log(`Connect sandbox: ${sandbox.origin}`);
  console.log(`Demo app API key: ${sandbox.apiKeys.demo.slice(0, 4)}… (set CONNECT_SANDBOX_API_KEY to choose it)`);
  const stop = () => sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
