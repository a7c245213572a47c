#!/usr/bin/env node
/**
 * After the build: what frameworks and editors need from custom-elements.json, generated
 * with the open-wc community's manifest tools rather than written by hand, into dist/:
 *
 *   dist/custom-elements.json              the manifest with its paths pointing at dist/ (the
 *                                          committed one names src/*.ts, which the package lacks)
 *   dist/types/frameworks/react.d.ts       React 19 JSX intrinsic elements   (@wc-toolkit/jsx-types)
 *   dist/types/frameworks/vue.d.ts         Vue GlobalComponents               (custom-element-vuejs-integration)
 *   dist/types/frameworks/svelte.d.ts      Svelte element types               (custom-element-svelte-integration)
 *   dist/vscode.html-custom-data.json      VS Code HTML custom data           (custom-element-vs-code-integration)
 *   dist/vscode.css-custom-data.json       VS Code CSS custom data (parts, custom properties)
 *   dist/web-types.json                    JetBrains web-types                (custom-element-jet-brains-integration)
 *
 * The generators are kept as they are; the few places where their output does not fit
 * how our elements work are mended below, each with its reason (see `mend`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { resolveModulePaths } from '@wc-toolkit/module-path-resolver';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const FRAMEWORKS = join(DIST, 'types/frameworks');
const PACKAGE = 'connect-elements';

/** The abstract base class has no tag: no framework renders it. */
const EXCLUDE = ['ConnectFlowElement'];
/** The event classes the generated types name; they import them from the package. */
const EVENT_TYPES = [
  'ConnectOpenEvent', 'ConnectReadyEvent', 'ConnectSuccessEvent', 'ConnectExitEvent', 'ConnectErrorEvent',
  'ConnectAnalyticsEvent', 'ConnectCloseRequestEvent', 'ConnectSourceSelectEvent', 'ConnectDisconnectEvent',
];

const readManifest = () => JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));

/**
 * The manifest the type generators read: public, documented members only. The analyzer
 * also lists private fields and mistakes `this.flow.fixedMode = ...` in a constructor for a
 * field of the element; the typings would then name members the classes lack.
 */
function manifest() {
  const cem = readManifest();
  for (const declaration of cem.modules.flatMap((mod) => mod.declarations ?? [])) {
    if (!declaration.members) continue;
    declaration.members = declaration.members.filter(
      (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#') && (member.description?.trim() || member.attribute),
    );
  }
  return cem;
}
const quiet = (fn) => {
  const log = console.log;
  console.log = () => {};
  try {
    return fn();
  } finally {
    console.log = log;
  }
};

/**
 * Element modules: imported from dist/index.js (each class has its own module under dist/,
 * but package.json `exports` opens only the entry points),
 * registered by dist/define.js, typed by dist/types/<same path>.d.ts. Other modules
 * (events, core...) and cross-references: src/x/y.ts → dist/types/x/y.d.ts.
 */
function distManifest() {
  const cem = readManifest();
  const sourcePaths = cem.modules.map((mod) => mod.path);
  const typesOf = (path) => path.replace(/^src\//, 'dist/types/').replace(/\.ts$/, '.d.ts');
  quiet(() =>
    resolveModulePaths(cem, {
      modulePathTemplate: () => 'dist/index.js',
      definitionPathTemplate: () => 'dist/define.js',
      typeDefinitionPathTemplate: (path) => typesOf(path),
      // It also writes the manifest it changed: into dist/, never over the committed one.
      outdir: DIST,
      fileName: 'custom-elements.json',
    }),
  );
  // Modules with no element (events, core...) and every cross-reference to a module:
  // `module` values are written as the source imports them (`./x.js`, `src/x.js`, `/src/x.js`).
  const toDist = (value, from) => {
    if (typeof value !== 'string' || !/\.(?:ts|js)$/.test(value)) return value;
    const source = value.startsWith('.') ? posix.join(posix.dirname(from), value) : value.replace(/^\//, '');
    return source.startsWith('src/') ? typesOf(source.replace(/\.js$/, '.ts')) : value;
  };
  const rewrite = (node, from) => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, from));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'module' || key === 'path' ? toDist(value, from) : rewrite(value, from)]));
  };
  cem.modules = cem.modules.map((mod, index) => ({ ...rewrite(mod, sourcePaths[index]), path: toDist(mod.path, sourcePaths[index]) }));
  const json = JSON.stringify(cem, null, 2);
  writeFileSync(join(DIST, 'custom-elements.json'), `${json}\n`);
  return JSON.parse(json);
}

