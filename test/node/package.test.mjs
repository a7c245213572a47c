// package.json publishes what API.md promises, and the build produces it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { ROOT, importGraph, importsOf } from '../../scripts/sizes.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const built = existsSync(join(ROOT, 'dist'));
const notBuilt = !built && 'dist/ does not exist: run npm run build';

/** The public entry points of API.md's "Package" section and the file each must resolve to. */
const ENTRY_POINTS = {
  '.': { import: './dist/index.js', types: './dist/types/index.d.ts' },
  './define': { import: './dist/define.js', types: './dist/types/define.d.ts' },
  './core': { import: './dist/core.js', types: './dist/types/core/index.d.ts' },
  './host': { import: './dist/host.js', types: './dist/types/host/index.d.ts' },
  './server': { import: './dist/server.js', types: './dist/types/server/index.d.ts' },
  './connect-elements.min.js': { import: './dist/connect-elements.min.js' },
  './react': { import: './dist/react.js', types: './dist/types/react/index.d.ts' },
  './angular': { import: './dist/angular.js', types: './dist/types/angular/index.d.ts' },
};

/** Type-only entry points: the framework types generated from the manifest. */
const TYPE_ENTRY_POINTS = {
  './types/react': './dist/types/frameworks/react.d.ts',
  './types/vue': './dist/types/frameworks/vue.d.ts',
  './types/svelte': './dist/types/frameworks/svelte.d.ts',
};

/** The names an ES module file exports, read by esbuild's parser. */
async function exportsOf(file) {
  const result = await esbuild.build({ entryPoints: [file], bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'silent', outdir: 'out' });
  return Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.exports ?? [];
}

/** Every file an `exports` value can resolve to, whatever its nesting of conditions. */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

describe('package.json', () => {
  it('is an ES module package named connect-elements', () => {
    assert.equal(pkg.name, 'connect-elements');
    assert.equal(pkg.type, 'module');
  });

  for (const [subpath, expected] of Object.entries(ENTRY_POINTS)) {
    it(`exports ${subpath === '.' ? 'connect-elements' : `connect-elements/${subpath.slice(2)}`}`, () => {
      const entry = pkg.exports?.[subpath];
      assert.ok(entry, `package.json exports has no "${subpath}"`);
      assert.ok(targets(entry).includes(expected.import), `"${subpath}" does not resolve to ${expected.import}`);
      if (expected.types) {
        assert.equal(typeof entry, 'object', `"${subpath}" has no types condition`);
        assert.equal(entry.types, expected.types, `"${subpath}" types should be ${expected.types}`);
        // TypeScript takes the first matching condition: `types` must come first.
        assert.equal(Object.keys(entry)[0], 'types', `"${subpath}": "types" must be the first condition`);
      }
    });
  }

  for (const [subpath, types] of Object.entries(TYPE_ENTRY_POINTS)) {
    it(`exports the type-only connect-elements/${subpath.slice(2)}`, () => {
      assert.deepEqual(pkg.exports?.[subpath], { types });
    });
  }

  it('builds before it is packed, so a fresh clone packs dist/', () => {
    assert.match(pkg.scripts?.prepack ?? '', /\bnpm run build\b/);
    assert.match(pkg.scripts.build, /framework-types\.mjs/, 'the build generates the framework types and IDE data');
  });

  it('keeps React an optional peer dependency (only connect-elements/react needs it)', () => {
    assert.ok(pkg.peerDependencies?.react);
    assert.equal(pkg.peerDependenciesMeta?.react?.optional, true);
    assert.ok(!pkg.dependencies?.react && !pkg.dependencies?.['@lit/react'], '@lit/react is bundled into dist/react.js');
  });

  it('keeps Angular an optional peer dependency (only connect-elements/angular needs it)', () => {
    assert.ok(pkg.peerDependencies?.['@angular/core']);
    assert.equal(pkg.peerDependenciesMeta?.['@angular/core']?.optional, true);
    assert.ok(!pkg.dependencies?.['@angular/core']);
    assert.match(pkg.scripts.build, /angular-wrappers\.mjs/, 'the build generates and compiles the Angular directives');
  });

  it('points main, module and types at the root entry', () => {
    assert.equal(pkg.main, ENTRY_POINTS['.'].import);
    assert.equal(pkg.module, ENTRY_POINTS['.'].import);
    assert.equal(pkg.types, ENTRY_POINTS['.'].types);
  });

  it('marks only the define and callback modules and the single-file bundle (with its lazy chunks) as having side effects', () => {
    assert.ok(Array.isArray(pkg.sideEffects), 'sideEffects must be a list (false would let bundlers drop the define module)');
    // The callback module relays a return by being imported: a bundler must keep it.
    // The bundle's chunks in dist/min/ are pieces of an already bundled file: a bundler
    // that meets them (through the bundle's dynamic imports) must not prune between them.
    const allowed = (path) => /(?:^|\/)(?:define|callback)\.(?:js|ts)$/.test(path) || path === './dist/connect-elements.min.js' || path === './dist/min/*.js';
    assert.deepEqual(pkg.sideEffects.filter((path) => !allowed(path)), [], 'sideEffects lists modules other than define and callback modules and the bundle');
    assert.ok(pkg.sideEffects.includes('./dist/callback.js'), 'sideEffects must list ./dist/callback.js');
    assert.ok(pkg.sideEffects.includes('./dist/define.js'), 'sideEffects must list ./dist/define.js');
    assert.ok(pkg.sideEffects.includes('./dist/connect-elements.min.js'), 'sideEffects must list ./dist/connect-elements.min.js');
  });

  it('publishes dist, with the manifest and the IDE data it holds', () => {
    assert.ok(pkg.files.includes('dist'));
    // The committed custom-elements.json names src/*.ts, which the package does not hold.
    assert.equal(pkg.customElements, 'dist/custom-elements.json');
    assert.equal(pkg.exports['./custom-elements.json'], './dist/custom-elements.json');
    assert.equal(pkg['web-types'], './dist/web-types.json');
    assert.equal(pkg.exports['./vscode.html-custom-data.json'], './dist/vscode.html-custom-data.json');
  });
});

