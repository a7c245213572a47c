/**
 * The builds from one config (see package.json "build"):
 *
 * - `vite build`: the npm library. Its modules are grouped into a few files by what loads
 *   together, named by the source they hold (`chunkFileNames`, `LIBRARY_GROUPS`):
 *   `dist/core/flow.js` (what a click needs: mode, popup, errors, events, the presets'
 *   launch facts), `dist/controllers/flow-controller.js` (the elements' shared base,
 *   controller and localisation), one file per element (`dist/connect-button/connect-button.js`...),
 *   and one per lazy part (`dist/core/run.js`, `dist/presets/protocols.js`...). Each element
 *   in its own file lets a bundler that imports `ConnectButtonElement` from
 *   `connect-elements` drop the modal and the list. Few files matter as much: a bundler
 *   such as esbuild puts each file a lazy chunk shares with the page into a chunk of its
 *   own, so one module per source file (what this build did before) cost a button's page
 *   eight small files and 1.3 KB of gzip. The public entry points keep the names
 *   package.json `exports` points at. A dynamic `import()` in src stays one in dist. Lit is
 *   left to the consumer's bundler so an app has one copy of it.
 * - `vite build --mode server|host|callback`: `dist/server.js`, `dist/host.js` and
 *   `dist/callback.js`, each one self-contained file. They run elsewhere than the
 *   elements (the app's backend, the hosted page, a return page that loads no element),
 *   so they share no file with them: otherwise the return page would load the flow's
 *   files for the few helpers it needs.
 * - `vite build --mode bundle`: `dist/connect-elements.min.js`, for a `<script type="module">`
 *   on any page: Lit inlined, every element registered, everything `connect-elements`
 *   exports. Its static part is that one file; each dynamic `import()` becomes a chunk in
 *   `dist/min/`, which the browser loads relative to the bundle's own URL when it is used.
 *
 * Type declarations come from `tsc -p tsconfig.build.json` afterwards (dist/types/).
 */
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type LibraryOptions, type UserConfig } from 'vite';
import { LOCALE_CODES } from './src/locale-codes.js';

/** Lit and its labs packages are dependencies of the package, never bundled into it. */
const LIT_EXTERNAL = /^(?:lit|lit-html|lit-element|@lit\/reactive-element|@lit\/task)(?:\/.*)?$|^@lit-labs\//;

/**
 * React is the app's (an optional peer dependency, for connect-elements/react only).
 * @lit/react (about 1 KB) is bundled into dist/react.js, so React users install nothing else.
 */
const REACT_EXTERNAL = /^react(?:\/.*)?$/;

const fileName = (_format: string, name: string) => `${name}.js`;

/** What the library's files keep of comments: licences, and `/* @__PURE__ *\/` so consumers' bundlers can still tree-shake. */
const LIBRARY_COMMENTS = { legal: true, annotation: true, jsdoc: false };

/** Where the bundle's lazy chunks go, beside it: `dist/min/<name>-<hash>.js`. */
const BUNDLE_CHUNK_DIR = 'min';

/**
 * `vite build`: the public entry points, named as package.json `exports` has them; the
 * modules they import go into the files `LIBRARY_GROUPS` names.
 */
const LIBRARY: LibraryOptions = {
  entry: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    core: 'src/core/index.ts',
    react: 'src/react/index.ts',
    // One module per locale (English is bundled): a page loads only the ones it registers.
    ...Object.fromEntries(LOCALE_CODES.map((code) => [`locales/${code}`, `src/locales/${code}.ts`])),
  },
  formats: ['es'],
  fileName,
};

/** A library module's path under src/, `/` separated, or null for a package's. */
const sourcePath = (id: string): string | null => /[\\/]src[\\/](.+)\.ts$/.exec(id)?.[1].replace(/\\/g, '/') ?? null;

/**
 * Which file of dist/ each library module goes into, named by the source it is built
 * around, so a reader of dist/ finds the source. Listed in dependency order: a group
 * comes before the groups whose modules import it. What is not listed goes where rolldown
 * puts it: into the one entry that uses it, or a chunk named after it.
 */
