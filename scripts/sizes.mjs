#!/usr/bin/env node
/**
 * What each way of using the package costs a page, measured the same way every time.
 *
 * "Initial" is what a page loads before anything is used: esbuild bundles the entry
 * (minified ESM for browsers, ES2022, Lit's production build through the `production`
 * export condition) with `splitting: true`, so every dynamic `import()` becomes its own
 * chunk, as in an app's build. The initial figure is the entry chunk plus the chunks it
 * imports statically, each gzipped at level 9 on its own (a page fetches them as separate
 * files) and summed. "Lazy" is every chunk reachable from those only through a dynamic
 * import: loaded when used, reported beside the initial figure, never in it.
 *
 * Rows marked "through the package" import `connect-elements` as a bundler user writes
 * it: the bare specifier resolves through package.json `exports` (a package may import
 * itself by its own name) to the built `dist/`, so they need `npm run build` first.
 * The single-file bundle is measured as Vite built it, with the chunks it loads lazily.
 * The peers are their published packages from node_modules, every export of their main
 * entry, built the same way as `connect-elements/core`.
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
 * The budgets of the size issue (gzip -9 bytes of what a page loads initially).
 * `connect-elements/core`, every export: smaller than Alter's widget while checking
 * source and state, which it does not. Issue 21 put the framed app's mode choice in
 * the click (a redirect inside a frame opens a popup): measured 3,527 B, budget that plus 2 %.
 */
export const CORE_BUDGET_GZIP = 3600;
/**
 * All three elements (`connect-elements/define`) through the package, Lit included, without
 * the virtualizer. 0.2 met the size issue's 22,000 B target (21,572 B); 0.3 made both elements
 * form controls (their ElementInternals, validity, reset and restore hooks: +633 B on a button's
 * page, the rest of the form code lazy) and taught the locale lookup Chinese scripts and
 * Portugal's Portuguese (+225 B): measured 22,750 B, budget that plus 2 %.
 */
export const ALL_BUDGET_GZIP = 23200;
/** The size issue's target for all three, still reported by `npm run bench` (over it since 0.3's forms), not enforced. */
export const ALL_TARGET_GZIP = 22000;
/**
 * A page with only `<connect-button>`, imported through the package, Lit and the English
 * locale included. Its first target (12 KB) was dropped in issue 24: the button stays on
 * Lit, with its themes, locales and right-to-left support. 0.2 enforced 14,800 B (measured
 * 14,505 B); 0.3's form association and locale mapping (above) bring it to 15,287 B, and
 * its budget is that plus 2 %. Lower it as the bytes come down; never raise it without
 * saying why in the commit.
 */
export const BUTTON_BUDGET_GZIP = 15600;
/** `connect-elements/callback`: a return page's relay, a few hundred bytes. */
export const CALLBACK_BUDGET_GZIP = 700;

export const DIST = join(ROOT, 'dist');
export const MIN_BUNDLE = join(DIST, 'connect-elements.min.js');

/** Where a peer's package.json is, so its row can name the version measured. */
const peerVersion = (name) => {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
};

/**
 * Every export of a package's main entry, its default included when it has one (which
 * `export *` leaves out): the names come from esbuild's metafile of that entry, so a
 * peer's row keeps all that `import * as x` would.
 */
