// The sandbox provider over real HTTP: `node --test sandbox/`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { startSandbox } from './server.mjs';
import { call as request } from './http-client.mjs';

const APP_ORIGIN = 'http://localhost:5173';
const API_KEY = 'sk_sandbox_test_key_0123456789';
const STATE = 'state_0123456789abcdefghijk';
const COOP_KEY = 'sk_sandbox_coop_app_key_0123';
const REDIRECT_KEY = 'sk_sandbox_redirect_only_key_0123';

let sandbox;
before(async () => {
  sandbox = await startSandbox({
    apps: [
      { id: 'demo', apiKey: API_KEY, allowedOrigins: [APP_ORIGIN] },
      { id: 'other', apiKey: 'sk_sandbox_other_app_key', allowedOrigins: ['https://other.example'] },
      { id: 'coop', apiKey: COOP_KEY, allowedOrigins: [APP_ORIGIN], openerPolicy: 'same-origin' },
      { id: 'redirect-only', apiKey: REDIRECT_KEY, allowedOrigins: [APP_ORIGIN], returnBy: 'redirect' },
    ],
    slowMs: 50,
  });
});
after(() => sandbox.close());

/** A call to the sandbox, with the test app's key unless `key` says otherwise (`null`: none). */
const call = (path, { key = API_KEY, ...options } = {}) => request(`${sandbox.origin}${path}`, { redirect: 'follow', ...options, key });

const session = (overrides = {}, key) =>
  call('/v1/connect/sessions', {
    method: 'POST',
    key,
    body: { source: 'github', scopes: ['repo', 'read:user'], mode: 'popup', origin: APP_ORIGIN, state: STATE, ...overrides },
  });

const tokenOf = (connectUrl) => new URL(connectUrl).hash.replace('#session=', '');
const claim = (token) => call('/connect/claim', { method: 'POST', key: null, body: { token } });
const complete = (flowId, outcome) => call('/connect/complete', { method: 'POST', key: null, body: { flowId, outcome } });

