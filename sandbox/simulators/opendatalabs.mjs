/**
 * Open Data Labs (seeds/000, "Integrating the Connect Flow"): the backend creates a
 * short-lived Connect session for an exact embedding origin and gets a
 * `connectUrl`; the frontend embeds it in an iframe; the hosted flow posts
 * `ready`, `success` (with `connectionId`) and `exit` to the embedding window;
 * the backend then fetches the connection result.
 *
 * Two origins, as in production, where the messages come from
 * https://dashboard.opendatalabs.com and not from connectUrl's origin:
 *
 *   API origin
 *     POST /api/v1/connect/sessions             (bearer) { appId?, source, scopes?, origin, redirectUrl? } -> { connectUrl }
 *     GET  /connect/s/:sessionId                302 to the dashboard's /connect?session=<id>
 *     GET  /api/v1/sources                      the live catalog (array)
 *     GET  /api/v1/connections/:id/result       (bearer) { connectionId, source, data }
 *   dashboard origin
 *     GET  /connect?session=<id>                the hosted page (claims the session: single use)
 *     POST /connect/complete                    the page reports the user's decision
 *
 * Assumptions (the guide does not say): error codes other than
 * `origin_not_allowed` (`invalid_api_key`, `invalid_request`, `source_not_available`),
 * the 10-minute lifetime ("short-lived"), the `odl_app_sandbox` app id,
 * `redirectUrl` is stored but unused (its return format is not documented), and
 * the exact error page for an expired or used session.
 */
import { SOURCES, findSource } from '../catalog.mjs';
import { HttpError, PUBLIC_CORS, delay, digestKey, randomToken, recordOf, redirect, requireBearer, sendJson, withBearerJson } from '../http.mjs';
import { createSimulator } from './base.mjs';
import { BACK_TEXT, CLOSE_OUTCOME, consentPage, messagePage, outcomeOptions } from './pages.mjs';

export const SESSION_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_APP_ID = 'odl_app_sandbox';
const BRAND = { brand: 'Open Data Labs', accent: '#5b3fd6' };

/**
 * `exit` is the only non-success message the guide documents: Deny and Cancel
 * post it, and so may Allow with this outcome. There is no error message (no
 * code reaches the app), so the panel offers no error codes.
 */
const OUTCOMES = outcomeOptions('Success', { exit: 'exit (leave without connecting)', ...CLOSE_OUTCOME });

