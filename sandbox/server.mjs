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
 *   GET    /connect/hosted.js          its script, bundled from sandbox/hosted/hosted.ts (in the repository)
 *                                      or read from dist/sandbox/hosted.js (in the package, where the build put it)
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
 *
 * A session may ask to finish by itself (`outcome`, `after`): only the app's
 * backend can ask, with its key, when it mints the session; the hosted page reads
 * it from the session record it claims, never from its own URL.
 *
 * This file ships in the package (`npx connect-elements sandbox`, bin/): it needs
 * Node's built-ins only; esbuild is loaded only in the repository, to build the
 * hosted page's script from source.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
/** The contract's error codes (API.md; test/node/sandbox-finish.test.mjs checks them against connect-elements/server's `ERROR_CODES`). */
export const CONTRACT_ERROR_CODES = Object.freeze([
  'popup_blocked', 'network_error', 'session_failed', 'session_timeout', 'session_invalid_response', 'origin_not_allowed',
  'invalid_token', 'user_denied', 'source_error', 'provisioning_failed', 'timeout', 'invalid_scope', 'redirect_uri_mismatch',
  'state_mismatch', 'iframe_load_failed', 'unknown',
]);
/** Every outcome `/connect/complete` takes: `exit` is Cancel, `slow` a success after `slowMs`; an error code outside `ERRORS` only when the session asked for it. */
const OUTCOMES = ['success', 'slow', 'exit', ...new Set([...Object.keys(ERRORS), ...CONTRACT_ERROR_CODES])];
/** What a session may ask to end with by itself: `closed` is the popup closing with no result. */
export const FINISH_OUTCOMES = Object.freeze(['success', 'exit', 'closed', ...CONTRACT_ERROR_CODES]);
/** The longest `after` a session may ask for: its own lifetime. */
export const MAX_FINISH_AFTER_MS = 10 * 60 * 1000;

const hostedDir = fileURLToPath(new URL('./hosted/', import.meta.url));
/** Where `npm run build` puts the hosted page's script for the package (sandbox/hosted/build.mjs). */
const prebuiltHosted = fileURLToPath(new URL('../dist/sandbox/hosted.js', import.meta.url));

/**
 * The hosted page's script: in the repository (hosted.ts is there), built from the
 * source at start, so the sandbox always runs the current connect-elements/host; in the
 * package, the file the build wrote into dist/.
 */
async function hostedScript() {
  if (existsSync(`${hostedDir}hosted.ts`)) {
    const { buildHostedScript } = await import('./hosted/build.mjs');
    return buildHostedScript();
  }
  try {
    return await readFile(prebuiltHosted, 'utf8');
  } catch {
    throw new Error(`sandbox: the hosted page's script is missing (${prebuiltHosted}): run npm run build`);
  }
}

/** A session's `outcome` and `after`, checked: `undefined` when it asks for none. */
function finishOf(/** @type {Record<string, unknown>} */ body) {
  if (body.outcome === undefined) {
    if (body.after !== undefined) throw new HttpError(400, 'invalid_request', '"after" needs an "outcome".');
    return undefined;
  }
  if (typeof body.outcome !== 'string' || !FINISH_OUTCOMES.includes(body.outcome)) {
    throw new HttpError(400, 'invalid_request', '"outcome" must be success, exit, closed or an error code.');
  }
  const after = body.after ?? 0;
  if (!Number.isInteger(after) || after < 0 || after > MAX_FINISH_AFTER_MS) {
    throw new HttpError(400, 'invalid_request', `"after" must be a whole number of milliseconds from 0 to ${MAX_FINISH_AFTER_MS}.`);
  }
  return { outcome: body.outcome, after };
}

/** What the app hears for an error outcome the sandbox has no wording of its own for. */
const errorDescription = (/** @type {string} */ code) => ERRORS[code] ?? `The sandbox ended this flow with ${code}, as the app's backend asked.`;

/**
 * Connections kept in `dataDir` across restarts (`connections.json`), or in memory only.
 * Writes are queued and atomic (a temporary file, then a rename).
 */
async function connectionStore(/** @type {string | undefined} */ dataDir) {
  /** @type {Map<string, any>} */
  const connections = new Map();
  if (!dataDir) return { connections, save: () => Promise.resolve() };
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, 'connections.json');
  try {
    const saved = JSON.parse(await readFile(file, 'utf8'));
    for (const connection of Array.isArray(saved?.connections) ? saved.connections : []) {
      if (typeof connection?.id === 'string' && typeof connection.appId === 'string') connections.set(connection.id, connection);
    }
  } catch (error) {
    if (error.code !== 'ENOENT') throw new Error(`sandbox: ${file} is not a connections file the sandbox wrote (${error.message})`);
  }
  let queue = Promise.resolve();
  return {
    connections,
    save() {
      const text = `${JSON.stringify({ connections: [...connections.values()] }, null, 2)}\n`;
      queue = queue.then(async () => {
        await writeFile(`${file}.tmp`, text);
        await rename(`${file}.tmp`, file);
      });
      return queue;
    },
  };
}

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
 * @param {{ host?: string, port?: number, apps?: SandboxApp[], log?: boolean, slowMs?: number, dataDir?: string }} [options]
 *   `apiKey` is generated when missing; `slowMs` is how long the "slow answer" outcome takes;
 *   `dataDir`: keep the connections there across restarts (default: in memory only).
 */
export async function startSandbox({
  host = '127.0.0.1',
  port = 0,
  apps = [{ id: 'demo', allowedOrigins: [] }],
  log = false,
  slowMs = 3000,
  dataDir,
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
    hostedScript(),
  ]);

  /** Session records by token digest. */
  const sessions = new Map();
  /** The same records by app and state digest: what `session-result` reads (the latest session of a state wins). */
  const byState = new Map();
  const stateKey = (app, state) => `${app.id}\n${digestKey(state)}`;
  const flows = createFlows(Date.now);
  /** Connections by id. */
  const { connections, save: saveConnections } = await connectionStore(dataDir);

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
      finish: finishOf(body),
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
      // Asked for by the app's backend when it minted the session: the page finishes by itself.
      ...(record.finish ? { finish: record.finish } : {}),
    });
  }

  async function completeFlow(req, res) {
    const { flow, outcome } = await flows.end(req, {
      outcomes: OUTCOMES,
      // The panel offers ERRORS; another contract code only when the session asked to end with it.
      check: (flow, body) => {
        if (CONTRACT_ERROR_CODES.includes(body.outcome) && !Object.hasOwn(ERRORS, body.outcome) && flow.session.finish?.outcome !== body.outcome) {
          throw new HttpError(400, 'invalid_request', 'Unknown outcome.');
        }
      },
    });
    const { session } = flow;
    if (outcome === 'exit') {
      session.outcome = { status: 'exit' };
      sendJson(res, 200, {});
      return;
    }
    if (CONTRACT_ERROR_CODES.includes(outcome)) {
      session.outcome = { status: 'error', code: outcome, error_description: errorDescription(outcome) };
      sendJson(res, 200, { error: outcome, error_description: errorDescription(outcome) });
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
    await saveConnections();
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
          DELETE: async (req, res, [, id]) => {
            ownedConnection(authenticate(req), id);
            connections.delete(id);
            await saveConnections();
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

// `node sandbox/server.mjs`: a demo app allowed from the Vite dev server's origin
// (`npx connect-elements sandbox` is the same with options, bin/connect-elements.mjs).
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
