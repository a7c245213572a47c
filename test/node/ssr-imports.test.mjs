// Every JavaScript entry point of the BUILT package imports on a server: each in a fresh
// Node process with no DOM globals, resolved as an app's server resolves it (package.json
// `exports`, Node's own conditions, so Lit's Node build with its shims), from a scratch app
// whose node_modules/connect-elements is this repository. It fails on a throw at import, an
// error thrown or rejected later, a browser global the import defines (`window`,
// `document`...), or a process the import keeps alive. The list comes from `exports`, so a
// new entry point or locale is checked without editing this file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '../..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BUILT = existsSync(join(ROOT, 'dist/index.js'));

/** Browser globals no import may define on a server: a framework would then take the server for a browser. */
const BROWSER_GLOBALS = ['window', 'document', 'location', 'navigator', 'self', 'localStorage', 'sessionStorage', 'ShadowRoot'];

/**
 * Entry points that still throw on a server, each with why; `todo` runs them and reports
 * the failure without failing the suite, so the day one imports it shows as passing.
 */
const KNOWN_FAILURES = {};

/**
 * What a server loads before an entry point. Angular libraries ship partially compiled
 * (`ɵɵngDeclareDirective`): the Angular CLI's linker finishes them in a build, and plain
 * Node needs `@angular/compiler` loaded first, as for any Angular library on npm.
 */
const PRELUDES = {
  'connect-elements/angular': [import.meta.resolve('@angular/compiler')],
};

/** `connect-elements/<subpath>` for each export that points at JavaScript. */
function jsEntryPoints() {
  const target = (value) => (typeof value === 'string' ? value : (value?.import ?? value?.default));
  return Object.entries(PACKAGE.exports)
    .filter(([, value]) => /\.m?js$/.test(target(value) ?? ''))
    .map(([subpath]) => (subpath === '.' ? PACKAGE.name : `${PACKAGE.name}/${subpath.slice(2)}`));
}

/** Runs in the child: imports one specifier, then reports at exit what failed and which globals appeared. */
const PROBE = `
const [specifier, ...preludes] = process.argv.slice(2);
const problems = [];
const describe = (error) => (error instanceof Error ? error.stack ?? String(error) : String(error));
process.on('uncaughtException', (error) => problems.push('thrown after import: ' + describe(error)));
process.on('unhandledRejection', (error) => problems.push('rejected after import: ' + describe(error)));
for (const prelude of preludes) await import(prelude);
const before = new Set(Object.getOwnPropertyNames(globalThis));
try {
  await import(specifier);
} catch (error) {
  problems.push('import threw: ' + describe(error));
}
process.on('exit', () => {
  const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
  process.stdout.write('\\nREPORT ' + JSON.stringify({ problems, added }));
});
`;

let app;
before(() => {
  if (!BUILT) return;
  app = mkdtempSync(join(tmpdir(), 'connect-ssr-imports-'));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(ROOT, join(app, 'node_modules/connect-elements'), 'dir');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'server-app', private: true, type: 'module' }));
  writeFileSync(join(app, 'probe.mjs'), PROBE);
});
after(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('every entry point of the built package imports on a server', { skip: !BUILT && 'dist/ is not built: npm run build' }, () => {
  it('checks every JavaScript export, locales and the script-tag bundle included', () => {
    const entries = jsEntryPoints();
    for (const expected of ['', '/define', '/core', '/host', '/callback', '/server', '/react', '/angular', '/locales/de', '/connect-elements.min.js']) {
      assert.ok(entries.includes(`connect-elements${expected}`), `connect-elements${expected} is not among ${entries.join(', ')}`);
    }
  });

  for (const specifier of jsEntryPoints()) {
    it(`imports ${specifier} in a fresh Node process without a throw or a browser global`, { todo: KNOWN_FAILURES[specifier] }, () => {
      const { problems, added, status, stderr } = probe(specifier);
      assert.deepEqual(problems, [], problems.join('\n\n'));
      assert.deepEqual(added.filter((name) => BROWSER_GLOBALS.includes(name)), [], `defined ${added.join(', ')}`);
      assert.equal(status, 0, stderr);
    });
  }
});

describe('the import probe', { skip: !BUILT && 'dist/ is not built: npm run build' }, () => {
  it('catches a module that throws later, rejects later, defines window, or keeps the process alive', () => {
    writeFileSync(join(app, 'throws-later.mjs'), 'setTimeout(() => { throw new ReferenceError("document is not defined"); });');
    writeFileSync(join(app, 'rejects-later.mjs'), 'Promise.resolve().then(() => location.href);');
    writeFileSync(join(app, 'defines-window.mjs'), 'globalThis.window = globalThis;');
    writeFileSync(join(app, 'keeps-alive.mjs'), 'setInterval(() => {}, 1000);');
    assert.match(probe('./throws-later.mjs').problems.join(), /thrown after import: ReferenceError: document is not defined/);
    assert.match(probe('./rejects-later.mjs').problems.join(), /rejected after import: ReferenceError: location is not defined/);
    assert.ok(probe('./defines-window.mjs').added.includes('window'));
    assert.throws(() => probe('./keeps-alive.mjs', 3_000), /did not end within 3 s/);
  });
});

/** Imports `specifier` in a fresh Node process started in the scratch app; answers what the probe saw. */
function probe(specifier, timeout = 30_000) {
  // No DOM global comes from outside either: a plain Node, no flags, no preloaded shim.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, ['probe.mjs', specifier, ...(PRELUDES[specifier] ?? [])], { cwd: app, encoding: 'utf8', env, timeout });
  assert.equal(child.error?.code, undefined, `the process did not end within ${timeout / 1000} s (an import that keeps it alive?):\n${child.stderr}`);
  const report = /^REPORT (.*)$/m.exec(child.stdout);
  assert.ok(report, `no report (exit ${child.status}):\n${child.stdout}\n${child.stderr}`);
  return { ...JSON.parse(report[1]), status: child.status, stderr: child.stderr };
}
