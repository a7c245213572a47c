/**
 * The single-file bundle's locales: the locale an element's closest `lang` asks for
 * loads by itself from `locales/` beside the bundle (dist/locales/<code>.js, the
 * library's own locale modules, which import nothing), once, the first time an
 * element renders in that language. A `lang` change re-renders every element, which
 * asks again. A `lang` with no locale of its own reads the nearest (`de-CH` → `de`,
 * `pt-AO` → `pt-PT`, `zh-TW` → `zh-Hant`, `zh` → `zh-Hans`), else English.
 *
 * Only src/bundle.ts imports this module: an app that bundles connect-elements
 * registers the locales it wants, and nothing loads unasked.
 */
import type { ConnectErrorCode } from './core/errors.js';
import { LOCALE_CODES } from './locale-codes.js';
import { translationTag } from './locale-fallback.js';
import { registerTranslation as register, setErrorMessages as setMessages, whenLocaleNeeded, type CompleteTranslation, type PartialTranslation } from './localize.js';

/** The built-in locales but English, by the tag the registry keeps each under (`zh-Hant` as `zh-tw`). */
const MODULES = new Map<string, string>(LOCALE_CODES.map((code) => [translationTag(code).toLowerCase(), code]));

/** Each locale's load, started once: one that failed leaves English and is not asked for again. */
const loads = new Map<string, Promise<void>>();

/** What the page registered itself, by registry tag: put back over a built-in locale that loads after it. */
const pageOwn = new Map<string, PartialTranslation[]>();

const registryKey = (code: string) => translationTag(code).toLowerCase();

/** The built-in locale that serves `lang`: its own, else its language's; none for English or a language with none. */
export function builtInLocale(lang: string): string | undefined {
  const key = registryKey(lang);
  return MODULES.get(key) ?? MODULES.get(key.split('-')[0]);
}

/** Where the locale modules are: `locales/` beside the bundle, wherever it is served from (a test may say elsewhere). */
let localesAt: URL | undefined;

/** Loads the built-in locale `lang` reads, unless it is loaded, loading, or failed. */
export function loadLocale(lang: string): Promise<void> | undefined {
  const code = builtInLocale(lang);
  if (!code) return undefined;
  let load = loads.get(code);
  if (!load) {
    // Resolved at run time against the bundle's own URL. Without @vite-ignore, Vite turns
    // `new URL(template, import.meta.url)` into a lookup among files it sees at build time
    // (none here: the locale modules come from the library build), which gives "undefined".
    const url = (localesAt ? new URL(`${code}.js`, localesAt) : new URL(/* @vite-ignore */ `./locales/${code}.js`, import.meta.url)).href;
    load = import(/* @vite-ignore */ url).then(
      ({ default: translation }: { default: CompleteTranslation }) => {
        register(translation);
        const own = pageOwn.get(registryKey(code));
        if (own) register(...own);
      },
      () => console.warn(`connect-elements: could not load the locale "${code}" from ${url}; showing English.`),
    );
    loads.set(code, load);
  }
  return load;
}

function remember(translation: PartialTranslation): void {
  const key = registryKey(translation.$code);
  pageOwn.set(key, [...(pageOwn.get(key) ?? []), translation]);
}

/**
 * The bundle's `registerTranslation`: connect-elements' own, and what a page registers
 * stays over a built-in locale that loads after it.
 */
export function registerTranslation(...translations: PartialTranslation[]): void {
  translations.forEach(remember);
  register(...translations);
}

/** The bundle's `setErrorMessages`: connect-elements' own, and it too stays over a locale that loads later. */
export function setErrorMessages(overrides: Partial<Record<ConnectErrorCode, string>>, lang = 'en'): void {
  const keyed: PartialTranslation = { $code: lang };
  for (const [code, text] of Object.entries(overrides)) if (text) (keyed as unknown as Record<string, string>)[`error.${code}`] = text;
  remember(keyed);
  setMessages(overrides, lang);
}

/**
 * Called once by src/bundle.ts: from then on every element asks for its language's
 * locale as it renders. `from`, the folder of the locale modules, is for tests.
 */
export function loadLocalesOnDemand(from?: URL): void {
  localesAt = from;
  whenLocaleNeeded(loadLocale);
}