async function everyExportOf(specifier) {
  let file;
  await esbuild.build({
    stdin: { contents: '', resolveDir: ROOT },
    write: false,
    logLevel: 'silent',
    plugins: [{ name: 'resolve-peer', setup: (build) => build.onStart(async () => void (file = (await build.resolve(specifier, { kind: 'import-statement', resolveDir: ROOT })).path)) }],
  });
  const result = await esbuild.build({ entryPoints: [file], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', outdir: join(ROOT, '.sizes'), logLevel: 'silent' });
  const names = Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.exports ?? [];
  const quoted = JSON.stringify(specifier);
  return `export * from ${quoted};${names.includes('default') ? `\nexport { default } from ${quoted};` : ''}`;
}

/** A peer row: every export of the published package's main entry. */
const peer = (id, specifier) => ({
  id,
  group: 'peers',
  get name() {
    return `${specifier} ${peerVersion(specifier) ?? '(not installed)'}, every export`;
  },
  contents: () => everyExportOf(specifier),
  requires: `node_modules/${specifier}/package.json`,
  missing: 'not installed: npm ci',
  package: specifier,
});

const NOT_BUILT = 'dist/ not built: run npm run build';

/**
 * The measured entries. `contents` is a virtual module resolved from the repo root, so
 * an entry can measure "import X and register it" rather than a whole file. `id` is
 * stable (tests and the bench's JSON find rows by it); `name` is what the table says.
 * `viaPackage`: imports `connect-elements` by name, so it measures dist/.
 */
export const SIZE_ENTRIES = [
  {
    id: 'core',
    group: 'ours',
    name: 'connect-elements/core, every export',
    contents: `export * from './src/core/index.ts';`,
    requires: 'src/core/index.ts',
    budget: CORE_BUDGET_GZIP,
  },
  {
    id: 'core-package',
    group: 'ours',
    name: "connect-elements/core via the package (dist/), every export",
    contents: `export * from 'connect-elements/core';`,
    requires: 'dist/core.js',
    missing: NOT_BUILT,
    viaPackage: true,
    budget: CORE_BUDGET_GZIP,
  },
  {
    id: 'button',
    group: 'ours',
    name: '<connect-button> from src, with Lit',
    contents: `import { ConnectButtonElement } from './src/connect-button/connect-button.ts';\nConnectButtonElement.define();`,
    requires: 'src/connect-button/connect-button.ts',
  },
  {
    id: 'button-package',
    group: 'ours',
    name: "<connect-button> via 'connect-elements' (dist/), with Lit",
    contents: `import { ConnectButtonElement } from 'connect-elements';\nConnectButtonElement.define();`,
    requires: 'dist/index.js',
    missing: NOT_BUILT,
    viaPackage: true,
    budget: BUTTON_BUDGET_GZIP,
  },
  {
    id: 'modal',
    group: 'ours',
    name: '<connect-modal> from src, with Lit',
    contents: `import { ConnectModalElement } from './src/connect-modal/connect-modal.ts';\nConnectModalElement.define();`,
    requires: 'src/connect-modal/connect-modal.ts',
  },
  {
    id: 'source-list',
    group: 'ours',
    name: '<source-list> from src, with Lit',
    contents: `import { SourceListElement } from './src/source-list/source-list.ts';\nSourceListElement.define();`,
    requires: 'src/source-list/source-list.ts',
  },
  {
    id: 'all-package',
    group: 'ours',
    name: "all three via 'connect-elements/define' (dist/), with Lit",
    contents: `import 'connect-elements/define';`,
    requires: 'dist/define.js',
    missing: NOT_BUILT,
    viaPackage: true,
    budget: ALL_BUDGET_GZIP,
    target: ALL_TARGET_GZIP,
  },
  {
    id: 'callback',
    group: 'ours',
    name: 'connect-elements/callback',
    contents: `import './src/callback.ts';`,
    requires: 'src/callback.ts',
    budget: CALLBACK_BUDGET_GZIP,
  },
  { id: 'host', group: 'ours', name: 'connect-elements/host, every export', contents: `export * from './src/host/index.ts';`, requires: 'src/host/index.ts' },
  peer('peer-alter', '@alter-ai/connect'),
  peer('peer-nango', '@nangohq/frontend'),
  peer('peer-stripe', '@stripe/connect-js'),
  {
    id: 'lit',
    group: 'reference',
    name: 'Lit alone (LitElement, html, css)',
    contents: `export { LitElement, html, css } from 'lit';`,
    requires: 'node_modules/lit/package.json',
    missing: 'not installed: npm ci',
  },
  {
    id: 'virtualizer',
    group: 'reference',
    name: '@lit-labs/virtualizer (virtualize + flow + grid), with Lit',
    contents: [
      `export { virtualize } from '@lit-labs/virtualizer/virtualize.js';`,
      `export { flow } from '@lit-labs/virtualizer/layouts/flow.js';`,
      `export { grid } from '@lit-labs/virtualizer/layouts/grid.js';`,
    ].join('\n'),
    requires: 'node_modules/@lit-labs/virtualizer/package.json',
    missing: 'not installed: npm ci',
  },
  // What dist/connect-elements.min.js should weigh: its own entry, built the same way as the rows above.
  {
    id: 'bundle-src',
    group: 'reference',
    name: 'every element and export (src/bundle.ts), esbuild',
    contents: `export * from './src/bundle.ts';`,
    requires: 'src/bundle.ts',
    reference: true,
  },
];

/** Re-minifying the single-file bundle may gain at most this share before it counts as unminified. */
const REMINIFY_TOLERANCE = 0.1;
/** The single-file bundle may be at most this much larger than esbuild's build of its entry. */
const BUNDLE_TOLERANCE = 1.15;
/** Strings only Lit's development builds hold. */
const LIT_DEV_BUILD = /Lit is in dev mode|Multiple versions of Lit loaded/;

export function gzipSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

export const isLitInput = (path) => /(?:^|\/)node_modules\/(?:lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+)\//.test(path);

/** Static edges: what a page fetches before the importing module runs. */
const STATIC_KINDS = new Set(['import-statement', 'require-call', 'entry-point']);

/**
 * Splits a chunk graph into what loads initially and what loads later. `edges(file)`
 * lists `{ path, kind }`. Initial: `entry` and everything it reaches through static
 * imports. Lazy: everything else reachable through any import, dynamic ones included.
 */
export async function splitChunks(entry, edges) {
  const initial = new Set();
  const visitStatic = async (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const { path, kind } of await edges(file)) if (STATIC_KINDS.has(kind)) await visitStatic(path);
  };
  await visitStatic(entry);
  const lazy = new Set();
  const visitAll = async (file) => {
    for (const { path } of await edges(file)) {
      if (initial.has(path) || lazy.has(path)) continue;
      lazy.add(path);
      await visitAll(path);
    }
  };
  for (const file of [...initial]) await visitAll(file);
  return { initial: [...initial], lazy: [...lazy] };
}

/** Sums chunks as a page pays for them: each file gzipped on its own. */
const total = (chunks) => ({
  raw: chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0),
  gzip: chunks.reduce((sum, chunk) => sum + gzipSize(chunk.bytes), 0),
});

