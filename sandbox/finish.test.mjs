// Flows that finish by themselves, the sandbox's data directory, and what the
// packaged sandbox serves: `node --test sandbox/`. The browser side (each outcome
// ends in its event exactly once) is test/examples/sandbox-cli.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_ERROR_CODES, FINISH_OUTCOMES, MAX_FINISH_AFTER_MS, startSandbox } from './server.mjs';
import { call as request } from './http-client.mjs';
import { loadServerModule } from '../scripts/load-server.mjs';

const APP_ORIGIN = 'http://localhost:5173';
const API_KEY = 'sk_sandbox_finish_test_key_0123';
const STATE = 'state_0123456789abcdefghijk';

let sandbox;
before(async () => {
  sandbox = await startSandbox({ apps: [{ id: 'app', apiKey: API_KEY, allowedOrigins: [APP_ORIGIN] }], slowMs: 10 });
});
after(() => sandbox.close());

const call = (path, { key = API_KEY, ...options } = {}) => request(`${sandbox.origin}${path}`, { ...options, key });
const mint = (fields = {}) =>
  call('/v1/connect/sessions', { method: 'POST', body: { source: 'github', scopes: ['repo'], mode: 'popup', origin: APP_ORIGIN, state: STATE, ...fields } });
const tokenOf = (connectUrl) => new URL(connectUrl).hash.replace('#session=', '');
const claim = (token) => call('/connect/claim', { method: 'POST', key: null, body: { token } });
const complete = (flowId, outcome) => call('/connect/complete', { method: 'POST', key: null, body: { flowId, outcome } });

describe('a session that finishes by itself', () => {
  test('carries the outcome and delay its backend asked for to the hosted page, in the claim answer only', async () => {
    const { status, json } = await mint({ outcome: 'user_denied', after: 250 });
    assert.equal(status, 200);
    // Nothing about it in the URL the browser opens.
    assert.doesNotMatch(json.connectUrl, /outcome|after|denied/);
    const claimed = await claim(tokenOf(json.connectUrl));
    assert.deepEqual(claimed.json.finish, { outcome: 'user_denied', after: 250 });
  });

  test('says nothing of finishing when the backend asked for nothing', async () => {
    const { json } = await mint();
    assert.equal((await claim(tokenOf(json.connectUrl))).json.finish, undefined);
  });

  test('defaults the delay to 0 and takes every outcome the contract names', async () => {
    for (const outcome of FINISH_OUTCOMES) {
      const { status, json } = await mint({ outcome });
      assert.equal(status, 200, outcome);
      assert.deepEqual((await claim(tokenOf(json.connectUrl))).json.finish, { outcome, after: 0 });
    }
  });

  test('refuses an unknown outcome, a bad delay, and a delay with no outcome', async () => {
    for (const fields of [
      { outcome: 'maybe' },
      { outcome: 'slow' },
      { outcome: ['success'] },
      { outcome: 'success', after: -1 },
      { outcome: 'success', after: 1.5 },
      { outcome: 'success', after: '100' },
      { outcome: 'success', after: MAX_FINISH_AFTER_MS + 1 },
      { after: 100 },
    ]) {
      const { status, json } = await mint(fields);
      assert.equal(status, 400, JSON.stringify(fields));
      assert.equal(json.error, 'invalid_request');
    }
  });

  test('records an error code the panel does not offer only for a session that asked for it', async () => {
    const asked = await mint({ outcome: 'redirect_uri_mismatch', after: 0 });
    const { json: flow } = await claim(tokenOf(asked.json.connectUrl));
    const answer = await complete(flow.flowId, 'redirect_uri_mismatch');
    assert.equal(answer.status, 200);
    assert.equal(answer.json.error, 'redirect_uri_mismatch');
    const result = await call('/v1/connect/session-result', { method: 'POST', body: { state: STATE } });
    assert.deepEqual({ status: result.json.status, code: result.json.code }, { status: 'error', code: 'redirect_uri_mismatch' });

    // A page of a session that asked for nothing (or for another code) cannot report it.
    const plain = await mint();
    const { json: other } = await claim(tokenOf(plain.json.connectUrl));
    assert.equal((await complete(other.flowId, 'redirect_uri_mismatch')).status, 400);
    assert.equal((await complete(other.flowId, 'source_error')).status, 200, 'the panel\'s own codes still work');
  });
});

