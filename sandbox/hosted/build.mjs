/**
 * Bundles the sandbox's hosted page script (hosted.ts, on connect-elements/host's
 * source) with esbuild. The sandbox calls it at start in the repository;
 * `npm run build` runs this file to write dist/sandbox/hosted.js, which the packaged
 * sandbox serves instead (the package ships neither hosted.ts nor this file).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./hosted.ts', import.meta.url));
const output = fileURLToPath(new URL('../../dist/sandbox/hosted.js', import.meta.url));

/** The script's text: one ES module, no imports left. */
export async function buildHostedScript({ minify = false } = {}) {
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', target: 'es2020', minify, write: false, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, await buildHostedScript({ minify: true }));
}
