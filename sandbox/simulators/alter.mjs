/**
 * Alter (seeds/002, "Embed the Connect Widget", and PROTOCOLS.md from the
 * published `@alter-ai/connect`): the backend mints a session token (10 minutes,
 * single use) with `allowed_providers`, `return_url` and `allowed_origin`; the
 * widget opens `${baseURL}/sdk/oauth/connect#session=<token>` in a popup
 * (desktop) or a full-page redirect (phones, portrait tablets).
 *
 *   POST /v1/connect/sessions     (bearer) { allowed_providers, return_url?, allowed_origin?, user_token? }
 *                                 -> { session_token, expires_at }
 *   GET  /sdk/oauth/connect       the hosted page; the token is in the fragment, so it never reaches this server's logs
 *   POST /sdk/oauth/claim         the page trades the token for the session (single use)
 *   POST /sdk/oauth/complete      the page reports the user's decision
 *
 * Popup (the page has an opener): posts `{ type: 'alter_connect_success', grants: [...] }`
 * or `{ type: 'alter_connect_error', error, error_description }` to the opener with
 * targetOrigin = `allowed_origin` exactly, then closes; no state. Without
 * `allowed_origin` nothing is posted (the guide's "Popup completes but onSuccess
 * never fires"; `website_url` app settings are not simulated).
 * Redirect (no opener): returns to `return_url` (its own query kept) with
 * `alter_connect_success=true&grant_id&provider&account_identifier&operation&scopes&status`
 * or `alter_connect_error=true&error_code&error_description`.
 * Reauth: the same provider and account keep their `grant_id`; `operation: 'reauth'`.
 *
 * Documented: `invalid_token` (expired or used session), `creation` / `reauth`,
 * the grant fields, the redirect parameters. Assumptions: the error codes a
 * flow can end with besides `invalid_token`: `user_denied` (Deny; the API.md
 * code), `access_denied` (what an OAuth provider relays for a refused consent,
 * RFC 6749 §4.1.2.1), `provider_error`, and `user_cancelled` for Cancel in
 * redirect mode (in a popup, Cancel just closes it, which the widget reports as
 * onExit); `scopes` in the redirect are space-separated; `expires_at` is ISO
 * 8601; the create call's errors (`invalid_api_key`, `invalid_request`,
 * `origin_not_allowed` for an `allowed_origin` the app has not registered,
 * `redirect_uri_mismatch` for an unregistered `return_url`); every provider's
 * account is `user@example.com`.
 */
import { findSource } from '../catalog.mjs';
import { HttpError, delay, digestKey, randomToken, readJson, recordOf, sendJson, withBearerJson, withQuery } from '../http.mjs';
import { createSimulator } from './base.mjs';
import { CLOSE_OUTCOME, codeOutcomes, consentPage, outcomeOptions } from './pages.mjs';

export const SESSION_TTL_MS = 10 * 60 * 1000;
const ACCOUNT_IDENTIFIER = 'user@example.com';
const BRAND = { brand: 'Alter', accent: '#c2410c' };

export const ERRORS = {
  user_denied: 'The user denied access.',
  access_denied: 'The provider reports that the user refused consent.',
  provider_error: 'The provider could not complete the authorization. Try again.',
};

const OUTCOMES = outcomeOptions('Success', { ...codeOutcomes(ERRORS), ...CLOSE_OUTCOME });

