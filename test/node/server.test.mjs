// connect-elements/server, from its TypeScript source (scripts/load-server.mjs):
// every request check of the session and result handlers, what they do with the
// app's mint and read, the node:http adapter on a real socket, and the sandbox
// mint/read against a fake provider. Hostile cases first.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { inspect } from 'node:util';
import { after, before, describe, it, mock } from 'node:test';
import { loadServerModule } from '../../scripts/load-server.mjs';

/** @type {Awaited<ReturnType<typeof loadServerModule>>} */
let server;
before(async () => {
  server = await loadServerModule();
});

const APP = 'https://app.example.com';
const URL_ = `${APP}/api/connect-session`;
const SECRET = 'sk_sandbox_SECRET_do_not_leak_7f3a9c';
const hexState = () => randomBytes(16).toString('hex');
const validBody = (overrides = {}) => ({ source: 'github', scopes: ['repo', 'read:user'], mode: 'popup', origin: APP, state: hexState(), ...overrides });
const validSession = () => ({ connectUrl: 'https://connect.example.net/connect#session=tok', sessionToken: 'tok', expiresAt: new Date(Date.now() + 600_000).toISOString() });

/** A request as the elements send it; `headers` null removes a default. */
function elementsRequest(body, { method = 'POST', headers = {}, url = URL_ } = {}) {
  const merged = { 'content-type': 'application/json', 'x-connect-elements': '1', ...headers };
  for (const [name, value] of Object.entries(merged)) if (value === null) delete merged[name];
  const init = { method, headers: merged };
  if (method !== 'GET' && method !== 'HEAD' && body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array || body instanceof ReadableStream ? body : JSON.stringify(body);
    if (body instanceof ReadableStream) init.duplex = 'half';
  }
  return new Request(url, init);
}

/** Calls the handler and checks what every answer must be: JSON, never cached. */
async function call(handler, body, options) {
  const response = await handler(elementsRequest(body, options));
  const text = await response.text();
  assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/, `content-type of a ${response.status}`);
  assert.equal(response.headers.get('cache-control'), 'no-store', `cache-control of a ${response.status}`);
  return { status: response.status, headers: response.headers, json: JSON.parse(text), text };
}

/** A session handler whose mint records what it got. */
function sessionHandler(options = {}) {
  const minted = [];
  const errors = [];
  const handler = server.createSessionHandler({
    allowedOrigins: [APP],
    mint: async (body) => {
      minted.push(body);
      return validSession();
    },
    onError: (error, context) => errors.push({ error, code: context.code, stage: context.stage }),
    ...options,
  });
  return { handler, minted, errors };
}

describe('createSessionHandler: the request', () => {
  it('refuses every method but POST with 405 and an allow header', async () => {
    const { handler, minted } = sessionHandler();
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const answer = await call(handler, method === 'GET' ? undefined : validBody(), { method });
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.get('allow'), 'POST');
      assert.equal(answer.json.error, 'method_not_allowed');
    }
    assert.equal(minted.length, 0);
  });

  it('refuses anything but application/json with 415', async () => {
    const { handler, minted } = sessionHandler();
    for (const type of [null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json; charset=latin1', 'text/json']) {
      const answer = await call(handler, validBody(), { headers: { 'content-type': type } });
      assert.equal(answer.status, 415, String(type));
      assert.equal(answer.json.error, 'unsupported_media_type');
    }
    assert.equal((await call(handler, validBody(), { headers: { 'content-type': 'Application/JSON; charset=UTF-8' } })).status, 200);
    assert.equal(minted.length, 1);
  });

  it('refuses a request without x-connect-elements: 1 with 403 forbidden', async () => {
    const { handler, minted } = sessionHandler();
    for (const value of [null, '0', 'true', '', '1, 1']) {
      const answer = await call(handler, validBody(), { headers: { 'x-connect-elements': value } });
      assert.equal(answer.status, 403, String(value));
      assert.equal(answer.json.error, 'forbidden');
    }
    assert.equal(minted.length, 0);
  });

  it('refuses what a browser marks as cross-site, even if a framework answered the preflight', async () => {
    const { handler, minted } = sessionHandler();
    const answer = await call(handler, validBody(), { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.deepEqual([answer.status, answer.json.error], [403, 'forbidden']);
    assert.equal((await call(handler, validBody(), { headers: { 'sec-fetch-site': 'same-origin' } })).status, 200);
    assert.equal(minted.length, 1);
  });

  it('answers 400 invalid_request for a body that is not a JSON object, without quoting it', async () => {
    const { handler, minted } = sessionHandler();
    for (const body of ['', '{', '{"source": "github",', 'null', '[]', '"text"', '42', `{"x": "${SECRET}"`]) {
      const answer = await call(handler, body);
      assert.deepEqual([answer.status, answer.json.error], [400, 'invalid_request'], body);
      assert.ok(!answer.text.includes(SECRET));
    }
    const notUtf8 = await call(handler, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    assert.deepEqual([notUtf8.status, notUtf8.json.error], [400, 'invalid_request']);
    assert.equal(minted.length, 0);
  });

  it('answers 413 for a declared content-length over the limit, before reading', async () => {
    const { handler, minted } = sessionHandler({ maxBodyBytes: 1024 });
    const answer = await call(handler, JSON.stringify(validBody()), { headers: { 'content-length': '5000' } });
    assert.deepEqual([answer.status, answer.json.error], [413, 'payload_too_large']);
    assert.equal(minted.length, 0);
  });

  it('answers 413 for a streamed body without content-length, and stops reading it', async () => {
    const { handler, minted } = sessionHandler({ maxBodyBytes: 4096 });
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(`{"padding":"${'x'.repeat(1000)}`));
      },
      cancel() {
        cancelled = true;
      },
    });
    const answer = await call(handler, endless);
    assert.deepEqual([answer.status, answer.json.error], [413, 'payload_too_large']);
    assert.ok(pulled <= 10, `read ${pulled} chunks of an endless body`);
    assert.ok(cancelled, 'the body stream is cancelled');
    assert.equal(minted.length, 0);
  });

  it('takes a body just under the limit', async () => {
    const { handler, minted } = sessionHandler();
    const body = JSON.stringify({ ...validBody(), padding: 'x'.repeat(15_000) });
    assert.ok(body.length < 16 * 1024);
    assert.equal((await call(handler, body)).status, 200);
    assert.equal(minted.length, 1);
  });

  const tooLong = (n) => 'a'.repeat(n);
  /** [field, bad value] pairs; each must answer 400 invalid_request naming the field. */
  const BAD_FIELDS = [
    ['source', undefined],
    ['source', 42],
    ['source', ''],
    ['source', tooLong(129)],
    ['source', 'git hub'],
    ['source', '<script>'],
    ['source', ['github']],
    ['scopes', undefined],
    ['scopes', 'repo'],
    ['scopes', [42]],
    ['scopes', ['']],
    ['scopes', ['repo user']],
    ['scopes', [tooLong(257)]],
    ['scopes', Array.from({ length: 101 }, (_, i) => `s${i}`)],
    ['scopes', { 0: 'repo' }],
    ['mode', undefined],
    ['mode', 'auto'],
    ['mode', 'window'],
    ['mode', 1],
    ['origin', undefined],
    ['origin', 42],
    ['origin', `${APP}/${tooLong(2048)}`],
    ['state', undefined],
    ['state', 12345678901234567890],
    ['state', 'a'.repeat(31)],
    ['state', 'Ab3_-Ab3_-Ab3_-Ab3_-A'],
    ['state', `${'A'.repeat(22)}==`],
    ['state', `${'A'.repeat(20)}+/`],
    ['state', 'a'.repeat(513)],
    ['state', `${hexState()}\n`],
    ['redirectUrl', 42],
    ['redirectUrl', ''],
    ['redirectUrl', null],
    ['redirectUrl', `${APP}/${tooLong(2048)}`],
    ['existingConnectionId', 42],
    ['existingConnectionId', ''],
    ['existingConnectionId', 'conn 1'],
    ['existingConnectionId', 'conn"1'],
    ['existingConnectionId', tooLong(257)],
    ['connectionName', 42],
    ['connectionName', ''],
    ['connectionName', '   '],
    ['connectionName', 'Work\u0000'],
    ['connectionName', tooLong(257)],
  ];
  for (const [field, value] of BAD_FIELDS) {
    it(`answers 400 invalid_request for ${field} = ${inspect(value, { maxStringLength: 24, maxArrayLength: 2 })}`, async () => {
      const { handler, minted } = sessionHandler();
      const body = validBody({ [field]: value });
      if (value === undefined) delete body[field];
      const answer = await call(handler, body);
      assert.deepEqual([answer.status, answer.json.error, answer.json.field], [400, 'invalid_request', field]);
      assert.equal(minted.length, 0);
    });
  }

  it('takes a 128-bit state in hex or base64url', async () => {
    const { handler, minted } = sessionHandler();
    for (const state of [hexState(), randomBytes(16).toString('base64url'), randomBytes(32).toString('base64url'), hexState().toUpperCase()]) {
      assert.equal((await call(handler, validBody({ state }))).status, 200, state);
    }
    assert.equal(minted.length, 4);
  });

  it('passes only the contract’s fields to mint', async () => {
    const { handler, minted } = sessionHandler();
    const body = validBody({
      redirectUrl: `${APP}/back?x=1`,
      existingConnectionId: 'conn_123',
      connectionName: 'Work account',
      apiKey: 'sk_from_the_browser',
      __proto__: { polluted: true },
      userId: 'admin',
    });
    assert.equal((await call(handler, JSON.stringify(body).replace('{', '{"constructor":{"prototype":{"x":1}},'))).status, 200);
    assert.deepEqual(Object.keys(minted[0]).sort(), ['connectionName', 'existingConnectionId', 'mode', 'origin', 'redirectUrl', 'scopes', 'source', 'state']);
    assert.equal(minted[0].connectionName, 'Work account');
  });
});