/**
 * What the generators get wrong for these elements:
 * - `scopes` reads as `string[]` but takes a string too (frameworks set `scopes="a b"` as a property);
 *   the generators type it by the getter.
 * - The events are `Event` subclasses with their own `detail`, not `CustomEvent<TheEventClass>`.
 * - The event classes and the base class's helpers are imported from the package root, which
 *   exports the events but not the internal base class or `defineElement`.
 */
function mend(text, { keepModules } = {}) {
  let out = text
    .replace(/\b\w+Element\["scopes"\]/g, 'string | readonly string[]')
    .replace(/CustomEvent<(Connect\w+Event)>/g, '$1')
    .replace(/^\s*(?:ConnectFlowElement|defineElement),\n/gm, '');
  const used = EVENT_TYPES.filter((name) => new RegExp(`\\b${name}\\b`).test(out));
  out = out.replace(/(import type \{\n)/, `$1${used.map((name) => `  ${name},\n`).join('')}`);
  // The Vue and Svelte generators import each element's event classes once per element: a
  // name imported twice is "Duplicate identifier" in any project that checks its libraries.
  out = out.replace(/import type \{\n([\s\S]*?)\} from "connect-elements";/, (_, names) => {
    const unique = [...new Set(names.split(',').map((name) => name.trim()).filter(Boolean))];
    return `import type {\n${unique.map((name) => `  ${name},\n`).join('')}} from "connect-elements";`;
  });
  if (keepModules) {
    // jsx-types augments a dozen JSX runtimes (preact, qwik, solid...); augmenting a module a
    // project lacks is an error without skipLibCheck, so keep only the ones named.
    out = out.replace(/\ndeclare (?:module "([^"]+)"|global) \{\n[\s\S]*?\n\}\n/g, (block, name) => (name && keepModules.includes(name) ? block : ''));
  }
  return out;
}

const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());

/** A mend that finds nothing to mend means the generator's output changed shape: fail the build, not the users' types. */
function replaceOnce(text, pattern, replacement, why) {
  if (!pattern.test(text)) throw new Error(`framework-types: ${why}: ${pattern} matched nothing in the generated types`);
  pattern.lastIndex = 0;
  return text.replace(pattern, replacement);
}

/**
 * React: the generator's base props are its own list, common to every JSX runtime, with
 * `ref` typed as the element or a callback (so `useRef(null)`'s RefObject was refused) and
 * no DOM events (`onClick`, `onFocus`...). Each tag takes what React's own elements take
 * instead: `DetailedHTMLProps<HTMLAttributes<T>, T>`, with `ref`, `key`, the DOM events
 * typed on the element, aria-*, `part`, `exportparts`.
 */
function reactBase(text) {
  const out = replaceOnce(
    text,
    /^type BaseProps<T extends HTMLElement> = \{\n[\s\S]*?\n\};\n/m,
    '/** What any of React\'s own elements takes (ref, key, id, aria-*, the DOM events...), typed on the element. */\n' +
      'type BaseProps<T extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<T>, T>;\n',
    "React's element attributes",
  );
  return `import type { DetailedHTMLProps, HTMLAttributes } from "react";\n${out}`;
}

/**
 * Vue: vue-tsc (strictTemplates) camelizes a template's attribute names before it looks
 * them up in the props (`session-url` is `sessionUrl`), and `@connect-success` is the prop
 * `onConnectSuccess` (Vue's runtime listens for `connect-success` from it). The generator
 * keys props by attribute (`"session-url"`) and events as `"onconnect-success"`, so every
 * attribute and listener in a template was reported as unknown.
 */
