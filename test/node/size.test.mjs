// Size budgets and bundle hygiene, measured the way scripts/sizes.mjs reports them:
// esbuild, minified, gzip -9, Lit's production build, what a page loads initially
// (dynamic imports are separate chunks and not counted).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import {
  ALL_BUDGET_GZIP,
  BUTTON_BUDGET_GZIP,
  CALLBACK_BUDGET_GZIP,
  CORE_BUDGET_GZIP,
  DIST,
  MIN_BUNDLE,
  ROOT,
  SIZE_ENTRIES,
  builtFileSizes,
  bundleEntry,
  formatBytes,
  importsOf,
  isBareSpecifier,
} from '../../scripts/sizes.mjs';

const entry = (id) => SIZE_ENTRIES.find((e) => e.id === id);
const notBuilt = (file) => !existsSync(join(ROOT, file)) && `${file} is not built: run npm run build (npm test builds before this step)`;

/** The assertion every budget test makes, with what was measured in its message. */
function assertWithin({ raw, gzip, lazyGzip }, budget, what) {
  assert.ok(
    gzip <= budget,
    `${what}: ${formatBytes(gzip)} gzipped initially (${formatBytes(raw)} minified; ${formatBytes(lazyGzip)} more loaded lazily), ` +
      `budget ${formatBytes(budget)}: over by ${formatBytes(gzip - budget)}`,
  );
}

const isOurs = (input) => !input.includes('node_modules/');

describe('the measurement', () => {
  it('counts a dynamic import as lazy, not in the initial load', async () => {
    const eager = await bundleEntry(`export { default } from './src/locales/de.ts';`);
    const lazy = await bundleEntry(`export const load = () => import('./src/locales/de.ts');`);
    assert.ok(lazy.lazyGzip > 0, 'the dynamically imported locale is not reported as lazy');
    assert.ok(lazy.gzip < eager.gzip / 2, `the lazy entry counts ${formatBytes(lazy.gzip)} initially, the eager one ${formatBytes(eager.gzip)}`);
    assert.ok(!lazy.inputs.includes('src/locales/de.ts'), 'src/locales/de.ts counted in the initial load');
    assert.ok(lazy.lazyInputs.includes('src/locales/de.ts'));
  });

  it('counts a chunk the entry imports statically in the initial load', async () => {
    // src/locales/en.ts is shared by the entry and the lazy locale: esbuild puts it in a
    // chunk both import, which the page loads up front.
    const shared = await bundleEntry(`import en from './src/locales/en.ts';\nexport const name = en.$name;\nexport const load = () => import('./src/locales/en.ts');`);
    assert.ok(shared.inputs.includes('src/locales/en.ts'));
    assert.equal(shared.chunks.initial, 2, 'the entry and the chunk it shares with the lazy import');
  });
});

describe('connect-elements/core', () => {
  const core = bundleEntry(entry('core').contents);

  it(`stays within ${formatBytes(CORE_BUDGET_GZIP)} gzipped, every export`, async () => {
    assertWithin(await core, CORE_BUDGET_GZIP, 'connect-elements/core');
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
    const measured = await bundleEntry(entry('callback').contents);
    assert.equal(measured.lit, false);
    assertWithin(measured, CALLBACK_BUDGET_GZIP, 'connect-elements/callback');
  });
});