describe('createSessionHandler: the origin', () => {
  const LOOK_ALIKES = [
    'https://app.example.com.evil.example',
    'https://evil.example/https://app.example.com',
    'https://evilapp.example.com',
    'https://app.example.co',
    'https://app.example.com:8443',
    'https://app.example.com:443@evil.example',
    'http://app.example.com',
    'wss://app.example.com',
    'null',
    '*',
    '',
    'app.example.com',
    '//app.example.com',
    'https://app.example.com./',
    'https://app.example.com/path',
    'https://app.example.com//',
    'https://app.example.com/?',
    'https://app.example.com?x=1',
    'https://app.example.com#frag',
    'https://user@app.example.com',
    'https://user:pass@app.example.com',
    'javascript:alert(1)//https://app.example.com',
    'data:text/html,https://app.example.com',
  ];
  for (const origin of LOOK_ALIKES) {
    it(`refuses the look-alike ${JSON.stringify(origin)} with 403 origin_not_allowed`, async () => {
      const { handler, minted } = sessionHandler();
      const answer = await call(handler, validBody({ origin }));
      assert.deepEqual([answer.status, answer.json.error], [403, 'origin_not_allowed']);
      assert.equal(minted.length, 0);
    });
  }

  it('normalises case, a default port and one trailing slash, and mints with the serialised origin', async () => {
    const { handler, minted } = sessionHandler({ allowedOrigins: ['HTTPS://App.Example.com:443/'] });
    for (const origin of ['https://app.example.com', 'HTTPS://APP.EXAMPLE.COM', 'https://app.example.com:443', 'https://app.example.com/']) {
      assert.equal((await call(handler, validBody({ origin }))).status, 200, origin);
    }
    assert.deepEqual(new Set(minted.map((body) => body.origin)), new Set([APP]));
  });

  it('refuses a body origin that differs from the browser’s Origin header', async () => {
    const { handler, minted } = sessionHandler({ allowedOrigins: [APP, 'https://other.example.com'] });
    const answer = await call(handler, validBody({ origin: 'https://other.example.com' }), { headers: { origin: APP } });
    assert.deepEqual([answer.status, answer.json.error], [403, 'origin_not_allowed']);
    const forged = await call(handler, validBody(), { headers: { origin: 'null' } });
    assert.equal(forged.status, 403);
    assert.equal((await call(handler, validBody(), { headers: { origin: APP } })).status, 200);
    assert.equal(minted.length, 1);
  });

  it('refuses to be configured with a wildcard or a non-origin', () => {
    for (const allowedOrigins of [['*'], ['null'], ['https://app.example.com/path'], ['app.example.com'], 'https://app.example.com', undefined]) {
      assert.throws(() => server.createSessionHandler({ allowedOrigins, mint: async () => validSession() }), TypeError, inspect(allowedOrigins));
    }
  });

  it('asks an allowedOrigins function for each request', async () => {
    const seen = [];
    const { handler } = sessionHandler({
      allowedOrigins: (request) => {
        seen.push(new URL(request.url).host);
        return [new URL(request.url).origin, 'not an origin'];
      },
    });
    assert.equal((await call(handler, validBody())).status, 200);
    assert.equal((await call(handler, validBody(), { url: 'https://other.example.com/api/connect-session' })).status, 403);
    assert.deepEqual(seen, ['app.example.com', 'other.example.com']);
  });

  it('answers 500 session_failed when the allowedOrigins function throws, and reports it', async () => {
    const { handler, minted, errors } = sessionHandler({ allowedOrigins: () => { throw new Error(`db down ${SECRET}`); } });
    const answer = await call(handler, validBody());
    assert.deepEqual([answer.status, answer.json.error], [500, 'session_failed']);
    assert.ok(!answer.text.includes(SECRET));
    assert.equal(errors.length, 1);
    assert.equal(minted.length, 0);
  });
});

