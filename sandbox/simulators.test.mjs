// The seed systems' simulators over real HTTP, then each one's hosted flow in real
// Chromium from an app page on a second origin: `node --test sandbox/`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { startSimulators } from './simulators/index.mjs';
import { messagePage } from './simulators/pages.mjs';
import { createAppBackend } from '../demo/backend.mjs';
import { call } from './http-client.mjs';

const MINUTE = 60_000;
let clockOffset = 0;
/** Runs `work` with the simulators' clock moved forward by `ms`. */
async function later(ms, work) {
  clockOffset = ms;
  try {
    return await work();
  } finally {
    clockOffset = 0;
  }
}

let sims;
let app; // the app: an embedder/opener page, callback pages and the demo backend, on http://localhost:<port>
let APP;

/** The app's pages: `/` records every message it receives; anything else is a callback page. */
function appPage(req, res) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  const recorder = `<script>
window.__messages = [];
addEventListener('message', (event) => __messages.push({
  origin: event.origin,
  data: event.data,
  fromFrame: Boolean(window.__frame) && event.source === window.__frame.contentWindow,
  fromPopup: Boolean(window.__popup) && event.source === window.__popup,
}));
</script>`;
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title>${req.url === '/' ? recorder : ''}</head><body><h1>App ${req.url === '/' ? 'home' : 'callback'}</h1></body></html>`);
}

before(async () => {
  sims = await startSimulators({ slowMs: 50, now: () => Date.now() + clockOffset });
  let backend;
  app = http.createServer((req, res) => {
    backend(req, res)
      .then((handled) => handled || appPage(req, res))
      .catch(() => {
        res.statusCode = 500;
        res.end();
      });
  });
  await new Promise((resolve) => app.listen(0, 'localhost', resolve));
  APP = `http://localhost:${app.address().port}`;
  // The demo backend with a default-sandbox origin nobody listens on: only the preset routes are used here.
  backend = createAppBackend({ sandboxOrigin: 'http://127.0.0.1:9', apiKey: 'unused', simulators: sims });
  sims.allowOrigin(APP);
  sims.allowRedirectUrl(`${APP}/callback`);
});

after(async () => {
  await sims?.close();
  app?.closeAllConnections();
  await new Promise((resolve) => (app ? app.close(resolve) : resolve()));
});

// --- helpers --------------------------------------------------------------------------


/** The server-rendered config block of a hosted page (`undefined` when it has none). */
function configOf(html) {
  const match = /<script type="application\/json" id="sim-config">([^<]*)<\/script>/.exec(html);
  return match ? JSON.parse(match[1]) : undefined;
}

const params = (url) => Object.fromEntries(new URL(url).searchParams);

/** The href of a page's link back to the app (`undefined` when it has none), its entities decoded. */
function backOf(html) {
  const links = [...html.matchAll(/<a id="back"[^>]* href="([^"]*)"/g)];
  assert.ok(links.length <= 1, 'one link back at most');
  return links[0]?.[1].replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
}

/** GETs `url` as a browser would that came from `referer` (none: `undefined`), `framed` into an iframe or not. */
const visit = (url, { referer, framed = false } = {}) =>
  call(url, { headers: { ...(referer === undefined ? {} : { referer }), ...(framed ? { 'sec-fetch-dest': 'iframe' } : {}) } });

/** Referers that must never become a link: not approved, not http(s), not a URL. */
const HOSTILE_REFERERS = ['https://evil.example/app', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'not a url', 'http://localhost:1/'];

// --- the link back to the app -------------------------------------------------------------------