/**
 * Bundles one virtual entry in memory, with code splitting. `stubs` replaces the source
 * of every file whose path matches `filter` with `contents` (TypeScript, resolved from
 * its own folder): what a page would weigh without a module (scripts/size-floor.mjs).
 * Returns the initial
 * `raw`/`gzip` (entry chunk + its static imports), the lazy ones (`lazyRaw`/`lazyGzip`),
 * the initial code, the input files that put bytes into the initial chunks
 * (repo-relative; `lazyInputs` for the rest; `parsed`: every file read), whether Lit is
 * among them, and the number of chunks.
 */
export async function bundleEntry(contents, { stubs = [] } = {}) {
  const outdir = join(ROOT, '.sizes');
  const result = await esbuild.build({
    entryPoints: ['size-entry'],
    bundle: true,
    splitting: true,
    outdir,
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
    plugins: [
      {
        name: 'size-entry',
        setup(build) {
          build.onResolve({ filter: /^size-entry$/ }, () => ({ path: 'size-entry', namespace: 'size-entry' }));
          build.onLoad({ filter: /.*/, namespace: 'size-entry' }, () => ({ contents, resolveDir: ROOT, loader: 'ts' }));
          for (const stub of stubs) build.onLoad({ filter: stub.filter }, ({ path }) => ({ contents: stub.contents, resolveDir: dirname(path), loader: 'ts' }));
        },
      },
    ],
  });
  const outputs = result.metafile.outputs;
  const files = new Map(result.outputFiles.map((file) => [relative(ROOT, file.path), file]));
  // The measured entry, not a dynamic import's chunk (esbuild marks those as entry points too).
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint === 'size-entry:size-entry');
  if (!entry) throw new Error(`esbuild's output has no chunk for the measured entry: ${Object.keys(outputs).join(', ')}`);
  const { initial, lazy } = await splitChunks(entry, (path) => outputs[path]?.imports.filter((edge) => !edge.external) ?? []);
  const chunk = (path) => ({ path, bytes: files.get(path).contents });
  const inputsOf = (paths) => [
    ...new Set(
      paths.flatMap((path) =>
        Object.entries(outputs[path].inputs)
          // The virtual entry itself is no file.
          .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && !input.startsWith('size-entry:'))
          .map(([input]) => relative(ROOT, join(ROOT, input))),
      ),
    ),
  ];
  const initialSize = total(initial.map(chunk));
  const lazySize = total(lazy.map(chunk));
  const inputs = inputsOf(initial);
  return {
    code: initial.map((path) => files.get(path).text).join('\n'),
    inputs,
    // Every file esbuild read, a pure re-export module (which puts no bytes in) included.
    parsed: Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('size-entry:')).map((input) => relative(ROOT, join(ROOT, input))),
    lazyInputs: inputsOf(lazy).filter((input) => !inputs.includes(input)),
    lit: inputs.some(isLitInput),
    raw: initialSize.raw,
    gzip: initialSize.gzip,
    lazyRaw: lazySize.raw,
    lazyGzip: lazySize.gzip,
    chunks: { initial: initial.length, lazy: lazy.length },
  };
}