describe('createSessionHandler: redirectUrl, sources and scopes', () => {
  it('takes a redirect URL on an allowed origin', async () => {
    const { handler, minted } = sessionHandler();
    assert.equal((await call(handler, validBody({ redirectUrl: `${APP}/settings/connections?tab=2` }))).status, 200);
    assert.equal(minted[0].redirectUrl, `${APP}/settings/connections?tab=2`);
  });

  for (const redirectUrl of [
    'https://evil.example/back',
    'https://app.example.com.evil.example/back',
    'http://app.example.com/back',
    'https://app.example.com:8443/back',
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'https://user:pass@app.example.com/back',
    '/relative/back',
    'not a url',
  ]) {
    it(`refuses the redirect URL ${JSON.stringify(redirectUrl)} with 400 redirect_uri_mismatch`, async () => {
      const { handler, minted } = sessionHandler();
      const answer = await call(handler, validBody({ redirectUrl }));
      assert.deepEqual([answer.status, answer.json.error], [400, 'redirect_uri_mismatch']);
      assert.equal(minted.length, 0);
    });
  }

  it('takes an allowedRedirectUrls entry only when it matches exactly', async () => {
    const { handler, minted } = sessionHandler({ allowedRedirectUrls: ['https://auth.example.net/callback'] });
    assert.equal((await call(handler, validBody({ redirectUrl: 'https://auth.example.net/callback' }))).status, 200);
    for (const redirectUrl of ['https://auth.example.net/callback/x', 'https://auth.example.net/callbackx', 'https://auth.example.net/callback?next=evil', 'https://auth.example.net/']) {
      assert.equal((await call(handler, validBody({ redirectUrl }))).json.error, 'redirect_uri_mismatch', redirectUrl);
    }
    assert.equal(minted.length, 1);
  });

  it('refuses a source or scope outside the allow-lists with 400 invalid_scope', async () => {
    const { handler, minted } = sessionHandler({ sources: ['github', 'gitlab'], scopes: ['repo', 'read:user'] });
    assert.equal((await call(handler, validBody())).status, 200);
    const source = await call(handler, validBody({ source: 'gmail' }));
    assert.deepEqual([source.status, source.json.error], [400, 'invalid_scope']);
    const scope = await call(handler, validBody({ scopes: ['repo', 'admin:org'] }));
    assert.deepEqual([scope.status, scope.json.error], [400, 'invalid_scope']);
    assert.ok(!scope.text.includes('admin:org'), 'the refused scope is not echoed');
    assert.equal(minted.length, 1);
  });

  it('checks scopes per source when given a record', async () => {
    const { handler, minted } = sessionHandler({ scopes: { github: ['repo'], gitlab: ['read_api'] } });
    assert.equal((await call(handler, validBody({ scopes: ['repo'] }))).status, 200);
    assert.equal((await call(handler, validBody({ scopes: ['read_api'] }))).json.error, 'invalid_scope');
    assert.equal((await call(handler, validBody({ source: 'gmail', scopes: ['x'] }))).json.error, 'invalid_scope');
    assert.equal((await call(handler, validBody({ source: 'constructor', scopes: ['x'] }))).json.error, 'invalid_scope');
    assert.equal((await call(handler, validBody({ source: 'gmail', scopes: [] }))).status, 200);
    assert.equal(minted.length, 2);
  });
});

