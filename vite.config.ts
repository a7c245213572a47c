/**
 * Two builds from one config (see package.json "build"):
 *
 * - `vite build`: the npm library. One ES module per public entry point
 *   (`dist/index.js`, `dist/define.js`, `dist/core.js`, `dist/host.js`, `dist/server.js`), shared code in
 *   `dist/chunks/`, Lit left to the consumer's bundler so an app has one copy of it.
 * - `vite build --mode bundle`: `dist/connect-elements.min.js`, one self-contained file
 *   (Lit inlined) that registers every element and exports what `connect-elements` exports,
 *   for a `<script type="module">` on any page.
 *
 * Type declarations come from `tsc -p tsconfig.build.json` afterwards (dist/types/).
 */
import { defineConfig, type LibraryOptions, type UserConfig } from 'vite';

/** Lit and its labs packages are dependencies of the package, never bundled into it. */
const LIT_EXTERNAL = /^(?:lit|lit-html|lit-element|@lit\/reactive-element|@lit\/task)(?:\/.*)?$|^@lit-labs\//;

/**
 * React is the app's (an optional peer dependency, for connect-elements/react only).
 * @lit/react (about 1 KB) is bundled into dist/react.js, so React users install nothing else.
 */
const REACT_EXTERNAL = /^react(?:\/.*)?$/;

const fileName = (_format: string, name: string) => `${name}.js`;

/** `vite build`: one module per public entry point. */
const LIBRARY: LibraryOptions = {
  entry: {
    index: 'src/index.ts',
    define: 'src/define.ts',
    core: 'src/core/index.ts',
    host: 'src/host/index.ts',
    callback: 'src/callback.ts',
    server: 'src/server/index.ts',
    react: 'src/react/index.ts',
    // One module per locale (English is bundled): a page loads only the ones it registers.
    ...Object.fromEntries(['de', 'fr', 'es', 'ja', 'ar'].map((code) => [`locales/${code}`, `src/locales/${code}.ts`])),
  },
  formats: ['es'],
  fileName,
};

/** `vite build --mode bundle`: the root entry's exports plus the define module, in one file. */
const BUNDLE: LibraryOptions = {
  entry: { 'connect-elements.min': 'src/bundle.ts' },
  formats: ['es'],
  fileName,
};

export default defineConfig(({ mode }): UserConfig => {
  const bundle = mode === 'bundle';
  return {
    // Nothing in public/ belongs in the package.
    publicDir: false,
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
      emptyOutDir: !bundle,
      // Vite's library mode keeps whitespace in ES output; output.minify below
      // asks rolldown for full minification (whitespace, syntax, names).
      minify: true,
      reportCompressedSize: true,
      lib: bundle ? BUNDLE : LIBRARY,
      rolldownOptions: bundle
        ? {
            output: {
              minify: true,
              // One file, whatever the source does with dynamic imports.
              codeSplitting: false,
              // Lit is BSD-3-Clause: keep its license notices in the file we ship it in.
              comments: { legal: true, annotation: false, jsdoc: false },
            },
          }
        : {
            external: (id: string) => LIT_EXTERNAL.test(id) || REACT_EXTERNAL.test(id),
            output: {
              minify: true,
              chunkFileNames: 'chunks/[name]-[hash].js',
              // Keep /* @__PURE__ */ so consumers' bundlers can still tree-shake.
              comments: { legal: true, annotation: true, jsdoc: false },
            },
          },
    },
  };
});