/**
 * A built file on disk and the files it loads, split as `bundleEntry` splits chunks:
 * `{ initial: [{ file, raw, gzip }], lazy: [...], raw, gzip, lazyRaw, lazyGzip }`.
 * Only relative imports are followed (a bare one is a problem the tests report).
 */
export async function builtFileSizes(file) {
  const edges = async (path) =>
    (await importsOf(path))
      .filter(({ path: specifier }) => specifier.startsWith('.') || specifier.startsWith('/'))
      .map(({ path: specifier, kind }) => ({ path: resolve(dirname(path), specifier), kind }));
  const { initial, lazy } = await splitChunks(resolve(file), edges);
  const sized = (paths) =>
    paths.map((path) => {
      const bytes = readFileSync(path);
      return { file: relative(ROOT, path), raw: bytes.length, gzip: gzipSize(bytes) };
    });
  const sum = (list, key) => list.reduce((n, item) => n + item[key], 0);
  const i = sized(initial);
  const l = sized(lazy);
  return { initial: i, lazy: l, raw: sum(i, 'raw'), gzip: sum(i, 'gzip'), lazyRaw: sum(l, 'raw'), lazyGzip: sum(l, 'gzip') };
}

/**
 * Rows `{ id, group, name, raw, gzip, lazyRaw, lazyGzip, lit, budget?, inputs?, note? }`
 * (bytes; `raw`/`gzip` are the initial load). A row whose source or build does not exist
 * has `raw` and `gzip` null and says why in `note`.
 */
export async function measureSizes() {
  const rows = [];
  let reference = null;
  for (const entry of SIZE_ENTRIES) {
    const base = { id: entry.id, group: entry.group, name: entry.name, ...(entry.budget ? { budget: entry.budget } : {}), ...(entry.target ? { target: entry.target } : {}) };
    if (entry.package) base.version = peerVersion(entry.package);
    if (!existsSync(join(ROOT, entry.requires))) {
      rows.push({ ...base, raw: null, gzip: null, lazyRaw: null, lazyGzip: null, lit: null, note: entry.missing ?? `${entry.requires} does not exist yet` });
      continue;
    }
    const contents = typeof entry.contents === 'function' ? await entry.contents() : entry.contents;
    const measured = await bundleEntry(contents);
    const { raw, gzip, lazyRaw, lazyGzip, lit, inputs, chunks } = measured;
    rows.push({ ...base, entry: contents, raw, gzip, lazyRaw, lazyGzip, lit, chunks, ...(entry.viaPackage ? { inputs } : {}) });
    if (entry.reference) reference = { raw, gzip };
  }
  let bundleRow;
  const name = 'dist/connect-elements.min.js as built (lazy: the chunks beside it)';
  if (existsSync(MIN_BUNDLE)) {
    const bytes = readFileSync(MIN_BUNDLE);
    const check = await checkBundle(bytes, reference);
    const { raw, gzip, lazyRaw, lazyGzip, initial, lazy } = await builtFileSizes(MIN_BUNDLE);
    bundleRow = {
      id: 'min-bundle',
      group: 'ours',
      name,
      raw,
      gzip,
      lazyRaw,
      lazyGzip,
      lit: /\bLitElement\b|lit-html|\$lit\$/.test(bytes.toString()),
      files: { initial: initial.map((f) => f.file), lazy: lazy.map((f) => f.file) },
      check,
      note: check.problems.length ? `CHECK: ${check.problems.join('; ')}` : `${check.vsReference?.toFixed(2) ?? '?'}x esbuild's build of src/bundle.ts; minified; Lit production build`,
    };
  } else {
    bundleRow = { id: 'min-bundle', group: 'ours', name, raw: null, gzip: null, lazyRaw: null, lazyGzip: null, lit: null, note: 'missing: run npm run build' };
  }
  // Beside the other "every element" row, in the table.
  rows.splice(rows.findIndex((row) => row.id === 'all-package') + 1, 0, bundleRow);
  return rows;
}