describe('messagePage', () => {
  const page = (back) => messagePage({ brand: 'Brand', accent: '#000', heading: 'Oops', text: 'Text', isError: true, back });

  test('renders a plain link back after the text, escaped, with the default label', () => {
    const html = page({ href: 'http://localhost:5173/?a=1&b="<x>"' });
    assert.match(html, /<p id="status-text">Text<\/p>\n<a id="back" class="back" href="[^"]+">Back to the app<\/a>/);
    assert.equal(backOf(html), 'http://localhost:5173/?a=1&b=%22%3Cx%3E%22');
    assert.match(page({ href: 'https://app.example/', label: '<b>Home</b>' }), />&#60;b&#62;Home&#60;\/b&#62;<\/a>/);
    assert.doesNotMatch(page(undefined), /id="back"/);
  });

  test('renders no link for anything but an http(s) URL', () => {
    for (const href of ['javascript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', '//evil.example/', '/relative', '', undefined, 42]) {
      const html = page({ href });
      assert.equal(backOf(html), undefined, String(href));
      assert.doesNotMatch(html, /javascript:/i, String(href));
    }
  });
});

// --- Open Data Labs -------------------------------------------------------------------------

describe('Open Data Labs', () => {
  const createSession = (body, key = sims.opendatalabs.apiKey) =>
    call(`${sims.opendatalabs.apiOrigin}/api/v1/connect/sessions`, { method: 'POST', key, body: { source: 'github', scopes: ['repo'], origin: APP, ...body } });

  /** Follows connectUrl's redirect and opens the dashboard page. */
  async function open(connectUrl) {
    const hop = await call(connectUrl);
    assert.equal(hop.status, 302);
    return call(hop.location);
  }

  test('creates a session whose connectUrl, on the API origin, redirects to the dashboard', async () => {
    const { status, json } = await createSession({ appId: 'odl_app_sandbox' });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(json), ['connectUrl']);
    const connectUrl = new URL(json.connectUrl);
    assert.equal(connectUrl.origin, sims.opendatalabs.apiOrigin);
    assert.notEqual(sims.opendatalabs.dashboardOrigin, sims.opendatalabs.apiOrigin);

    const hop = await call(json.connectUrl);
    assert.equal(hop.status, 302);
    const target = new URL(hop.location);
    assert.equal(target.origin, sims.opendatalabs.dashboardOrigin);
    assert.equal(target.pathname, '/connect');
    assert.equal(target.searchParams.get('session'), connectUrl.pathname.split('/').pop());

    const page = await call(hop.location);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy');
    assert.match(csp, new RegExp(`frame-ancestors ${APP}(;|$)`), 'only the session origin may frame it');
    assert.match(csp, /script-src 'self'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.match(page.text, /<label for="outcome">Sandbox outcome<\/label>/);
    assert.deepEqual([...page.text.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]), ['success', 'exit', 'close', 'slow']);
    assert.deepEqual(configOf(page.text).origin, APP);
  });

  test('refuses bad keys, unapproved origins (exactly), unknown apps and sources', async () => {
    assert.equal((await createSession({}, 'nope')).status, 401);
    assert.equal((await createSession({}, null)).json.error, 'invalid_api_key');
    for (const origin of ['http://localhost:1', `${APP}/`, APP.replace('localhost', '127.0.0.1'), 'null']) {
      const refused = await createSession({ origin });
      assert.equal(refused.status, 403, origin);
      assert.equal(refused.json.error, 'origin_not_allowed');
      assert.ok(refused.json.error_description);
    }
    assert.equal((await createSession({ origin: undefined })).status, 400);
    assert.equal((await createSession({ appId: 'odl_app_other' })).status, 400);
    assert.equal((await createSession({ source: 'nope' })).status, 400);
    assert.equal((await createSession({ source: 'peloton' })).json.error, 'source_not_available');
    const wrongType = await call(`${sims.opendatalabs.apiOrigin}/api/v1/connect/sessions`, { method: 'POST', key: sims.opendatalabs.apiKey, body: '{}', headers: { 'content-type': 'text/plain' } });
    assert.equal(wrongType.status, 415);
    assert.equal((await createSession({ scopes: ['x'.repeat(70 * 1024)] })).status, 413);
  });

  test('a session opens once; a used or expired one shows an error and carries no config', async () => {
    const { json } = await createSession();
    assert.equal((await open(json.connectUrl)).status, 200);
    const again = await open(json.connectUrl);
    assert.equal(again.status, 410);
    assert.match(again.text, /already used/);
    assert.equal(configOf(again.text), undefined, 'nothing to post with');

    const stale = (await createSession()).json.connectUrl;
    const expired = await later(10 * MINUTE + 1000, () => open(stale));
    assert.equal(expired.status, 410);
    assert.match(expired.text, /expired/);
    assert.equal(configOf(expired.text), undefined);

    assert.equal((await call(`${sims.opendatalabs.dashboardOrigin}/connect?session=cs_unknown`)).status, 404);
  });

  test("an error page links back to the session's origin, or without a session to an approved Referer; never inside the iframe", async () => {
    const hop = async (connectUrl) => (await call(connectUrl)).location;
    const url = await hop((await createSession()).json.connectUrl);
    assert.equal((await call(url)).status, 200);
    for (const referer of [undefined, ...HOSTILE_REFERERS]) {
      const used = await visit(url, { referer });
      assert.equal(used.status, 410);
      assert.equal(backOf(used.text), `${APP}/`, `the record says where the app is (Referer ${referer})`);
      assert.match(used.text, /Go back to the app and start again\./);
      assert.match(used.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${APP}(;|$)`), 'framing unchanged');
    }
    const inFrame = await visit(url, { referer: `${APP}/`, framed: true });
    assert.equal(backOf(inFrame.text), undefined, 'the app is around the iframe');
    assert.match(inFrame.text, /Close this window and start again from the app\./);

    const stale = await hop((await createSession()).json.connectUrl);
    const expired = await later(10 * MINUTE + 1000, () => visit(stale));
    assert.deepEqual([expired.status, backOf(expired.text)], [410, `${APP}/`]);

    // A session whose origin is no longer approved: no link, even from an approved Referer.
    const other = 'http://127.0.0.1:1';
    sims.allowOrigin(other);
    const otherUrl = await hop((await createSession({ origin: other })).json.connectUrl);
    assert.equal((await call(otherUrl)).status, 200);
    sims.disallowOrigin(other);
    const revoked = await visit(otherUrl, { referer: `${APP}/` });
    assert.equal(revoked.status, 410);
    assert.equal(backOf(revoked.text), undefined);
    assert.match(revoked.text, /Close this window and start again from the app\./);

    // No session (on either origin): the approved Referer's origin only.
    for (const unknown of [`${sims.opendatalabs.dashboardOrigin}/connect?session=cs_unknown`, `${sims.opendatalabs.apiOrigin}/connect/s/cs_unknown`]) {
      const fromApp = await visit(unknown, { referer: `${APP}/settings?tab=1` });
      assert.equal(fromApp.status, 404, unknown);
      assert.equal(backOf(fromApp.text), `${APP}/`, unknown);
      assert.match(fromApp.text, /Go back to the app and start again\./);
      assert.match(fromApp.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${APP}(;|$)`), 'framing unchanged');
      for (const referer of [undefined, ...HOSTILE_REFERERS]) {
        const page = await visit(unknown, { referer });
        assert.equal(backOf(page.text), undefined, `${unknown} from ${referer}`);
        assert.match(page.text, /Start again from the app\./);
      }
      assert.equal(backOf((await visit(unknown, { referer: `${APP}/`, framed: true })).text), undefined, 'not inside the iframe');
    }
  });

  test('renders request strings as text, never markup', async () => {
    const page = await open((await createSession({ scopes: ['<img src=x onerror=alert(1)>', '"></script><b>'] })).json.connectUrl);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /<img src=x|<\/script><b>/);
    assert.match(page.text, /&#60;img src=x onerror=alert\(1\)&#62;/);
  });

  test('Allow creates a connection whose result the backend fetches; exit and close create none', async () => {
    const flowId = configOf((await open((await createSession({ source: 'spotify', scopes: ['user-top-read'] })).json.connectUrl)).text).flowId;
    const complete = (outcome, id = flowId) => call(`${sims.opendatalabs.dashboardOrigin}/connect/complete`, { method: 'POST', body: { flowId: id, outcome } });
    const done = await complete('slow');
    assert.equal(done.status, 200);
    assert.equal(done.json.type, 'success');
    assert.match(done.json.connectionId, /^conn_/);
    assert.equal((await complete('success')).status, 410, 'one decision per page');

    const resultUrl = `${sims.opendatalabs.apiOrigin}/api/v1/connections/${done.json.connectionId}/result`;
    assert.equal((await call(resultUrl)).status, 401);
    const result = await call(resultUrl, { key: sims.opendatalabs.apiKey });
    assert.equal(result.status, 200);
    assert.equal(result.json.connectionId, done.json.connectionId);
    assert.equal(result.json.source, 'spotify');
    assert.deepEqual(result.json.data.scopes, ['user-top-read']);

    const exitFlow = configOf((await open((await createSession()).json.connectUrl)).text).flowId;
    assert.deepEqual((await complete('exit', exitFlow)).json, { type: 'exit' });
    const closeFlow = configOf((await open((await createSession()).json.connectUrl)).text).flowId;
    assert.deepEqual((await complete('close', closeFlow)).json, {});
  });

  test('serves the live catalog as an array of catalog items', async () => {
    const { status, json, headers } = await call(`${sims.opendatalabs.apiOrigin}/api/v1/sources`);
    assert.equal(status, 200);
    assert.equal(headers.get('access-control-allow-origin'), '*');
    assert.ok(Array.isArray(json) && json.length >= 30);
    const github = json.find((source) => source.id === 'github');
    assert.deepEqual(Object.keys(github).sort(), ['category', 'description', 'icon', 'id', 'name', 'scopes', 'status']);
    assert.equal((await call(github.icon)).headers.get('content-type'), 'image/svg+xml');
  });
});

