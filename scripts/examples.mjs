#!/usr/bin/env node
/**
 * `npm run examples` (and the `examples` step of `npm test`): packs the package as npm
 * would publish it (prepack builds it), then runs test/examples/, which installs that
 * tarball into each example app, type-checks it with its framework's checker (and checks
 * that a deliberately wrong file fails), builds it and clicks through a real flow.
 * Prints how long each part took. `node scripts/examples.mjs vue svelte` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = join(ROOT, 'examples');
const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

function run(args, options = {}) {
  const [command, ...rest] = args;
  const result = spawnSync(command, rest, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result.stdout;
}

const t0 = Date.now();
const tarball = run([...npm, 'pack', '--silent', '--pack-destination', EXAMPLES]).trim().split('\n').at(-1);
rmSync(join(EXAMPLES, 'connect-elements.tgz'), { force: true });
renameSync(join(EXAMPLES, tarball), join(EXAMPLES, 'connect-elements.tgz'));
const packed = Date.now();
console.log(`packed ${tarball} in ${((packed - t0) / 1000).toFixed(1)} s`);

// `node scripts/examples.mjs vue svelte`: only those examples (by folder name).
const only = process.argv.slice(2).join(',');
const env = only ? { ...process.env, CONNECT_EXAMPLES: only } : process.env;
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', 'test/examples/'], { cwd: ROOT, stdio: 'inherit', env });
console.log(`examples: ${((Date.now() - packed) / 1000).toFixed(1)} s after packing, ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
process.exit(result.status ?? 1);
