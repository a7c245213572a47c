/**
 * The built-in locales besides English (which is bundled with the elements): each is
 * `src/locales/<code>.ts`, built to `dist/locales/<code>.js` (vite.config.ts), exported
 * as `connect-elements/locales/<code>` (package.json), and what the single-file bundle
 * can load by itself (src/locale-loader.ts). test/node/locales.test.mjs checks they agree.
 */
export const LOCALE_CODES = [
  'ar', 'da', 'de', 'es', 'fi', 'fr', 'he', 'hi', 'id', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt', 'pt-PT', 'ru', 'sv', 'tr', 'uk', 'zh-Hans', 'zh-Hant',
] as const;