// --- Context Gateway -------------------------------------------------------------------------

describe('Context Gateway', () => {
  const CALLBACK = () => `${APP}/callback?keep=1`;
  const createUrl = (body, key = sims.contextGateway.apiKey) =>
    call(`${sims.contextGateway.origin}/v1/connect-urls`, {
      method: 'POST',
      key,
      body: { userId: 'user_123', source: 'spotify', scopes: ['user-read-email', 'user-top-read'], redirectUrl: CALLBACK(), state: 'csrf_state_123', ...body },
    });
  async function flowOf(body) {
    const page = await call((await createUrl(body)).json.url);
    assert.equal(page.status, 200, page.text);
    return configOf(page.text).flowId;
  }
  const complete = async (flowId, outcome) =>
    (await call(`${sims.contextGateway.origin}/connect/complete`, { method: 'POST', body: { flowId, outcome } })).json.redirect;

  test('creates an opaque single-use connect URL; refuses bad keys, missing fields and unregistered callbacks', async () => {
    const { status, json } = await createUrl();
    assert.equal(status, 200);
    const url = new URL(json.url);
    assert.equal(url.origin + url.pathname, `${sims.contextGateway.origin}/connect`);
    assert.deepEqual([...url.searchParams.keys()], ['request'], 'the parameters stay server-side');
    assert.doesNotMatch(json.url, /spotify|user_123|callback/);

    assert.equal((await createUrl({}, 'nope')).status, 401);
    for (const missing of ['userId', 'source', 'scopes', 'redirectUrl']) {
      assert.equal((await createUrl({ [missing]: undefined })).json.error, 'invalid_request', missing);
    }
    for (const redirectUrl of ['https://evil.example/callback', `${APP}/other`, `${APP.replace('localhost', '127.0.0.1')}/callback`]) {
      const refused = await createUrl({ redirectUrl });
      assert.deepEqual([refused.status, refused.json.error], [400, 'redirect_uri_mismatch'], redirectUrl);
    }
    assert.equal((await createUrl({ existingConnectionId: 'conn_unknown' })).json.error, 'invalid_request');
  });

  test('Allow returns connectionId and state to the callback, keeping its query; reauth keeps the id', async () => {
    const first = params(await complete(await flowOf({ connectionName: 'Primary Spotify Account' }), 'success'));
    assert.equal(first.keep, '1');
    assert.equal(first.state, 'csrf_state_123');
    assert.match(first.connectionId, /^conn_/);
    assert.deepEqual(Object.keys(first).sort(), ['connectionId', 'keep', 'state']);

    const reauth = await call((await createUrl({ existingConnectionId: first.connectionId, scopes: ['playlist-read-private'] })).json.url);
    assert.match(reauth.text, /Update your Spotify connection/);
    const again = params(await complete(configOf(reauth.text).flowId, 'slow'));
    assert.equal(again.connectionId, first.connectionId);
    const stored = await call(`${sims.contextGateway.origin}/v1/connections/${first.connectionId}`, { key: sims.contextGateway.apiKey });
    assert.deepEqual(stored.json.scopes, ['user-read-email', 'user-top-read', 'playlist-read-private']);
    assert.equal(stored.json.name, 'Primary Spotify Account');

    assert.equal((await createUrl({ existingConnectionId: first.connectionId, source: 'github', scopes: ['repo'] })).status, 400, 'another source');
  });

  test('each documented error code returns error, error_description and state; Cancel is user_denied; no state when none was given', async () => {
    for (const code of ['user_denied', 'source_error', 'provisioning_failed', 'timeout', 'invalid_scope']) {
      const back = params(await complete(await flowOf(), code));
      assert.equal(back.error, code);
      assert.ok(back.error_description, code);
      assert.equal(back.state, 'csrf_state_123');
      assert.equal(back.keep, '1');
      assert.equal(back.connectionId, undefined);
    }
    const cancelled = params(await complete(await flowOf({ state: undefined }), 'cancel'));
    assert.equal(cancelled.error, 'user_denied');
    assert.equal('state' in cancelled, false);
  });

  test('refuses scopes the source lacks at once; a used link shows an error; an expired one returns timeout', async () => {
    const badScope = await call((await createUrl({ scopes: ['user-top-read', 'admin:everything'] })).json.url);
    assert.equal(badScope.status, 302);
    assert.equal(params(badScope.location).error, 'invalid_scope');
    assert.equal(params(badScope.location).state, 'csrf_state_123');

    const { url } = (await createUrl()).json;
    assert.equal((await call(url)).status, 200);
    const used = await call(url);
    assert.equal(used.status, 410);
    assert.equal(used.location, null);

    const stale = (await createUrl()).json.url;
    const expired = await later(10 * MINUTE + 1000, () => call(stale));
    assert.equal(expired.status, 302);
    assert.deepEqual([params(expired.location).error, params(expired.location).state], ['timeout', 'csrf_state_123']);
  });

  test('a callback no longer registered gets an error page and no redirect', async () => {
    const callback = `${APP}/callback-removed`;
    sims.allowRedirectUrl(callback);
    const { url } = (await createUrl({ redirectUrl: callback })).json;
    sims.disallowRedirectUrl(callback);
    const page = await call(url);
    assert.equal(page.status, 400);
    assert.equal(page.location, null);
    assert.match(page.text, /redirect_uri_mismatch/);
    assert.equal(configOf(page.text), undefined);
    // A link to the app's approved origin, never to the unregistered callback.
    assert.equal(backOf(page.text), `${APP}/`);
    assert.doesNotMatch(page.text, /callback-removed/);

    // A callback on an origin that is not an approved app origin: no link at all, whatever the Referer.
    const foreign = 'http://127.0.0.1:2/callback';
    sims.allowRedirectUrl(foreign);
    const foreignUrl = (await createUrl({ redirectUrl: foreign })).json.url;
    sims.disallowRedirectUrl(foreign);
    for (const referer of [undefined, `${APP}/`, ...HOSTILE_REFERERS]) {
      const refused = await visit(foreignUrl, { referer });
      assert.deepEqual([refused.status, backOf(refused.text)], [400, undefined], String(referer));
      assert.doesNotMatch(refused.text, /127\.0\.0\.1:2/);
    }
  });

  test('an error page links back to the callback’s origin from the record, or without a record to an approved Referer', async () => {
    const { url } = (await createUrl()).json;
    assert.equal((await call(url)).status, 200);
    for (const referer of [undefined, ...HOSTILE_REFERERS]) {
      const used = await visit(url, { referer });
      assert.equal(used.status, 410);
      assert.equal(backOf(used.text), `${APP}/`, `from the record, not the Referer ${referer}`);
      assert.match(used.text, /Go back to the app and start again\./);
      assert.match(used.headers.get('content-security-policy'), /frame-ancestors 'none'/, 'framing unchanged');
    }

    const unknown = `${sims.contextGateway.origin}/connect?request=unknown`;
    const fromApp = await visit(unknown, { referer: `${APP}/connect?source=github` });
    assert.deepEqual([fromApp.status, backOf(fromApp.text)], [404, `${APP}/`]);
    assert.match(fromApp.text, /Go back to the app and start again\./);
    for (const referer of [undefined, ...HOSTILE_REFERERS]) {
      const page = await visit(unknown, { referer });
      assert.equal(backOf(page.text), undefined, String(referer));
      assert.match(page.text, /Start again from the app\./);
    }
    // Nothing in the URL the visitor controls becomes the link.
    const planted = await visit(`${unknown}&redirectUrl=${encodeURIComponent('https://evil.example/')}&back=${encodeURIComponent('javascript:alert(1)')}`);
    assert.equal(backOf(planted.text), undefined);
    assert.doesNotMatch(planted.text, /evil\.example|javascript:/);
  });
});