const LIBRARY_GROUPS: { name: string; modules: RegExp }[] = [
  // What a flow needs inside the click, for every element and for core: loaded with the page.
  // The list's grid sizes (a few lines of arithmetic) ride here: the list and its lazy
  // virtualizer both use them, and in a file of their own, or in the list's, a page with
  // only a button would load that file too (a bundler such as esbuild loads up front a
  // file that the entry reaches and a lazy part uses).
  {
    name: 'core/flow',
    modules: /^(?:core\/(?:flow|modes|state|errors|protocol|pending|preset|lazy|surfaces\/popup|surfaces\/surface)|events|presets\/index|source-list\/grid-size)$/,
  },
  // core's export, which only a flow's run uses: never on a page that does not use it.
  { name: 'core/message-guard', modules: /^core\/message-guard$/ },
  // The modal surface: with a flow's run, or when a <connect-modal> connects.
  { name: 'core/surfaces/modal', modules: /^core\/surfaces\/modal$/ },
  // The rest of a flow, loaded when one starts (`import('./run.js')`).
  // With the flow's run too, the loopback and retry checks (core/hosts) that only the run and a list's lazy parts use:
  // in the click's file, a page that imports core would load them (esbuild puts a whole shared file up front).
  { name: 'core/run', modules: /^core\/(?:run|session|hosts|redirect|messages|default-preset|channels\/.+|surfaces\/redirect)$/ },
  { name: 'presets/protocols', modules: /^presets\/(?!index$).+$/ },
  // What every element shares: the base class, the flow controller, the localisation
  // with its English. No lazy part imports it, so a bundler keeps it with the page's entry.
  {
    name: 'controllers/flow-controller',
    modules: /^(?:controllers\/flow-controller|localize|locales\/en-flow|internal\/.+)$|@shoelace-style[\\/]localize/,
  },
  { name: 'controllers/flow-outcome', modules: /^controllers\/flow-outcome$/ },
  // Loaded with the first hover or focus of an element with the `prefetch` attribute.
  { name: 'controllers/prefetch', modules: /^controllers\/prefetch$/ },
  // Loaded with the first form-associated element in a form, holding a connection or running a flow.
  { name: 'controllers/form-value', modules: /^controllers\/form-value$/ },
  { name: 'connect-button/connect-button', modules: /^connect-button\// },
  { name: 'connect-modal/connect-modal', modules: /^connect-modal\// },
  { name: 'source-list/virtual-list', modules: /^source-list\/(?:virtual-list|layouts)$/ },
  // Loaded with the first list: the catalog's validation, an item's markup, the roving focus.
  { name: 'source-list/parts', modules: /^(?:source-list\/(?:parts|catalog|item)|controllers\/roving-focus)$/ },
  { name: 'source-list/source-list', modules: /^(?:source-list\/(?:source-list|source-list\.styles|templates|filter|json-task)|locales\/en-list)$/ },
  // Loaded with a list's first disconnect.
  { name: 'source-list/disconnect', modules: /^source-list\/disconnect$/ },
];

/** Builds of one self-contained file each: `vite build --mode <name>`. */
const STANDALONE: Record<string, string> = { server: 'src/server/index.ts', host: 'src/host/index.ts', callback: 'src/callback.ts' };

/** `vite build --mode bundle`: the root entry's exports plus the define module; static imports inlined, dynamic ones beside it. */
const BUNDLE: LibraryOptions = {
  entry: { 'connect-elements.min': 'src/bundle.ts' },
  formats: ['es'],
  fileName,
};

/**
 * `dist/node/define.js`: what `connect-elements/connect-elements.min.js` is on a server
 * (package.json's `node` condition). The bundle carries Lit's browser build, which extends
 * HTMLElement as it loads; a server importing it gets the same API and the three tags
 * registered from the library's own files, whose Lit shims the DOM in Node. Written as it is,
 * not built: as a build entry it would import the root for its side effects.
 */
const nodeStandInForBundle = {
  name: 'connect-elements:node-stand-in-for-bundle',
  generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string }): string }) {
    this.emitFile({ type: 'asset', fileName: 'node/define.js', source: "export * from '../index.js';\nimport '../define.js';\n" });
  },
};

