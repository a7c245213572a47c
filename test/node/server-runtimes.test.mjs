// connect-elements/server run, not quoted, in each runtime the README names that installs
// from the npm registry: Node's http (through toNodeHandler), Express (toNodeHandler as
// middleware), Hono on @hono/node-server (the fetch handler as it is), Vercel's edge-runtime
// (the primitives of Next.js's edge runtime: no AbortSignal.any), Deno and Bun. Each serves
// the BUILT package, imported as `connect-elements/server` through package.json's exports,
// with the sandbox mint/read against a fake provider, and gets real HTTP requests.
// Deno and Bun (about 100 MB each) are installed on demand into node_modules/.cache/, pinned.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');
const BUILT = existsSync(join(ROOT, 'dist/server.js'));
const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

/** The runtimes fetched from the registry, pinned so a new release cannot change a run. */
const DOWNLOADED = { deno: '2.9.6', bun: '1.4.5' };
const CACHE = join(ROOT, 'node_modules/.cache/connect-elements-runtimes');

const APP = 'https://app.example.com';
const API_KEY = 'sk_sandbox_runtime_test_key';
const KNOWN_STATE = randomBytes(16).toString('hex');
const SESSION = { connectUrl: 'https://connect.example.net/connect#session=tok', sessionToken: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString() };

/** Listens on a random loopback port. */
async function listen(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** A port nothing listens on: bound, then released (port 1 or 9 would be refused by Deno as a blocked port). */
async function deadPort() {
  const { origin, close } = await listen(() => {});
  await close();
  return origin;
}

/** The sandbox's two endpoints, checking the key; the source `slow` never gets an answer. */
async function fakeProvider() {
  const calls = [];
  const provider = await listen((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text || '{}');
      calls.push({ path: req.url, authorization: req.headers.authorization, body });
      const send = (status, json) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.headers.authorization !== `Bearer ${API_KEY}`) return send(401, { error: 'invalid_api_key' });
      if (req.url === '/v1/connect/sessions') {
        if (body.source === 'slow') return; // hangs: the mint's timeout must answer
        return send(200, { ...SESSION, internalNote: 'never reaches the browser' });
      }
      if (req.url === '/v1/connect/session-result') {
        return body.state === KNOWN_STATE ? send(200, { status: 'success', connectionId: 'conn_runtime', operation: 'create' }) : send(404, { error: 'not_found' });
      }
      send(404, { error: 'not_found' });
    });
  });
  return { ...provider, calls };
}

// The app every runtime serves: the README's handlers, a mint with a bug and one whose provider
// is down, and what onError heard (GET /reported), so each runtime's error shapes are seen.
const APP_MODULE = `
import { createResultHandler, createSessionHandler, mintSandboxSession, readSandboxResult } from 'connect-elements/server';

export function createApp({ app, provider, dead }) {
  const reported = [];
  const onError = (error, { stage, code }) => reported.push({ stage, code, name: error.name, message: error.message, cause: error.cause?.name });
  const sandbox = { apiKey: ${JSON.stringify(API_KEY)}, baseUrl: provider, timeoutMs: 1_000 };
  const json = (value) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });
  return {
    '/api/connect-session': createSessionHandler({ allowedOrigins: [app], mint: mintSandboxSession(sandbox), onError }),
    '/api/connect-result': createResultHandler({ allowedOrigins: [app], read: readSandboxResult(sandbox), onError }),
    '/api/bug': createSessionHandler({ allowedOrigins: [app], mint: (body) => body.provider.createSession(body), onError }),
    '/api/dead': createSessionHandler({ allowedOrigins: [app], mint: async () => (await fetch(dead, { method: 'POST' })).json(), onError }),
    '/reported': async () => json(reported.splice(0)),
  };
}

/** One fetch handler over the routes, for the runtimes that take one. */
export function route(routes) {
  return (request) => (routes[new URL(request.url).pathname] ?? (() => new Response('not found', { status: 404 })))(request);
}
`;

/** What each runtime runs: a server on a random port that prints LISTENING <origin> on stdout. */
const ENTRIES = {
  deno: (config) => `import { createApp, route } from './app.mjs';
const handler = route(createApp(${JSON.stringify(config)}));
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log('LISTENING http://127.0.0.1:' + port) }, handler);
`,
  bun: (config) => `import { createApp, route } from './app.mjs';
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: route(createApp(${JSON.stringify(config)})) });
console.log('LISTENING http://127.0.0.1:' + server.port);
`,
};

/** A scratch app folder whose node_modules/connect-elements is this repository, as an installed package is. */
function scratchApp(config) {
  const dir = mkdtempSync(join(tmpdir(), 'connect-server-runtimes-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/connect-elements'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'runtime-app', private: true, type: 'module' }));
  writeFileSync(join(dir, 'app.mjs'), APP_MODULE);
  for (const [name, entry] of Object.entries(ENTRIES)) writeFileSync(join(dir, `${name}.mjs`), entry(config));
  writeFileSync(join(dir, 'edge.mjs'), `import { createApp, route } from './app.mjs';
const handler = route(createApp(${JSON.stringify(config)}));
addEventListener('fetch', (event) => event.respondWith(handler(event.request)));
`);
  return dir;
}