// --- Alter -------------------------------------------------------------------------

describe('Alter', () => {
  const createSession = (body, key = sims.alter.apiKey) =>
    call(`${sims.alter.origin}/v1/connect/sessions`, { method: 'POST', key, body: { allowed_providers: ['github'], allowed_origin: APP, return_url: `${APP}/callback?keep=1`, ...body } });
  const claim = (token) => call(`${sims.alter.origin}/sdk/oauth/claim`, { method: 'POST', body: { session_token: token } });
  const complete = (flowId, outcome, provider = 'github') => call(`${sims.alter.origin}/sdk/oauth/complete`, { method: 'POST', body: { flowId, outcome, provider } });

  test('mints a 10-minute session token; refuses bad keys, providers, origins and return URLs', async () => {
    const { status, json } = await createSession();
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(json).sort(), ['expires_at', 'session_token']);
    const ttl = Date.parse(json.expires_at) - Date.now();
    assert.ok(ttl > 9 * MINUTE && ttl <= 10 * MINUTE, `${ttl} ms`);

    assert.equal((await createSession({}, 'nope')).status, 401);
    assert.equal((await createSession({ allowed_providers: [] })).status, 400);
    assert.equal((await createSession({ allowed_providers: ['nope'] })).status, 400);
    assert.equal((await createSession({ allowed_origin: 'https://evil.example' })).json.error, 'origin_not_allowed');
    assert.equal((await createSession({ return_url: 'https://evil.example/cb' })).json.error, 'redirect_uri_mismatch');

    const page = await call(`${sims.alter.origin}/sdk/oauth/connect`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.match(page.text, /Sandbox outcome/);
  });

  test('the status screen (where the page reports an invalid, used or expired link) links back to an approved Referer only', async () => {
    const connect = `${sims.alter.origin}/sdk/oauth/connect`;
    const fromApp = await visit(connect, { referer: `${APP}/integrations` });
    assert.equal(fromApp.status, 200);
    assert.equal(backOf(fromApp.text), `${APP}/`);
    assert.match(fromApp.text, /<section id="status"[^>]*>[^]*<a id="back"[^]*<\/section>/, 'on the status screen');
    assert.match(fromApp.headers.get('content-security-policy'), /frame-ancestors 'none'/, 'framing unchanged');
    for (const referer of [undefined, ...HOSTILE_REFERERS]) {
      const page = await visit(connect, { referer });
      assert.equal(page.status, 200);
      assert.equal(backOf(page.text), undefined, String(referer));
    }
    // The fragment's token never reaches the server; nothing in the query becomes the link.
    assert.equal(backOf((await visit(`${connect}?return_url=${encodeURIComponent('https://evil.example/')}`)).text), undefined);
  });

  test('claims once; a used or expired token ends in invalid_token for the popup and the redirect', async () => {
    const token = (await createSession()).json.session_token;
    const first = await claim(token);
    assert.equal(first.status, 200);
    assert.deepEqual(first.json.providers.map((provider) => provider.id), ['github']);

    const used = await claim(token);
    assert.equal(used.status, 410);
    assert.deepEqual(used.json.message, { type: 'alter_connect_error', error: 'invalid_token', error_description: used.json.error_description });
    assert.equal(used.json.targetOrigin, APP);
    assert.deepEqual(params(used.json.redirect), { keep: '1', alter_connect_error: 'true', error_code: 'invalid_token', error_description: used.json.error_description });

    const stale = (await createSession()).json.session_token;
    const expired = await later(10 * MINUTE + 1000, () => claim(stale));
    assert.deepEqual([expired.status, expired.json.message.error], [410, 'invalid_token']);

    const unknown = await claim('alt_sess_unknown');
    assert.deepEqual([unknown.status, unknown.json.error, unknown.json.targetOrigin], [404, 'invalid_token', undefined]);
  });

  test('success sends one grant to allowed_origin or to return_url; the second time it is a reauth of the same grant', async () => {
    const flow = async (body) => (await claim((await createSession(body)).json.session_token)).json.flowId;
    const first = (await complete(await flow({ allowed_providers: ['linear'] }), 'success', 'linear')).json;
    assert.equal(first.targetOrigin, APP);
    assert.equal(first.message.type, 'alter_connect_success');
    assert.equal(first.message.grants.length, 1);
    const [grant] = first.message.grants;
    assert.deepEqual(Object.keys(grant).sort(), ['account_identifier', 'grant_id', 'metadata', 'operation', 'provider', 'provider_name', 'scopes', 'status', 'timestamp']);
    assert.deepEqual([grant.provider, grant.provider_name, grant.operation, grant.status, grant.account_identifier], ['linear', 'Linear', 'creation', 'active', 'user@example.com']);
    assert.deepEqual(params(first.redirect), {
      keep: '1',
      alter_connect_success: 'true',
      grant_id: grant.grant_id,
      provider: 'linear',
      account_identifier: 'user@example.com',
      operation: 'creation',
      scopes: grant.scopes.join(' '),
      status: 'active',
    });

    const secondClaim = await claim((await createSession({ allowed_providers: ['github', 'linear'] })).json.session_token);
    assert.deepEqual(secondClaim.json.providers.map((provider) => provider.operation), ['creation', 'reauth']);
    const second = (await complete(secondClaim.json.flowId, 'slow', 'linear')).json;
    assert.equal(second.message.grants[0].grant_id, grant.grant_id);
    assert.equal(second.message.grants[0].operation, 'reauth');
    assert.equal((await complete(secondClaim.json.flowId, 'success', 'linear')).status, 410, 'one decision per flow');

    const withoutOrigin = (await complete(await flow({ allowed_origin: undefined, return_url: undefined, allowed_providers: ['slack'] }), 'success', 'slack')).json;
    assert.equal(withoutOrigin.message.type, 'alter_connect_success');
    assert.equal('targetOrigin' in withoutOrigin, false, 'no allowed_origin: nothing is posted');
    assert.equal('redirect' in withoutOrigin, false);

    assert.equal((await complete(await flow(), 'success', 'slack')).status, 400, 'a provider outside allowed_providers');
  });

  test('errors carry error and error_description, and error_code in the redirect', async () => {
    const flowId = (await claim((await createSession()).json.session_token)).json.flowId;
    const { json } = await complete(flowId, 'provider_error');
    assert.deepEqual(json.message, { type: 'alter_connect_error', error: 'provider_error', error_description: json.message.error_description });
    assert.ok(json.message.error_description);
    assert.deepEqual(params(json.redirect), { keep: '1', alter_connect_error: 'true', error_code: 'provider_error', error_description: json.message.error_description });
  });
});

