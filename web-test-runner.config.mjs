import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteerCore from 'puppeteer-core';
import { createAppBackend } from './demo/backend.mjs';
import { startSandbox } from './sandbox/server.mjs';
import { findFirefox } from './scripts/browsers.mjs';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { startCoopHost } from './test/servers/coop-host.mjs';
import { startPoster } from './test/servers/poster.mjs';
import { WebKitLauncher } from './test/servers/webkit-launcher.mjs';
import { popupCommandsPlugin } from './test/servers/popup-commands.mjs';
import { reactEsmPlugin } from './test/servers/react-esm.mjs';
import { ssrPlugin } from './test/servers/ssr-render.mjs';
import { createSessionFixtures } from './test/servers/session-fixtures.mjs';

/**
 * The engine: ENGINES=chromium (the default), firefox or webkit; `npm test` runs
 * one after another (scripts/test.mjs). Chromium runs every test file; Firefox and
 * WebKitGTK run ENGINE_FILES, the flows users depend on (about 2 and 1.5 minutes on
 * CI's 2 cores), since the whole suite three times would not fit CI's 20 minutes
 * (README, "Tests"). A list (ENGINES=chromium,firefox) runs them side by side, as
 * web-test-runner groups: quicker, but on 2 cores timing tests then fail at random.
 */
const ENGINES = (process.env.ENGINES ?? 'chromium').split(',').map((e) => e.trim()).filter(Boolean);
for (const engine of ENGINES) if (!['chromium', 'firefox', 'webkit'].includes(engine)) throw new Error(`ENGINES: unknown engine ${engine} (chromium, firefox, webkit)`);

const ALL_FILES = ['src/**/*.test.ts', 'test/browser/**/*.test.ts'];
/** What Firefox and WebKitGTK run: the flows (popup, modal, redirect, tab, the COOP relay), keyboard and forms. */
const ENGINE_FILES = [
  'src/connect-button/connect-button.test.ts',
  'src/connect-button/connect-button.channels.test.ts',
  'src/connect-modal/connect-modal.test.ts',
  'src/core/flow.test.ts',
  'src/core/redirect.test.ts',
  'test/browser/modes.test.ts',
  'src/controllers/roving-focus.test.ts',
  'src/source-list/source-list.test.ts',
  'src/source-list/source-list.virtual.test.ts',
  'src/source-list/source-list.tab-stop.test.ts',
  // First: it proves the engine partitions third-party storage, as the flows after it then run.
  'test/browser/partitioning.test.ts',
  'src/connect-button/connect-button.form.test.ts',
  'src/source-list/source-list.form.test.ts',
];

function chromium() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: run `node scripts/chromium.mjs` or set CHROME_PATH.');
  return chromeLauncher({
    launchOptions: {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      // Puppeteer turns the popup blocker off by default; the tests need it on, as users have it.
      ignoreDefaultArgs: ['--disable-popup-blocking'],
    },
  });
}

/** Debian's Firefox ESR over WebDriver BiDi, through puppeteer-core (the full puppeteer package would download a Chrome). */
function firefox() {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('Firefox not found: run `node scripts/browsers.mjs` or set FIREFOX_PATH.');
  return chromeLauncher({
    puppeteer: puppeteerCore,
    launchOptions: {
      browser: 'firefox',
      executablePath,
      headless: true,
      // Puppeteer's Firefox profile turns the popup blocker off; users have it on.
      extraPrefsFirefox: { 'dom.disable_open_during_load': true },
    },
  });
}

const launchers = { chromium, firefox, webkit: () => new WebKitLauncher() };

/**
 * The tests run on http://localhost:<port>; the sandbox provider and a hostile
 * poster stand on http://127.0.0.1:<other ports>, real second origins.
 */
let api = async () => false;

/** The app backend and the misbehaving session fixtures, on the tests' own origin (ahead of static files). */
async function appApiMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/api/') && !ctx.path.startsWith('/test-api/')) return next();
  ctx.respond = false;
  // Koa's default 404 would be logged for requests the handler answers (or, for /hang, never answers).
  ctx.status = 200;
  if (!(await api(ctx.req, ctx.res))) ctx.res.writeHead(404).end();
}

function twoOriginsPlugin() {
  let sandbox;
  let unregistered;
  let poster;
  let coopHost;
  return {
    name: 'two-origins',
    async serverStart({ config }) {
      const testOrigin = `http://${config.hostname ?? 'localhost'}:${config.port}`;
      // `redirect-only`: an app whose hosted page returns only by redirect (/api/sandbox/redirect-only/...).
      sandbox = await startSandbox({ apps: [{ id: 'test', allowedOrigins: [testOrigin] }, { id: 'redirect-only', allowedOrigins: [testOrigin], returnBy: 'redirect' }], slowMs: 1500 });
      unregistered = await startSandbox({ apps: [{ id: 'elsewhere', allowedOrigins: ['https://app.example.com'] }] });
      poster = await startPoster();
      coopHost = await startCoopHost({ allowOrigin: testOrigin });
      const apiKey = sandbox.apiKeys.test;
      api = createSessionFixtures(createAppBackend({ sandboxOrigin: sandbox.origin, apiKey, sandboxApps: { 'redirect-only': sandbox.apiKeys['redirect-only'] } }));
    },
    serve(context) {
      // A page under a strict CSP (issue 10): `frame=1` adds the one source a modal flow needs.
      if (context.path === '/__csp.html') {
        const frame = context.URL.searchParams.get('frame') ? `; frame-src ${sandbox.origin}` : '';
        return {
          body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/test/pages/csp-entry.ts"></script></head><body></body></html>',
          type: 'html',
          headers: { 'content-security-policy': `default-src 'self'; style-src 'self'; require-trusted-types-for 'script'${frame}` },
        };
      }
      if (context.path === '/__servers.json') {
        return { body: JSON.stringify({ sandbox: sandbox.origin, unregisteredSandbox: unregistered.origin, posterPorts: poster.ports, coopHost: coopHost.origin }), type: 'json' };
      }
      return undefined;
    },
    async serverStop() {
      api.close?.();
      await Promise.all([sandbox?.close(), unregistered?.close(), poster?.close(), coopHost?.close()]);
    },
  };
}

const [firstEngine, ...otherEngines] = ENGINES;

export default {
  // The first engine is the default group (files on the command line replace these); others are groups.
  files: firstEngine === 'chromium' ? ALL_FILES : ENGINE_FILES,
  groups: otherEngines.map((engine) => ({ name: engine, files: engine === 'chromium' ? ALL_FILES : ENGINE_FILES, browsers: [launchers[engine]()] })),
  nodeResolve: { exportConditions: ['production'] },
  middleware: [appApiMiddleware],
  hostname: 'localhost',
  // One page at a time: real clicks and popups belong to the page in front.
  concurrency: 1,
  testFramework: { config: { timeout: 15000, ...(process.env.GREP ? { grep: process.env.GREP } : {}) } },
  testsFinishTimeout: 10 * 60 * 1000,
  browsers: [launchers[firstEngine]()],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), twoOriginsPlugin(), popupCommandsPlugin(), reactEsmPlugin(), ssrPlugin()],
};
