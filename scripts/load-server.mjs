/**
 * Loads `connect-elements/server` straight from its TypeScript source for plain
 * Node scripts (the demo backend, the node tests): esbuild bundles
 * src/server/index.ts in memory (about 20 ms) and Node imports the result from a
 * `data:` URL. So `npm start` and the tests work in a fresh clone without a build,
 * and always run the current source, never a stale dist/. The sandbox builds its
 * hosted page the same way.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('../src/server/index.ts', import.meta.url));

/** @type {Promise<typeof import('../src/server/index.ts')> | undefined} */
let loading;

/** @returns {Promise<typeof import('../src/server/index.ts')>} */
export function loadServerModule() {
  loading ??= build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  }).then(({ outputFiles }) => import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`));
  return loading;
}
