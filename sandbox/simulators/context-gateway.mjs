/**
 * Context Gateway (seeds/001, "Integrating the Connect Flow"): the backend builds a
 * connect URL (`userId`, `source`, `scopes`, `redirectUrl`, `state?`,
 * `existingConnectionId?`, `connectionName?`) and sends the user there in a
 * full-page redirect; Context Gateway returns to the registered callback with
 * `connectionId` and `state`, or `error` and `error_description` (and `state`).
 *
 *   POST /v1/connect-urls          (bearer) the parameters above -> { url: `${simulator.origin}/connect?request=<id>` }
 *   GET  /connect?request=<id>     the connect page (claims the request: single use)
 *   POST /connect/complete         the page reports the user's decision -> { redirect }
 *   GET  /v1/connections/:id       (bearer) a connection
 *
 * The guide's backend calls `client.createConnectUrl(...)` from a client library;
 * here that is one HTTP call, and the parameters stay server-side behind an
 * opaque single-use id instead of riding in the URL.
 *
 * Documented: the error codes `user_denied` (Deny), `source_error`,
 * `provisioning_failed`, `timeout`, `invalid_scope`, `redirect_uri_mismatch`;
 * `state` returned unchanged (absent when not given); a reconnect with
 * `existingConnectionId` keeps the id; only registered callback URLs.
 * Assumptions: the create call's own errors (`invalid_api_key`,
 * `invalid_request`, and answering `redirect_uri_mismatch` there too, so the app
 * learns it early); a 10-minute request lifetime; an expired request returns
 * `error=timeout`; a used one shows an error page; Cancel returns `user_denied`
 * (the guide has no cancel code); scopes the source does not offer and a
 * coming-soon source are refused when the page opens (`invalid_scope`,
 * `source_error`), before any consent, as OAuth servers do.
 */
import { findSource } from '../catalog.mjs';
import { HttpError, delay, digestKey, randomToken, recordOf, redirect, requireBearer, sendJson, withBearerJson, withQuery } from '../http.mjs';
import { createSimulator } from './base.mjs';
import { BACK_TEXT, codeOutcomes, consentPage, messagePage, outcomeOptions } from './pages.mjs';

export const REQUEST_TTL_MS = 10 * 60 * 1000;
const BRAND = { brand: 'Context Gateway', accent: '#0f766e' };

/** The documented connect-flow codes and the description each return carries. */
export const ERRORS = {
  user_denied: 'The user denied access.',
  source_error: 'The source rejected the request. Temporarily unavailable.',
  provisioning_failed: 'The Personal Server could not be created.',
  timeout: 'The authentication took too long.',
  invalid_scope: 'A requested scope is not available for this source.',
};

const OUTCOMES = outcomeOptions('Success', codeOutcomes(ERRORS));