// --- Thryve -------------------------------------------------------------------------

describe('Thryve', () => {
  const RETURN = () => `${APP}/callback?keep=1`;
  async function connection(endUserId) {
    const { status, json } = await call(`${sims.thryve.origin}/widget/v6/connection`, { method: 'POST', key: sims.thryve.apiKey, body: endUserId ? { endUserId } : {} });
    assert.equal(status, 200);
    return json;
  }
  const tokenOf = (answer) => new URL(answer.data.url).searchParams.get('connectionSessionToken');
  const directUrl = (token, dataSource, redirectUri = RETURN()) =>
    `${sims.thryve.origin}/dataSourceDirectConnection.html?${new URLSearchParams({ token, dataSource: String(dataSource), ...(redirectUri ? { redirect_uri: redirectUri } : {}) })}`;
  const revokeUrl = (token, dataSource, redirectUri = RETURN()) =>
    `${sims.thryve.origin}/dataSourceDirectRevoke.html?${new URLSearchParams({ token, dataSource: String(dataSource), direct: 'true', ...(redirectUri ? { redirect_uri: redirectUri } : {}) })}`;
  const connectedOf = async (token) => (await call(`${sims.thryve.origin}/debug/connections?token=${token}`)).json.dataSources;
  async function decide(url, outcome) {
    const page = await call(url);
    assert.equal(page.status, 200, page.text);
    return (await call(`${sims.thryve.origin}/dataSourceDirectConnection/complete`, { method: 'POST', body: { flowId: configOf(page.text).flowId, outcome } })).json.redirect;
  }
  /** The address the result or revoke page forwards to. */
  const forwardOf = async (url) => configOf((await call(url)).text)?.forward;

  test('answers widget/v6/connection with the widget URL carrying the token; lists numeric data sources', async () => {
    assert.equal((await call(`${sims.thryve.origin}/widget/v6/connection`, { method: 'POST', body: {} })).status, 401);
    const answer = await connection('user-1');
    assert.equal(answer.type, 'enduser.widget.connection');
    const url = new URL(answer.data.url);
    assert.equal(url.origin + url.pathname, `${sims.thryve.origin}/widget/`);
    assert.deepEqual([url.searchParams.get('platform'), url.searchParams.get('lang')], ['web', 'en']);
    assert.match(tokenOf(answer), /^\d{10}X\d{19}$/);
    const widget = await call(answer.data.url);
    assert.equal(widget.status, 200);
    assert.match(widget.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${APP}`));

    const { json } = await call(`${sims.thryve.origin}/dataSources`);
    const ids = Object.fromEntries(json.map((source) => [source.slug, source.id]));
    assert.deepEqual([ids.fitbit, ids.garmin, ids.polar, ids.withings, ids.strava], ['1', '2', '3', '8', '11']);
    for (const source of json) {
      assert.match(source.id, /^\d+$/);
      assert.deepEqual(source.scopes, []);
      assert.ok(source.name && source.icon && source.description && source.category && source.status);
    }
  });

  test('one token connects several data sources; the result page forwards connected=true|false, keeping the query', async () => {
    const token = tokenOf(await connection());
    const ok = await decide(directUrl(token, 1), 'success');
    assert.deepEqual(params(ok), { connected: 'true', dataSource: '1', redirect_uri: RETURN() });
    assert.equal(new URL(ok).pathname, '/dataSourceDirectConnectionResult.html');
    assert.equal(await forwardOf(ok), `${APP}/callback?keep=1&connected=true`);

    assert.equal(params(await decide(directUrl(token, 11), 'slow')).connected, 'true');
    for (const outcome of ['failed', 'deny', 'cancel']) {
      assert.equal(params(await decide(directUrl(token, 8), outcome)).connected, 'false', outcome);
    }
    assert.deepEqual(await connectedOf(token), [1, 11]);

    const noRedirect = await decide(directUrl(token, 2, null), 'success');
    assert.equal(params(noRedirect).redirect_uri, undefined);
    const page = await call(noRedirect);
    assert.match(page.text, /You can close this tab/);
    assert.equal(configOf(page.text), undefined);
  });

  test('revokes in the background with a plain GET, and as a page forwards connected=false', async () => {
    const token = tokenOf(await connection());
    await decide(directUrl(token, 1), 'success');
    await decide(directUrl(token, 3), 'success');
    assert.deepEqual(await connectedOf(token), [1, 3]);

    const background = await fetch(revokeUrl(token, 1, null));
    assert.equal(background.status, 200);
    assert.deepEqual(await connectedOf(token), [3]);

    assert.equal(await forwardOf(revokeUrl(token, 3)), `${APP}/callback?keep=1&connected=false`);
    assert.deepEqual(await connectedOf(token), []);
  });

  test('unknown or expired tokens, unknown data sources and unregistered redirect_uri get an error page', async () => {
    const token = tokenOf(await connection());
    for (const [url, status] of [
      [directUrl('1234567890X1234567890123456789', 1), 404],
      [directUrl(token, 99), 404],
      [directUrl(token, 'fitbit'), 404],
      [directUrl(token, 1, 'https://evil.example/back'), 400],
      [revokeUrl('1234567890X1234567890123456789', 1), 404],
      [`${sims.thryve.origin}/dataSourceDirectConnectionResult.html?connected=true&redirect_uri=${encodeURIComponent('https://evil.example/')}`, 400],
    ]) {
      const page = await call(url);
      assert.equal(page.status, status, url);
      assert.equal(configOf(page.text), undefined, url);
    }
    assert.equal((await later(59 * MINUTE, () => call(directUrl(token, 1)))).status, 200, 'still valid within the hour');
    assert.equal((await later(61 * MINUTE, () => call(directUrl(token, 1)))).status, 410);
  });

  test('an error page links back to an approved Referer only: a token records no app, and redirect_uri is never the link', async () => {
    const token = tokenOf(await connection());
    const evil = 'https://evil.example/back';
    const unknownToken = '1234567890X1234567890123456789';
    const pages = [
      [directUrl(unknownToken, 1), 404, /The connection session is unknown\. Go back to the app and start again\./],
      [revokeUrl(unknownToken, 1), 404, /Go back to the app and start again\./],
      [directUrl(token, 99), 404, /This data source is not available\. Go back to the app and start again\./],
      [directUrl(token, 1, evil), 400, /You cannot be sent back to it\./],
      [revokeUrl(token, 1, evil), 400, /You cannot be sent back to it\./],
      [`${sims.thryve.origin}/dataSourceDirectConnectionResult.html?connected=maybe`, 400, /Go back to the app and start again\./],
      [`${sims.thryve.origin}/dataSourceDirectConnectionResult.html?connected=true&redirect_uri=${encodeURIComponent(evil)}`, 400, /Go back to the app and start again\./],
      [`${sims.thryve.origin}/widget/?connectionSessionToken=${unknownToken}`, 404, /Go back to the app and start again\./],
    ];
    for (const [url, status, text] of pages) {
      const fromApp = await visit(url, { referer: `${APP}/sources` });
      assert.equal(fromApp.status, status, url);
      assert.equal(backOf(fromApp.text), `${APP}/`, url);
      assert.match(fromApp.text, text, url);
      assert.doesNotMatch(fromApp.text, /evil\.example/, url);
      for (const referer of [undefined, ...HOSTILE_REFERERS]) {
        const page = await visit(url, { referer });
        assert.equal(backOf(page.text), undefined, `${url} from ${referer}`);
        assert.match(page.text, /Start again from the app\.|You can close this tab\.|Tell the app’s developers/, url);
      }
    }
    const expired = await later(61 * MINUTE, () => visit(directUrl(token, 1), { referer: `${APP}/` }));
    assert.deepEqual([expired.status, backOf(expired.text)], [410, `${APP}/`]);

    // The widget is for the app's iframe: no link there, and its framing is unchanged.
    const widget = await visit(`${sims.thryve.origin}/widget/?connectionSessionToken=${unknownToken}`, { referer: `${APP}/`, framed: true });
    assert.equal(backOf(widget.text), undefined);
    assert.match(widget.text, /Start again from the app\./);
    assert.match(widget.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${APP}`));
  });
});