function vueNames(text) {
  // Only the element's own props and class/style passed strictTemplates: `id`, `title`, `aria-*`,
  // `tabindex`, `@click`... were "not in type". Vue's own HTMLAttributes carries them, its
  // DOM events (`onClick`, `onFocus`) included. It has no `data-*`, and vue-tsc looks a
  // component's `data-source` up camelized (`dataSource`; only `aria-*` is kept as written
  // by default): both spellings are open.
  const dataAttributes =
    '\n/** `data-*` attributes: as written, and as vue-tsc looks them up on a component (`data-source` is `dataSource`). */\n' +
    'type DataAttributes = { [name: `data-${string}`]: unknown; [name: `data${Capitalize<string>}`]: unknown };\n';
  let withAttributes = replaceOnce(text, /^import type \{ DefineComponent \} from "vue";$/m, 'import type { DefineComponent, HTMLAttributes } from "vue";', "Vue's element attributes");
  withAttributes = replaceOnce(withAttributes, /^\} from "connect-elements";\n/m, (imports) => `${imports}${dataAttributes}`, "Vue's data attributes");
  withAttributes = replaceOnce(withAttributes, /: DefineComponent<(\w+Props)>;/g, ': DefineComponent<$1 & HTMLAttributes & DataAttributes>;', "Vue's element attributes");
  return withAttributes
    .replace(/^(\s+)"on([a-z][a-z0-9-]*)"\?:/gm, (_, indent, event) => `${indent}on${camel(`-${event}`)}?:`)
    .replace(/^(\s+)"([a-z][a-z0-9-]*)"\?:/gm, (_, indent, attribute) => `${indent}${camel(attribute)}?:`);
}

/**
 * Svelte 5 (svelte-check 4). The generator writes Svelte 4's typings; in Svelte 5 they type nothing:
 * - its `declare namespace svelteHTML` sits in a file with imports, so it is a module's own
 *   namespace, never the global one svelte-check reads. Svelte 5's way is to augment
 *   `svelte/elements`' `SvelteHTMLElements`, which is also what a misspelt attribute is checked against.
 * - its base attributes name `JSX.Element` and `JSX.CSSProperties`, which Svelte projects lack
 *   ("Cannot find namespace 'JSX'"): they are Svelte's own `HTMLAttributes<TheElement>` instead
 *   (class, style, aria-*, data-*, the standard events, whose `currentTarget` is the element).
 * - events are only `on:connect-success` (Svelte 4's directive); Svelte 5 listens with the
 *   attribute `onconnect-success`, added beside it.
 * - properties with no attribute are `bind:fetchSession` (two-way binding, which these
 *   elements do not offer); Svelte sets `fetchSession={...}` as the property the element has.
 */
function svelteNames(text) {
  return replaceOnce(text, /Partial<(\w+)Props & BaseProps & BaseEvents>/g, 'Partial<$1Props & BaseProps<$1> & BaseEvents>', "Svelte's element attributes")
    .replace(/^(import type \{\n)/m, 'import type { HTMLAttributes } from "svelte/elements";\n$1')
    .replace(/^type BaseProps = \{\n[\s\S]*?\n\};\n/m, 'type BaseProps<T extends HTMLElement> = HTMLAttributes<T>;\n')
    .replace(/^(\s+)"on:([a-z][a-z0-9-]*)"\?: (.*);$/gm, '$1"on$2"?: $3;\n$1"on:$2"?: $3;')
    .replace(/^(\s+)"bind:(\w+)"\?:/gm, '$1$2?:')
    .replace(/\ndeclare namespace svelteHTML \{\n[\s\S]*?\n\}\n?/, '\ndeclare module "svelte/elements" {\n  interface SvelteHTMLElements extends CustomElements {}\n}\n');
}

function generate(file, fn, { after = (text) => text, ...options }) {
  quiet(() => fn(manifest(), { outdir: FRAMEWORKS, fileName: file, globalTypePath: PACKAGE, exclude: EXCLUDE, ...options }));
  const path = join(FRAMEWORKS, file);
  writeFileSync(path, after(mend(readFileSync(path, 'utf8'), options)));
}

mkdirSync(FRAMEWORKS, { recursive: true });
const cem = distManifest();
generate('react.d.ts', generateJsxTypes, { stronglyTypedEvents: true, keepModules: ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime'], after: reactBase });
generate('vue.d.ts', generateVuejsTypes, { keepModules: ['vue'], after: vueNames });
generate('svelte.d.ts', generateSvelteTypes, { after: svelteNames });
quiet(() => {
  generateVsCodeCustomElementData(cem, {
    outdir: DIST,
    htmlFileName: 'vscode.html-custom-data.json',
    cssFileName: 'vscode.css-custom-data.json',
    exclude: EXCLUDE,
  });
  generateJetBrainsWebTypes(cem, {
    outdir: DIST,
    webTypesFileName: 'web-types.json',
    packageJson: false,
    exclude: EXCLUDE,
    // web-types names the package and version it describes.
    ...(() => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      return { packageName: pkg.name, packageVersion: pkg.version };
    })(),
  });
});
console.log('framework types, IDE data and dist/custom-elements.json written to dist/');
