#!/usr/bin/env node
/**
 * What each way of using the package costs a page, measured the same way every time:
 * esbuild bundles the entry (minified ESM for browsers, ES2022) and zlib gzips it at
 * level 9. The single-file bundle is measured as Vite built it, and checked against
 * the same esbuild build of its entry (src/define.ts): it should be about that size,
 * re-minifying it should gain next to nothing, and it must hold Lit's production build.
 *
 *   node scripts/sizes.mjs          # table
 *   node scripts/sizes.mjs --json   # JSON rows
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `connect-elements/core`, every export. 0.2 moved the whole flow into core (mode
 * choice, modal and redirect surfaces, the return relay, the server result), so
 * core grew from 3,543 B; the size issue brings it back under 3,500 B by moving
 * what core does not need (the English messages, the modal's styles) out of it.
 */
// Issue 10 (dark mode, forced colours, logical properties and a busy ring in the modal's
// stylesheet) added about 350 B to core; they leave with the modal's styles in the size issue.
export const CORE_BUDGET_GZIP = 7900;
/** `connect-elements/callback`: a return page's relay, a few hundred bytes. */
export const CALLBACK_BUDGET_GZIP = 700;

export const MIN_BUNDLE = join(ROOT, 'dist/connect-elements.min.js');
const CONNECT_BUTTON = join(ROOT, 'src/connect-button/connect-button.ts');

/**
 * The measured entries. `contents` is a virtual module resolved from the repo root,
 * so an entry can measure "import X and register it" rather than a whole file.
 */
export const SIZE_ENTRIES = [
  { name: 'connect-elements/core', contents: `export * from './src/core/index.ts';`, requires: 'src/core/index.ts' },
  {
    name: '<connect-button> with Lit',
    contents: `import { ConnectButtonElement } from './src/connect-button/connect-button.ts';\nConnectButtonElement.define();`,
    requires: 'src/connect-button/connect-button.ts',
  },
  {
    name: '<connect-modal> with Lit',
    contents: `import { ConnectModalElement } from './src/connect-modal/connect-modal.ts';\nConnectModalElement.define();`,
    requires: 'src/connect-modal/connect-modal.ts',
  },
  {
    name: '<source-list> with Lit and the virtualizer',
    contents: `import { SourceListElement } from './src/source-list/source-list.ts';\nSourceListElement.define();`,
    requires: 'src/source-list/source-list.ts',
  },
  { name: 'host', contents: `export * from './src/host/index.ts';`, requires: 'src/host/index.ts' },
  { name: 'connect-elements/callback', contents: `import './src/callback.ts';`, requires: 'src/callback.ts' },
  // What dist/connect-elements.min.js should weigh: its own entry, built the same way as the rows above.
  { name: 'every element (src/define.ts)', contents: `import './src/define.ts';`, requires: 'src/define.ts', reference: true },
];

/** Re-minifying the single-file bundle may gain at most this share before it counts as unminified. */
const REMINIFY_TOLERANCE = 0.1;
/** The single-file bundle may be at most this much larger than esbuild's build of src/define.ts. */
const BUNDLE_TOLERANCE = 1.15;
/** Strings only Lit's development builds hold. */
const LIT_DEV_BUILD = /Lit is in dev mode|Multiple versions of Lit loaded/;

export function gzipSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

const isLitInput = (path) => /(?:^|\/)node_modules\/(?:lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+)\//.test(path);

/**
 * Bundles one virtual entry in memory. Returns the code, the input files esbuild
 * pulled in (repo-relative), whether any of them is Lit, and the sizes.
 */
export async function bundleEntry(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'size-entry.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    legalComments: 'eof',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    tsconfig: join(ROOT, 'tsconfig.json'),
  });
  const bytes = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)));
  return {
    code: result.outputFiles[0].text,
    inputs,
    lit: inputs.some(isLitInput),
    raw: bytes.length,
    gzip: gzipSize(bytes),
  };
}

/**
 * Rows `{ name, raw, gzip, lit, note? }` (bytes). A row whose source does not exist yet
 * has `raw` and `gzip` null and says why in `note`.
 */