// --- the demo backend's preset routes -----------------------------------------------------------

describe('demo backend preset routes', () => {
  const sessionFor = (preset, body, headers = { 'x-connect-elements': '1' }) =>
    call(`${APP}/api/presets/${preset}/connect-session`, {
      method: 'POST',
      headers,
      body: { source: 'fitbit', scopes: ['activity'], mode: 'popup', origin: APP, state: 'state_0123456789abcdefghijk', redirectUrl: `${APP}/callback?ce=1`, ...body },
    });

  test('answer each preset in the session shape of API.md', async () => {
    const odl = await sessionFor('opendatalabs');
    assert.equal(odl.status, 200);
    assert.equal(new URL(odl.json.connectUrl).origin, sims.opendatalabs.apiOrigin);
    assert.equal(odl.json.messageOrigin, sims.opendatalabs.dashboardOrigin);

    const cg = await sessionFor('context-gateway', { mode: 'redirect' });
    assert.equal(new URL(cg.json.connectUrl).origin, sims.contextGateway.origin);
    assert.equal((await call(cg.json.connectUrl)).status, 200, "the consent page, not an immediate error return");

    const alter = await sessionFor('alter');
    assert.match(alter.json.sessionToken, /^alt_sess_/);
    assert.ok(Date.parse(alter.json.expiresAt) > Date.now());
    // Only the contract's four fields come back (connect-elements/server); the page reads Alter's base URL from /api/presets.
    assert.equal(alter.json.baseUrl, undefined);
    assert.equal((await call(`${APP}/api/presets`)).json.alter.baseUrl, sims.alter.origin);

    const thryve = await sessionFor('thryve');
    assert.equal(new URL(thryve.json.connectUrl).origin, sims.thryve.origin);
    assert.match(new URL(thryve.json.connectUrl).searchParams.get('connectionSessionToken'), /^\d+X\d+$/);
  });

  test('pass vendor errors through and insist on the elements header', async () => {
    const refused = await sessionFor('opendatalabs', { origin: 'https://evil.example' });
    assert.deepEqual([refused.status, refused.json.error], [403, 'origin_not_allowed']);
    const mismatch = await sessionFor('context-gateway', { redirectUrl: 'https://evil.example/cb' });
    assert.deepEqual([mismatch.status, mismatch.json.error], [400, 'redirect_uri_mismatch']);
    // Without the x-connect-elements header: refused before anything is minted.
    assert.deepEqual(await sessionFor('alter', {}, {}).then((r) => [r.status, r.json.error]), [403, 'forbidden']);
    assert.equal((await sessionFor('nope')).status, 404);
  });

  test('serve the Open Data Labs and Thryve catalogs', async () => {
    const odl = await call(`${APP}/api/presets/opendatalabs/sources`);
    assert.ok(odl.json.some((source) => source.id === 'github'));
    const thryve = await call(`${APP}/api/presets/thryve/sources`);
    assert.ok(thryve.json.some((source) => source.id === '1' && source.name === 'Fitbit'));
  });
});