describe('createSessionHandler: what mint throws', () => {
  it('passes a ConnectServerError’s code through with its default status', async () => {
    const cases = [
      ['origin_not_allowed', 403],
      ['invalid_token', 401],
      ['invalid_scope', 400],
      ['redirect_uri_mismatch', 400],
      ['source_error', 503],
      ['session_timeout', 504],
    ];
    for (const [code, status] of cases) {
      const { handler, errors } = sessionHandler({ mint: async () => { throw new server.ConnectServerError(code); } });
      const answer = await call(handler, validBody());
      assert.deepEqual([answer.status, answer.json], [status, { error: code }], code);
      assert.equal(errors.length, 0, 'an expected refusal is not a server error');
    }
  });

  it('answers a chosen status and description, as plain text', async () => {
    const { handler } = sessionHandler({
      mint: async () => { throw new server.ConnectServerError('source_error', { status: 409, description: '\u202eGitHub is down\u0000 for maintenance' }); },
    });
    const answer = await call(handler, validBody());
    assert.equal(answer.status, 409);
    assert.deepEqual(answer.json, { error: 'source_error', error_description: 'GitHub is down  for maintenance' });
  });

  it('passes the known code of any Error, never its message', async () => {
    const { handler } = sessionHandler({
      mint: async () => { throw Object.assign(new Error(`provider said: key ${SECRET} is expired`), { code: 'invalid_token' }); },
    });
    const answer = await call(handler, validBody());
    assert.deepEqual([answer.status, answer.json], [401, { error: 'invalid_token' }]);
    assert.ok(!answer.text.includes(SECRET));
  });

  it('answers 502 session_failed for anything else, leaks nothing, and reports it to onError', async () => {
    const thrown = [new Error(`upstream 500: {"detail":"bad key ${SECRET}"}`), Object.assign(new Error(SECRET), { code: 'ECONNREFUSED' }), SECRET, { error: 'origin_not_allowed' }];
    for (const value of thrown) {
      const { handler, errors } = sessionHandler({ mint: async () => { throw value; } });
      const answer = await call(handler, validBody());
      assert.deepEqual([answer.status, answer.json], [502, { error: 'session_failed' }], inspect(value));
      assert.ok(!answer.text.includes(SECRET) && ![...answer.headers].join().includes(SECRET));
      assert.equal(errors.length, 1);
      assert.deepEqual([errors[0].code, errors[0].stage], ['session_failed', 'mint']);
      assert.ok(errors[0].error instanceof Error);
    }
  });

  it('answers 500 session_failed for a programming error in mint, and reports the error as it was thrown', async () => {
    const bugs = [
      () => null.session, // TypeError
      () => undefinedProvider.createSession(), // ReferenceError
      () => new Array(-1), // RangeError
      () => { throw new TypeError('AbortSignal.any is not a function'); }, // what Next.js's edge runtime gave (issue 19)
    ];
    for (const bug of bugs) {
      const { handler, errors } = sessionHandler({ mint: async () => bug() });
      const answer = await call(handler, validBody());
      assert.deepEqual([answer.status, answer.json], [500, { error: 'session_failed' }], String(bug));
      assert.equal(errors.length, 1);
      assert.ok(['TypeError', 'ReferenceError', 'RangeError'].includes(errors[0].error.name), `reported ${errors[0].error.name}`);
      assert.doesNotMatch(errors[0].error.message, /could not be reached/);
    }
  });

  it('still answers 502 for fetch’s own network failure, a TypeError too, in every runtime’s words', async () => {
    const dead = sessionHandler({ mint: async () => (await fetch('http://127.0.0.1:1/sessions', { method: 'POST' })).json() });
    const answer = await call(dead.handler, validBody());
    assert.deepEqual([answer.status, answer.json], [502, { error: 'session_failed' }]);
    assert.equal(dead.errors[0].error.name, 'TypeError', 'Node’s fetch rejects with a TypeError');
    // As Chromium, Firefox, Safari, workerd, Deno (old and new) and Bun reject (Bun names the system error in `code`).
    const failures = [
      new TypeError('Failed to fetch'),
      new TypeError('NetworkError when attempting to fetch resource.'),
      new TypeError('Load failed'),
      new TypeError('Network connection lost.'),
      new TypeError('error sending request for url (https://api.example.net/)'),
      new TypeError('Fetch failed: Requests to port 9 are blocked'),
      Object.assign(new TypeError('ECONNREFUSED: Unable to connect. Is the computer able to access the url?'), { code: 'ECONNREFUSED' }),
      Object.assign(new TypeError('getaddrinfo ENOTFOUND api.example.net'), { code: 'ENOTFOUND' }),
    ];
    for (const failure of failures) {
      const { handler } = sessionHandler({ mint: async () => { throw failure; } });
      assert.equal((await call(handler, validBody())).status, 502, failure.message);
    }
    // Node's own argument errors carry a code too, and are bugs.
    const argumentBug = sessionHandler({ mint: async () => Buffer.from(undefined) });
    assert.equal((await call(argumentBug.handler, validBody())).status, 500, 'ERR_INVALID_ARG_TYPE');
  });

  it('logs one line without the error’s message when there is no onError', async (t) => {
    const lines = [];
    t.mock.method(console, 'error', (...args) => lines.push(args.map((arg) => inspect(arg)).join(' ')));
    const handler = server.createSessionHandler({ allowedOrigins: [APP], mint: async () => { throw new Error(`upstream said ${SECRET}`); } });
    assert.equal((await call(handler, validBody())).status, 502);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /mint failed, answered session_failed \(Error\)/);
    assert.ok(!lines[0].includes(SECRET));
  });

  it('survives an onError that throws', async () => {
    const { handler } = sessionHandler({ mint: async () => { throw new Error('x'); }, onError: () => { throw new Error('logger down'); } });
    assert.equal((await call(handler, validBody())).status, 502);
  });
});

describe('createSessionHandler: what mint answers', () => {
  const future = () => new Date(Date.now() + 60_000).toISOString();
  const UNSAFE = [
    ['a javascript: connectUrl', { connectUrl: 'javascript:alert(document.cookie)' }],
    ['a data: connectUrl', { connectUrl: 'data:text/html,<script>alert(1)</script>' }],
    ['an http: connectUrl on a public host', { connectUrl: 'http://connect.example.net/connect' }],
    ['a relative connectUrl', { connectUrl: '/connect' }],
    ['a connectUrl with credentials', { connectUrl: 'https://user:pw@connect.example.net/' }],
    ['a connectUrl that is not a string', { connectUrl: 42 }],
    ['neither connectUrl nor sessionToken', { expiresAt: future() }],
    ['an empty sessionToken', { sessionToken: '' }],
    ['an expiresAt in the past', { connectUrl: 'https://connect.example.net/', expiresAt: '2001-01-01T00:00:00Z' }],
    ['an expiresAt that is no date', { connectUrl: 'https://connect.example.net/', expiresAt: 'soon' }],
    ['a messageOrigin of "null"', { connectUrl: 'https://connect.example.net/', messageOrigin: 'null' }],
    ['a messageOrigin of "*"', { connectUrl: 'https://connect.example.net/', messageOrigin: '*' }],
    ['an http: messageOrigin on a public host', { connectUrl: 'https://connect.example.net/', messageOrigin: 'http://connect.example.net' }],
    ['null', null],
    ['a string', 'https://connect.example.net/'],
    ['an array', [{ connectUrl: 'https://connect.example.net/' }]],
  ];
  for (const [what, answerValue] of UNSAFE) {
    it(`answers 500 session_invalid_response for ${what}, reporting the field but not its value`, async () => {
      const { handler, errors } = sessionHandler({ mint: async () => answerValue });
      const answer = await call(handler, validBody());
      assert.deepEqual([answer.status, answer.json], [500, { error: 'session_invalid_response' }]);
      assert.equal(errors.length, 1);
      assert.equal(errors[0].code, 'session_invalid_response');
      const url = answerValue && typeof answerValue === 'object' && !Array.isArray(answerValue) ? answerValue.connectUrl : undefined;
      if (typeof url === 'string') assert.ok(!errors[0].error.message.includes(url), errors[0].error.message);
    });
  }

  it('answers the contract’s fields of a good session, and nothing else mint returned', async () => {
    const expiresAt = future();
    const { handler } = sessionHandler({
      mint: async () => ({ connectUrl: 'https://connect.example.net/c#session=t', sessionToken: 't', expiresAt, messageOrigin: 'https://dashboard.example.net/', apiKey: SECRET, debug: { key: SECRET } }),
    });
    const answer = await call(handler, validBody());
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { connectUrl: 'https://connect.example.net/c#session=t', sessionToken: 't', expiresAt, messageOrigin: 'https://dashboard.example.net' });
    assert.ok(!answer.text.includes(SECRET));
  });

  it('takes http: only on loopback hosts, a sessionToken alone, and epoch expiries', async () => {
    for (const session of [
      { connectUrl: 'http://127.0.0.1:4000/connect' },
      { connectUrl: 'http://localhost:4000/connect' },
      { connectUrl: 'http://[::1]:4000/connect' },
      { sessionToken: 'opaque-token', expiresAt: Math.floor(Date.now() / 1000) + 600 },
      { connectUrl: 'https://connect.example.net/', expiresAt: Date.now() + 600_000 },
    ]) {
      const { handler } = sessionHandler({ mint: async () => session });
      assert.equal((await call(handler, validBody())).status, 200, inspect(session));
    }
  });

  it('hands mint the request', async () => {
    let seen;
    const { handler } = sessionHandler({ mint: async (_body, { request }) => { seen = request.headers.get('cookie'); return validSession(); } });
    await call(handler, validBody(), { headers: { cookie: 'sid=abc' } });
    assert.equal(seen, 'sid=abc');
  });
});

