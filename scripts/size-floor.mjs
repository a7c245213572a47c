#!/usr/bin/env node
/**
 * How far down a page with only `<connect-button>` can go: what it would load (gzip -9,
 * measured as scripts/sizes.mjs measures every row) if it did without its styles, or
 * without its localisation (the English table alone, no registry, no `lang`), or without
 * both. None of these is a build we ship: each row answers "what is left if this were
 * gone". (The 12 KB target this was made to weigh was dropped in issue 24: a button's
 * page stays on Lit with its styles and localisation; its budget is in scripts/sizes.mjs.)
 *
 * The rows build the button from src/ (a module can only be replaced there: dist/ groups
 * several per file), so they carry what src/ costs more than the package (Lit's HTML and
 * CSS minifier runs only on dist/); the last line says how much, from the same run.
 *
 *   node scripts/size-floor.mjs          # needs npm run build for the package row
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUTTON_BUDGET_GZIP, bundleEntry, formatBytes, ROOT, SIZE_ENTRIES } from './sizes.mjs';

const BUTTON = SIZE_ENTRIES.find((entry) => entry.id === 'button').contents;
const PACKAGE = SIZE_ENTRIES.find((entry) => entry.id === 'button-package');
const LIT = SIZE_ENTRIES.find((entry) => entry.id === 'lit').contents;

/** The styles of the button and of every element, replaced by empty ones. */
const NO_STYLES = [
  { filter: /[\\/]src[\\/]connect-button[\\/]connect-button\.styles\.ts$/, contents: "import { css } from 'lit';\nexport const styles = css``;" },
  { filter: /[\\/]src[\\/]internal[\\/]shared\.styles\.ts$/, contents: "import { css } from 'lit';\nexport const sharedStyles = css``;" },
];

/** The localisation replaced by a lookup in the English table: what the elements read of it, and nothing else. */
const NO_LOCALISATION = [
  {
    filter: /[\\/]src[\\/]localize\.ts$/,
    contents: `import english from './locales/en-flow.ts';
import { errorMessage } from './core/errors.ts';
export const addEnglish = (strings) => Object.assign(english, strings);
export const registerTranslation = () => {};
export const setErrorMessages = () => {};
export class ConnectLocalizeController {
  constructor(host) { this.host = host; }
  t(key, ...args) { const term = english[key]; return typeof term === 'function' ? term(...args) : term ?? ''; }
  error(code, presetMessages) { return presetMessages?.[code] ?? errorMessage(code); }
  category(id, label) { return label || id; }
  lang() { return 'en'; }
  dir() { return 'ltr'; }
}`,
  },
];

const rows = [
  ['<connect-button> from src, as shipped', BUTTON, []],
  ['  without its styles', BUTTON, NO_STYLES],
  ['  without its localisation (English table only)', BUTTON, NO_LOCALISATION],
  ['  without both', BUTTON, [...NO_STYLES, ...NO_LOCALISATION]],
  ['Lit alone (LitElement, html, css)', LIT, []],
];

const results = [];
for (const [name, contents, stubs] of rows) {
  const { gzip, parsed } = await bundleEntry(contents, { stubs });
  // A stub whose file was moved or renamed would replace nothing: then the row would measure the button as shipped.
  for (const { filter } of stubs) if (!parsed.some((file) => filter.test(`/${file}`))) throw new Error(`${name.trim()}: no file matches ${filter}`);
  results.push([name, gzip]);
}
// Through the package only once dist/ is built (the row's own `requires`, as the bench checks it).
const packaged = existsSync(join(ROOT, PACKAGE.requires)) ? (await bundleEntry(PACKAGE.contents)).gzip : undefined;

console.log(`what a page with only <connect-button> would load (gzip -9, initial, Lit included); its budget: ${formatBytes(BUTTON_BUDGET_GZIP)}`);
for (const [name, gzip] of results) console.log(`${name.padEnd(52)} ${formatBytes(gzip).padStart(10)}`);
const shipped = results[0][1];
if (packaged === undefined) console.log('the package row needs npm run build');
else console.log(`through the package (dist/), as shipped: ${formatBytes(packaged)}: every row above weighs about ${formatBytes(shipped - packaged)} less through the package`);
