// Issue 25: every built-in locale is one list (src/locale-codes.ts), and each code on it is a
// source file, a package export, and a self-contained file in dist/locales/ that the
// single-file bundle can load by URL. Needs `npm run build` first, as the other dist/ tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The codes of src/locale-codes.ts, read from its text (node runs no TypeScript). */
function localeCodes() {
  const list = /LOCALE_CODES = \[([^\]]*)\]/.exec(readFileSync(join(ROOT, 'src/locale-codes.ts'), 'utf8'))?.[1];
  assert.ok(list, 'src/locale-codes.ts has a LOCALE_CODES list');
  return [...list.matchAll(/'([^']+)'/g)].map(([, code]) => code);
}
const CODES = localeCodes();

test('lists at least 19 locales besides English (20 with it), ar and he among them', () => {
  assert.ok(CODES.length >= 19, `${CODES.length} locales`);
  for (const code of ['ar', 'he', 'ja', 'ko', 'zh-Hans', 'zh-Hant']) assert.ok(CODES.includes(code), code);
});

test('has a source file for every listed code, and lists every locale file but English', () => {
  const files = readdirSync(join(ROOT, 'src/locales'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !/^en(?:-|\.)/.test(file))
    .map((file) => file.slice(0, -3));
  assert.deepEqual([...files].sort(), [...CODES].sort());
});

test('exports each as connect-elements/locales/<code>, with its types, and no other locale', () => {
  for (const code of CODES) {
    assert.deepEqual(pkg.exports[`./locales/${code}`], { types: `./dist/types/locales/${code}.d.ts`, import: `./dist/locales/${code}.js` }, code);
  }
  const exported = Object.keys(pkg.exports).filter((subpath) => subpath.startsWith('./locales/'));
  assert.deepEqual(exported.sort(), CODES.map((code) => `./locales/${code}`).sort());
});

test('builds each to a file that imports nothing and default-exports its translation', async () => {
  for (const code of CODES) {
    const file = join(ROOT, 'dist/locales', `${code}.js`);
    const source = readFileSync(file, 'utf8');
    // A locale file that imported a shared chunk would bring a second copy of the library onto a bundle page.
    assert.doesNotMatch(source, /\bimport\s*[\s{*("'`]|\bimport\(/, `${code}.js imports nothing`);
    const { default: translation } = await import(pathToFileURL(file).href);
    assert.equal(translation.$code, code);
    assert.equal(typeof translation.matchCount(5), 'string');
  }
});

test('loads locales by itself in the single-file bundle only: no file an app bundles holds the loader', () => {
  const files = readdirSync(join(ROOT, 'dist'), { recursive: true }).map(String).filter((file) => file.endsWith('.js'));
  assert.ok(files.includes('connect-elements.min.js'));
  assert.match(readFileSync(join(ROOT, 'dist/connect-elements.min.js'), 'utf8'), /\.\/locales\/\$\{/, 'the bundle loads ./locales/<code>.js');
  // The bundle's lazy chunks (dist/min/) are the bundle's too.
  const library = files.filter((file) => file !== 'connect-elements.min.js' && !file.startsWith('min/'));
  const loading = library.filter((file) => readFileSync(join(ROOT, 'dist', file), 'utf8').includes('locales/'));
  assert.deepEqual(loading, [], 'library files that build a locale URL');
});