/** A result handler over a fixed answer (or a function of the state). */
function resultHandler(read, options = {}) {
  const errors = [];
  const states = [];
  const handler = server.createResultHandler({
    read: async (state, context) => {
      states.push(state);
      return typeof read === 'function' ? read(state, context) : read;
    },
    onError: (error, context) => errors.push({ error, code: context.code, stage: context.stage }),
    ...options,
  });
  return { handler, errors, states };
}

describe('createResultHandler', () => {
  it('makes the same request checks as the session handler', async () => {
    const { handler, states } = resultHandler({ status: 'pending' });
    const state = hexState();
    assert.equal((await call(handler, undefined, { method: 'GET' })).status, 405);
    assert.equal((await call(handler, { state }, { headers: { 'content-type': 'text/plain' } })).status, 415);
    assert.equal((await call(handler, { state }, { headers: { 'x-connect-elements': null } })).status, 403);
    assert.equal((await call(handler, '{"state":')).status, 400);
    assert.equal((await call(handler, JSON.stringify({ state, pad: 'x'.repeat(20_000) }))).status, 413);
    assert.equal(states.length, 0);
  });

  for (const state of [undefined, 42, '', 'short', 'a'.repeat(31), `${hexState()} `, 'a'.repeat(513)]) {
    it(`answers 400 invalid_request for state = ${inspect(state, { maxStringLength: 20 })}`, async () => {
      const { handler, states } = resultHandler({ status: 'pending' });
      const answer = await call(handler, state === undefined ? {} : { state });
      assert.deepEqual([answer.status, answer.json.error, answer.json.field], [400, 'invalid_request', 'state']);
      assert.equal(states.length, 0);
    });
  }

  it('answers each status read gives, with only the contract’s fields', async () => {
    const cases = [
      [{ status: 'pending', connectionId: 'leak' }, { status: 'pending' }],
      [{ status: 'exit', reason: 'x' }, { status: 'exit' }],
      [{ status: 'success', connectionId: 'conn_1', operation: 'create', accessToken: SECRET }, { status: 'success', connectionId: 'conn_1', operation: 'create' }],
      [{ status: 'success', connectionId: 'a'.repeat(256), operation: 'reauth' }, { status: 'success', connectionId: 'a'.repeat(256), operation: 'reauth' }],
      [{ status: 'error', code: 'user_denied' }, { status: 'error', code: 'user_denied' }],
      [{ status: 'error', code: 'source_error', error_description: '\u202eDown\u0007 now', raw: SECRET }, { status: 'error', code: 'source_error', error_description: 'Down  now' }],
    ];
    for (const [read, expected] of cases) {
      const { handler } = resultHandler(read);
      const answer = await call(handler, { state: hexState(), extra: 'ignored' });
      assert.deepEqual([answer.status, answer.json], [200, expected]);
    }
  });

  it('hands read the state and the request', async () => {
    const state = randomBytes(16).toString('base64url');
    let cookie;
    const { handler, states } = resultHandler((_s, { request }) => { cookie = request.headers.get('cookie'); return { status: 'pending' }; });
    await call(handler, { state }, { headers: { cookie: 'sid=1' } });
    assert.deepEqual([states, cookie], [[state], 'sid=1']);
  });

  it('answers 404 not_found when read knows no such flow', async () => {
    for (const value of [null, undefined]) {
      const answer = await call(resultHandler(value).handler, { state: hexState() });
      assert.deepEqual([answer.status, answer.json], [404, { error: 'not_found' }]);
    }
  });

  const MALFORMED = [
    ['no status', { connectionId: 'c' }],
    ['an unknown status', { status: 'done' }],
    ['a success without connectionId', { status: 'success', operation: 'create' }],
    ['a success without operation', { status: 'success', connectionId: 'conn_1' }],
    ['an unknown operation', { status: 'success', connectionId: 'conn_1', operation: 'delete' }],
    ['a connectionId with markup', { status: 'success', connectionId: '<img src=x onerror=alert(1)>', operation: 'create' }],
    ['a connectionId with a space', { status: 'success', connectionId: 'conn 1', operation: 'create' }],
    ['a connectionId with a quote', { status: 'success', connectionId: "conn'1", operation: 'create' }],
    ['a connectionId with a backtick', { status: 'success', connectionId: 'conn`1', operation: 'create' }],
    ['a connectionId with a control character', { status: 'success', connectionId: 'conn\u00001', operation: 'create' }],
    ['a non-ASCII connectionId', { status: 'success', connectionId: 'cönn', operation: 'create' }],
    ['an empty connectionId', { status: 'success', connectionId: '', operation: 'create' }],
    ['a connectionId of 257 characters', { status: 'success', connectionId: 'a'.repeat(257), operation: 'create' }],
    ['a numeric connectionId', { status: 'success', connectionId: 42, operation: 'create' }],
    ['an unknown error code', { status: 'error', code: 'access_denied' }],
    ['an error without code', { status: 'error' }],
    ['a string', 'success'],
    ['an array', [{ status: 'pending' }]],
  ];
  for (const [what, value] of MALFORMED) {
    it(`answers 500 session_invalid_response for ${what}, and reports it`, async () => {
      const { handler, errors } = resultHandler(value);
      const answer = await call(handler, { state: hexState() });
      assert.deepEqual([answer.status, answer.json], [500, { error: 'session_invalid_response' }]);
      assert.deepEqual(errors.map((error) => [error.code, error.stage]), [['session_invalid_response', 'read']]);
    });
  }

  it('answers 502 session_failed when read throws, and a known code when it throws one', async () => {
    const failing = resultHandler(() => { throw new Error(`provider answered ${SECRET}`); });
    const answer = await call(failing.handler, { state: hexState() });
    assert.deepEqual([answer.status, answer.json], [502, { error: 'session_failed' }]);
    assert.ok(!answer.text.includes(SECRET));
    assert.equal(failing.errors.length, 1);
    const known = await call(resultHandler(() => { throw new server.ConnectServerError('invalid_token'); }).handler, { state: hexState() });
    assert.deepEqual([known.status, known.json], [401, { error: 'invalid_token' }]);
  });

  it('answers 500 session_failed when read has a bug, and reports the TypeError itself', async () => {
    const buggy = resultHandler((state) => state.results.get(state));
    const answer = await call(buggy.handler, { state: hexState() });
    assert.deepEqual([answer.status, answer.json], [500, { error: 'session_failed' }]);
    assert.deepEqual([buggy.errors.length, buggy.errors[0].error.name], [1, 'TypeError']);
  });

  it('checks the Origin header against allowedOrigins when it is given', async () => {
    const { handler, states } = resultHandler({ status: 'pending' }, { allowedOrigins: [APP] });
    assert.equal((await call(handler, { state: hexState() }, { headers: { origin: APP } })).status, 200);
    assert.equal((await call(handler, { state: hexState() })).status, 200, 'no Origin header: a server-to-server call');
    for (const origin of ['https://evil.example', 'null', `${APP}.evil.example`, 'http://app.example.com']) {
      const answer = await call(handler, { state: hexState() }, { headers: { origin } });
      assert.deepEqual([answer.status, answer.json.error], [403, 'origin_not_allowed'], origin);
    }
    assert.equal(states.length, 2);
  });
});