// --- in Chromium, from an app page on a second origin ----------------------------------------

describe('in Chromium', () => {
  let browser;
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  });
  after(() => browser?.close());

  async function appTab(t) {
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${APP}/`);
    return { context, page };
  }
  const messages = (page) => page.evaluate(() => window.__messages);
  const choose = async (where, outcome, button = 'Allow') => {
    await where.getByRole('combobox', { name: 'Sandbox outcome' }).selectOption(outcome);
    await where.getByRole('button', { name: button, exact: true }).click();
  };

  test('Open Data Labs: the iframe posts ready, then success or exit, from the dashboard origin', { timeout: 30_000 }, async (t) => {
    const { page } = await appTab(t);
    const embed = async () => {
      const { json } = await call(`${sims.opendatalabs.apiOrigin}/api/v1/connect/sessions`, { method: 'POST', key: sims.opendatalabs.apiKey, body: { source: 'github', origin: APP } });
      await page.evaluate((src) => {
        window.__messages.length = 0;
        window.__frame?.remove();
        window.__frame = Object.assign(document.createElement('iframe'), { src, title: 'Connect' });
        window.__frame.style.height = '720px';
        document.body.append(window.__frame);
      }, json.connectUrl);
      const frame = page.frameLocator('iframe');
      await frame.getByRole('button', { name: 'Allow', exact: true }).waitFor();
      return frame;
    };

    await choose(await embed(), 'success');
    await page.waitForFunction(() => window.__messages.length >= 2);
    const success = await messages(page);
    assert.deepEqual(success.map((message) => message.data.type), ['ready', 'success']);
    assert.deepEqual(Object.keys(success[1].data).sort(), ['connectionId', 'type']);
    assert.match(success[1].data.connectionId, /^conn_/);
    for (const message of success) {
      assert.equal(message.origin, sims.opendatalabs.dashboardOrigin);
      assert.equal(message.fromFrame, true);
    }

    await (await embed()).getByRole('button', { name: 'Deny', exact: true }).click();
    await page.waitForFunction(() => window.__messages.length >= 2);
    const denied = await messages(page);
    assert.deepEqual(denied.map((message) => message.data), [{ type: 'ready' }, { type: 'exit' }]);
    assert.equal(denied[1].origin, sims.opendatalabs.dashboardOrigin);
  });

  test('Context Gateway: the full-page flow returns to the callback with connectionId or error, and state', { timeout: 30_000 }, async (t) => {
    const { page } = await appTab(t);
    const go = async (body) => {
      const { json } = await call(`${sims.contextGateway.origin}/v1/connect-urls`, {
        method: 'POST',
        key: sims.contextGateway.apiKey,
        body: { userId: 'user_123', source: 'github', scopes: ['repo'], redirectUrl: `${APP}/callback?keep=1`, state: 'state_browser', ...body },
      });
      await page.goto(json.url);
      await page.getByRole('button', { name: 'Allow', exact: true }).waitFor();
    };

    await go();
    await choose(page, 'success');
    await page.waitForURL((url) => url.pathname === '/callback');
    const success = params(page.url());
    assert.deepEqual(Object.keys(success).sort(), ['connectionId', 'keep', 'state']);
    assert.equal(success.state, 'state_browser');
    assert.equal(await page.evaluate(() => document.referrer), '', 'the connect URL does not leak as a referrer');

    await go();
    await choose(page, 'source_error');
    await page.waitForURL((url) => url.pathname === '/callback');
    const failed = params(page.url());
    assert.deepEqual([failed.error, failed.state, failed.keep, failed.connectionId], ['source_error', 'state_browser', '1', undefined]);
    assert.ok(failed.error_description);
  });

  test('Alter: the popup posts to allowed_origin and closes; without an opener it returns to return_url', { timeout: 30_000 }, async (t) => {
    const { context, page } = await appTab(t);
    const session = async (body) =>
      (await call(`${sims.alter.origin}/v1/connect/sessions`, { method: 'POST', key: sims.alter.apiKey, body: { allowed_providers: ['notion'], allowed_origin: APP, return_url: `${APP}/callback?keep=1`, ...body } })).json.session_token;
    const openPopup = async (token) => {
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        page.evaluate((url) => {
          window.__messages.length = 0;
          window.__popup = window.open(url, 'alter', 'popup,width=500,height=700');
        }, `${sims.alter.origin}/sdk/oauth/connect#session=${token}`),
      ]);
      await popup.getByRole('button', { name: 'Allow', exact: true }).waitFor();
      assert.equal(new URL(popup.url()).hash, '', 'the token leaves the address bar');
      return popup;
    };

    const token = await session();
    let popup = await openPopup(token);
    await choose(popup, 'success');
    await page.waitForFunction(() => window.__messages.length >= 1);
    if (!popup.isClosed()) await popup.waitForEvent('close');
    const [success] = await messages(page);
    assert.equal(success.origin, sims.alter.origin);
    assert.equal(success.fromPopup, true);
    assert.equal(success.data.type, 'alter_connect_success');
    assert.deepEqual(
      [success.data.grants[0].provider, success.data.grants[0].operation, success.data.grants[0].account_identifier],
      ['notion', 'creation', 'user@example.com'],
    );

    popup = await openPopup(await session());
    await popup.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.waitForFunction(() => window.__messages.length >= 1);
    const [denied] = await messages(page);
    assert.equal(denied.origin, sims.alter.origin);
    assert.deepEqual(denied.data, { type: 'alter_connect_error', error: 'user_denied', error_description: denied.data.error_description });

    // Redirect mode (no opener) with the token the first popup already used.
    await page.goto(`${sims.alter.origin}/sdk/oauth/connect#session=${token}`);
    await page.waitForURL((url) => url.pathname === '/callback');
    const back = params(page.url());
    assert.deepEqual([back.keep, back.alter_connect_error, back.error_code], ['1', 'true', 'invalid_token']);

    // And a reauth through the redirect: same provider and account.
    await page.goto(`${sims.alter.origin}/sdk/oauth/connect#session=${await session()}`);
    await page.getByRole('heading', { name: 'Reconnect Notion' }).waitFor();
    await choose(page, 'success');
    await page.waitForURL((url) => url.pathname === '/callback');
    const reauth = params(page.url());
    assert.deepEqual([reauth.alter_connect_success, reauth.operation, reauth.grant_id], ['true', 'reauth', success.data.grants[0].grant_id]);
  });

  test('an error page reached from the app links back to it; in the app’s iframe it offers no link', { timeout: 30_000 }, async (t) => {
    const { page } = await appTab(t);
    // A full-page visit from the app: the browser's own Referer names the app's origin.
    await page.evaluate((url) => location.assign(url), `${sims.contextGateway.origin}/connect?request=unknown`);
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    const back = page.getByRole('link', { name: 'Back to the app' });
    assert.equal(await back.getAttribute('href'), `${APP}/`);
    await back.click();
    await page.waitForURL(`${APP}/`);

    // A used Open Data Labs session in the app's iframe: the app is around it, so no link.
    const { json } = await call(`${sims.opendatalabs.apiOrigin}/api/v1/connect/sessions`, { method: 'POST', key: sims.opendatalabs.apiKey, body: { source: 'github', origin: APP } });
    assert.equal((await call((await call(json.connectUrl)).location)).status, 200);
    await page.evaluate((src) => document.body.append(Object.assign(document.createElement('iframe'), { src, title: 'Connect' })), json.connectUrl);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { name: 'This session was already used' }).waitFor();
    assert.equal(await frame.getByRole('link').count(), 0);
    assert.equal(await frame.locator('#status-text').textContent(), 'Close this window and start again from the app.');
  });

  test('Thryve: direct connection returns connected=true|false to redirect_uri; a background revoke works from a page', { timeout: 30_000 }, async (t) => {
    const { page } = await appTab(t);
    const { json } = await call(`${sims.thryve.origin}/widget/v6/connection`, { method: 'POST', key: sims.thryve.apiKey, body: { endUserId: 'browser-user' } });
    const token = new URL(json.data.url).searchParams.get('connectionSessionToken');
    const direct = (dataSource) =>
      `${sims.thryve.origin}/dataSourceDirectConnection.html?${new URLSearchParams({ token, dataSource: String(dataSource), redirect_uri: `${APP}/callback?keep=1` })}`;

    await page.goto(direct(1));
    await choose(page, 'success');
    await page.waitForURL((url) => url.pathname === '/callback');
    assert.deepEqual(params(page.url()), { keep: '1', connected: 'true' });

    await page.goto(direct(2));
    await page.getByRole('button', { name: 'Deny', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/callback');
    assert.deepEqual(params(page.url()), { keep: '1', connected: 'false' });

    const revoke = `${sims.thryve.origin}/dataSourceDirectRevoke.html?${new URLSearchParams({ token, dataSource: '1', direct: 'true' })}`;
    assert.equal(await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then((response) => response.type), revoke), 'opaque');
    assert.deepEqual((await call(`${sims.thryve.origin}/debug/connections?token=${token}`)).json.dataSources, []);
  });
});

