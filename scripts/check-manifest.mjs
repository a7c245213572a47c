#!/usr/bin/env node
/**
 * Fails when the committed custom-elements.json is not what `npm run analyze` would
 * generate now, or when it leaves an element's events undocumented (the analyzer
 * cannot infer events dispatched as Event subclasses: they need `@fires`).
 *
 * The analyzer runs in a scratch directory that links to src/, so neither
 * custom-elements.json nor package.json (whose `customElements` field cem rewrites
 * to point at its --outdir) is touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = join(ROOT, 'custom-elements.json');
const OUT_OF_DATE = 'custom-elements.json is out of date: run npm run analyze';

/** The analyzer arguments come from package.json's "analyze" script, so the two cannot drift. */
function analyzeArgs() {
  const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts?.analyze ?? '';
  const words = [...script.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  if (words[0] !== 'cem' || words[1] !== 'analyze' || words.includes('--outdir') || words.includes('--watch')) {
    throw new Error(`package.json "analyze" should be a plain \`cem analyze ...\` writing ./custom-elements.json, found: ${script || '(none)'}`);
  }
  return words.slice(1);
}

/** Runs the analyzer as `npm run analyze` would, in a scratch copy of the tree; returns the manifest. */
function generateManifest() {
  const scratch = mkdtempSync(join(tmpdir(), 'connect-elements-cem-'));
  try {
    symlinkSync(join(ROOT, 'src'), join(scratch, 'src'), 'dir');
    // cem reads its config from, and writes `customElements` into, the package.json of its cwd.
    writeFileSync(join(scratch, 'package.json'), readFileSync(join(ROOT, 'package.json')));
    for (const name of readdirSync(ROOT)) {
      if (name.startsWith('custom-elements-manifest.config.')) symlinkSync(join(ROOT, name), join(scratch, name));
    }
    const result = spawnSync(join(ROOT, 'node_modules/.bin/cem'), [...analyzeArgs(), '--outdir', 'out', '--quiet'], {
      cwd: scratch,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`cem analyze failed with exit code ${result.status ?? result.signal}`);
    return JSON.parse(readFileSync(join(scratch, 'out/custom-elements.json'), 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Up to `limit` places where the committed manifest (`a`) and the generated one (`b`)
 * differ. Lists of modules, declarations, members... are matched by path or name, so
 * one added module reads as one difference rather than every later index.
 */
function differences(a, b, path = '$', out = [], limit = 12) {
  if (out.length >= limit || isDeepStrictEqual(a, b)) return out;
  const keyOf = (item) => item?.path ?? item?.name;
  const keyed = (list) => list.every((item) => typeof keyOf(item) === 'string') && new Set(list.map(keyOf)).size === list.length;
  if (Array.isArray(a) && Array.isArray(b) && keyed(a) && keyed(b)) {
    const inA = new Map(a.map((item) => [keyOf(item), item]));
    const inB = new Map(b.map((item) => [keyOf(item), item]));
    for (const key of new Set([...inA.keys(), ...inB.keys()])) {
      if (out.length >= limit) break;
      if (!inB.has(key)) out.push(`${path}[${key}]: gone from the source`);
      else if (!inA.has(key)) out.push(`${path}[${key}]: new in the source`);
      else differences(inA.get(key), inB.get(key), `${path}[${key}]`, out, limit);
    }
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      differences(a[key], b[key], Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`, out, limit);
    }
    return out;
  }
  out.push(`${path}: changed`);
  return out;
}

/** Problems with the documentation of each custom element's events. */
function eventProblems(manifest) {
  const problems = [];
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement) continue;
      const where = `${mod.path}: ${decl.name}${decl.tagName ? ` <${decl.tagName}>` : ''}`;
      // A base class without a tag (an abstract LitElement the elements extend) is no
      // element anyone places; its subclasses carry the events.
      if (decl.tagName && (!Array.isArray(decl.events) || decl.events.length === 0)) {
        problems.push(`${where} documents no events: add @fires for each event it dispatches`);
        continue;
      }
      for (const event of decl.events ?? []) {
        if (event.description?.trim()) continue;
        problems.push(
          event.name
            ? `${where} event "${event.name}" has no description: write one after its @fires tag`
            : `${where} dispatches a ${event.type?.text ?? 'event'} the analyzer cannot name: document it with @fires on the class and put /** @ignore */ on the dispatch`,
        );
      }
    }
  }
  return problems;
}

/**
 * cem lists modules in the order its directory walk finds them, which varies from run
 * to run; only the content of each module is compared.
 */
function normalize(manifest) {
  const modules = [...(manifest.modules ?? [])].sort((a, b) => String(a.path).localeCompare(String(b.path)));
  return { ...manifest, modules };
}

function main() {
  if (!existsSync(MANIFEST)) {
    console.error(`custom-elements.json is missing: run npm run analyze and commit it`);
    return 1;
  }
  const committed = normalize(JSON.parse(readFileSync(MANIFEST, 'utf8')));
  const generated = normalize(generateManifest());
  let failed = false;

  if (!isDeepStrictEqual(committed, generated)) {
    console.error(OUT_OF_DATE);
    const found = differences(committed, generated);
    for (const difference of found.length ? found : ['same entries in a different order']) console.error(`  ${difference}`);
    failed = true;
  }
  const problems = eventProblems(committed);
  if (problems.length) {
    console.error('custom-elements.json leaves events undocumented:');
    for (const problem of problems) console.error(`  ${problem}`);
    failed = true;
  }
  if (failed) return 1;

  const elements = (committed.modules ?? []).flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
  console.log(`custom-elements.json is up to date (${elements.length} custom element${elements.length === 1 ? '' : 's'}, events documented).`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