/** Starts a node:http server on 127.0.0.1 with `listener`; closed after the suite. */
async function listen(listener) {
  const httpServer = http.createServer(listener);
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => { httpServer.closeAllConnections(); httpServer.close(resolve); }),
  };
}

/** POSTs over a raw socket, writing `chunks` one by one with no content-length (chunked); resolves the answer. */
function postChunked(port, path, chunks, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'x-connect-elements': '1', ...headers } });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      res.on('error', reject);
    });
    // The server may close while we still write: only the answer matters.
    req.on('error', (error) => (req.reusedSocket ? reject(error) : undefined));
    let index = 0;
    const writeNext = () => {
      if (index >= chunks.length) return req.end();
      if (!req.write(chunks[index++])) req.once('drain', writeNext);
      else setImmediate(writeNext);
    };
    writeNext();
  });
}

describe('toNodeHandler on a real node:http server', () => {
  let app;
  const minted = [];
  before(async () => {
    const session = server.createSessionHandler({
      allowedOrigins: (request) => [new URL(request.url).origin],
      mint: async (body, { request }) => {
        minted.push({ body, url: request.url });
        return { connectUrl: 'http://127.0.0.1:1/connect' };
      },
      onError: () => {},
    });
    const adapter = server.toNodeHandler(session, { maxBodyBytes: 32 * 1024 });
    app = await listen((req, res) => adapter(req, res));
  });
  after(() => app.close());

  it('answers a good request with the session, building the Request from the socket and Host', async () => {
    const response = await fetch(`${app.origin}/api/connect-session?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-connect-elements': '1' },
      body: JSON.stringify(validBody({ origin: app.origin })),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await response.json(), { connectUrl: 'http://127.0.0.1:1/connect' });
    assert.equal(minted.at(-1).url, `${app.origin}/api/connect-session?x=1`);
  });

  it('writes refusals back with their headers', async () => {
    const response = await fetch(`${app.origin}/api/connect-session`);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
    const forbidden = await fetch(`${app.origin}/api/connect-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(forbidden.status, 403);
  });

  it('answers 413 itself for a declared body over its limit, and closes the connection', async () => {
    const answer = await postChunked(app.port, '/api/connect-session', ['x'.repeat(40 * 1024)], { 'content-length': String(40 * 1024) });
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.connection, 'close');
    assert.equal(JSON.parse(answer.text).error, 'payload_too_large');
  });

  it('answers 413 for a streamed body over its limit, without content-length', async () => {
    const chunks = Array.from({ length: 200 }, () => 'x'.repeat(1024));
    const answer = await postChunked(app.port, '/api/connect-session', chunks);
    assert.equal(answer.status, 413);
    assert.equal(JSON.parse(answer.text).error, 'payload_too_large');
  });

  it('lets the handler refuse a streamed body between its own limit and the adapter’s', async () => {
    const chunks = Array.from({ length: 20 }, () => 'x'.repeat(1024));
    const answer = await postChunked(app.port, '/api/connect-session', chunks);
    assert.equal(answer.status, 413);
  });

  it('takes a body already read by a body parser (express.json())', async () => {
    const handler = server.toNodeHandler(async (request) => Response.json(await request.json()));
    const written = {};
    const res = { statusCode: 0, headersSent: false, setHeader: (name, value) => (written[name] = value), end: (body) => (written.body = new TextDecoder().decode(body)), on: () => {} };
    const req = { method: 'POST', url: '/x', headers: { host: 'app.test', 'content-type': 'application/json' }, readableEnded: true, body: { state: 'abc' }, on: () => {}, removeListener: () => {} };
    await handler(req, res);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(written.body), { state: 'abc' });
  });

  it('hands an unexpected failure to next, or answers a bare 500', async () => {
    const boom = server.toNodeHandler(async () => { throw new Error(SECRET); });
    const failing = await listen((req, res) => boom(req, res, (error) => res.writeHead(599).end(error === undefined ? '' : 'next')));
    const bare = await listen((req, res) => boom(req, res));
    try {
      const viaNext = await fetch(failing.origin, { method: 'POST', body: '{}' });
      assert.deepEqual([viaNext.status, await viaNext.text()], [599, 'next']);
      const alone = await fetch(bare.origin, { method: 'POST', body: '{}' });
      const text = await alone.text();
      assert.equal(alone.status, 500);
      assert.ok(!text.includes(SECRET));
    } finally {
      await Promise.all([failing.close(), bare.close()]);
    }
  });
});

