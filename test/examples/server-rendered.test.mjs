// The server-rendered example apps, as a user has them: the packed package installed from
// its tarball, the framework's own type check, a production build started with the
// framework's own production server, whose session route runs connect-elements/server
// against the sandbox. Then, in Chromium with its popup blocker on: the server's HTML
// already holds the button, the page hydrates with no console error or warning (hydration
// mismatches are reported there), the list shows the `sources` the server bound, and a
// real click runs a flow to `connect-success`. Run by scripts/examples.mjs (which packs
// first); `node scripts/examples.mjs next` runs one. One sandbox serves every app.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { startSandbox } from '../../sandbox/server.mjs';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
const node = process.execPath;
/** No framework phones home or asks to be set up from a test. */
const QUIET = { CI: '1', NEXT_TELEMETRY_DISABLED: '1', NUXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1' };

function sh(cwd, args) {
  const [command, ...rest] = [...npm, ...args];
  const result = spawnSync(command, rest, { cwd, encoding: 'utf8', env: { ...process.env, ...QUIET } });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/**
 * Each app: its folder, how its production server starts (`port`, `origin`: where it must
 * listen and the origin the browser sees), which session route each element posts to, and
 * the install warnings it cannot avoid on Node 20.
 */
const SERVER_APPS = [
  {
    name: 'Next.js 16.5 (App Router, connect-elements/react; Node and edge route handlers)',
    dir: 'next',
    start: ({ port }) => ({ command: [node, 'node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', 'localhost'] }),
    buttonEndpoint: '/api/connect-session',
    listEndpoint: '/api/edge/connect-session',
    // Prerendered by `next build`: the callback module imported on a server does nothing.
    pages: ['/connect/return'],
  },
  {
    name: 'Nuxt 4.3 (Nitro server route; the README\'s constant :sources binding)',
    dir: 'nuxt',
    start: ({ port }) => ({ command: [node, '.output/server/index.mjs'], env: { PORT: String(port), HOST: 'localhost' } }),
    buttonEndpoint: '/api/connect-session',
    listEndpoint: '/api/connect-session',
    // Nuxt 4.3's bundle-size report plugin asks for Node 22; a build does not run it.
    engineWarnings: ['rollup-plugin-visualizer@'],
  },
  {
    name: 'SvelteKit 2 (adapter-node, +server.ts endpoint, form action)',
    dir: 'sveltekit',
    // ORIGIN: adapter-node builds request URLs from it, and checks form posts against it.
    start: ({ port, origin }) => ({ command: [node, 'build/index.js'], env: { PORT: String(port), HOST: 'localhost', ORIGIN: origin } }),
    buttonEndpoint: '/api/connect-session',
    listEndpoint: '/api/connect-session',
    afterFlow: async (page) => {
      // The button is the form's field: its form action receives the connection id, posted with no script of the page's own.
      const id = await page.locator('connect-button').evaluate((el) => el.value);
      assert.match(id, /^conn_/);
      await page.getByRole('button', { name: 'Save the connection' }).click();
      await page.locator('#saved', { hasText: `Saved ${id}` }).waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'Astro 5.18 (@astrojs/node, API route, elements registered in a client script)',
    dir: 'astro',
    start: ({ port }) => ({ command: [node, 'dist/server/entry.mjs'], env: { PORT: String(port), HOST: 'localhost' } }),
    buttonEndpoint: '/api/connect-session',
    listEndpoint: '/api/connect-session',
    // Astro 5.18's font provider (unifont) takes undici 8, which asks for Node 22.19; this app uses no fonts.
    engineWarnings: ['undici@'],
  },
];
// `node scripts/examples.mjs next nuxt` runs only those.
const only = process.env.CONNECT_EXAMPLES?.split(',').filter(Boolean);
const selected = SERVER_APPS.filter((app) => !only?.length || only.includes(app.dir));

/** A port nothing listens on right now, for a server that only takes its port from its command line or environment. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, 'localhost', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts an app's production server and resolves once it answers `/`; `output` is what it printed. */
async function startApp(app, dir, sandbox) {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const { command: [command, ...args], env = {} } = app.start({ port, origin });
  const child = spawn(command, args, {
    cwd: dir,
    // Its own process group, so stopping it stops whatever it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...QUIET,
      NODE_ENV: 'production',
      CONNECT_SANDBOX_URL: sandbox.origin,
      CONNECT_SANDBOX_API_KEY: sandbox.apiKeys.examples,
      APP_ORIGIN: origin,
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${app.dir} server exited with ${child.exitCode}:\n${output}`);
    const answer = await fetch(origin, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (answer) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the ${app.dir} server did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  sandbox.allowOrigin(sandbox.apiKeys.examples, origin);
  return { origin, stop, output: () => output };
}

let browser;
let sandbox;
const timings = [];
if (selected.length) {
  before(async () => {
    assert.ok(existsSync(join(EXAMPLES, 'connect-elements.tgz')), 'examples/connect-elements.tgz is missing: run node scripts/examples.mjs');
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0, apps: [{ id: 'examples', allowedOrigins: [] }] });
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      ignoreDefaultArgs: ['--disable-popup-blocking'],
    });
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
    for (const { app, step, seconds } of timings) console.log(`# ${app} ${step}: ${seconds.toFixed(1)} s`);
  });
}

/** Runs `fn`, noting how long it took for the summary printed at the end. */
function timed(app, step, fn) {
  return async (t) => {
    const started = Date.now();
    try {
      return await fn(t);
    } finally {
      timings.push({ app: app.dir, step, seconds: (Date.now() - started) / 1000 });
    }
  };
}

/** Clicks `trigger`, allows the sandbox's popup and waits for the page to show `expected` in #result. */
async function connectThroughPopup(page, trigger, expected) {
  const [popup] = await Promise.all([page.context().waitForEvent('page'), trigger.click()]);
  await popup.waitForURL((url) => url.origin === sandbox.origin);
  await popup.getByRole('button', { name: 'Allow', exact: true }).click();
  await page.locator('#result', { hasText: expected }).waitFor({ timeout: 20_000 });
}

for (const app of selected) {
  describe(app.name, () => {
    const dir = join(EXAMPLES, app.dir);

    it('installs the packed package', { timeout: 300_000 }, timed(app, 'install', () => {
      // npm keeps an installed file: dependency whose version is unchanged, even when its tarball
      // changed (seen: a re-pack with a fix, and the app still ran the old dist/): take it out first.
      rmSync(join(dir, 'node_modules/connect-elements'), { recursive: true, force: true });
      const { code, output } = sh(dir, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline']);
      assert.equal(code, 0, output);
      const warned = [...output.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map((match) => match[1]);
      const unexpected = warned.filter((name) => !app.engineWarnings?.some((allowed) => name.startsWith(allowed)));
      assert.deepEqual(unexpected, [], `engine warnings on Node ${process.version}:\n${output}`);
    }));

    it('type-checks with the framework\'s own checker', { timeout: 300_000 }, timed(app, 'typecheck', () => {
      const { code, output } = sh(dir, ['run', 'typecheck']);
      assert.equal(code, 0, output);
    }));

    it('builds for production', { timeout: 300_000 }, timed(app, 'build', () => {
      const { code, output } = sh(dir, ['run', 'build']);
      assert.equal(code, 0, output);
    }));

    it('serves the button in its HTML, hydrates without a warning, binds sources, and connects with real clicks through its own session route', { timeout: 120_000 }, timed(app, 'serve and click', async (t) => {
      const server = await startApp(app, dir, sandbox);
      t.after(() => server.stop());
      const context = await browser.newContext();
      t.after(() => context.close());

      // Before any script: the server's own HTML has the tags and the button's label.
      const html = await (await fetch(server.origin)).text();
      assert.match(html, /<connect-button[\s>]/, 'the server HTML has <connect-button>');
      assert.match(html, /Connect GitHub/);
      assert.match(html, /<source-list[\s>]/, 'the server HTML has <source-list>');
      for (const path of app.pages ?? []) assert.equal((await fetch(new URL(path, server.origin))).status, 200, `${path} answers`);

      const page = await context.newPage();
      const sessions = [];
      page.on('response', (response) => {
        if (response.request().method() === 'POST' && /connect-session$/.test(new URL(response.url()).pathname)) {
          sessions.push({ path: new URL(response.url()).pathname, status: response.status(), body: response.request().postDataJSON() });
        }
      });
      // Hydration mismatches are console errors or warnings in every framework here.
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // The browser asks every app for /favicon.ico, which none of them has.
        if (new URL(message.location().url || 'about:blank').pathname === '/favicon.ico') return;
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
      });
      await page.goto(server.origin);

      // `sources` bound by the app (from the server's catalog): the list renders them.
      const list = page.locator('source-list');
      await list.getByText('GitLab').first().waitFor({ timeout: 15_000 });

      await connectThroughPopup(page, page.locator('connect-button').getByRole('button', { name: 'Connect GitHub' }), /github: conn_/);
      await connectThroughPopup(page, list.getByRole('button', { name: 'Connect GitLab' }), /gitlab: conn_/);

      assert.deepEqual(
        sessions.map(({ path, status }) => ({ path, status })),
        [{ path: app.buttonEndpoint, status: 200 }, { path: app.listEndpoint, status: 200 }],
        `each element asked its session route once:\n${server.output()}`,
      );
      assert.deepEqual(sessions[0].body.scopes, ['repo', 'read:user'], 'scopes reach the session request as an array');
      await app.afterFlow?.(page);
      assert.deepEqual(problems, [], `console:\n${problems.join('\n')}`);
    }));
  });
}