export default defineConfig(({ mode }): UserConfig => {
  const bundle = mode === 'bundle';
  const standalone = STANDALONE[mode];
  return {
    // Nothing in public/ belongs in the package.
    publicDir: false,
    // Lit's own minifier for what esbuild leaves alone: the CSS and HTML inside css`` and
    // html`` templates (whitespace, comments), about 300 B gzip of a button's page. It must
    // not transpile: no CSS targets, so light-dark(), logical properties and :host() stay.
    plugins: [
      minifyLiterals({ failOnError: true, options: { minifyOptions: { minifyCSS: { minify: true } } } }),
      ...(bundle || standalone ? [] : [nodeStandInForBundle]),
    ],
    // The bundle runs straight in browsers: no `process` there. Lit's production
    // build is picked through the `production` export condition, which Vite uses
    // for `vite build`.
    define: bundle ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    // Vite picks `production` or `development` from NODE_ENV at build time, so a
    // NODE_ENV=development in the shell would inline Lit's dev build (about 14% larger,
    // with its console warnings). The bundle always wants production: say so outright.
    // The library build keeps Vite's default (Lit stays external there anyway).
    ...(bundle ? { resolve: { conditions: ['module', 'browser', 'production'] } } : {}),
    build: {
      outDir: 'dist',
      target: 'es2022',
      sourcemap: true,
      emptyOutDir: !bundle && !standalone,
      // Vite's library mode keeps whitespace in ES output; output.minify below
      // asks rolldown for full minification (whitespace, syntax, names).
      minify: true,
      reportCompressedSize: true,
      lib: bundle ? BUNDLE : standalone ? { entry: { [mode]: standalone }, formats: ['es'], fileName } : LIBRARY,
      rolldownOptions: standalone
        ? { output: { minify: true, comments: LIBRARY_COMMENTS } }
        : bundle
        ? {
            // Vite's library mode keeps entry signatures strict, so a module both the bundle
            // and a lazy chunk use (Lit, say) would become a third file the bundle imports
            // statically. Letting the entry export a few more (minified) names lets rolldown
            // keep it inside connect-elements.min.js; lazy chunks import it from there.
            preserveEntrySignatures: 'allow-extension',
            output: {
              minify: true,
              // Everything the entry imports statically is in the one file; only a dynamic
              // import() becomes a chunk, in dist/min/. Rolldown writes those imports as
              // relative paths (`import("./min/x-hash.js")`), which a browser resolves
              // against the importing module's URL: the chunks load from beside the bundle,
              // wherever it is served. (test/node/size.test.mjs checks both.)
              chunkFileNames: `${BUNDLE_CHUNK_DIR}/[name]-[hash].js`,
              // Rolldown's automatic chunking alone still splits out a module that lazy chunks
              // share with the entry when it sits in an import cycle with them (core's preset
              // registry, which imports the flow runner lazily and is imported by it). One
              // group holding every module the entry reaches statically leaves the entry a
              // facade of that group, which rolldown then folds into the entry itself.
              codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
              // Lit is BSD-3-Clause: keep its license notices in the file we ship it in.
              comments: { legal: true, annotation: false, jsdoc: false },
            },
          }
        : {
            external: (id: string) => LIT_EXTERNAL.test(id) || REACT_EXTERNAL.test(id),
            output: {
              minify: true,
              // Each group's file at its name (`dist/core/flow.js`...).
              chunkFileNames: '[name].js',
              codeSplitting: {
                // In the order listed: a group also takes the imports of its modules that no
                // earlier group took (none, as they are listed), so a file never holds another's.
                groups: LIBRARY_GROUPS.map(({ name, modules }, index) => ({
                  name,
                  test: (id: string) => modules.test(sourcePath(id) ?? id),
                  priority: LIBRARY_GROUPS.length - index,
                })),
              },
              comments: LIBRARY_COMMENTS,
            },
            // Constants inlined where they are used: a list's first file needs core/hosts' request timeout,
            // a number, and must not import the flow's run for it.
            optimization: { inlineConst: { mode: 'all' } },
          },
    },
  };
});
