/**
 * Thryve (seeds/003, "Build your custom data source connection screen"): the
 * backend calls `widget/v6/connection` and gets a widget URL carrying a
 * `connectionSessionToken`; the app builds a direct connection URL per data
 * source from that one token, opens it in the same window (with `redirect_uri`)
 * or a new tab (without), and gets `connected=true|false` back through
 * `dataSourceDirectConnectionResult.html`. Disconnecting is the same kind of URL,
 * and may be a plain background GET. No state, no postMessage.
 *
 *   POST /widget/v6/connection                  (bearer) { endUserId?, locale? } -> { type: 'enduser.widget.connection', data: { url } }
 *   GET  /widget/?connectionSessionToken=...    the widget (for an iframe): links to every data source
 *   GET  /dataSources                           the data source table, numeric ids, in the catalog item shape
 *   GET  /dataSourceDirectConnection.html       ?token&dataSource&redirect_uri: the consent page
 *   POST /dataSourceDirectConnection/complete   the page reports the user's decision -> { redirect }
 *   GET  /dataSourceDirectConnectionResult.html ?connected&dataSource&redirect_uri: forwards to redirect_uri, or "You can close this tab"
 *   GET  /dataSourceDirectRevoke.html           ?token&dataSource&direct=true&redirect_uri: revokes, then forwards (connected=false)
 *   GET  /debug/connections?token=              sandbox only: the data sources connected for that token's end user
 *
 * Documented: the token in the widget URL, reusable for several direct URLs; the
 * connect and revoke URLs and their parameters; `connected=true` success /
 * `false` failure or cancellation for a connection, and the reverse for a
 * revoke; forwarding to `redirect_uri`; background revokes.
 * Assumptions: bearer auth (the real API uses Basic `Authorization` and
 * `AppAuthorization` headers); the token lives 1 hour; `redirect_uri` must be a
 * registered callback (an open redirect otherwise: unregistered ones get an
 * error page); the forwarded URL carries only `connected`; the result page's own
 * URL leaves the token out; unknown or expired tokens and unknown data sources
 * get an error page (a background revoke then sees a 4xx); a revoke of a data
 * source that is not connected succeeds; the ids beyond Fitbit 1, Garmin 2,
 * Polar 3, Withings 8 and Strava 11 are sandbox choices, not checked against
 * Thryve's table.
 */
import { findSource } from '../catalog.mjs';
import { HttpError, PUBLIC_CORS, delay, digestKey, randomDigits, randomToken, recordOf, sendJson, withBearerJson, withQuery } from '../http.mjs';
import { createSimulator } from './base.mjs';
import { BACK_TEXT, consentPage, linkListPage, messagePage, outcomeOptions } from './pages.mjs';

export const TOKEN_TTL_MS = 60 * 60 * 1000;
const BRAND = { brand: 'Thryve', accent: '#1d4ed8' };

/** Thryve's numeric data source ids for the catalog sources it offers. */
export const DATA_SOURCE_IDS = Object.freeze({ fitbit: 1, garmin: 2, polar: 3, withings: 8, strava: 11, oura: 18, whoop: 42, dexcom: 46 });
const byNumber = new Map(Object.entries(DATA_SOURCE_IDS).map(([slug, id]) => [id, findSource(slug)]));

/** `connected=false` covers both; Thryve documents no codes. */
const OUTCOMES = outcomeOptions('Success (connected=true)', { failed: 'The data source fails (connected=false)' });

