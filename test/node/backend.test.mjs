// The demo backend (demo/backend.mjs) on connect-elements/server, against the real
// sandbox provider: the default app, the `sandboxApps` variants, and the checks the
// server module adds in front of the provider.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createAppBackend } from '../../demo/backend.mjs';
import { startSandbox } from '../../sandbox/server.mjs';

describe('the demo backend', () => {
  let sandbox;
  let app;
  let appOrigin;
  before(async () => {
    sandbox = await startSandbox({ apps: [{ id: 'demo' }, { id: 'coop' }, { id: 'redirect-only' }] });
    const backend = createAppBackend({
      sandboxOrigin: sandbox.origin,
      apiKey: sandbox.apiKeys.demo,
      sandboxApps: { coop: sandbox.apiKeys.coop, 'redirect-only': sandbox.apiKeys['redirect-only'] },
    });
    app = http.createServer((req, res) => backend(req, res).then((handled) => handled || res.writeHead(404).end()));
    await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${app.address().port}`;
    for (const id of ['demo', 'coop', 'redirect-only']) sandbox.allowOrigin(sandbox.apiKeys[id], appOrigin);
  });
  after(async () => {
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
    await sandbox.close();
  });

  const post = async (path, body, headers = {}) => {
    const response = await fetch(`${appOrigin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-connect-elements': '1', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: JSON.parse(text), text, headers: response.headers };
  };
  const sessionBody = (overrides = {}) => ({ source: 'github', scopes: ['repo'], mode: 'popup', origin: appOrigin, state: randomBytes(16).toString('hex'), ...overrides });

  for (const path of ['/api/connect-session', '/api/sandbox/coop/connect-session', '/api/sandbox/redirect-only/connect-session']) {
    it(`mints a sandbox session at ${path}`, async () => {
      const answer = await post(path, sessionBody());
      assert.equal(answer.status, 200, answer.text);
      assert.equal(new URL(answer.json.connectUrl).origin, sandbox.origin);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      for (const key of Object.values(sandbox.apiKeys)) assert.ok(!answer.text.includes(key));
    });
  }

  it('refuses another origin before the provider is asked', async () => {
    const answer = await post('/api/connect-session', sessionBody({ origin: 'http://127.0.0.1:1' }));
    assert.deepEqual([answer.status, answer.json.error], [403, 'origin_not_allowed']);
  });

  it('refuses a request without the elements header, and other methods', async () => {
    assert.equal((await post('/api/connect-session', sessionBody(), { 'x-connect-elements': '0' })).status, 403);
    assert.equal((await fetch(`${appOrigin}/api/connect-session`)).status, 405);
    assert.equal((await fetch(`${appOrigin}/api/sandbox/coop/connect-result`)).status, 405);
  });

  it('passes the provider’s invalid_scope through without its text', async () => {
    const answer = await post('/api/sandbox/coop/connect-session', sessionBody({ scopes: ['no-such-scope'] }));
    assert.deepEqual([answer.status, answer.json], [400, { error: 'invalid_scope' }]);
  });

  it('answers 404 for an unknown sandbox app', async () => {
    const answer = await post('/api/sandbox/nope/connect-session', sessionBody());
    assert.deepEqual([answer.status, answer.json.error], [404, 'not_found']);
  });

  it('answers 404 not_found from connect-result for a state no flow has', async () => {
    for (const path of ['/api/connect-result', '/api/sandbox/coop/connect-result']) {
      const answer = await post(path, { state: randomBytes(16).toString('hex') });
      assert.deepEqual([answer.status, answer.json.error], [404, 'not_found'], path);
    }
  });

  it('refuses a variant name that is not a route', () => {
    assert.throws(() => createAppBackend({ sandboxOrigin: sandbox.origin, apiKey: 'k', sandboxApps: { 'Co Op': 'k' } }), TypeError);
  });
});