/**
 * Is the single-file bundle what it should be? `vsReference`: its raw size over esbuild's
 * build of its entry (src/bundle.ts); `reminifyGain`: the share esbuild's minifier still
 * removes (close to 0 for a minified file; whitespace-laden library output loses 30-50%);
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
  if (vsReference != null && vsReference > BUNDLE_TOLERANCE) problems.push(`${vsReference}x esbuild's build of src/bundle.ts`);
  if (litDevBuild) problems.push('holds Lit\'s development build (build with the production export condition)');
  return { vsReference, reminifyGain: Math.round(reminifyGain * 1000) / 1000, litDevBuild, problems };
}

/**
 * The import specifiers a built JS file contains (static, dynamic and re-exports),
 * as `{ path, kind }` (esbuild's kinds: `import-statement`, `dynamic-import`...), read
 * by esbuild's parser rather than by a regular expression.
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
 * specifiers each one imports: `[{ file, bare: string[] }]`. `staticOnly` leaves out
 * what only a dynamic `import()` reaches.
 */
export async function importGraph(file, { staticOnly = false } = {}) {
  const seen = new Map();
  const visit = async (path) => {
    if (seen.has(path)) return;
    seen.set(path, []);
    for (const { path: specifier, kind } of await importsOf(path)) {
      if (staticOnly && kind === 'dynamic-import') continue;
      if (isBareSpecifier(specifier)) seen.get(path).push(specifier);
      else if (specifier.startsWith('.') || specifier.startsWith('/')) await visit(join(dirname(path), specifier));
    }
  };
  await visit(resolve(file));
  return [...seen].map(([path, bare]) => ({ file: relative(ROOT, path), bare }));
}

export function formatBytes(n) {
  if (n == null) return '-';
  return `${n.toLocaleString('en-US')} B`;
}

const GROUP_TITLES = { ours: 'connect-elements', peers: 'peers, published packages, same run', reference: 'for reference' };

/** Budget or note for a row: how it stands against its budget, if it has one. */
function remark(row) {
  if (row.note && row.gzip == null) return row.note;
  const parts = [];
  if (row.budget) {
    const over = row.gzip - row.budget;
    parts.push(over > 0 ? `budget ${formatBytes(row.budget)}: OVER by ${formatBytes(over)}` : `budget ${formatBytes(row.budget)}: ok, ${formatBytes(-over)} to spare`);
  }
  if (row.target) {
    const over = row.gzip - row.target;
    parts.push(over > 0 ? `issue's target ${formatBytes(row.target)}: not met, ${formatBytes(over)} over` : `issue's target ${formatBytes(row.target)}: met`);
  }
  if (row.note) parts.push(row.note);
  return parts.join('; ');
}

export function formatSizeTable(rows) {
  const head = ['what a page loads', 'initial gzip -9', 'initial raw', 'lazy gzip, loaded when used', 'budget / note'];
  const body = [];
  let group;
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      body.push({ title: GROUP_TITLES[group] ?? group });
    }
    body.push([`  ${r.name}`, formatBytes(r.gzip), formatBytes(r.raw), r.lazyGzip ? formatBytes(r.lazyGzip) : r.gzip == null ? '-' : '0 B', remark(r)]);
  }
  const cells = body.filter(Array.isArray);
  const widths = head.map((_, i) => Math.max(...[head, ...cells].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i >= 1 && i <= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map((row) => (Array.isArray(row) ? line(row) : `${row.title}:`))].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await measureSizes();
  console.log(process.argv.includes('--json') ? JSON.stringify(rows, null, 2) : formatSizeTable(rows));
}