/** Installs a pinned runtime from the registry once per clone; answers its binary and how long it took. */
function installRuntime(name) {
  const version = DOWNLOADED[name];
  const dir = join(CACHE, `${name}@${version}`);
  const bin = join(dir, 'node_modules/.bin', name);
  const started = Date.now();
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}');
    const [command, ...args] = npm;
    const result = spawnSync(command, [...args, 'install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', `${name}@${version}`], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, `npm install ${name}@${version}:\n${result.stdout}\n${result.stderr}`);
  }
  const reported = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.equal(reported.status, 0, `${name} --version:\n${reported.stderr}`);
  return { bin, version: `${name} ${reported.stdout.trim().split('\n')[0].replace(/^deno /, '')}`, seconds: (Date.now() - started) / 1000 };
}

/** Starts `bin args` and resolves the origin it prints; the process is killed by `stop`. */
function startProcess(bin, args, cwd) {
  const child = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', DO_NOT_TRACK: '1' } });
  let output = '';
  const origin = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${bin} printed no LISTENING line in 20 s:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /LISTENING (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited with ${code}:\n${output}`));
    });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill();
  });
  return { origin, stop, output: () => output };
}

/** What the elements send: POST JSON with x-connect-elements: 1 (and what a test removes). */
async function post(origin, path, body, { headers = {} } = {}) {
  const merged = { 'content-type': 'application/json', 'x-connect-elements': '1', ...headers };
  for (const [name, value] of Object.entries(merged)) if (value === null) delete merged[name];
  const response = await fetch(`${origin}${path}`, { method: 'POST', headers: merged, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) };
}

/** The installed version of a root dev dependency. */
const versionOf = (name) => `${name} ${JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version}`;

const sessionBody = (overrides = {}) => ({ source: 'github', scopes: ['repo'], mode: 'popup', origin: APP, state: randomBytes(16).toString('hex'), ...overrides });

let provider;
let config;
let scratch;
before(async () => {
  if (!BUILT) return;
  provider = await fakeProvider();
  config = { app: APP, provider: provider.origin, dead: `${await deadPort()}/v1/connect/sessions` };
  scratch = scratchApp(config);
});
after(async () => {
  await provider?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** How each runtime is started: resolves `{ origin, stop, version }`. */
const RUNTIMES = [
  {
    name: 'Node http (toNodeHandler)',
    async start() {
      const { createApp } = await import(pathToFileURL(join(scratch, 'app.mjs')));
      const { toNodeHandler } = await import('connect-elements/server');
      const routes = createApp(config);
      const adapters = Object.fromEntries(Object.entries(routes).map(([path, handler]) => [path, toNodeHandler(handler)]));
      const server = await listen((req, res) => {
        const adapter = adapters[new URL(req.url, 'http://x').pathname];
        if (adapter) adapter(req, res);
        else res.writeHead(404).end();
      });
      return { origin: server.origin, stop: server.close, version: process.version };
    },
  },
  {
    name: 'Express (toNodeHandler after express.json())',
    async start() {
      const { default: express } = await import('express');
      const { createApp } = await import(pathToFileURL(join(scratch, 'app.mjs')));
      const { toNodeHandler } = await import('connect-elements/server');
      const routes = createApp(config);
      const app = express();
      // A body parser that runs first: the adapter must take what it read.
      app.use(express.json());
      for (const [path, handler] of Object.entries(routes)) app.all(path, toNodeHandler(handler));
      const server = await listen(app);
      return { origin: server.origin, stop: server.close, version: versionOf('express') };
    },
  },
  {
    name: 'Hono on @hono/node-server (c.req.raw)',
    async start() {
      const { Hono } = await import('hono');
      const { serve } = await import('@hono/node-server');
      const { createApp } = await import(pathToFileURL(join(scratch, 'app.mjs')));
      const routes = createApp(config);
      const app = new Hono();
      for (const [path, handler] of Object.entries(routes)) app.all(path, (c) => handler(c.req.raw));
      const server = await new Promise((resolve) => {
        const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
      });
      return {
        origin: `http://127.0.0.1:${server.address().port}`,
        stop: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
        version: `${versionOf('hono')}, ${versionOf('@hono/node-server')}`,
      };
    },
  },
  {
    name: 'edge-runtime (Next.js’s edge runtime primitives)',
    async start() {
      const { EdgeRuntime, runServer } = await import('edge-runtime');
      // As Next.js does for an edge route: one bundle, evaluated as a script in the edge context.
      const { outputFiles } = await build({ entryPoints: [join(scratch, 'edge.mjs')], bundle: true, format: 'iife', platform: 'neutral', conditions: ['edge-light', 'worker', 'browser'], write: false, logLevel: 'silent' });
      const runtime = new EdgeRuntime({ initialCode: outputFiles[0].text });
      assert.equal(runtime.evaluate('typeof AbortSignal.any'), 'undefined', 'this edge runtime has no AbortSignal.any, as Next.js’s has none');
      const server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
      return { origin: server.url.replace(/\/$/, ''), stop: server.close, version: versionOf('edge-runtime') };
    },
  },
  ...['deno', 'bun'].map((name) => ({
    name: name === 'deno' ? 'Deno (Deno.serve)' : 'Bun (Bun.serve)',
    async start() {
      const runtime = installRuntime(name);
      const args = name === 'deno' ? ['run', '--no-lock', '--allow-net=127.0.0.1', 'deno.mjs'] : ['bun.mjs'];
      const child = startProcess(runtime.bin, args, scratch);
      return { origin: await child.origin, stop: child.stop, version: `${runtime.version} (${runtime.seconds.toFixed(1)} s to install or find)` };
    },
  })),
];