/** A fake sandbox provider: records each call; `answer(path, body)` says what to send. */
async function fakeSandbox(answer) {
  const calls = [];
  const provider = await listen((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', async () => {
      const body = text ? JSON.parse(text) : undefined;
      calls.push({ method: req.method, path: req.url, authorization: req.headers.authorization, body });
      const { status = 200, json, raw, hang, location } = (await answer(req.url, body)) ?? {};
      if (hang) return;
      if (location) return void res.writeHead(status, { location }).end();
      if (raw !== undefined) res.writeHead(status, { 'content-type': 'text/html' }).end(raw);
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  return { ...provider, calls };
}

describe('mintSandboxSession and readSandboxResult against a fake provider', () => {
  /** Everything a browser or a log could see: checked for the key at the end. */
  const seen = [];
  const consoleLines = [];
  let provider;
  let scenario = () => ({ json: {} });
  before(async () => {
    provider = await fakeSandbox((path, body) => scenario(path, body));
    mock.method(console, 'error', (...args) => consoleLines.push(args.map((arg) => inspect(arg, { depth: 5 })).join(' ')));
    mock.method(console, 'log', (...args) => consoleLines.push(args.map((arg) => inspect(arg, { depth: 5 })).join(' ')));
    mock.method(console, 'warn', (...args) => consoleLines.push(args.map((arg) => inspect(arg, { depth: 5 })).join(' ')));
  });
  after(async () => {
    mock.restoreAll();
    await provider.close();
    const everything = [...seen, ...consoleLines].join('\n');
    assert.ok(everything.length > 0);
    assert.ok(!everything.includes(SECRET), 'the API key appears in a response, a header, onError or the console');
  });

  /** The session and result handlers over the fake provider, recording all they show. */
  function handlers({ withOnError = true, timeoutMs } = {}) {
    const onError = withOnError ? (error, context) => seen.push(inspect(error, { depth: 5 }), context.code) : undefined;
    const options = { apiKey: SECRET, baseUrl: `${provider.origin}/`, ...(timeoutMs ? { timeoutMs } : {}) };
    return {
      session: server.createSessionHandler({ allowedOrigins: [APP], mint: server.mintSandboxSession(options), onError }),
      result: server.createResultHandler({ read: server.readSandboxResult(options), onError }),
    };
  }
  async function record(promise) {
    const answer = await promise;
    seen.push(answer.text, JSON.stringify([...answer.headers]));
    return answer;
  }

  it('mints with the bearer key and only the contract’s fields, and answers the session', async () => {
    const session = validSession();
    scenario = () => ({ json: { ...session, appSecret: SECRET } });
    const body = validBody({ redirectUrl: `${APP}/back`, junk: 1 });
    const answer = await record(call(handlers().session, body));
    assert.deepEqual([answer.status, answer.json], [200, session]);
    const last = provider.calls.at(-1);
    assert.deepEqual([last.method, last.path, last.authorization], ['POST', '/v1/connect/sessions', `Bearer ${SECRET}`]);
    assert.deepEqual(Object.keys(last.body).sort(), ['mode', 'origin', 'redirectUrl', 'scopes', 'source', 'state']);
  });

  it('passes the provider’s contract codes through without its text', async () => {
    for (const [code, status] of [['origin_not_allowed', 403], ['invalid_scope', 400], ['redirect_uri_mismatch', 400], ['source_error', 503]]) {
      scenario = () => ({ status: code === 'origin_not_allowed' ? 403 : 400, json: { error: code, error_description: `refused for key ${SECRET}` } });
      const answer = await record(call(handlers().session, validBody()));
      assert.deepEqual([answer.status, answer.json], [status, { error: code }]);
    }
  });

  it('answers 502 session_failed for a refused key, an unknown error, HTML or a dead provider', async () => {
    const cases = [
      () => ({ status: 401, json: { error: 'invalid_api_key', error_description: `The key ${SECRET} is not valid.` } }),
      () => ({ status: 400, json: { error: 'invalid_request', error_description: SECRET } }),
      () => ({ status: 500, raw: `<h1>Oops ${SECRET}</h1>` }),
      () => ({ status: 200, raw: `<h1>${SECRET}</h1>` }),
      () => ({ status: 429, json: { error: `rate limited ${SECRET}` } }),
    ];
    for (const answerWith of cases) {
      scenario = answerWith;
      const answer = await record(call(handlers().session, validBody()));
      assert.deepEqual([answer.status, answer.json], [502, { error: 'session_failed' }]);
    }
    const errorsSeen = seen.filter((line) => line.includes('the sandbox refused the session'));
    assert.ok(errorsSeen.some((line) => line.includes('401 invalid_api_key')), 'onError names the status and code');
    const dead = server.createSessionHandler({ allowedOrigins: [APP], mint: server.mintSandboxSession({ apiKey: SECRET, baseUrl: 'http://127.0.0.1:1' }), onError: (error) => seen.push(inspect(error, { depth: 5 })) });
    const answer = await record(call(dead, validBody()));
    assert.deepEqual([answer.status, answer.json], [502, { error: 'session_failed' }]);
  });

  it('logs without the key or the provider’s text when there is no onError', async () => {
    scenario = () => ({ status: 401, json: { error: 'invalid_api_key', error_description: `The key ${SECRET} is not valid.` } });
    const before = consoleLines.length;
    await record(call(handlers({ withOnError: false }).session, validBody()));
    assert.equal(consoleLines.length, before + 1);
  });

  it('answers 504 session_timeout when the provider does not answer in time', async () => {
    scenario = () => ({ hang: true });
    const answer = await record(call(handlers({ timeoutMs: 200 }).session, validBody()));
    assert.deepEqual([answer.status, answer.json], [504, { error: 'session_timeout' }]);
  });

  it('mints, reads and times out without AbortSignal.any or AbortSignal.timeout (Next.js’s edge runtime has no AbortSignal.any)', async (t) => {
    const saved = ['any', 'timeout'].map((name) => [name, Object.getOwnPropertyDescriptor(AbortSignal, name)]);
    t.after(() => { for (const [name, descriptor] of saved) Object.defineProperty(AbortSignal, name, descriptor); });
    delete AbortSignal.any;
    delete AbortSignal.timeout;
    assert.equal(typeof AbortSignal.any, 'undefined');

    const session = validSession();
    scenario = (path) => (path === '/v1/connect/sessions' ? { json: session } : { json: { status: 'success', connectionId: 'conn_1', operation: 'create' } });
    const minted = await record(call(handlers().session, validBody()));
    assert.deepEqual([minted.status, minted.json], [200, session]);
    const read = await record(call(handlers().result, { state: hexState() }));
    assert.deepEqual([read.status, read.json], [200, { status: 'success', connectionId: 'conn_1', operation: 'create' }]);

    scenario = () => ({ hang: true });
    const started = Date.now();
    const late = await record(call(handlers({ timeoutMs: 200 }).session, validBody()));
    assert.deepEqual([late.status, late.json], [504, { error: 'session_timeout' }]);
    assert.ok(Date.now() - started < 5_000, 'the timeout fired, not something later');
  });

  it('stops the provider call when the browser goes away, and says so rather than blaming the sandbox', async () => {
    let reached;
    const called = new Promise((resolve) => (reached = resolve));
    scenario = () => (reached(), { hang: true });
    const browser = new AbortController();
    const request = elementsRequest(validBody());
    const mint = server.mintSandboxSession({ apiKey: SECRET, baseUrl: provider.origin, timeoutMs: 60_000 });
    const minting = mint(validBody(), { request: new Request(request, { signal: browser.signal }) });
    await called;
    browser.abort();
    await assert.rejects(minting, { name: 'AbortError' });
  });

  it('reports a TypeError inside the sandbox mint as itself, answered 500, never as an unreachable sandbox', async (t) => {
    // A bug in whatever wraps fetch (an instrumentation library, a framework's patched fetch).
    t.mock.method(globalThis, 'fetch', () => { throw new TypeError("Cannot read properties of undefined (reading 'get')"); });
    const reported = [];
    const handler = server.createSessionHandler({
      allowedOrigins: [APP],
      mint: server.mintSandboxSession({ apiKey: SECRET, baseUrl: provider.origin }),
      onError: (error, context) => reported.push({ error, context }),
    });
    const answer = await record(call(handler, validBody()));
    assert.deepEqual([answer.status, answer.json], [500, { error: 'session_failed' }]);
    assert.equal(reported.length, 1);
    assert.equal(reported[0].error.name, 'TypeError');
    assert.match(reported[0].error.message, /reading 'get'/);
    assert.deepEqual([reported[0].context.stage, reported[0].context.code], ['mint', 'session_failed']);
  });

  it('never follows a provider’s redirect, so the key stays with the provider', async () => {
    const elsewhere = await fakeSandbox(() => ({ json: validSession() }));
    try {
      scenario = () => ({ status: 307, location: `${elsewhere.origin}/v1/connect/sessions` });
      const answer = await record(call(handlers().session, validBody()));
      assert.deepEqual([answer.status, answer.json], [502, { error: 'session_failed' }]);
      assert.equal(elsewhere.calls.length, 0, 'the redirect was followed');
    } finally {
      await elsewhere.close();
    }
  });

  it('refuses an apiKey that no header can carry when built, not on every call', () => {
    assert.throws(() => server.mintSandboxSession({ apiKey: 'sk_sandbox_a\nb', baseUrl: provider.origin }), TypeError);
    assert.throws(() => server.readSandboxResult({ apiKey: 'sk sandbox', baseUrl: provider.origin }), TypeError);
  });

  it('answers 500 session_invalid_response when the provider’s connectUrl is unsafe', async () => {
    scenario = () => ({ json: { connectUrl: 'javascript:alert(1)', sessionToken: SECRET } });
    const answer = await record(call(handlers().session, validBody()));
    assert.deepEqual([answer.status, answer.json], [500, { error: 'session_invalid_response' }]);
  });

  it('reads results with the bearer key and { state }', async () => {
    const state = hexState();
    const cases = [
      [{ status: 'pending' }, { status: 'pending' }],
      [{ status: 'exit' }, { status: 'exit' }],
      [{ status: 'success', connectionId: 'conn_abc', operation: 'reauth', secret: SECRET }, { status: 'success', connectionId: 'conn_abc', operation: 'reauth' }],
      [{ status: 'error', code: 'user_denied', error_description: 'The user denied access.' }, { status: 'error', code: 'user_denied', error_description: 'The user denied access.' }],
      [{ status: 'error', code: 'access_denied' }, { status: 'error', code: 'unknown' }],
    ];
    for (const [json, expected] of cases) {
      scenario = () => ({ json });
      const answer = await record(call(handlers().result, { state }));
      assert.deepEqual([answer.status, answer.json], [200, expected]);
    }
    const last = provider.calls.at(-1);
    assert.deepEqual([last.path, last.authorization, last.body], ['/v1/connect/session-result', `Bearer ${SECRET}`, { state }]);
  });

  it('answers 404 for a state the provider does not know, and 502 for its other failures', async () => {
    scenario = () => ({ status: 404, json: { error: 'not_found', error_description: SECRET } });
    const unknown = await record(call(handlers().result, { state: hexState() }));
    assert.deepEqual([unknown.status, unknown.json], [404, { error: 'not_found' }]);
    for (const answerWith of [() => ({ status: 401, json: { error: 'invalid_api_key' } }), () => ({ status: 500, raw: SECRET }), () => ({ json: { status: 'weird', note: SECRET } })]) {
      scenario = answerWith;
      const failed = await record(call(handlers().result, { state: hexState() }));
      assert.deepEqual([failed.status, failed.json], [502, { error: 'session_failed' }]);
    }
    scenario = () => ({ json: { status: 'success', connectionId: '<b>x</b>', operation: 'create' } });
    const malformed = await record(call(handlers().result, { state: hexState() }));
    assert.deepEqual([malformed.status, malformed.json], [500, { error: 'session_invalid_response' }]);
  });

  it('refuses to be built without a key or with a non-http baseUrl', () => {
    assert.throws(() => server.mintSandboxSession({ apiKey: '', baseUrl: provider.origin }), TypeError);
    assert.throws(() => server.readSandboxResult({ apiKey: SECRET, baseUrl: 'file:///etc' }), TypeError);
    try {
      server.mintSandboxSession({ apiKey: SECRET, baseUrl: 'nope' });
    } catch (error) {
      assert.ok(!inspect(error).includes(SECRET));
    }
  });
});

describe('the built dist/server.js', { skip: !existsSync(new URL('../../dist/server.js', import.meta.url)) && 'not built' }, () => {
  it('exports what the source exports', async () => {
    const built = await import('../../dist/server.js');
    assert.deepEqual(Object.keys(built).sort(), Object.keys(server).sort());
  });
});
