// Size budget and bundle hygiene, measured the way scripts/sizes.mjs reports them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import {
  CALLBACK_BUDGET_GZIP,
  CORE_BUDGET_GZIP,
  MIN_BUNDLE,
  SIZE_ENTRIES,
  bundleEntry,
  formatBytes,
  importsOf,
  isBareSpecifier,
} from '../../scripts/sizes.mjs';

const coreEntry = SIZE_ENTRIES.find((entry) => entry.name === 'connect-elements/core');

describe('connect-elements/core', () => {
  const core = bundleEntry(coreEntry.contents);

  it(`stays within ${formatBytes(CORE_BUDGET_GZIP)} gzipped`, async () => {
    const { raw, gzip } = await core;
    assert.ok(
      gzip <= CORE_BUDGET_GZIP,
      `connect-elements/core is ${gzip} B gzipped (${raw} B minified), over the budget of ${CORE_BUDGET_GZIP} B by ${gzip - CORE_BUDGET_GZIP} B`,
    );
  });

  it('bundles no Lit', async () => {
    const { inputs, code, lit } = await core;
    const litInputs = inputs.filter((path) => /node_modules\/(?:lit|lit-html|lit-element|@lit|@lit-labs)\//.test(path));
    assert.equal(lit, false, `core pulls in Lit through: ${litInputs.join(', ')}`);
    assert.doesNotMatch(code, /\bLitElement\b/, 'core bundle mentions LitElement');
    assert.doesNotMatch(code, /\bfrom\s*["'](?:lit|lit-html|lit-element|@lit\/|@lit-labs\/)/, 'core bundle imports Lit');
  });
});

describe('connect-elements/callback', () => {
  it(`stays within ${formatBytes(CALLBACK_BUDGET_GZIP)} gzipped, with no Lit`, async () => {
    const { raw, gzip, lit } = await bundleEntry(SIZE_ENTRIES.find((entry) => entry.name === 'connect-elements/callback').contents);
    assert.equal(lit, false);
    assert.ok(gzip <= CALLBACK_BUDGET_GZIP, `connect-elements/callback is ${gzip} B gzipped (${raw} B minified), over ${CALLBACK_BUDGET_GZIP} B`);
  });
});

describe('dist/connect-elements.min.js', { skip: !existsSync(MIN_BUNDLE) && 'not built: run npm run build' }, () => {
  it('imports nothing a plain <script type="module"> cannot load', async () => {
    const bare = (await importsOf(MIN_BUNDLE)).filter(({ path }) => isBareSpecifier(path));
    assert.deepEqual(bare, [], `bare import specifiers left in the bundle: ${bare.map((i) => i.path).join(', ')}`);
  });

  it('is a single file', async () => {
    const imports = await importsOf(MIN_BUNDLE);
    assert.deepEqual(imports, [], `the bundle imports other files: ${imports.map((i) => i.path).join(', ')}`);
  });

  it('is minified and has no Node-only globals', async () => {
    const code = readFileSync(MIN_BUNDLE, 'utf8');
    // Line counts mislead (CSS in template literals keeps its newlines): minify again
    // and see whether that still saves much.
    const again = (await esbuild.transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'inline' })).code;
    assert.ok(again.length >= code.length * 0.9, `looks unminified: minifying it again shrinks it from ${code.length} B to ${again.length} B`);
    assert.doesNotMatch(code, /\bprocess\.env\b/, 'process.env is left in a browser bundle');
  });
});
