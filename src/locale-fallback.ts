/**
 * Which translation a `lang` reads. The registry under src/localize.ts
 * (@shoelace-style/localize) keys a translation by language and region only,
 * `de-ch` then `de`: it never reads a script subtag, so `zh-Hant` and `zh-Hans`
 * would both be looked up as `zh`, and it knows no parent locale (`pt-AO`
 * writes Portugal's Portuguese, `no` is Norwegian Bokmål). Both a translation's
 * `$code` and an element's `lang` go through {@link translationTag}, so they meet.
 */

/** Portuguese of the regions that follow Portugal's norm (CLDR's children of `pt-PT`). */
const EUROPEAN_PORTUGUESE = /^pt-(?:PT|AO|CH|CV|FR|GQ|GW|LU|MO|MZ|ST|TL)$/;

/**
 * Old language codes and their current ones (CLDR's language aliases), plus
 * Norwegian `no` as Bokmål. Chromium's and Firefox's `Intl.Locale` already
 * replace the old codes; WebKit's keeps them (`iw` stays `iw`), so every
 * engine reads them here and picks the same translation.
 */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro', sh: 'sr', no: 'nb' };

/** Tags already read: an element asks for every string it renders. */
const known = new Map<string, string>();

/**
 * The tag under which the registry keeps, and looks up, the translation of `tag`:
 * - Chinese by script: Traditional (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`) as `zh-TW`,
 *   since the registry has no place for a script; Simplified (`zh-Hans`, `zh`, `zh-CN`,
 *   `zh-SG`) as `zh`, or `zh-<region>` when the tag names one (then `zh`).
 * - Portuguese of Portugal's norm (`pt-PT`, `pt-AO`, `pt-MZ`...) as `pt-PT`; other Portuguese as written (then `pt`).
 * - Norwegian `no` as `nb`, and the old codes `iw`, `in`, `ji`, `jw`, `mo`, `sh` as `he`, `id`, `yi`, `jv`, `ro`, `sr`.
 * - Anything else as `<language>[-<region>]`, what the registry reads of it.
 *
 * A string that is not a language tag comes back as given.
 */
export function translationTag(tag: string): string {
  let found = known.get(tag);
  if (found === undefined) {
    // A page that keeps inventing tags must not grow this without end.
    if (known.size >= 64) known.clear();
    known.set(tag, (found = registryTag(tag)));
  }
  return found;
}

function registryTag(tag: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return tag;
  }
  const language = Object.hasOwn(LANGUAGE_ALIASES, locale.language) ? LANGUAGE_ALIASES[locale.language] : locale.language;
  const read = locale.region ? `${language}-${locale.region}` : language;
  // maximize() gives the script a region implies: zh-HK → zh-Hant-HK, zh-SG → zh-Hans-SG.
  if (language === 'zh' && locale.maximize().script === 'Hant') return 'zh-TW';
  return EUROPEAN_PORTUGUESE.test(read) ? 'pt-PT' : read;
}