export async function startOpenDataLabs(options) {
  const { registry, apiKey, slowMs, now } = options;
  const simulator = createSimulator(options, 'opendatalabs');
  /** Session records by digest of the session id. */
  const sessions = simulator.table((record, time) => time - record.createdAt > 2 * SESSION_TTL_MS);
  /** Connections by id (the result the backend fetches). */
  const connections = new Map();
  let apiOrigin = '';
  let dashboardOrigin = '';

  const catalog = () => SOURCES.map((source) => ({ ...source, icon: `${apiOrigin}/icons/${source.id}.svg` }));

  const createSession = withBearerJson(apiKey, async (res, body, read) => {
    const appId = read.string('appId');
    if (appId !== undefined && appId !== DEFAULT_APP_ID) throw new HttpError(400, 'invalid_request', 'Unknown "appId".');
    // Domains are approved per app; the exact origin, no path, no trailing slash.
    const origin = read.string('origin', { required: true });
    if (!registry.hasOrigin(origin)) {
      throw new HttpError(403, 'origin_not_allowed', 'This origin is not approved for the app. Add the exact embedding origin in the dashboard.');
    }
    const sourceId = read.string('source', { required: true });
    const source = findSource(sourceId);
    if (!source) throw new HttpError(400, 'invalid_request', 'Unknown "source": use an id from /api/v1/sources.');
    if (source.status === 'coming_soon') throw new HttpError(400, 'source_not_available', `${source.name} is not available yet.`);
    const scopes = read.strings('scopes');
    const redirectUrl = read.string('redirectUrl');

    const sessionId = `cs_${randomToken(24)}`;
    const createdAt = now();
    sessions.set(digestKey(sessionId), {
      appId: appId ?? DEFAULT_APP_ID,
      origin,
      source: source.id,
      scopes,
      redirectUrl,
      createdAt,
      expiresAt: createdAt + SESSION_TTL_MS,
      used: false,
    });
    sendJson(res, 200, { connectUrl: `${apiOrigin}/connect/s/${sessionId}` });
  });

  /** The page is meant for an iframe on the session's own origin (or, before we know it, any approved one). */
  const frameAncestors = (record) => (record ? [record.origin] : registry.origins());

  /**
   * The link back to the app: the session's own origin (from its record, while it is
   * approved); without a record, the approved origin of the page that sent the
   * visitor here. None in the iframe, where the app is around the page.
   */
  const backOf = (req, record) =>
    record ? simulator.backTo(req, registry.hasOrigin(record.origin) ? record.origin : undefined) : simulator.backFromReferer(req);

  /** An error page; `text` is what it says without a link back (with one it says {@link BACK_TEXT}). */
  function sendError(req, res, status, record, heading, text) {
    const back = backOf(req, record);
    simulator.sendPage(res, status, messagePage({ ...BRAND, heading, text: back ? BACK_TEXT : text, isError: true, back }), { frameAncestors: frameAncestors(record) });
  }

  function connectPage(req, res, _match, url) {
    const record = recordOf(sessions, url.searchParams.get('session'));
    // The guide documents no message for these: the page says why and posts nothing.
    if (!record) return sendError(req, res, 404, undefined, 'This link is not valid', 'Start again from the app.');
    if (record.used) return sendError(req, res, 410, record, 'This session was already used', 'Close this window and start again from the app.');
    if (now() > record.expiresAt) return sendError(req, res, 410, record, 'This session has expired', 'Close this window and start again from the app.');
    record.used = true;

    const flowId = simulator.flows.open({ session: record });
    const source = findSource(record.source);
    const html = consentPage({
      ...BRAND,
      script: 'opendatalabs',
      // Where to post comes from the server-side session record, never from the URL.
      config: { flowId, origin: record.origin },
      icon: `/icons/${source.id}.svg`,
      heading: `Connect ${source.name}`,
      text: `The app at ${record.origin} asks to read your ${source.name} data.`,
      items: record.scopes,
      outcomes: OUTCOMES,
    });
    simulator.sendPage(res, 200, html, { frameAncestors: frameAncestors(record) });
  }

  async function complete(req, res) {
    const { flow, outcome } = await simulator.flows.end(req, { outcomes: OUTCOMES.map((option) => option.value) });
    if (outcome === 'close') return sendJson(res, 200, {});
    if (outcome === 'exit') return sendJson(res, 200, { type: 'exit' });
    if (outcome === 'slow') await delay(slowMs);

    const { session } = flow;
    const connectionId = `conn_${randomToken(12)}`;
    connections.set(connectionId, {
      connectionId,
      source: session.source,
      scopes: session.scopes,
      createdAt: new Date(now()).toISOString(),
    });
    sendJson(res, 200, { type: 'success', connectionId });
  }

  function connectionResult(req, res, match) {
    requireBearer(req, apiKey);
    const connection = connections.get(match[1]);
    if (!connection) throw new HttpError(404, 'not_found', 'No such connection.');
    // The real API encrypts this with the account's secret (OPENDATALABS_ENCRYPTION_SECRET)
    // and the vendor's server client decrypts it; the sandbox sends it in the clear.
    sendJson(res, 200, {
      connectionId: connection.connectionId,
      source: connection.source,
      data: {
        scopes: connection.scopes,
        connectedAt: connection.createdAt,
        profile: { id: 'sandbox-user', displayName: 'Sandbox User' },
        records: [
          { id: 'rec_1', kind: 'sample', createdAt: connection.createdAt },
          { id: 'rec_2', kind: 'sample', createdAt: connection.createdAt },
        ],
      },
    });
  }

  try {
    apiOrigin = await simulator.listen(
      [
        [/^\/api\/v1\/connect\/sessions$/, 'create session', { POST: createSession }],
        [
          /^\/connect\/s\/(cs_[A-Za-z0-9_-]+)$/,
          'connect url',
          {
            GET: (req, res, match) => {
              if (!sessions.has(digestKey(match[1]))) return sendError(req, res, 404, undefined, 'This link is not valid', 'Start again from the app.');
              redirect(res, `${dashboardOrigin}/connect?session=${match[1]}`);
            },
          },
        ],
        [/^\/api\/v1\/sources$/, 'sources', { GET: (_req, res) => sendJson(res, 200, catalog(), PUBLIC_CORS) }],
        [/^\/api\/v1\/connections\/([A-Za-z0-9_-]+)\/result$/, 'connection result', { GET: connectionResult }],
      ],
      { suffix: '-api', scripts: false },
    );
    dashboardOrigin = await simulator.listen(
      [
        [/^\/connect$/, 'connect page', { GET: connectPage }],
        [/^\/connect\/complete$/, 'complete', { POST: complete }],
      ],
      { suffix: '-dashboard' },
    );
  } catch (error) {
    await simulator.close();
    throw error;
  }

  return { apiOrigin, dashboardOrigin, close: simulator.close };
}
