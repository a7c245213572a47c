#!/usr/bin/env node
/**
 * `npm test`: everything CI checks, in order, stopping at the first failure with its
 * exit code.
 *
 *   chromium   find (or, as root on Debian, install) Chromium, Firefox ESR, WebKitGTK; CHROME_PATH for the rest
 *   typecheck  tsc --noEmit -p tsconfig.json
 *   build      npm run build
 *   manifest   node scripts/check-manifest.mjs
 *   wtr        web-test-runner --config web-test-runner.config.mjs (Chromium, every file)
 *   firefox    the same with ENGINES=firefox (the flows, keyboard, forms)
 *   webkit     the same with ENGINES=webkit
 *   node       node --test test/node/ sandbox/ test/e2e/ test/differential/
 *   examples   node scripts/examples.mjs: pack, install into each example app, type-check, build, click through
 *
 * For local iteration only: SKIP=typecheck,build npm test. Refused when CI is set.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers } from './browsers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(ROOT, 'node_modules/.bin', name);
const node = process.execPath;

/** npm as the one running us when there is one (npm test), else the npm on PATH. */
const npm = process.env.npm_execpath?.endsWith('.js') ? [node, process.env.npm_execpath] : ['npm'];

const STEPS = [
  { id: 'chromium', title: 'Browsers (Chromium, Firefox ESR, WebKitGTK)', fn: () => { const { chromium: path } = ensureBrowsers(); process.env.CHROME_PATH = path; console.log(`CHROME_PATH=${path}`); } },
  { id: 'typecheck', title: 'Type check', cmd: [bin('tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  { id: 'build', title: 'Build', cmd: [...npm, 'run', 'build'] },
  { id: 'manifest', title: 'Custom elements manifest', cmd: [node, 'scripts/check-manifest.mjs'] },
  {
    id: 'wtr',
    title: 'Browser tests (web-test-runner)',
    requires: 'web-test-runner.config.mjs',
    cmd: [bin('web-test-runner'), '--config', 'web-test-runner.config.mjs'],
  },
  // The flows in the other engines (the files the config lists), after Chromium's run: side by side they would share 2 cores.
  { id: 'firefox', title: 'Browser tests in Firefox ESR (flows, keyboard, forms)', env: { ENGINES: 'firefox' }, cmd: [bin('web-test-runner'), '--config', 'web-test-runner.config.mjs'] },
  { id: 'webkit', title: 'Browser tests in WebKitGTK (flows, keyboard, forms)', env: { ENGINES: 'webkit' }, cmd: [bin('web-test-runner'), '--config', 'web-test-runner.config.mjs'] },
  {
    id: 'node',
    title: 'Node tests (node --test)',
    cmd: () => [node, '--test', ...['test/node/', 'sandbox/', 'test/e2e/', 'test/differential/'].filter((dir) => existsSync(join(ROOT, dir)) || (console.warn(`note: ${dir} does not exist`), false))],
  },
  { id: 'examples', title: 'Example apps from the packed package', cmd: [node, 'scripts/examples.mjs'] },
];

function run([command, ...args], env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

function parseSkip() {
  const skip = new Set((process.env.SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const unknown = [...skip].filter((id) => !STEPS.some((step) => step.id === id));
  if (unknown.length) {
    console.error(`SKIP: unknown step ${unknown.join(', ')} (steps: ${STEPS.map((s) => s.id).join(', ')})`);
    process.exit(2);
  }
  if (skip.size && process.env.CI && process.env.CI !== 'false') {
    console.error(`SKIP=${process.env.SKIP} is for local iteration only; CI runs every step.`);
    process.exit(2);
  }
  return skip;
}

async function main() {
  const skip = parseSkip();
  const started = Date.now();
  for (const [index, step] of STEPS.entries()) {
    const header = `[${index + 1}/${STEPS.length}] ${step.title}`;
    if (skip.has(step.id)) {
      console.log(`\n=== ${header}: SKIPPED (SKIP=${process.env.SKIP})`);
      continue;
    }
    const cmd = typeof step.cmd === 'function' ? step.cmd() : step.cmd;
    console.log(`\n=== ${header}${cmd ? `: ${cmd.map((a) => a.replace(`${ROOT}/`, '')).join(' ')}` : ''}`);
    const t0 = Date.now();
    let code = 0;
    if (step.requires && !existsSync(join(ROOT, step.requires))) {
      console.error(`${step.requires} is missing`);
      code = 1;
    } else if (step.fn) {
      try {
        await step.fn();
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        code = 1;
      }
    } else {
      code = await run(cmd, step.env);
    }
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (code !== 0) {
      console.error(`\n=== ${header}: FAILED (exit ${code}, ${seconds} s)`);
      return code;
    }
    console.log(`=== ${header}: ok (${seconds} s)`);
  }
  const skipped = STEPS.filter((s) => skip.has(s.id)).map((s) => s.id);
  console.log(`\nAll steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}.`);
  return 0;
}

process.exitCode = await main();