describe('the build', { skip: notBuilt }, () => {
  it('produces every file package.json exports', () => {
    const files = [
      ...Object.values(pkg.exports).flatMap(targets),
      pkg.main,
      pkg.module,
      pkg.types,
      // A pattern (the bundle's chunks) names no one file.
      ...pkg.sideEffects.filter((path) => path.startsWith('./dist/') && !path.includes('*')),
      pkg.customElements,
      pkg['web-types'],
    ].map((file) => (file.startsWith('./') ? file : `./${file}`));
    const missing = [...new Set(files)].filter((file) => !existsSync(join(ROOT, file)));
    assert.deepEqual(missing, [], `exported but not built: ${missing.join(', ')}`);
  });

  it('keeps Lit out of dist/core.js and everything it imports', async () => {
    const graph = await importGraph(join(ROOT, 'dist/core.js'));
    const lit = graph.flatMap(({ file, bare }) => bare.filter((s) => /^(?:lit|lit-html|lit-element|@lit\/|@lit-labs\/)/.test(s)).map((s) => `${file} imports ${s}`));
    assert.deepEqual(lit, [], lit.join('; '));
  });

  it('lists in sideEffects every module that dist/ imports only for its side effects', async () => {
    // With one file per module, a bundler drops a module imported for nothing but its
    // side effects (`import "./x.js"`) unless package.json sideEffects lists it, so each
    // such import must target a listed module or one whose top level does nothing.
    const listed = pkg.sideEffects.map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
    const isListed = (file) => listed.some((pattern) => pattern.test(`./${relative(ROOT, file)}`));
    const library = (dir) =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'types' || entry.name === 'min' ? [] : library(path);
        return entry.name.endsWith('.js') && entry.name !== 'connect-elements.min.js' ? [path] : [];
      });
    /** What the module's own top level keeps when nothing of it is used (its imports aside): esbuild's judgement. */
    const sideEffectsOf = async (file) => {
      const result = await esbuild.build({
        stdin: { contents: `import ${JSON.stringify(file)};`, resolveDir: ROOT },
        bundle: true,
        write: false,
        minify: true,
        format: 'esm',
        logLevel: 'silent',
        plugins: [
          {
            name: 'only-this-module',
            setup(build) {
              // The module itself, whatever package.json says of it (that is what is being checked)...
              build.onResolve({ filter: /.*/ }, (args) => (args.importer === '<stdin>' ? { path: file, sideEffects: true } : undefined));
              // ...and not what it imports.
              build.onResolve({ filter: /.*/ }, (args) => (args.importer === file ? { path: args.path, external: true } : undefined));
            },
          },
        ],
      });
      return result.outputFiles[0].text.replace(/import\s*["'][^"']*["'];?/g, '').trim();
    };
    const problems = [];
    for (const file of library(join(ROOT, 'dist'))) {
      const code = readFileSync(file, 'utf8');
      for (const [, specifier] of code.matchAll(/(?:^|[;}])\s*import\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = join(dirname(file), specifier);
        if (isListed(target)) continue;
        const kept = await sideEffectsOf(target);
        if (kept) problems.push(`${relative(ROOT, file)} imports ${specifier} for its side effects, which sideEffects does not list; its top level keeps: ${kept.length > 160 ? `${kept.slice(0, 60)} ... ${kept.slice(-100)}` : kept}`);
      }
    }
    assert.deepEqual(
      problems,
      [],
      'a bundler would drop these imports: list the module in package.json sideEffects if its top level must run, or, if it only builds values, mark those calls /* @__PURE__ */',
    );
  });

  it('names every export and import with an identifier (bundlers that target older browsers, as Angular\'s does, refuse `export { x as "a-b" }`)', () => {
    const files = readdirSync(join(ROOT, 'dist'), { recursive: true }).filter((file) => String(file).endsWith('.js')).map(String);
    // Inside an export or import clause only: JavaScript's \b takes an accented letter for a boundary, so "Finanças" in a locale reads as `as` plus a quote.
    const stringNamed = files.filter((file) => /\b(?:export|import)\s*\{[^}]*\bas\s*["'`]/.test(readFileSync(join(ROOT, 'dist', file), 'utf8')));
    assert.deepEqual(stringNamed, [], 'string-named exports or imports in dist/');
  });

  it('keeps every dynamic import() of src a dynamic import in dist/, so what src loads lazily stays lazy', async () => {
    // The library build groups modules into files: which file holds a source is what its source map says.
    const distFiles = (dir) =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return ['types', 'min'].includes(entry.name) && dir === join(ROOT, 'dist') ? [] : distFiles(path);
        return entry.name.endsWith('.js') && existsSync(`${path}.map`) && entry.name !== 'connect-elements.min.js' ? [path] : [];
      });
    const holder = new Map();
    for (const file of distFiles(join(ROOT, 'dist'))) {
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
      for (const source of map.sources) holder.set(relative(ROOT, join(dirname(file), map.sourceRoot ?? '', source)), file);
    }
    const sources = (dir) =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
      });
    /** The files `file` imports dynamically, as paths relative to ROOT (a `.js` in src is its `.ts`). */
    const dynamic = async (file) =>
      (await importsOf(file))
        .filter(({ kind }) => kind === 'dynamic-import')
        .map(({ path }) => relative(ROOT, join(dirname(file), path)).replace(/^(src\/.*)\.js$/, '$1.ts'));
    /** A module of re-exports only has no code of its own in a source map: it is in the file that holds all it re-exports. */
    const holderOfReExports = async (source) => {
      const files = new Set();
      for (const { path, kind } of await importsOf(join(ROOT, source))) {
        if (kind !== 'import-statement') continue;
        files.add(holder.get(relative(ROOT, join(ROOT, dirname(source), path)).replace(/\.js$/, '.ts')));
      }
      return files.size === 1 ? [...files][0] : undefined;
    };
    const problems = [];
    let checked = 0;
    for (const file of sources(join(ROOT, 'src'))) {
      const lazy = await dynamic(file);
      if (!lazy.length) continue;
      const source = relative(ROOT, file);
      const built = holder.get(source);
      if (!built) {
        problems.push(`${source} imports ${lazy.join(', ')} dynamically, and no file of dist/ holds it`);
        continue;
      }
      const builtLazy = await dynamic(built);
      for (const target of lazy) {
        checked++;
        const wanted = holder.get(target) ?? (await holderOfReExports(target));
        if (!wanted || !builtLazy.includes(relative(ROOT, wanted))) {
          problems.push(`${source} imports ${target} dynamically; ${relative(ROOT, built)}, which holds it, imports ${builtLazy.join(', ') || 'nothing'} dynamically, not ${wanted ? relative(ROOT, wanted) : target}`);
        }
      }
    }
    assert.ok(checked >= 8, `only ${checked} dynamic imports in src/`);
    assert.deepEqual(problems, [], 'dynamic imports lost in the library build');
  });

  it('imports only declared dependencies from the library entry points', async () => {
    const declared = new Set(Object.keys(pkg.dependencies ?? {}).concat(Object.keys(pkg.peerDependencies ?? {})));
    const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    const undeclared = [];
    for (const entry of ['index', 'define', 'core', 'host', 'callback', 'server', 'react', 'locales/de']) {
      for (const { file, bare } of await importGraph(join(ROOT, `dist/${entry}.js`))) {
        for (const specifier of bare) if (!declared.has(packageOf(specifier))) undeclared.push(`${file} imports ${specifier}`);
      }
    }
    assert.deepEqual([...new Set(undeclared)], [], 'imports of packages missing from dependencies');
  });

  it('has the single-file bundle export everything connect-elements exports', async () => {
    const root = await exportsOf(join(ROOT, 'dist/index.js'));
    const bundle = new Set(await exportsOf(join(ROOT, 'dist/connect-elements.min.js')));
    assert.ok(root.length > 10, `dist/index.js exports only ${root.join(', ')}`);
    assert.deepEqual(root.filter((name) => !bundle.has(name)), [], 'missing from dist/connect-elements.min.js');
  });

  it('ships a manifest whose module paths are files of the package', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, pkg.customElements), 'utf8'));
    const paths = JSON.stringify(manifest).match(/"(?:path|module|typeDefinitionPath|definitionPath)":"[^"]*"/g) ?? [];
    const named = [...new Set(paths.map((entry) => entry.split('":"')[1].slice(0, -1)))];
    assert.ok(named.length > 5);
    assert.deepEqual(named.filter((file) => !file.startsWith('dist/') || !existsSync(join(ROOT, file))), [], 'paths outside the package');
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName).sort();
    assert.deepEqual(tags, ['connect-button', 'connect-modal', 'source-list']);
  });

  it('ships the Angular directives as Ivy partial declarations, one per tag, importing only @angular/core and the package', async () => {
    const js = readFileSync(join(ROOT, 'dist/angular.js'), 'utf8');
    // What the app's Angular CLI links; full AOT output (ɵɵdefineDirective) would be tied to one Angular version.
    assert.equal(js.match(/ɵɵngDeclareDirective\(/g)?.length, 3);
    assert.doesNotMatch(js, /ɵɵdefineDirective|ɵɵdefineComponent/);
    for (const tag of ['connect-button', 'connect-modal', 'source-list']) assert.match(js, new RegExp(`selector: "${tag}"`));
    const bare = [...js.matchAll(/^import\s[^'"]*['"]([^'"./][^'"]*)['"]/gm)].map((match) => match[1]);
    assert.deepEqual([...new Set(bare)].sort(), ['@angular/core', 'connect-elements/define']);
    assert.deepEqual((await exportsOf(join(ROOT, 'dist/angular.js'))).sort(), ['ConnectButton', 'ConnectModal', 'SourceList']);
  });

  it('ships VS Code custom data and JetBrains web-types for the three tags', () => {
    const vscode = JSON.parse(readFileSync(join(ROOT, 'dist/vscode.html-custom-data.json'), 'utf8'));
    assert.deepEqual(vscode.tags.map((tag) => tag.name).sort(), ['connect-button', 'connect-modal', 'source-list']);
    const button = vscode.tags.find((tag) => tag.name === 'connect-button');
    assert.ok(button.attributes.some((attribute) => attribute.name === 'session-url'));
    const webTypes = JSON.parse(readFileSync(join(ROOT, pkg['web-types']), 'utf8'));
    assert.equal(webTypes.name, 'connect-elements');
    const elements = webTypes.contributions.html.elements;
    assert.deepEqual(elements.map((element) => element.name).sort(), ['connect-button', 'connect-modal', 'source-list']);
    assert.ok(elements.find((element) => element.name === 'connect-button').js.events.some((event) => event.name === 'connect-success'));
  });
});
