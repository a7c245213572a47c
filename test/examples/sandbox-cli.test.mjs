// `npx connect-elements sandbox` as an integrator has it: the packed package installed
// into examples/playwright (a scratch app), the CLI started from there. It prints what an
// app needs, serves flows end to end in Chromium with its popup blocker on (a real click,
// and flows that finish by themselves, each ending in its event exactly once; an outcome
// planted in the popup's URL is ignored), runs the README's Playwright example, and stops
// on SIGINT and SIGTERM leaving no process; a port in use and bad options are one line.
// Run by scripts/examples.mjs (which packs first): `node scripts/examples.mjs playwright`.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const APP_DIR = join(EXAMPLES, 'playwright');
const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
const only = process.env.CONNECT_EXAMPLES?.split(',').filter(Boolean);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

/** `npx connect-elements …` in the app's folder: the installed package's bin, never a download. */
const npx = (args) => [...npm, 'exec', '--no', '--', 'connect-elements', ...args];

function run(args, options = {}) {
  const [command, ...rest] = args;
  const result = spawnSync(command, rest, { cwd: APP_DIR, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 60_000, ...options });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const refused = (port, host = '127.0.0.1') =>
  new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

/** Whether any process of the group `pgid` is still alive. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Starts `npx connect-elements sandbox <args>` (or, with `direct`, the installed bin with
 * node, no npm in between) in its own process group, as a terminal starts a command, and
 * resolves once it has printed its JSON line: `{ info, startMs, child, stderr(), exited }`.
 */
async function startCli(args, { direct = false } = {}) {
  const started = Date.now();
  const [command, ...rest] = direct
    ? [process.execPath, join(APP_DIR, 'node_modules/connect-elements/bin/connect-elements.mjs'), 'sandbox', '--json', ...args]
    : npx(['sandbox', '--json', ...args]);
  const child = spawn(command, rest, {
    cwd: APP_DIR,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const info = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((text) => text.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    exited.then(({ code }) => reject(new Error(`the sandbox exited (${code}) before it was ready:\n${stdout}\n${stderr}`)));
  });
  return { info, startMs: Date.now() - started, child, stderr: () => stderr, exited };
}

/**
 * Sends `signal` as a terminal's Ctrl-C does (`group`: to every process of the command)
 * or as `kill <pid>` does (to the process started, npx itself), and waits for every
 * process of the group to end. `result`: how the process started ended.
 */
async function stopWith(cli, signal, { group = false } = {}) {
  const { child } = cli;
  if (group) process.kill(-child.pid, signal);
  else child.kill(signal);
  const result = await Promise.race([cli.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
  const deadline = Date.now() + 5_000;
  while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return { result, leftBehind: groupAlive(child.pid) };
}

describe('npx connect-elements sandbox, from the packed package', { skip: only?.length && !only.includes('playwright') && 'not selected' }, () => {
  before(() => {
    assert.ok(existsSync(join(EXAMPLES, 'connect-elements.tgz')), 'examples/connect-elements.tgz is missing: run node scripts/examples.mjs');
    // npm keeps an installed file: dependency whose version is unchanged: take it out first.
    rmSync(join(APP_DIR, 'node_modules/connect-elements'), { recursive: true, force: true });
    const { code, stdout, stderr } = run([...npm, 'install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline'], { timeout: 300_000 });
    assert.equal(code, 0, `${stdout}\n${stderr}`);
  });

  it('ships the sandbox, its simulators and the prebuilt hosted page, but not their tests', () => {
    const installed = join(APP_DIR, 'node_modules/connect-elements');
    for (const file of ['bin/connect-elements.mjs', 'sandbox/server.mjs', 'sandbox/simulators/index.mjs', 'sandbox/hosted/connect.html', 'dist/sandbox/hosted.js']) {
      assert.ok(existsSync(join(installed, file)), `${file} is not in the package`);
    }
    for (const file of ['sandbox/server.test.mjs', 'sandbox/finish.test.mjs', 'sandbox/hosted/hosted.ts', 'sandbox/hosted/build.mjs']) {
      assert.ok(!existsSync(join(installed, file)), `${file} is in the package`);
    }
  });

  it('prints its usage and exits 2 on options it does not understand', () => {
    for (const args of [['sandbox', '--nope'], ['sandbox', '--port', 'eighty'], ['sandbox', '--origin', 'localhost:3000'], ['serve'], []]) {
      const { code, stdout, stderr } = run(npx(args));
      assert.equal(code, 2, `${args.join(' ')}: ${stdout}${stderr}`);
      assert.match(stderr, /^connect-elements: .+\n\nUsage: connect-elements sandbox \[options\]/, args.join(' '));
      assert.doesNotMatch(stderr, /^\s+at /m, 'a stack trace');
    }
    const help = run(npx(['--help']));
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--simulators/);
  });

  it('says in one line that a port is in use, and exits 1', async () => {
    const blocker = createServer();
    await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    after(() => blocker.close());
    const { port } = blocker.address();
    const { code, stdout, stderr } = run(npx(['sandbox', '--port', String(port)]));
    assert.equal(code, 1, stdout + stderr);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, new RegExp(`127\\.0\\.0\\.1:${port} is already in use`));
  });

  it('prints the provider, a random app key, the allowed origin and a five-line session endpoint; warns off loopback', async () => {
    const text = spawn(npx(['sandbox', '--port', '0', '--origin', 'http://localhost:3999'])[0], npx(['sandbox', '--port', '0', '--origin', 'http://localhost:3999']).slice(1), {
      cwd: APP_DIR,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise((resolve) => text.stdout.on('data', (chunk) => (out += chunk) && out.includes('Ready.') && resolve()));
    const exited = new Promise((resolve) => text.once('exit', resolve));
    process.kill(-text.pid, 'SIGINT');
    await exited;
    assert.match(out, /Provider\s+http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, /App key\s+sk_sandbox_[\w-]{32}/);
    assert.match(out, /Allowed origin\s+http:\/\/localhost:3999/);
    const snippet = out.slice(out.indexOf("import { createSessionHandler, mintSandboxSession } from 'connect-elements/server';")).split('\n').slice(0, 5);
    assert.match(snippet[2], /allowedOrigins: \['http:\/\/localhost:3999'\]/);
    assert.match(snippet[3], /mint: mintSandboxSession\(\{ apiKey: process\.env\.CONNECT_SANDBOX_API_KEY, baseUrl: 'http:\/\/127\.0\.0\.1:\d+' \}\)/);
    assert.equal(snippet[4], '    });');

    // Two starts, two keys.
    const [first, second] = [await startCli(['--port', '0']), await startCli(['--port', '0'])];
    await Promise.all([stopWith(first, 'SIGTERM'), stopWith(second, 'SIGTERM')]);
    assert.notEqual(first.info.apiKey, second.info.apiKey);

    const wide = await startCli(['--port', '0', '--host', '0.0.0.0']);
    await stopWith(wide, 'SIGTERM');
    assert.match(wide.stderr(), /warning: listening on 0\.0\.0\.0, not loopback/);
  });

  describe('serving an app end to end', () => {
    let cli;
    let app;
    let appUrl;
    let browser;
    let dataDir;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'connect-sandbox-data-'));
      const appPort = await freePort();
      appUrl = `http://localhost:${appPort}`;
      cli = await startCli(['--port', '0', '--origin', appUrl, '--data', dataDir, '--simulators']);
      console.log(`# npx connect-elements sandbox --simulators: ready in ${cli.startMs} ms (npx included)`);
      app = spawn(process.execPath, ['app.mjs'], {
        cwd: APP_DIR,
        env: { ...process.env, PORT: String(appPort), CONNECT_SANDBOX_URL: cli.info.origin, CONNECT_SANDBOX_API_KEY: cli.info.apiKey },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise((resolve) => app.stdout.on('data', (chunk) => String(chunk).includes('App:') && resolve()));
      browser = await chromium.launch({
        executablePath: CHROME,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        ignoreDefaultArgs: ['--disable-popup-blocking'],
      });
    });
    after(async () => {
      await browser?.close();
      app?.kill('SIGTERM');
      if (cli && cli.child.exitCode === null) await stopWith(cli, 'SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    });

    /** A page of the app that records every flow-ending event; `outcome` is the cookie its backend reads. */
    async function openApp(outcome) {
      const context = await browser.newContext();
      if (outcome) await context.addCookies([{ name: 'sandbox-outcome', value: outcome, url: appUrl }]);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(() => {
        window.endings = [];
        for (const type of ['connect-success', 'connect-error', 'connect-exit']) {
          document.addEventListener(type, (event) => window.endings.push({ type, ...event.detail }));
        }
      });
      await page.goto(appUrl);
      return { context, page, errors };
    }

    /** A real click on the button; resolves the popup, once it is on the sandbox. */
    async function clickConnect({ context, page }) {
      const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Connect GitHub' }).click()]);
      await popup.waitForURL((url) => url.origin === cli.info.origin);
      return popup;
    }

    /** The flow's one ending, after the popup has gone and a moment in which a second one could have come. */
    async function endingOf(page, popup) {
      await page.waitForFunction(() => window.endings.length > 0, null, { timeout: 20_000 });
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 10_000 });
      // The page's own next task: a duplicate the closing window's messages caused would be queued by now.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      return page.evaluate(() => window.endings);
    }

    it('connects with a real click on Allow in the popup, popup blocker on, and keeps the connection in the data directory', async (t) => {
      const session = await openApp();
      t.after(() => session.context.close());
      const popup = await clickConnect(session);
      await popup.getByRole('button', { name: 'Allow', exact: true }).click();
      const endings = await endingOf(session.page, popup);
      assert.equal(endings.length, 1, JSON.stringify(endings));
      assert.equal(endings[0].type, 'connect-success');
      assert.deepEqual(session.errors, []);
      assert.match(readFileSync(join(dataDir, 'connections.json'), 'utf8'), new RegExp(endings[0].connectionId));
    });

    for (const [outcome, expected] of [
      ['success', { type: 'connect-success', operation: 'create' }],
      ['user_denied', { type: 'connect-error', code: 'user_denied' }],
      ['source_error', { type: 'connect-error', code: 'source_error' }],
      ['redirect_uri_mismatch', { type: 'connect-error', code: 'redirect_uri_mismatch' }],
      ['exit', { type: 'connect-exit', reason: 'user' }],
      ['closed', { type: 'connect-exit', reason: 'closed' }],
    ]) {
      it(`finishes by itself with ${outcome}, ending in ${expected.type} exactly once`, async (t) => {
        const session = await openApp(outcome);
        t.after(() => session.context.close());
        const popup = await clickConnect(session);
        const endings = await endingOf(session.page, popup);
        assert.equal(endings.length, 1, JSON.stringify(endings));
        for (const [key, value] of Object.entries(expected)) assert.equal(endings[0][key], value, `${key} of ${JSON.stringify(endings[0])}`);
      });
    }

    it("ignores an outcome planted in the popup's URL: the session's own outcome ends the flow", async (t) => {
      const session = await openApp('user_denied');
      t.after(() => session.context.close());
      // A third party's connectUrl: the session's address with a success asked for in its query and fragment.
      await session.page.route('**/api/connect-session', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        const url = new URL(body.connectUrl);
        url.search = '?outcome=success&after=0';
        url.hash = `${url.hash}&outcome=success&after=0&finish=success`;
        await route.fulfill({ response, json: { ...body, connectUrl: url.href } });
      });
      const popup = await clickConnect(session);
      const endings = await endingOf(session.page, popup);
      assert.deepEqual(endings.map(({ type, code }) => ({ type, code })), [{ type: 'connect-error', code: 'user_denied' }]);
    });

    it('refuses an origin it was not given, with the right key, and lets only the given one frame its page', async () => {
      const mint = (origin) =>
        fetch(`${cli.info.origin}/v1/connect/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${cli.info.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ source: 'github', scopes: [], mode: 'popup', origin, state: 'c'.repeat(32) }),
        });
      const refusedOrigin = await mint('http://localhost:1');
      assert.equal(refusedOrigin.status, 403);
      assert.equal((await refusedOrigin.json()).error, 'origin_not_allowed');
      assert.equal((await mint(appUrl)).status, 200);
      const page = await fetch(`${cli.info.origin}/connect`);
      assert.match(page.headers.get('content-security-policy'), new RegExp(`frame-ancestors ${appUrl}(;|$)`));
    });

    it("runs the README's Playwright example against it", () => {
      // Without this runner's NODE_TEST_CONTEXT, the example reports as a run of its own.
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const { code, stdout, stderr } = run([process.execPath, '--test', '--test-reporter=tap', 'connect.test.mjs'], { env: { ...env, APP_URL: appUrl, CHROME_PATH: CHROME } });
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      assert.match(stdout, /# pass 3/);
    });

    it('stops the provider and the simulators on Ctrl-C (SIGINT to the command), leaving no process behind', async () => {
      const port = Number(new URL(cli.info.origin).port);
      const simulatorPort = Number(new URL(cli.info.simulators.alter.origin).port);
      const { leftBehind } = await stopWith(cli, 'SIGINT', { group: true });
      assert.equal(leftBehind, false, 'a process of the sandbox is still running');
      assert.ok(await refused(port), 'the provider still listens');
      assert.ok(await refused(simulatorPort), 'a simulator still listens');
    });
  });

  it('stops on a SIGTERM sent to npx alone (which npm does not pass on), leaving no process behind', async () => {
    const cli = await startCli(['--port', '0', '--simulators']);
    const ports = [cli.info.origin, cli.info.simulators.thryve.origin].map((origin) => Number(new URL(origin).port));
    const { leftBehind } = await stopWith(cli, 'SIGTERM');
    assert.equal(leftBehind, false, 'a process of the sandbox is still running');
    for (const port of ports) assert.ok(await refused(port), `port ${port} still listens`);
  });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    it(`exits 0 on ${signal} when started without npx`, async () => {
      const cli = await startCli(['--port', '0'], { direct: true });
      const { result, leftBehind } = await stopWith(cli, signal);
      assert.deepEqual(result, { code: 0, signal: null });
      assert.equal(leftBehind, false);
    });
  }
});