describe('through the package, as a bundler user imports it', { skip: notBuilt('dist/index.js') || notBuilt('dist/define.js') }, () => {
  const button = bundleEntry(entry('button-package').contents);
  const all = bundleEntry(entry('all-package').contents);
  const core = bundleEntry(entry('core-package').contents);

  // As users import it: the grouped dist/ files must not bring along what core's own entry does not need.
  it(`connect-elements/core stays within ${formatBytes(CORE_BUDGET_GZIP)} gzipped, every export, with no Lit`, async () => {
    const measured = await core;
    assert.equal(measured.lit, false, 'core through the package loads Lit');
    assertWithin(measured, CORE_BUDGET_GZIP, "export * from 'connect-elements/core'");
  });

  it(`a page with only <connect-button> stays within ${formatBytes(BUTTON_BUDGET_GZIP)} gzipped, Lit included`, async () => {
    assertWithin(await button, BUTTON_BUDGET_GZIP, "import { ConnectButtonElement } from 'connect-elements'; ConnectButtonElement.define()");
  });

  it(`all three elements (connect-elements/define) stay within ${formatBytes(ALL_BUDGET_GZIP)} gzipped, Lit included`, async () => {
    assertWithin(await all, ALL_BUDGET_GZIP, "import 'connect-elements/define'");
  });


  for (const [id, measured, exportsTarget] of [
    ['button-package', button, 'dist/index.js'],
    ['all-package', all, 'dist/define.js'],
    ['core-package', core, 'dist/core.js'],
  ]) {
    it(`measures dist/${id === 'core-package' ? '' : ' and Lit from node_modules'}, not src/ (${entry(id).contents.split('\n')[0]})`, async () => {
      const { inputs, parsed, lit } = await measured;
      const ours = parsed.filter(isOurs);
      assert.ok(ours.includes(exportsTarget), `package.json exports did not lead to ${exportsTarget}: ${ours.join(', ')}`);
      assert.deepEqual(ours.filter((input) => !input.startsWith('dist/')), [], 'inputs outside dist/: the row does not measure the package');
      if (id === 'core-package') return;
      assert.equal(lit, true, 'Lit is not in the measurement');
      assert.ok(inputs.some((input) => /(?:^|\/)node_modules\/lit-html\//.test(input)), 'Lit does not come from node_modules');
    });
  }

  it("loads a list's catalog validation, item markup and roving focus after the page's first bytes, and a page without a list never", async () => {
    const { inputs, lazyInputs } = await all;
    const parts = ['dist/source-list/parts.js'];
    assert.deepEqual(inputs.filter((input) => parts.includes(input)), [], 'in the first load of all three elements');
    assert.deepEqual(lazyInputs.filter((input) => parts.includes(input)), parts, 'not loaded lazily by all three elements');
    const button = await bundleEntry(entry('button-package').contents);
    assert.deepEqual(button.inputs.filter((input) => input.startsWith('dist/source-list/')), [], "a button's page loads the list's files");
  });

  it("loads the prefetch attribute's session keeper only when used, never with a button's page", async () => {
    const button = await bundleEntry(entry('button-package').contents);
    const prefetch = 'dist/controllers/prefetch.js';
    assert.ok(!button.inputs.includes(prefetch), "in a button's first load");
    assert.ok(button.lazyInputs.includes(prefetch), 'not a lazy part of the button');
  });

  it('leaves the other elements out of a page with only <connect-button> (each element is its own module in dist/)', async () => {
    const { inputs } = await button;
    assert.ok(inputs.includes('dist/connect-button/connect-button.js'), `dist/connect-button/connect-button.js not among ${inputs.filter(isOurs).join(', ')}`);
    const others = inputs.filter((input) => /^dist\/(?:connect-modal\/connect-modal|source-list\/source-list)\.js$/.test(input));
    assert.deepEqual(others, [], 'the package gave <connect-button> the other elements too');
  });
});

/** Every file the bundle loads, through static and dynamic imports, relative to ROOT. */
const bundleFiles = async () => {
  const { initial, lazy } = await builtFileSizes(MIN_BUNDLE);
  return [...initial, ...lazy].map(({ file }) => join(ROOT, file));
};

describe('dist/connect-elements.min.js', { skip: notBuilt('dist/connect-elements.min.js') }, () => {
  it('imports nothing a plain <script type="module"> cannot load, nor do the chunks it loads', async () => {
    for (const file of await bundleFiles()) {
      const bare = (await importsOf(file)).filter(({ path }) => isBareSpecifier(path));
      assert.deepEqual(bare, [], `bare import specifiers left in ${relative(ROOT, file)}: ${bare.map((i) => i.path).join(', ')}`);
    }
  });

  it('is one file up front: it imports nothing statically', async () => {
    const eager = (await importsOf(MIN_BUNDLE)).filter(({ kind }) => kind !== 'dynamic-import');
    assert.deepEqual(eager, [], `the bundle needs other files before it runs: ${eager.map((i) => `${i.kind} ${i.path}`).join(', ')}`);
  });

  it('loads each lazy part by a relative path to a file in dist/ beside it', async () => {
    for (const file of await bundleFiles()) {
      for (const { path, kind } of await importsOf(file)) {
        const where = `${relative(ROOT, file)}: ${kind} ${JSON.stringify(path)}`;
        // Relative to the importing module's URL, so the chunks load from wherever the bundle is served.
        assert.match(path, /^\.\.?\//, `${where} is not relative`);
        const target = resolve(dirname(file), path);
        assert.ok(target.startsWith(`${DIST}/`), `${where} points outside dist/`);
        assert.ok(existsSync(target), `${where}: no such file`);
      }
    }
  });

  it('is minified and has no Node-only globals, nor have its chunks', async () => {
    for (const file of await bundleFiles()) {
      // The source map comment is no code: a minifier drops it, which in a small chunk would read as unminified.
      const code = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
      // Line counts mislead (CSS in template literals keeps its newlines): minify again
      // and see whether that still saves much.
      const again = (await esbuild.transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'inline' })).code;
      assert.ok(again.length >= code.length * 0.9, `${relative(ROOT, file)} looks unminified: minifying it again shrinks it from ${code.length} B to ${again.length} B`);
      assert.doesNotMatch(code, /\bprocess\.env\b/, `process.env is left in ${relative(ROOT, file)}`);
    }
  });
});