export async function startThryve(options) {
  const { registry, apiKey, slowMs, now } = options;
  const simulator = createSimulator(options, 'thryve');
  /** Tokens by digest: { user, createdAt, expiresAt }. */
  const tokens = simulator.table((record, time) => time > record.expiresAt + TOKEN_TTL_MS);
  /** Connected data source ids by end user. */
  const connected = new Map();
  const page = simulator.sendPage;

  const dataSourceList = () =>
    [...byNumber].map(([id, source]) => ({
      id: String(id),
      name: source.name,
      icon: `${simulator.origin}/icons/${source.id}.svg`,
      description: source.description,
      category: source.category,
      scopes: [],
      status: source.status,
      slug: source.id,
    }));

  const createConnection = withBearerJson(apiKey, async (res, body) => {
    const endUserId = body.endUserId;
    if (endUserId !== undefined && (typeof endUserId !== 'string' || !endUserId || endUserId.length > 256)) {
      throw new HttpError(400, 'invalid_request', '"endUserId" must be a string.');
    }
    const locale = typeof body.locale === 'string' && /^[a-z]{2}$/.test(body.locale) ? body.locale : 'en';
    // Shaped like the guide's example: 1060285265X4247109939067552841.
    const token = `${randomDigits(10)}X${randomDigits(19)}`;
    const user = endUserId ? `user:${endUserId}` : `anonymous:${randomToken(9)}`;
    if (!connected.has(user)) connected.set(user, new Set());
    const createdAt = now();
    tokens.set(digestKey(token), { user, createdAt, expiresAt: createdAt + TOKEN_TTL_MS });
    sendJson(res, 200, {
      type: 'enduser.widget.connection',
      data: { url: `${simulator.origin}/widget/?connectionSessionToken=${token}&platform=web&lang=${locale}` },
    });
  });

  /** Checks a page's parameters; returns an error page (see `errorPage`), or the parsed values. */
  function readParams(url, { tokenParam = 'token' } = {}) {
    const token = url.searchParams.get(tokenParam) ?? '';
    const record = recordOf(tokens, token);
    if (!record) return { error: [404, 'This link is not valid', 'The connection session is unknown. Start again from the app.', `The connection session is unknown. ${BACK_TEXT}`] };
    if (now() > record.expiresAt) return { error: [410, 'This link has expired', 'Start again from the app.'] };
    const raw = url.searchParams.get('dataSource') ?? '';
    const id = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    const source = byNumber.get(id);
    if (!source) return { error: [404, 'Unknown data source', 'This data source is not available. Start again from the app.', `This data source is not available. ${BACK_TEXT}`] };
    const redirectUri = url.searchParams.get('redirect_uri') || undefined;
    if (redirectUri !== undefined && !registry.hasRedirectUrl(redirectUri)) {
      const text = 'You cannot be sent back to it. Tell the app’s developers to check their settings.';
      return { error: [400, 'This return address is not registered', text, text] };
    }
    return { token, record, id, source, redirectUri };
  }

  /**
   * An error page: `[status, heading, text, textWithBack]`, the last what it says when
   * it links back to the app ({@link BACK_TEXT} unless given). A token records no app
   * origin and `redirect_uri` is the visitor's to choose, so the only link back is to
   * the approved app origin of the page that sent the visitor here (its `Referer`).
   */
  function errorPage(req, res, [status, heading, text, textWithBack = BACK_TEXT], options) {
    const back = simulator.backFromReferer(req);
    page(res, status, messagePage({ ...BRAND, heading, text: back ? textWithBack : text, isError: true, back }), options);
  }

  function resultPath(connectedValue, id, redirectUri) {
    const params = new URLSearchParams({ connected: String(connectedValue), dataSource: String(id) });
    if (redirectUri) params.set('redirect_uri', redirectUri);
    return `${simulator.origin}/dataSourceDirectConnectionResult.html?${params}`;
  }

  function connectionPage(req, res, _match, url) {
    const params = readParams(url);
    if (params.error) return errorPage(req, res, params.error);
    const { record, id, source, redirectUri } = params;
    const flowId = simulator.flows.open({ user: record.user, tokenRecord: record, id, redirectUri });
    const already = connected.get(record.user)?.has(id);
    page(
      res,
      200,
      consentPage({
        ...BRAND,
        script: 'thryve',
        config: { flowId },
        icon: `/icons/${source.id}.svg`,
        heading: `${already ? 'Reconnect' : 'Connect'} ${source.name}`,
        text: `Sign in to ${source.name} to share your health data through Thryve.`,
        listLabel: 'Shared data',
        items: source.scopes,
        outcomes: OUTCOMES,
      }),
    );
  }

  async function complete(req, res) {
    const { flow, outcome } = await simulator.flows.end(req, { code: 'invalid_request', outcomes: ['success', 'failed', 'slow', 'deny', 'cancel'] });
    if (now() > flow.tokenRecord.expiresAt) return sendJson(res, 200, { redirect: resultPath(false, flow.id, flow.redirectUri) });
    if (outcome === 'slow') await delay(slowMs);
    const success = outcome === 'success' || outcome === 'slow';
    if (success) connected.get(flow.user).add(flow.id);
    sendJson(res, 200, { redirect: resultPath(success, flow.id, flow.redirectUri) });
  }

  function resultPage(req, res, _match, url) {
    const value = url.searchParams.get('connected');
    if (value !== 'true' && value !== 'false') return errorPage(req, res, [400, 'Unknown result', 'You can close this tab.']);
    const redirectUri = url.searchParams.get('redirect_uri') || undefined;
    if (redirectUri !== undefined && !registry.hasRedirectUrl(redirectUri)) {
      // Never a link to the unregistered address itself.
      return errorPage(req, res, [400, 'This return address is not registered', 'You can close this tab.']);
    }
    const source = byNumber.get(Number(url.searchParams.get('dataSource')));
    const name = source?.name ?? 'The data source';
    const heading = value === 'true' ? `${name} is connected` : `${name} is not connected`;
    if (redirectUri) {
      const forward = withQuery(redirectUri, { connected: value });
      return page(res, 200, messagePage({ ...BRAND, heading, text: 'Returning to the app…', script: 'thryve', config: { forward } }));
    }
    page(res, 200, messagePage({ ...BRAND, heading, text: 'You can close this tab.' }));
  }

  function revoke(req, res, _match, url) {
    const params = readParams(url);
    if (params.error) return errorPage(req, res, params.error);
    const { record, id, source, redirectUri } = params;
    // The GET itself revokes, so a background call (fetch, no-cors, or a server) needs nothing more.
    connected.get(record.user).delete(id);
    const heading = `${source.name} is disconnected`;
    if (redirectUri) {
      // Reversed meaning: connected=false is a successful disconnection.
      const forward = withQuery(redirectUri, { connected: 'false' });
      return page(res, 200, messagePage({ ...BRAND, heading, text: 'Returning to the app…', script: 'thryve', config: { forward } }));
    }
    page(res, 200, messagePage({ ...BRAND, heading, text: 'You can close this tab.' }));
  }

  function widget(req, res, _match, url) {
    const token = url.searchParams.get('connectionSessionToken') ?? '';
    const record = recordOf(tokens, token);
    const frameAncestors = registry.origins();
    if (!record || now() > record.expiresAt) {
      // In the app's iframe there is no link (the app is around it); opened on its own, the Referer's.
      return errorPage(req, res, [404, 'This widget link is not valid', 'Start again from the app.'], { frameAncestors });
    }
    const links = [...byNumber].map(([id, source]) => ({
      label: `${connected.get(record.user).has(id) ? 'Reconnect' : 'Connect'} ${source.name}`,
      icon: `/icons/${source.id}.svg`,
      href: `/dataSourceDirectConnection.html?${new URLSearchParams({ token, dataSource: String(id) })}`,
    }));
    page(res, 200, linkListPage({ ...BRAND, title: 'Connect a data source', heading: 'Connect a data source', text: 'Each opens in a new tab.', links }), { frameAncestors });
  }

  function debugConnections(_req, res, _match, url) {
    const record = recordOf(tokens, url.searchParams.get('token'));
    if (!record) throw new HttpError(404, 'not_found', 'Unknown token.');
    sendJson(res, 200, { dataSources: [...connected.get(record.user)].sort((a, b) => a - b) });
  }

  const origin = await simulator.listen([
    [/^\/widget\/v6\/connection$/, 'widget connection', { POST: createConnection }],
    [/^\/widget\/$/, 'widget', { GET: widget }],
    [/^\/dataSources$/, 'data sources', { GET: (_req, res) => sendJson(res, 200, dataSourceList(), PUBLIC_CORS) }],
    [/^\/dataSourceDirectConnection\.html$/, 'direct connection', { GET: connectionPage }],
    [/^\/dataSourceDirectConnection\/complete$/, 'complete', { POST: complete }],
    [/^\/dataSourceDirectConnectionResult\.html$/, 'result', { GET: resultPage }],
    [/^\/dataSourceDirectRevoke\.html$/, 'revoke', { GET: revoke }],
    [/^\/debug\/connections$/, 'debug connections', { GET: debugConnections }],
  ]);
  return { origin, close: simulator.close };
}