export async function measureSizes() {
  const rows = [];
  let reference = null;
  for (const entry of SIZE_ENTRIES) {
    if (!existsSync(join(ROOT, entry.requires))) {
      rows.push({ name: entry.name, raw: null, gzip: null, lit: null, note: `${entry.requires} does not exist yet` });
      continue;
    }
    const { raw, gzip, lit } = await bundleEntry(entry.contents);
    rows.push({ name: entry.name, raw, gzip, lit });
    if (entry.reference) reference = { raw, gzip };
  }
  if (existsSync(MIN_BUNDLE)) {
    const bytes = readFileSync(MIN_BUNDLE);
    const check = await checkBundle(bytes, reference);
    rows.push({
      name: 'dist/connect-elements.min.js',
      raw: bytes.length,
      gzip: gzipSize(bytes),
      lit: /\bLitElement\b|lit-html|\$lit\$/.test(bytes.toString()),
      check,
      note: check.problems.length ? `CHECK: ${check.problems.join('; ')}` : `${check.vsReference?.toFixed(2) ?? '?'}x the row above; minified; Lit production build`,
    });
  } else {
    rows.push({ name: 'dist/connect-elements.min.js', raw: null, gzip: null, lit: null, note: 'missing: run npm run build' });
  }
  return rows;
}

/**
 * Is the single-file bundle what it should be? `vsReference`: its raw size over esbuild's
 * build of src/define.ts; `reminifyGain`: the share esbuild's minifier still removes
 * (close to 0 for a minified file; whitespace-laden library output loses 30-50%);
 * `litDevBuild`: Lit's development build got in (the `production` export condition was
 * not used). `problems` lists what is off, in words.
 */
export async function checkBundle(bytes, reference) {
  const code = Buffer.from(bytes).toString('utf8');
  const reminified = await esbuild.transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'eof', logLevel: 'silent' });
  const reminifyGain = 1 - Buffer.byteLength(reminified.code) / bytes.length;
  const vsReference = reference?.raw ? Math.round((bytes.length / reference.raw) * 100) / 100 : null;
  const litDevBuild = LIT_DEV_BUILD.test(code);
  const problems = [];
  if (reminifyGain > REMINIFY_TOLERANCE) problems.push(`looks unminified (esbuild --minify takes ${Math.round(reminifyGain * 100)}% off)`);
  if (vsReference != null && vsReference > BUNDLE_TOLERANCE) problems.push(`${vsReference}x esbuild's build of src/define.ts`);
  if (litDevBuild) problems.push('holds Lit\'s development build (build with the production export condition)');
  return { vsReference, reminifyGain: Math.round(reminifyGain * 1000) / 1000, litDevBuild, problems };
}

/**
 * The import specifiers a built JS file contains (static, dynamic and re-exports),
 * as `{ path, kind }`, read by esbuild's parser rather than by a regular expression.
 */
export async function importsOf(file) {
  const found = [];
  await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-imports',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            found.push({ path: args.path, kind: args.kind });
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}

/** A specifier a browser cannot load without an import map or a bundler. */
export const isBareSpecifier = (specifier) => !/^(?:\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);

/**
 * Every file reachable from `file` through relative imports, with the bare
 * specifiers each one imports: `[{ file, bare: string[] }]`.
 */
export async function importGraph(file) {
  const seen = new Map();
  const visit = async (path) => {
    if (seen.has(path)) return;
    seen.set(path, []);
    for (const { path: specifier } of await importsOf(path)) {
      if (isBareSpecifier(specifier)) seen.get(path).push(specifier);
      else if (specifier.startsWith('.') || specifier.startsWith('/')) await visit(join(dirname(path), specifier));
    }
  };
  await visit(resolve(file));
  return [...seen].map(([path, bare]) => ({ file: relative(ROOT, path), bare }));
}

export function formatBytes(n) {
  if (n == null) return '-';
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(2)} KB`;
}

export function formatSizeTable(rows) {
  const head = ['entry', 'raw', 'gzip -9', ''];
  const body = rows.map((r) => [
    r.name,
    formatBytes(r.raw),
    formatBytes(r.gzip),
    r.note ?? (r.name === 'connect-elements/core' ? `budget ${formatBytes(CORE_BUDGET_GZIP)}` : ''),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureSizes();
  console.log(process.argv.includes('--json') ? JSON.stringify(rows, null, 2) : formatSizeTable(rows));
}
