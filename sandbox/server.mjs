/**
 * The sandbox "Connect" provider: a hosted account-connection service on its own
 * origin, for the demo, the end-to-end tests and anyone trying the elements
 * without a real vendor. Built on the same toolkit as the simulators
 * (`./http.mjs`); every route behaves like a real provider would (bearer keys,
 * registered origins, single-use session tokens).
 *
 *   POST   /v1/connect/sessions        (bearer) mint a 10-minute, single-use session
 *   POST   /v1/connect/session-result  (bearer) { state } -> the outcome of that app's session
 *   GET    /connect                    the hosted consent page (token in the URL fragment)
 *   GET    /connect/coop               the same page sent with `Cross-Origin-Opener-Policy: same-origin`
 *                                      (the connectUrl of apps with `openerPolicy: 'same-origin'`)
 *   GET    /connect/hosted.js          its script, bundled from sandbox/hosted/hosted.ts
 *   POST   /connect/claim              the page trades its token for the session record
 *   POST   /connect/complete           the page reports the user's decision
 *   GET    /v1/sources                 the public catalog
 *   GET    /icons/:id.svg              generated source icons
 *   GET    /v1/connections/:id         (bearer) a connection of that app
 *   DELETE /v1/connections/:id         (bearer) revoke it
 *
 * Tokens, flow secrets, states and API keys are never logged (the log line names
 * the route, never the path), and the server only keeps SHA-256 digests of
 * tokens and flow secrets.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SOURCES, findSource } from './catalog.mjs';
import { CLOSE_OUTCOME, codeOutcomes, outcomeOptions, sandboxPanel } from './simulators/pages.mjs';
import {
  HttpError,
  MAX_STRING_LENGTH,
  OPENER_POLICIES,
  PUBLIC_CORS,
  bearerApp,
  createFlows,
  delay,
  digestKey,
  fields,
  iconRoute,
  randomToken,
  readJson,
  recordOf,
  sendHtml,
  sendJson,
  sendScript,
  serve,
  startSweeper,
} from './http.mjs';

const SESSION_TTL_MS = 10 * 60 * 1000;
/** Expired and used session records are kept this long so the page can still report `invalid_token` to the right origin. */
const RECORD_RETENTION_MS = 60 * 60 * 1000;
/** 22 base64url characters carry 128 bits. */
const MIN_STATE_LENGTH = 22;
const MODES = new Set(['auto', 'popup', 'modal', 'redirect', 'tab']);
const RETURN_BY = new Set(['redirect']);

/** The error outcomes the hosted page may ask for, with the description the app hears. */
const ERRORS = {
  user_denied: 'The user denied access.',
  source_error: 'The source is temporarily unavailable. Try again later.',
  provisioning_failed: 'The connection could not be set up. Contact support if this keeps happening.',
  timeout: 'The source did not answer in time. Try again.',
  invalid_scope: 'The source refused one of the requested scopes.',
};
/** Every outcome `/connect/complete` takes: `exit` is Cancel, `slow` a success after `slowMs`. */
const OUTCOMES = ['success', 'slow', 'exit', ...Object.keys(ERRORS)];

const hostedDir = fileURLToPath(new URL('./hosted/', import.meta.url));