export async function startContextGateway(options) {
  const { registry, apiKey, slowMs, now } = options;
  const simulator = createSimulator(options, 'context-gateway');
  /** Connect requests by digest of their id. */
  const requests = simulator.table((record, time) => time - record.createdAt > 2 * REQUEST_TTL_MS);
  /** Connections by id. */
  const connections = new Map();

  const createUrl = withBearerJson(apiKey, async (res, body, read) => {
    const userId = read.string('userId', { required: true });
    const sourceId = read.string('source', { required: true });
    const source = findSource(sourceId);
    if (!source) throw new HttpError(400, 'invalid_request', 'Unknown "source".');
    const scopes = read.strings('scopes', { required: true });
    const redirectUrl = read.string('redirectUrl', { required: true });
    if (!registry.hasRedirectUrl(redirectUrl)) {
      throw new HttpError(400, 'redirect_uri_mismatch', 'The callback URL does not match a registered URL. Verify it in the dashboard.');
    }
    const state = read.string('state');
    const existingConnectionId = read.string('existingConnectionId');
    if (existingConnectionId !== undefined) {
      const existing = connections.get(existingConnectionId);
      if (!existing || existing.userId !== userId || existing.source !== source.id) {
        throw new HttpError(400, 'invalid_request', 'Unknown "existingConnectionId" for this user and source.');
      }
    }
    const request = randomToken();
    requests.set(digestKey(request), {
      userId,
      source: source.id,
      scopes,
      redirectUrl,
      state,
      existingConnectionId,
      connectionName: read.string('connectionName'),
      createdAt: now(),
      used: false,
    });
    sendJson(res, 200, { url: `${simulator.origin}/connect?request=${request}` });
  });

  /** The return address: the registered callback, its own query kept, plus the result and `state` (only when given). */
  function returnUrl(record, result) {
    return withQuery(record.redirectUrl, { ...result, state: record.state });
  }
  const errorReturn = (record, code, description = ERRORS[code]) => returnUrl(record, { error: code, error_description: description });

  /** `back`: the page's link to the app, when it knows where the app is. */
  function errorPage(res, status, heading, text, back) {
    simulator.sendPage(res, status, messagePage({ ...BRAND, heading, text, isError: true, back }));
  }

  /**
   * Where the app is, from the request's record: its callback's origin while the
   * callback is registered, or while that origin is an approved app origin. Never the
   * callback itself, which may no longer be registered.
   */
  function appOrigin(record) {
    const origin = new URL(record.redirectUrl).origin;
    return registry.hasRedirectUrl(record.redirectUrl) || registry.hasOrigin(origin) ? origin : undefined;
  }

  function connectPage(req, res, _match, url) {
    const id = url.searchParams.get('request') ?? '';
    const record = recordOf(requests, id);
    if (!record) {
      // No record says where the app is: the page that sent the visitor here, if it is an approved app.
      const back = simulator.backFromReferer(req);
      return errorPage(res, 404, 'This link is not valid', back ? BACK_TEXT : 'Start again from the app.', back);
    }
    const back = simulator.backTo(req, appOrigin(record));
    // Never send anyone to a callback that is not (or no longer) registered.
    if (!registry.hasRedirectUrl(record.redirectUrl)) {
      return errorPage(res, 400, 'The app’s callback URL is not registered', 'redirect_uri_mismatch: you cannot be sent back safely. Tell the app’s developers to verify the callback URL in their dashboard.', back);
    }
    if (record.used) return errorPage(res, 410, 'This link was already used', BACK_TEXT, back);
    record.used = true;
    if (now() - record.createdAt > REQUEST_TTL_MS) return redirect(res, errorReturn(record, 'timeout', 'The connect link expired.'));

    const source = findSource(record.source);
    if (source.status === 'coming_soon') return redirect(res, errorReturn(record, 'source_error', `${source.name} is not available yet.`));
    const unknown = record.scopes.filter((scope) => !source.scopes.includes(scope));
    if (unknown.length) return redirect(res, errorReturn(record, 'invalid_scope', `${source.name} does not offer: ${unknown.join(', ')}.`));

    const existing = record.existingConnectionId ? connections.get(record.existingConnectionId) : undefined;
    const flowId = simulator.flows.open({ request: record });
    const name = record.connectionName ?? existing?.name;
    simulator.sendPage(
      res,
      200,
      consentPage({
        ...BRAND,
        script: 'context-gateway',
        config: { flowId },
        icon: `/icons/${source.id}.svg`,
        heading: existing ? `Update your ${source.name} connection` : `Connect ${source.name}`,
        text: `${name ? `“${name}”. ` : ''}You will return to ${new URL(record.redirectUrl).origin}. Only data within these scopes can be accessed.`,
        items: record.scopes,
        outcomes: OUTCOMES,
      }),
    );
  }

  async function complete(req, res) {
    const { flow, outcome } = await simulator.flows.end(req, { code: 'invalid_request', outcomes: ['cancel', ...OUTCOMES.map((option) => option.value)] });
    const record = flow.request;
    if (!registry.hasRedirectUrl(record.redirectUrl)) throw new HttpError(400, 'redirect_uri_mismatch', 'The callback URL is no longer registered.');

    if (outcome === 'cancel') return sendJson(res, 200, { redirect: errorReturn(record, 'user_denied', 'The user cancelled.') });
    if (Object.hasOwn(ERRORS, outcome)) return sendJson(res, 200, { redirect: errorReturn(record, outcome) });
    if (outcome === 'slow') await delay(slowMs);

    const time = new Date(now()).toISOString();
    const existing = record.existingConnectionId ? connections.get(record.existingConnectionId) : undefined;
    let connection = existing;
    if (existing) {
      // More scopes on the same connection: the id stays.
      existing.scopes = [...new Set([...existing.scopes, ...record.scopes])];
      if (record.connectionName) existing.name = record.connectionName;
      existing.updatedAt = time;
    } else {
      connection = {
        id: `conn_${randomToken(12)}`,
        userId: record.userId,
        source: record.source,
        scopes: record.scopes,
        name: record.connectionName,
        createdAt: time,
        updatedAt: time,
      };
      connections.set(connection.id, connection);
    }
    sendJson(res, 200, { redirect: returnUrl(record, { connectionId: connection.id }) });
  }

  function getConnection(req, res, match) {
    requireBearer(req, apiKey);
    const connection = connections.get(match[1]);
    if (!connection) throw new HttpError(404, 'not_found', 'No such connection.');
    const { id, userId, source, scopes, name, createdAt, updatedAt } = connection;
    sendJson(res, 200, { id, userId, source, scopes, ...(name ? { name } : {}), status: 'active', createdAt, updatedAt });
  }

  const origin = await simulator.listen([
    [/^\/v1\/connect-urls$/, 'create connect url', { POST: createUrl }],
    [/^\/connect$/, 'connect page', { GET: connectPage }],
    [/^\/connect\/complete$/, 'complete', { POST: complete }],
    [/^\/v1\/connections\/([A-Za-z0-9_-]+)$/, 'connection', { GET: getConnection }],
  ]);
  return { origin, close: simulator.close };
}