export async function startAlter(options) {
  const { registry, apiKey, slowMs, now } = options;
  const simulator = createSimulator(options, 'alter');
  /** Grants by `${user}|${provider}|${account}`, so a reauth keeps its grant_id. */
  const grants = new Map();
  /** Sessions by digest of their token; a used one is kept a while so the page can still say why it fails. */
  const sessions = simulator.table((record, time) => time - record.createdAt > 6 * SESSION_TTL_MS);

  const createSession = withBearerJson(apiKey, async (res, body, read) => {
    const providers = read.strings('allowed_providers', { required: true });
    if (!providers.length) throw new HttpError(400, 'invalid_request', '"allowed_providers" must name at least one provider.');
    for (const id of providers) {
      const source = findSource(id);
      if (!source || source.status === 'coming_soon') throw new HttpError(400, 'invalid_request', `Provider "${id}" is not configured for this app.`);
    }
    const allowedOrigin = read.string('allowed_origin');
    if (allowedOrigin !== undefined && !registry.hasOrigin(allowedOrigin)) {
      throw new HttpError(403, 'origin_not_allowed', '"allowed_origin" is not an origin registered for this app.');
    }
    const returnUrl = read.string('return_url');
    if (returnUrl !== undefined && !registry.hasRedirectUrl(returnUrl)) {
      throw new HttpError(400, 'redirect_uri_mismatch', '"return_url" is not registered for this app.');
    }
    const token = `alt_sess_${randomToken()}`;
    const createdAt = now();
    const expiresAt = createdAt + SESSION_TTL_MS;
    sessions.set(digestKey(token), {
      providers,
      allowedOrigin,
      returnUrl,
      user: read.string('user_token') ? digestKey(read.string('user_token')) : 'default',
      createdAt,
      expiresAt,
      used: false,
    });
    sendJson(res, 200, { session_token: token, expires_at: new Date(expiresAt).toISOString() });
  });

  /** Where a result goes: the message for a popup and its targetOrigin, and the redirect return. */
  function delivery(record, result) {
    const message =
      result.type === 'success'
        ? { type: 'alter_connect_success', grants: [result.grant] }
        : { type: 'alter_connect_error', error: result.error, error_description: result.description };
    let redirectTo;
    if (record.returnUrl && registry.hasRedirectUrl(record.returnUrl)) {
      redirectTo =
        result.type === 'success'
          ? withQuery(record.returnUrl, {
              alter_connect_success: 'true',
              grant_id: result.grant.grant_id,
              provider: result.grant.provider,
              account_identifier: result.grant.account_identifier,
              operation: result.grant.operation,
              scopes: result.grant.scopes.join(' '),
              status: result.grant.status,
            })
          : withQuery(record.returnUrl, { alter_connect_error: 'true', error_code: result.error, error_description: result.description });
    }
    return { message, ...(record.allowedOrigin ? { targetOrigin: record.allowedOrigin } : {}), ...(redirectTo ? { redirect: redirectTo } : {}) };
  }

  async function claim(req, res) {
    const { session_token: token } = await readJson(req);
    const record = recordOf(sessions, token);
    if (!record) throw new HttpError(404, 'invalid_token', 'This session does not exist.');
    if (record.used || now() > record.expiresAt) {
      // The record still says where this flow came from, so the app hears why.
      const description = record.used ? 'This session token was already used. Mint a fresh one per click.' : 'This session token has expired. Mint a fresh one per click.';
      sendJson(res, 410, { error: 'invalid_token', error_description: description, ...delivery(record, { type: 'error', error: 'invalid_token', description }) });
      return;
    }
    record.used = true;
    const flowId = simulator.flows.open({ session: record });
    sendJson(res, 200, {
      flowId,
      providers: record.providers.map((id) => {
        const source = findSource(id);
        const existing = grants.get(`${record.user}|${id}|${ACCOUNT_IDENTIFIER}`);
        return { id, name: source.name, icon: `/icons/${id}.svg`, scopes: source.scopes, operation: existing ? 'reauth' : 'creation' };
      }),
      hasOrigin: Boolean(record.allowedOrigin),
      hasReturnUrl: Boolean(record.returnUrl),
    });
  }

  async function complete(req, res) {
    const { flow, outcome, body } = await simulator.flows.end(req, {
      outcomes: ['cancel', ...OUTCOMES.map((option) => option.value)],
      check: ({ session }, { provider }) => {
        if (typeof provider !== 'string' || !session.providers.includes(provider)) throw new HttpError(400, 'invalid_request', 'That provider is not allowed in this session.');
      },
    });
    const { provider } = body;
    const record = flow.session;

    if (outcome === 'close') return sendJson(res, 200, {});
    if (outcome === 'cancel') {
      return sendJson(res, 200, delivery(record, { type: 'error', error: 'user_cancelled', description: 'The user cancelled.' }));
    }
    if (Object.hasOwn(ERRORS, outcome)) return sendJson(res, 200, delivery(record, { type: 'error', error: outcome, description: ERRORS[outcome] }));
    if (outcome === 'slow') await delay(slowMs);

    const source = findSource(provider);
    const key = `${record.user}|${provider}|${ACCOUNT_IDENTIFIER}`;
    const existing = grants.get(key);
    const grant = {
      grant_id: existing?.grant_id ?? `grant_${randomToken(12)}`,
      provider,
      provider_name: source.name,
      account_identifier: ACCOUNT_IDENTIFIER,
      timestamp: new Date(now()).toISOString(),
      operation: existing ? 'reauth' : 'creation',
      scopes: [...source.scopes],
      status: 'active',
      metadata: {},
    };
    grants.set(key, grant);
    sendJson(res, 200, delivery(record, { type: 'success', grant }));
  }

  /**
   * The hosted page. The token is in the fragment, so the server has no record to read
   * where the app is: the status screen (where the script reports an invalid, used or
   * expired link) links back to the approved app origin of the page that opened it
   * (its `Referer`), if any.
   */
  const connectPage = (req, res) =>
    simulator.sendPage(
      res,
      200,
      consentPage({
        ...BRAND,
        script: 'alter',
        hiddenUntilScript: true,
        listLabel: 'Requested access',
        picker: { id: 'provider', label: 'Provider', options: [] },
        outcomes: OUTCOMES,
        back: simulator.backFromReferer(req),
      }),
    );

  const origin = await simulator.listen([
    [/^\/v1\/connect\/sessions$/, 'create session', { POST: createSession }],
    [/^\/sdk\/oauth\/connect$/, 'connect page', { GET: connectPage }],
    [/^\/sdk\/oauth\/claim$/, 'claim', { POST: claim }],
    [/^\/sdk\/oauth\/complete$/, 'complete', { POST: complete }],
  ]);
  return { origin, close: simulator.close };
}