describe('POST /v1/connect/sessions', () => {
  test('mints a single-use session whose token is in the fragment', async () => {
    const { status, json } = await session();
    assert.equal(status, 200);
    assert.match(json.sessionToken, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(json.connectUrl, `${sandbox.origin}/connect#session=${json.sessionToken}`);
    const ttl = Date.parse(json.expiresAt) - Date.now();
    assert.ok(ttl > 9 * 60_000 && ttl <= 10 * 60_000, `expires in ${ttl} ms`);
  });

  test('refuses bad keys, origins, sources, scopes and states', async () => {
    assert.deepEqual((await session({}, 'nope')).json, { error: 'invalid_api_key', error_description: 'The API key is missing or not valid.' });
    assert.equal((await session({}, null)).status, 401);

    const forbidden = await session({ origin: 'http://localhost:5174' });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.json.error, 'origin_not_allowed');
    assert.ok(forbidden.json.error_description);
    // Exact match only: another app's origin, a trailing slash or a look-alike are refused.
    for (const origin of ['https://other.example', `${APP_ORIGIN}/`, 'http://localhost:51730', 'http://localhost']) {
      assert.equal((await session({ origin })).status, 403, origin);
    }

    assert.deepEqual([(await session({ source: 'nope' })).status, (await session({ source: 'nope' })).json.error], [400, 'source_error']);
    assert.equal((await session({ source: 'peloton', scopes: [] })).json.error, 'source_error'); // coming_soon
    assert.equal((await session({ scopes: ['repo', 'admin:everything'] })).json.error, 'invalid_scope');
    assert.equal((await session({ state: 'short' })).json.error, 'invalid_request');
    assert.equal((await session({ state: undefined })).json.error, 'invalid_request');
    assert.equal((await session({ mode: 'sideways' })).json.error, 'invalid_request');
    assert.equal((await session({ mode: 'redirect' })).json.error, 'invalid_request'); // no redirectUrl
    assert.equal((await session({ redirectUrl: 'https://evil.example/cb' })).json.error, 'redirect_uri_mismatch');
    assert.equal((await session({ existingConnectionId: 'conn_unknown' })).json.error, 'invalid_request');
  });

  test('insists on JSON, caps the body and answers unknown routes with 404', async () => {
    const wrongType = await call('/v1/connect/sessions', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
    assert.equal(wrongType.status, 415);
    const huge = await session({ connectionName: 'x'.repeat(70 * 1024) });
    assert.equal(huge.status, 413);
    const broken = await call('/v1/connect/sessions', { method: 'POST', body: '{"source":' });
    assert.equal(broken.status, 400);
    assert.equal((await call('/v1/nothing')).status, 404);
    assert.equal((await call('/v1/connect/sessions')).status, 405);
  });
});

describe('the hosted flow', () => {
  test('serves the page with a strict CSP and the bundled script', async () => {
    sandbox.allowOrigin(API_KEY, 'https://app.example');
    const page = await call('/connect', { key: null });
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy');
    assert.match(csp, /frame-ancestors http:\/\/localhost:5173 https:\/\/app\.example https:\/\/other\.example/);
    assert.match(csp, /script-src 'self'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.text, /Sandbox outcome/);

    const script = await call('/connect/hosted.js', { key: null });
    assert.match(script.headers.get('content-type'), /javascript/);
    assert.match(script.text, /connect-elements/);
  });

  test('claim is single use; a used token still names its origin and state', async () => {
    const token = tokenOf((await session({ connectionName: 'Work' })).json.connectUrl);
    const first = await claim(token);
    assert.equal(first.status, 200);
    assert.equal(first.json.origin, APP_ORIGIN);
    assert.equal(first.json.state, STATE);
    assert.equal(first.json.operation, 'create');
    assert.deepEqual(first.json.scopes, ['repo', 'read:user']);
    assert.deepEqual(first.json.source, { id: 'github', name: 'GitHub', icon: `${sandbox.origin}/icons/github.svg` });
    assert.equal(first.json.connectionName, 'Work');
    assert.equal(typeof first.json.flowId, 'string');

    const again = await claim(token);
    assert.equal(again.status, 410);
    assert.deepEqual(
      { error: again.json.error, origin: again.json.origin, state: again.json.state },
      { error: 'invalid_token', origin: APP_ORIGIN, state: STATE },
    );

    const unknown = await claim('A'.repeat(43));
    assert.deepEqual([unknown.status, unknown.json.error, unknown.json.origin], [404, 'invalid_token', undefined]);
  });

  test('success creates a connection only its app can read and delete; reauth keeps the id', async () => {
    const flow = (await claim(tokenOf((await session()).json.connectUrl))).json;
    const done = await complete(flow.flowId, 'success');
    assert.equal(done.status, 200);
    assert.equal(done.json.operation, 'create');
    const id = done.json.connectionId;
    assert.match(id, /^conn_/);
    assert.equal((await complete(flow.flowId, 'success')).status, 410); // one decision per flow

    const read = await call(`/v1/connections/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.id, id);
    assert.equal(read.json.source, 'github');
    assert.equal(read.json.status, 'active');
    assert.deepEqual(read.json.scopes, ['repo', 'read:user']);
    assert.equal((await call(`/v1/connections/${id}`, { key: 'sk_sandbox_other_app_key' })).status, 404);
    assert.equal((await call(`/v1/connections/${id}`, { key: null })).status, 401);

    const reauth = (await claim(tokenOf((await session({ existingConnectionId: id, scopes: ['workflow'] })).json.connectUrl))).json;
    assert.equal(reauth.operation, 'reauth');
    assert.deepEqual((await complete(reauth.flowId, 'slow')).json, { connectionId: id, operation: 'reauth' });
    assert.deepEqual((await call(`/v1/connections/${id}`)).json.scopes, ['repo', 'read:user', 'workflow']);

    assert.equal((await call(`/v1/connections/${id}`, { method: 'DELETE', key: 'sk_sandbox_other_app_key' })).status, 404);
    assert.equal((await call(`/v1/connections/${id}`, { method: 'DELETE' })).status, 200);
    assert.deepEqual((await call(`/v1/connections/${id}`)).json, { error: 'not_found', error_description: 'No such connection.' });
  });

  test('error outcomes end the flow with their code', async () => {
    const flow = (await claim(tokenOf((await session()).json.connectUrl))).json;
    const denied = await complete(flow.flowId, 'provisioning_failed');
    assert.equal(denied.json.error, 'provisioning_failed');
    assert.equal((await complete(flow.flowId, 'success')).status, 410);
    assert.equal((await complete('nope', 'success')).status, 410);
  });
});

describe('catalog and icons', () => {
  test('lists at least 30 sources publicly, with CORS for GET', async () => {
    const { status, json, headers } = await call('/v1/sources', { key: null });
    assert.equal(status, 200);
    assert.equal(headers.get('access-control-allow-origin'), '*');
    assert.ok(json.sources.length >= 30);
    assert.ok(new Set(json.sources.map((source) => source.category)).size >= 8);
    assert.ok(json.sources.filter((source) => source.status === 'coming_soon').length >= 3);
    assert.ok(json.sources.some((source) => source.status === 'beta'));
    for (const source of json.sources) {
      assert.equal(source.icon, `${sandbox.origin}/icons/${source.id}.svg`);
      assert.ok(source.name && source.description && source.category && source.scopes.length, source.id);
    }
  });

  test('serves generated SVG icons', async () => {
    const icon = await call('/icons/spotify.svg', { key: null });
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.match(icon.headers.get('cache-control'), /max-age=31536000/);
    assert.match(icon.text, /^<svg[^>]+>[\s\S]*>S<\/text>/);
    assert.equal((await call('/icons/unknown.svg', { key: null })).status, 404);
  });
});

describe('apps whose popup loses its opener, or that return only by redirect', () => {
  test('refuses settings it does not know', async () => {
    await assert.rejects(startSandbox({ apps: [{ id: 'x', openerPolicy: 'unsafe-none' }] }), TypeError);
    await assert.rejects(startSandbox({ apps: [{ id: 'x', returnBy: 'message' }] }), TypeError);
  });

  test("serves an openerPolicy app's page with Cross-Origin-Opener-Policy: same-origin, and only that app's", async () => {
    const { json } = await session({ redirectUrl: `${APP_ORIGIN}/cb` }, COOP_KEY);
    const url = new URL(json.connectUrl);
    assert.equal(url.pathname, '/connect/coop');
    assert.equal(url.hash, `#session=${json.sessionToken}`, 'the token stays in the fragment');

    const page = await call('/connect/coop', { key: null });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
    assert.match(page.text, /Sandbox outcome/);

    assert.equal(new URL((await session()).json.connectUrl).pathname, '/connect');
    assert.equal((await call('/connect', { key: null })).headers.get('cross-origin-opener-policy'), null);
  });

  test('takes redirectUrl in every mode, on a registered origin only', async () => {
    for (const mode of ['popup', 'tab', 'modal', 'auto']) {
      assert.equal((await session({ mode, redirectUrl: `${APP_ORIGIN}/cb?x=1` })).status, 200, mode);
      assert.equal((await session({ mode, redirectUrl: 'https://other.example/cb' })).json.error, 'redirect_uri_mismatch', mode);
    }
    const { json } = await session({ redirectUrl: `${APP_ORIGIN}/cb` });
    assert.equal((await claim(tokenOf(json.connectUrl))).json.redirectUrl, `${APP_ORIGIN}/cb`);
  });

  test('a returnBy redirect app needs redirectUrl in every mode, and its page is told to return by redirect', async () => {
    const missing = await session({ mode: 'popup' }, REDIRECT_KEY);
    assert.deepEqual([missing.status, missing.json.error], [400, 'invalid_request']);

    const { json } = await session({ mode: 'popup', redirectUrl: `${APP_ORIGIN}/cb` }, REDIRECT_KEY);
    const token = tokenOf(json.connectUrl);
    const first = await claim(token);
    assert.equal(first.json.returnBy, 'redirect');
    assert.equal(first.json.redirectUrl, `${APP_ORIGIN}/cb`);
    const again = await claim(token);
    assert.equal(again.status, 410);
    assert.equal(again.json.returnBy, 'redirect', 'a used token still returns by redirect');
    assert.equal((await claim(tokenOf((await session()).json.connectUrl))).json.returnBy, undefined);
  });
});

describe('POST /v1/connect/session-result', () => {
  const result = (body, { key = API_KEY, ...options } = {}) => call('/v1/connect/session-result', { method: 'POST', key, body, ...options });
  const freshState = () => `state_${crypto.randomUUID()}`;

  test('is pending until the user decides, then success with the connection', async () => {
    const state = freshState();
    const { json } = await session({ state });
    assert.deepEqual((await result({ state })).json, { status: 'pending' });
    const flow = (await claim(tokenOf(json.connectUrl))).json;
    assert.deepEqual((await result({ state })).json, { status: 'pending' });

    const done = (await complete(flow.flowId, 'success')).json;
    const read = await result({ state });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('cache-control'), 'no-store');
    assert.deepEqual(read.json, { status: 'success', connectionId: done.connectionId, operation: 'create' });
  });

  test('reports exit for Cancel and error with its code', async () => {
    const exitState = freshState();
    const exitFlow = (await claim(tokenOf((await session({ state: exitState })).json.connectUrl))).json;
    assert.equal((await complete(exitFlow.flowId, 'exit')).status, 200);
    assert.deepEqual((await result({ state: exitState })).json, { status: 'exit' });

    const errorState = freshState();
    const errorFlow = (await claim(tokenOf((await session({ state: errorState })).json.connectUrl))).json;
    await complete(errorFlow.flowId, 'source_error');
    assert.deepEqual((await result({ state: errorState })).json, {
      status: 'error',
      code: 'source_error',
      error_description: 'The source is temporarily unavailable. Try again later.',
    });
  });

  test('answers only the app that owns the state: a wrong key, another app, a missing state or a non-JSON body get nothing', async () => {
    const state = freshState();
    await session({ state });

    assert.equal((await result({ state }, { key: null })).status, 401);
    assert.equal((await result({ state }, { key: 'sk_sandbox_guess' })).json.error, 'invalid_api_key');

    // Another app asking about this state sees the same answer as for a state nobody minted.
    const foreign = await result({ state }, { key: 'sk_sandbox_other_app_key' });
    const unknown = await result({ state: freshState() });
    assert.deepEqual([foreign.status, foreign.json], [404, { error: 'not_found' }]);
    assert.deepEqual([unknown.status, unknown.json], [404, { error: 'not_found' }]);

    assert.deepEqual([(await result({})).status, (await result({})).json.error], [400, 'invalid_request']);
    assert.equal((await result({ state: 42 })).status, 400);
    assert.equal((await result(JSON.stringify({ state }), { headers: { 'content-type': 'text/plain' } })).status, 415);
    assert.equal((await result('[1]')).status, 400);
    assert.equal((await call('/v1/connect/session-result')).status, 405);
  });
});

describe('the hosted page in Chromium', () => {
  let browser;
  let appServer;
  let appOrigin;
  before(async () => {
    // The app: `/` opens popups and records what they post; `/cb` is where they return.
    appServer = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>App</title><script>
window.__messages = [];
addEventListener('message', (event) => __messages.push({ origin: event.origin, data: event.data }));
</script><h1>App ${req.url.startsWith('/cb') ? 'callback' : 'home'}</h1>`);
    });
    await new Promise((resolve) => appServer.listen(0, 'localhost', resolve));
    appOrigin = `http://localhost:${appServer.address().port}`;
    for (const key of [API_KEY, COOP_KEY, REDIRECT_KEY]) sandbox.allowOrigin(key, appOrigin);
    browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    appServer?.closeAllConnections();
    await new Promise((resolve) => (appServer ? appServer.close(resolve) : resolve()));
  });

  /** The app page, and the popup it opens (about:blank, then the hosted page) for a session of the app with `key`. */
  async function openPopup(t, key) {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${appOrigin}/`);
    const state = `state_${crypto.randomUUID()}`;
    const { json } = await session({ origin: appOrigin, state, mode: 'popup', redirectUrl: `${appOrigin}/cb?from=popup` }, key);
    const [popup] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => (window.__popup = window.open('about:blank', 'connect', 'popup')))]);
    await page.evaluate((url) => (window.__popup.location.href = url), json.connectUrl);
    await popup.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    return { page, popup, state };
  }

  test('a COOP page severs the popup and returns it to redirectUrl with the result', { timeout: 30_000 }, async (t) => {
    const { page, popup, state } = await openPopup(t, COOP_KEY);
    assert.equal(await popup.evaluate(() => window.opener), null);
    await page.waitForFunction(() => window.__popup.closed, null, { timeout: 5000 });
    assert.equal(popup.isClosed(), false, 'the popup is still open while its handle reads closed');

    await popup.getByRole('button', { name: 'Allow', exact: true }).click();
    await popup.waitForURL((url) => url.origin === appOrigin);
    const back = Object.fromEntries(new URL(popup.url()).searchParams);
    assert.equal(back.from, 'popup', 'the return keeps redirectUrl’s own query');
    assert.equal(back.state, state);
    assert.equal(back.operation, 'create');
    assert.match(back.connectionId, /^conn_/);
    assert.deepEqual(await page.evaluate(() => window.__messages), []);
    assert.deepEqual((await call('/v1/connect/session-result', { method: 'POST', key: COOP_KEY, body: { state } })).json, {
      status: 'success',
      connectionId: back.connectionId,
      operation: 'create',
    });
  });

  test('a redirect-only app returns the popup by redirect and posts nothing, though its opener is there', { timeout: 30_000 }, async (t) => {
    const { page, popup, state } = await openPopup(t, REDIRECT_KEY);
    assert.equal(await popup.evaluate(() => window.opener !== null), true);
    await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
    await popup.waitForURL((url) => url.origin === appOrigin);
    const back = Object.fromEntries(new URL(popup.url()).searchParams);
    // connect-elements/host returns a user's exit as exit=user (connect-exit, reason 'user').
    assert.deepEqual([back.state, back.exit, back.error], [state, 'user', undefined]);
    assert.deepEqual(await page.evaluate(() => window.__messages), [], 'not even ready');
    assert.deepEqual((await call('/v1/connect/session-result', { method: 'POST', key: REDIRECT_KEY, body: { state } })).json, { status: 'exit' });
  });

  test('a plain popup still posts its result to the opener', { timeout: 30_000 }, async (t) => {
    const { page, popup, state } = await openPopup(t, API_KEY);
    await popup.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.waitForFunction(() => window.__messages.some((message) => message.data.type === 'error'));
    const messages = await page.evaluate(() => window.__messages);
    assert.deepEqual(messages.map((message) => message.data.type), ['ready', 'event', 'error']);
    assert.ok(messages.every((message) => message.origin === sandbox.origin && message.data.state === state));
  });
});