for (const runtime of RUNTIMES) {
  describe(`connect-elements/server in ${runtime.name}`, { skip: !BUILT && 'dist/ is not built: npm run build' }, () => {
    let served;
    let startup;
    before(async () => {
      const started = Date.now();
      served = await runtime.start();
      startup = `${served.version}, serving after ${((Date.now() - started) / 1000).toFixed(1)} s`;
    }, { timeout: 300_000 });
    after(() => served?.stop());

    it('answers a valid request with the session the sandbox minted, and only its contract fields', async (t) => {
      t.diagnostic(startup);
      const before = provider.calls.length;
      const answer = await post(served.origin, '/api/connect-session', sessionBody(), { headers: { origin: APP } });
      assert.deepEqual([answer.status, answer.json], [200, SESSION]);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const call = provider.calls.at(-1);
      assert.equal(provider.calls.length, before + 1);
      assert.deepEqual([call.path, call.authorization, call.body.origin], ['/v1/connect/sessions', `Bearer ${API_KEY}`, APP]);
    });

    it('refuses another origin with 403 origin_not_allowed, before the sandbox is asked', async () => {
      const before = provider.calls.length;
      const answer = await post(served.origin, '/api/connect-session', sessionBody({ origin: 'https://app.example.com.evil.test' }));
      assert.deepEqual([answer.status, answer.json.error], [403, 'origin_not_allowed']);
      const spoofed = await post(served.origin, '/api/connect-session', sessionBody(), { headers: { origin: 'https://evil.test' } });
      assert.deepEqual([spoofed.status, spoofed.json.error], [403, 'origin_not_allowed']);
      assert.equal(provider.calls.length, before);
    });

    it('refuses a request without x-connect-elements with 403 forbidden', async () => {
      const answer = await post(served.origin, '/api/connect-session', sessionBody(), { headers: { 'x-connect-elements': null } });
      assert.deepEqual([answer.status, answer.json.error], [403, 'forbidden']);
    });

    it('answers the result endpoint with what the sandbox read, and 404 for a state it does not know', async () => {
      const known = await post(served.origin, '/api/connect-result', { state: KNOWN_STATE }, { headers: { origin: APP } });
      assert.deepEqual([known.status, known.json], [200, { status: 'success', connectionId: 'conn_runtime', operation: 'create' }]);
      const unknown = await post(served.origin, '/api/connect-result', { state: randomBytes(16).toString('hex') });
      assert.deepEqual([unknown.status, unknown.json], [404, { error: 'not_found' }]);
      const foreign = await post(served.origin, '/api/connect-result', { state: KNOWN_STATE }, { headers: { origin: 'https://evil.test' } });
      assert.deepEqual([foreign.status, foreign.json.error], [403, 'origin_not_allowed']);
    });

    it('answers 504 session_timeout when the sandbox does not answer in time', async () => {
      const answer = await post(served.origin, '/api/connect-session', sessionBody({ source: 'slow' }));
      assert.deepEqual([answer.status, answer.json], [504, { error: 'session_timeout' }]);
    });

    it('answers 500 for a bug in mint and 502 for a provider it cannot reach, reporting each as thrown', async (t) => {
      await post(served.origin, '/reported', {});
      const bug = await post(served.origin, '/api/bug', sessionBody());
      assert.deepEqual([bug.status, bug.json], [500, { error: 'session_failed' }]);
      const dead = await post(served.origin, '/api/dead', sessionBody());
      assert.deepEqual([dead.status, dead.json], [502, { error: 'session_failed' }]);
      const reported = (await post(served.origin, '/reported', {})).json;
      assert.equal(reported.length, 2, JSON.stringify(reported));
      assert.equal(reported[0].name, 'TypeError');
      assert.doesNotMatch(reported[0].message, /could not be reached/);
      t.diagnostic(`a dead provider's fetch here: ${reported[1].name}: ${reported[1].message}`);
    });
  });
}
