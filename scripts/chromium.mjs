#!/usr/bin/env node
/**
 * Finds (and on a fresh Debian CI machine, installs) the Chromium every browser
 * step uses: web-test-runner, the e2e tests and the bench.
 *
 * Node built-ins only: .ci/run calls this before `npm ci`.
 *
 *   node scripts/chromium.mjs   # ensures Chromium, prints its path
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Flags for every launcher. Root needs --no-sandbox; the rest keep runs quiet and offline. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(join(dir, command)));
}

/** The Chromium to use: `CHROME_PATH` if set, else the first usual location that exists; `null` if none. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    // A CHROME_PATH that points nowhere is a mistake to report, not to paper over.
    return isExecutable(fromEnv) ? fromEnv : null;
  }
  return CANDIDATES.find(isExecutable) ?? null;
}

// Progress goes to stderr: stdout carries only the path, for `CHROME_PATH="$(node scripts/chromium.mjs)"`.
function run(command, args) {
  console.error(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

/**
 * Returns the Chromium path, installing Debian's `chromium` package first when none
 * is found on a Debian-like machine and we are root. Throws a one-line Error otherwise.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;

  if (process.env.CHROME_PATH) {
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable file: point it at a Chromium or Chrome binary, or unset it.`);
  }

  const debianLike = existsSync('/etc/debian_version') || onPath('apt-get');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (debianLike && root) {
    console.error('No Chromium found: installing Debian\'s chromium package.');
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', 'chromium']);
    const installed = findChromium();
    if (installed) return installed;
    throw new Error(`apt-get installed chromium but none of ${CANDIDATES.join(', ')} exists: set CHROME_PATH to its binary.`);
  }

  const how = debianLike ? 'run `sudo apt-get install -y chromium`' : 'install Chromium or Google Chrome';
  throw new Error(`No Chromium found: ${how}, or set CHROME_PATH to a Chromium/Chrome binary.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
