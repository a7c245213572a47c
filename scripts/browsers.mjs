#!/usr/bin/env node
/**
 * Finds (and on a fresh Debian CI machine, installs) the three engines the tests run
 * in, all from Debian's packages: Chromium (scripts/chromium.mjs), Firefox ESR, and
 * WebKitGTK (its WebDriver and MiniBrowser), with Xvfb for MiniBrowser, which has no
 * headless mode. Nothing here or in the npm packages downloads a browser.
 *
 * Node built-ins only: .ci/run calls this before `npm ci`.
 *
 *   node scripts/browsers.mjs   # ensures all three, prints CHROME_PATH=... lines
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, findChromium } from './chromium.mjs';

/** Debian's packages for the engines other than Chromium (webkit2gtk-driver pulls in libwebkit2gtk-4.1-0, which has MiniBrowser). */
const PACKAGES = ['firefox-esr', 'webkit2gtk-driver', 'xvfb', 'xauth'];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const first = (paths) => paths.find(isExecutable) ?? null;

export function findFirefox() {
  if (process.env.FIREFOX_PATH) return isExecutable(process.env.FIREFOX_PATH) ? process.env.FIREFOX_PATH : null;
  return first(['/usr/bin/firefox-esr', '/usr/bin/firefox']);
}

/** WebKitGTK's WebDriver, its MiniBrowser and Xvfb (MiniBrowser needs a display); null when any is missing. */
export function findWebKit() {
  const driver = first(['/usr/bin/WebKitWebDriver']);
  const miniBrowser = first(['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/libexec/webkit2gtk-4.1/MiniBrowser']);
  const xvfb = first(['/usr/bin/Xvfb']);
  return driver && miniBrowser && xvfb ? { driver, miniBrowser, xvfb } : null;
}

function run(command, args) {
  console.error(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
}

/** Chromium, Firefox and WebKitGTK paths, installing Debian's packages (as root) for whatever is missing. */
export function ensureBrowsers() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const debianLike = existsSync('/etc/debian_version');
  // A FIREFOX_PATH that points nowhere is a mistake to report, not to paper over.
  if (process.env.FIREFOX_PATH && !findFirefox()) throw new Error(`FIREFOX_PATH=${process.env.FIREFOX_PATH} is not an executable file: point it at Firefox, or unset it.`);
  const missing = [];
  if (!findFirefox()) missing.push('firefox-esr');
  if (!findWebKit()) missing.push('webkit2gtk-driver', 'xvfb', 'xauth');
  if (missing.length) {
    if (!(debianLike && root)) throw new Error(`Missing ${missing.join(', ')}: run \`sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}\`.`);
    console.error(`Installing Debian's ${missing.join(', ')}.`);
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...new Set(missing)]);
    // Chromium as chromium.mjs installs it (with its recommended fonts), without a second apt-get update.
    if (!findChromium() && !process.env.CHROME_PATH) run('apt-get', ['install', '-y', 'chromium']);
  }
  const chromium = ensureChromium();
  const firefox = findFirefox();
  const webkit = findWebKit();
  if (!firefox) throw new Error('firefox-esr installed but /usr/bin/firefox-esr is missing: set FIREFOX_PATH.');
  if (!webkit) throw new Error('webkit2gtk-driver installed but WebKitWebDriver, MiniBrowser or Xvfb is missing.');
  return { chromium, firefox, ...webkit };
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(probe, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts Xvfb on a free display and WebKitWebDriver on a free port, for a WebDriver
 * client (webdriverio) to drive MiniBrowser. `stop()` ends both (by their own pids).
 */
export async function startWebKitDriver() {
  const webkit = findWebKit();
  if (!webkit) throw new Error('WebKitGTK not found: run `node scripts/browsers.mjs`.');
  const runtimeDir = mkdtempSync(join(tmpdir(), 'webkit-'));
  // -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
  const xvfb = spawn(webkit.xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it took a display`)));
  });
  const port = await freePort();
  const driver = spawn(webkit.driver, [`--port=${port}`, '--host=127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DISPLAY: display, XDG_RUNTIME_DIR: runtimeDir, GDK_BACKEND: 'x11', WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
  });
  await waitFor(() => fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false), 10000, 'WebKitWebDriver');
  return {
    port,
    miniBrowser: webkit.miniBrowser,
    async stop() {
      driver.kill();
      xvfb.kill();
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const found = ensureBrowsers();
    console.log(`CHROME_PATH=${found.chromium}`);
    console.log(`FIREFOX_PATH=${found.firefox}`);
    console.log(`WEBKIT_DRIVER=${found.driver}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/**
 * A queue that runs WebDriver work one piece after another: a WebDriver session has
 * one current window, and a command that switches it (a popup's) must not interleave
 * with others. Each call returns `fn`'s result; a failure does not stop the queue.
 */
export function serial() {
  let last = Promise.resolve();
  return (fn) => {
    const run = last.then(fn, fn);
    last = run.catch(() => undefined);
    return run;
  };
}