describe('the contract, as connect-elements/server has it', () => {
  test("the sandbox's error codes are the contract's", async () => {
    const { ERROR_CODES } = await loadServerModule();
    assert.deepEqual([...CONTRACT_ERROR_CODES].sort(), [...ERROR_CODES].sort());
  });
});

describe('mintSandboxSession({ finish })', () => {
  const handlerWith = async (finish) => {
    const { createSessionHandler, mintSandboxSession } = await loadServerModule();
    return createSessionHandler({ allowedOrigins: [APP_ORIGIN], mint: mintSandboxSession({ apiKey: API_KEY, baseUrl: sandbox.origin, finish }) });
  };
  const post = (handler, body = {}, headers = {}) =>
    handler(
      new Request('http://localhost:5173/api/connect-session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-connect-elements': '1', origin: APP_ORIGIN, ...headers },
        body: JSON.stringify({ source: 'github', scopes: ['repo'], mode: 'popup', origin: APP_ORIGIN, state: 'b'.repeat(32), ...body }),
      }),
    );
  const finishOf = async (response) => {
    assert.equal(response.status, 200);
    return (await claim(tokenOf((await response.json()).connectUrl))).json.finish;
  };

  test('asks the sandbox for the same finish on every session', async () => {
    assert.deepEqual(await finishOf(await post(await handlerWith({ outcome: 'exit', after: 40 }))), { outcome: 'exit', after: 40 });
  });

  test('or for the finish the backend picks per request (here from a cookie a test set)', async () => {
    const handler = await handlerWith((_body, { request }) => {
      const outcome = /(?:^|;\s*)sandbox-outcome=([a-z_]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return outcome ? { outcome, after: 5 } : undefined;
    });
    assert.deepEqual(await finishOf(await post(handler, {}, { cookie: 'sandbox-outcome=closed' })), { outcome: 'closed', after: 5 });
    assert.equal(await finishOf(await post(handler)), undefined);
  });

  test('never passes on an outcome the browser put in the session request', async () => {
    const handler = await handlerWith(undefined);
    assert.equal(await finishOf(await post(handler, { outcome: 'success', after: 0, finish: { outcome: 'success' } })), undefined);
  });

  test('refuses a bad constant finish when it is configured, not at the first click', async () => {
    const { mintSandboxSession } = await loadServerModule();
    for (const finish of [{ outcome: 'allow' }, { outcome: 'success', after: -5 }, { outcome: 'success', after: 2.5 }]) {
      assert.throws(() => mintSandboxSession({ apiKey: API_KEY, baseUrl: sandbox.origin, finish }), TypeError, JSON.stringify(finish));
    }
  });
});

describe('the data directory', () => {
  test('keeps connections across restarts, and forgets a revoked one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
    after(() => rm(dataDir, { recursive: true, force: true }));
    const apps = [{ id: 'app', apiKey: API_KEY, allowedOrigins: [APP_ORIGIN] }];
    const connect = async (server) => {
      const minted = await request(`${server.origin}/v1/connect/sessions`, {
        method: 'POST',
        key: API_KEY,
        body: { source: 'github', scopes: ['repo'], mode: 'popup', origin: APP_ORIGIN, state: STATE },
      });
      const { json: flow } = await request(`${server.origin}/connect/claim`, { method: 'POST', body: { token: tokenOf(minted.json.connectUrl) } });
      return (await request(`${server.origin}/connect/complete`, { method: 'POST', body: { flowId: flow.flowId, outcome: 'success' } })).json.connectionId;
    };

    const first = await startSandbox({ apps, dataDir });
    const kept = await connect(first);
    const revoked = await connect(first);
    assert.equal((await request(`${first.origin}/v1/connections/${revoked}`, { method: 'DELETE', key: API_KEY })).status, 200);
    await first.close();
    assert.match(await readFile(join(dataDir, 'connections.json'), 'utf8'), new RegExp(kept));

    const second = await startSandbox({ apps, dataDir });
    after(() => second.close());
    const read = (id) => request(`${second.origin}/v1/connections/${id}`, { key: API_KEY });
    assert.equal((await read(kept)).json.id, kept);
    assert.equal((await read(revoked)).status, 404);
  });
});