describe('openerPolicy', () => {
  const coop = (response) => response.headers.get('cross-origin-opener-policy');

  test('serves the hosted pages of every simulator, or only of those named, with Cross-Origin-Opener-Policy', async (t) => {
    const all = await startSimulators({ openerPolicy: 'same-origin' });
    t.after(() => all.close());
    const pages = (set) => [
      `${set.alter.origin}/sdk/oauth/connect`,
      `${set.contextGateway.origin}/connect?request=unknown`,
      `${set.opendatalabs.dashboardOrigin}/connect?session=unknown`,
      `${set.thryve.origin}/dataSourceDirectConnection.html?token=unknown`,
    ];
    for (const url of pages(all)) assert.equal(coop(await call(url)), 'same-origin', url);
    // The APIs are not pages: no header there.
    assert.equal(coop(await call(`${all.thryve.origin}/dataSources`)), null);

    const one = await startSimulators({ openerPolicy: { alter: 'same-origin' } });
    t.after(() => one.close());
    const [alterPage, ...others] = pages(one);
    assert.equal(coop(await call(alterPage)), 'same-origin');
    for (const url of others) assert.equal(coop(await call(url)), null, url);
    for (const url of pages(sims)) assert.equal(coop(await call(url)), null, `default: ${url}`);
  });

  test('refuses a policy it does not know', async () => {
    await assert.rejects(startSimulators({ openerPolicy: 'unsafe-none' }), TypeError);
  });
});