/** Normalises an origin given by the operator; throws on anything but an http(s) origin. */
function registeredOrigin(/** @type {string} */ value) {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Not an http(s) origin: ${value}`);
  return url.origin;
}

/**
 * @typedef {{
 *   id: string, name?: string, apiKey?: string, allowedOrigins?: string[],
 *   openerPolicy?: 'same-origin', returnBy?: 'redirect',
 * }} SandboxApp
 *   `openerPolicy`: the hosted page of this app's sessions is sent with that
 *   `Cross-Origin-Opener-Policy`, which severs a popup from its opener (the page
 *   then returns to `redirectUrl`). `returnBy: 'redirect'`: the page posts no
 *   result; in every mode it returns to `redirectUrl` with the redirect-return
 *   parameters (so every session of the app needs `redirectUrl`). Framed in the
 *   app's dialog (a modal session), it says `ready` to it and forwards Esc, and
 *   posts nothing else; anywhere else it posts nothing at all.
 * @param {{ host?: string, port?: number, apps?: SandboxApp[], log?: boolean, slowMs?: number }} [options]
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
    if (app.openerPolicy !== undefined && !OPENER_POLICIES.has(app.openerPolicy)) throw new TypeError(`sandbox: unknown openerPolicy "${app.openerPolicy}"`);
    if (app.returnBy !== undefined && !RETURN_BY.has(app.returnBy)) throw new TypeError(`sandbox: unknown returnBy "${app.returnBy}"`);
    return {
      id: app.id,
      name: app.name ?? 'Demo App',
      apiKey: app.apiKey ?? `sk_sandbox_${randomBytes(24).toString('base64url')}`,
      allowedOrigins: new Set((app.allowedOrigins ?? []).map(registeredOrigin)),
      openerPolicy: app.openerPolicy,
      returnBy: app.returnBy,
    };
  });

  const [html, bundle] = await Promise.all([
    readFile(`${hostedDir}connect.html`, 'utf8').then((page) =>
      page.replace(/<!-- sandbox-panel:[^>]*-->/, () => sandboxPanel(outcomeOptions('Success', { ...codeOutcomes(ERRORS), ...CLOSE_OUTCOME }))),
    ),
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
  /** The same records by app and state digest: what `session-result` reads (the latest session of a state wins). */
  const byState = new Map();
  const stateKey = (app, state) => `${app.id}\n${digestKey(state)}`;
  const flows = createFlows(Date.now);
  /** Connections by id. */
  const connections = new Map();

  // Forget expired flows and old session records; unref'd so it never keeps the process alive.
  const staleRecord = (record, time) => time - record.createdAt > RECORD_RETENTION_MS;
  const sweeper = startSweeper(Date.now, [[sessions, staleRecord], [byState, staleRecord], flows.sweep]);

  let origin = '';
  const authenticate = (req) => bearerApp(req, registeredApps);

  /** The page is static before the claim, so it may be framed by any registered app. */
  const frameAncestors = () => [...new Set(registeredApps.flatMap((app) => [...app.allowedOrigins]))];

  function publicConnection(connection) {
    const { id, source, scopes, name, createdAt, updatedAt, status } = connection;
    return { id, source, scopes, ...(name ? { name } : {}), createdAt, updatedAt, status };
  }

  function ownedConnection(app, id) {
    const connection = connections.get(id);
    if (!connection || connection.appId !== app.id) throw new HttpError(404, 'not_found', 'No such connection.');
    return connection;
  }

  /** What the app backend reads: the decision, or `pending`; an undecided flow past its lifetime has failed. */
  function outcomeOf(record) {
    if (record.outcome.status !== 'pending') return record.outcome;
    if (record.flow && Date.now() > record.flow.expiresAt) return { status: 'error', code: 'timeout', error_description: 'The user did not decide in time.' };
    if (!record.flow && Date.now() > record.expiresAt) return { status: 'error', code: 'invalid_token', error_description: 'The session expired before it was used.' };
    return record.outcome;
  }

  // --- routes ---------------------------------------------------------------------

  async function createSession(req, res) {
    const app = authenticate(req);
    const body = await readJson(req);
    const read = fields(body);

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
    const mode = read.string('mode') ?? 'popup';
    if (!MODES.has(mode)) throw new HttpError(400, 'invalid_request', 'Unknown "mode".');

    // Taken in every mode: a popup returns there when it cannot reach its opener.
    const redirectUrl = read.string('redirectUrl');
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
    } else if (app.returnBy === 'redirect') {
      throw new HttpError(400, 'invalid_request', 'This app returns only by redirect: every session needs "redirectUrl".');
    }

    const existingConnectionId = read.string('existingConnectionId');
    if (existingConnectionId !== undefined) {
      const existing = connections.get(existingConnectionId);
      if (!existing || existing.appId !== app.id || existing.source !== source.id) {
        throw new HttpError(400, 'invalid_request', 'Unknown "existingConnectionId" for this source.');
      }
    }

    const token = randomToken();
    const createdAt = Date.now();
    const expiresAt = createdAt + SESSION_TTL_MS;
    const record = {
      appId: app.id,
      origin: body.origin,
      source: source.id,
      scopes: [...new Set(scopes)],
      state: body.state,
      mode,
      redirectUrl,
      existingConnectionId,
      connectionName: read.string('connectionName'),
      createdAt,
      expiresAt,
      used: false,
      outcome: { status: 'pending' },
    };
    sessions.set(digestKey(token), record);
    byState.set(stateKey(app, body.state), record);
    sendJson(res, 200, {
      connectUrl: `${origin}${app.openerPolicy ? '/connect/coop' : '/connect'}#session=${token}`,
      sessionToken: token,
      expiresAt: new Date(expiresAt).toISOString(),
    });
  }

  async function sessionResult(req, res) {
    const app = authenticate(req);
    const state = fields(await readJson(req)).string('state', { required: true });
    // Another app's state looks exactly like an unknown one.
    const record = byState.get(stateKey(app, state));
    if (!record) throw new HttpError(404, 'not_found');
    sendJson(res, 200, outcomeOf(record));
  }

  /** How the page must report: only by redirect for apps that say so. */
  const delivery = (record) => {
    const app = registeredApps.find((candidate) => candidate.id === record.appId);
    return {
      origin: record.origin,
      state: record.state,
      mode: record.mode,
      ...(record.redirectUrl ? { redirectUrl: record.redirectUrl } : {}),
      ...(app.returnBy ? { returnBy: app.returnBy } : {}),
    };
  };

  async function claimSession(req, res) {
    const { token } = await readJson(req);
    const record = recordOf(sessions, token);
    if (!record) throw new HttpError(404, 'invalid_token', 'This session does not exist.');
    if (record.used || Date.now() > record.expiresAt) {
      // The record still names the origin and state, so the page can tell the app.
      sendJson(res, 410, {
        error: 'invalid_token',
        error_description: record.used ? 'This session was already used.' : 'This session has expired.',
        ...delivery(record),
      });
      return;
    }
    record.used = true;
    record.flow = { session: record };
    const flowId = flows.open(record.flow);
    const app = registeredApps.find((candidate) => candidate.id === record.appId);
    const source = findSource(record.source);
    sendJson(res, 200, {
      flowId,
      ...delivery(record),
      operation: record.existingConnectionId ? 'reauth' : 'create',
      app: { name: app.name },
      source: { id: source.id, name: source.name, icon: `${origin}/icons/${source.id}.svg` },
      scopes: record.scopes,
      ...(record.connectionName ? { connectionName: record.connectionName } : {}),
    });
  }

  async function completeFlow(req, res) {
    const { flow, outcome } = await flows.end(req, { outcomes: OUTCOMES });
    const { session } = flow;
    if (outcome === 'exit') {
      session.outcome = { status: 'exit' };
      sendJson(res, 200, {});
      return;
    }
    if (Object.hasOwn(ERRORS, outcome)) {
      session.outcome = { status: 'error', code: outcome, error_description: ERRORS[outcome] };
      sendJson(res, 200, { error: outcome, error_description: ERRORS[outcome] });
      return;
    }
    if (outcome === 'slow') await delay(slowMs);

    const now = new Date().toISOString();
    const existing = session.existingConnectionId && connections.get(session.existingConnectionId);
    let connectionId = existing?.id;
    if (existing) {
      // A reauth keeps the id and may add scopes.
      existing.scopes = [...new Set([...existing.scopes, ...session.scopes])];
      if (session.connectionName) existing.name = session.connectionName;
      existing.updatedAt = now;
      existing.status = 'active';
    } else {
      connectionId = `conn_${randomBytes(12).toString('base64url')}`;
      connections.set(connectionId, {
        id: connectionId,
        appId: session.appId,
        source: session.source,
        scopes: session.scopes,
        name: session.connectionName,
        createdAt: now,
        updatedAt: now,
        status: 'active',
      });
    }
    const result = { connectionId, operation: existing ? 'reauth' : 'create' };
    session.outcome = { status: 'success', ...result };
    sendJson(res, 200, result);
  }

  const connectPage = (openerPolicy) => ({
    GET: (_req, res) => sendHtml(res, 200, html, { frameAncestors: frameAncestors(), openerPolicy }),
  });

  const server = await serve({
    host,
    port,
    name: 'sandbox',
    log,
    routes: [
      [/^\/v1\/connect\/sessions$/, 'create session', { POST: createSession }],
      [/^\/v1\/connect\/session-result$/, 'session result', { POST: sessionResult }],
      [/^\/connect$/, 'connect page', connectPage()],
      [/^\/connect\/coop$/, 'connect page (coop)', connectPage('same-origin')],
      [/^\/connect\/hosted\.js$/, 'script', { GET: (_req, res) => sendScript(res, bundle) }],
      [/^\/connect\/claim$/, 'claim', { POST: claimSession }],
      [/^\/connect\/complete$/, 'complete', { POST: completeFlow }],
      [
        /^\/v1\/sources$/,
        'sources',
        {
          GET: (_req, res) => sendJson(res, 200, { sources: SOURCES.map((source) => ({ ...source, icon: `${origin}/icons/${source.id}.svg` })) }, PUBLIC_CORS),
          OPTIONS: (_req, res) => {
            res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET' });
            res.end();
          },
        },
      ],
      iconRoute,
      [
        /^\/v1\/connections\/([A-Za-z0-9_-]+)$/,
        'connection',
        {
          GET: (req, res, [, id]) => sendJson(res, 200, publicConnection(ownedConnection(authenticate(req), id))),
          DELETE: (req, res, [, id]) => {
            ownedConnection(authenticate(req), id);
            connections.delete(id);
            sendJson(res, 200, { id, deleted: true });
          },
        },
      ],
    ],
  });
  origin = server.origin;

  return {
    origin,
    /** The generated (or given) key of each app, by app id: for the operator, never for a browser. */
    apiKeys: Object.fromEntries(registeredApps.map((app) => [app.id, app.apiKey])),
    /** Registers `appOrigin` for the app that owns `apiKey`. */
    allowOrigin(apiKey, appOrigin) {
      const app = registeredApps.find((candidate) => candidate.apiKey === apiKey);
      if (!app) throw new Error('sandbox: unknown API key');
      app.allowedOrigins.add(registeredOrigin(appOrigin));
    },
    async close() {
      clearInterval(sweeper);
      await server.close();
    },
  };
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
