/**
 * Localisation of every element: one translation per locale (src/locales/),
 * looked up for the closest `lang` of the element (itself, an ancestor through
 * shadow roots, else `<html>`), followed live.
 *
 * Built on @shoelace-style/localize (about 1 KB; what Web Awesome's
 * LocalizeController grew from): its registry merges partial translations and
 * falls back from `de-CH` to `de` to English. Two things it does not do, added here:
 * it reads only the element's own `lang` and `<html lang>` (we look for the
 * closest ancestor's), and it watches only `<html>` (we watch the document's
 * `lang`/`dir` attributes, so an ancestor's change is followed too).
 */
import { LocalizeController, registerTranslation as register, update, type Translation } from '@shoelace-style/localize';
import { isServer, type ReactiveControllerHost } from 'lit';
import { errorMessage, setErrorMessages as setCoreErrorMessages, type ConnectErrorCode } from './core/errors.js';
import { translationTag } from './locale-fallback.js';
import enFlow from './locales/en-flow.js';

/** Every text an element shows or announces, in one locale. */
export interface ConnectStrings {
  /** `<connect-button>`'s label, and the Connect button of a list item. */
  connect: string;
  reconnect: string;
  disconnect: string;
  disconnecting: string;
  /** The modal dialog's default name (also the iframe's title). */
  dialogLabel: string;
  dialogClose: string;
  /** Shown in the modal until the hosted page is ready. */
  dialogLoading: string;
  /** What the blank popup says while the session loads. */
  popupPlaceholder: string;
  statusConnecting: string;
  statusOpen: string;
  statusWaiting: string;
  statusRedirecting: string;
  statusConnected: string;
  /** The note shown while a flow waits for a sign-in window that reads closed. */
  waitingNote: string;
  waitingCancel: string;
  /** Why a `required` `<connect-button>` keeps its form from submitting, naming its source. */
  requiredConnection: (name: string) => string;
  /** `<source-list>`'s default accessible name. */
  sourcesLabel: string;
  searchSources: string;
  categoryFilter: string;
  allCategories: string;
  loadingSources: string;
  sourcesFailed: string;
  retry: string;
  noMatches: string;
  noSources: string;
  /** What a screen reader hears after the filter changed; plurals through `Intl.PluralRules`. */
  matchCount: (count: number) => string;
  badgeConnected: string;
  /** A connection the app reports in another state than active (`expired`...). */
  badgeConnectedStatus: (status: string) => string;
  badgeBeta: string;
  badgeComingSoon: string;
  sourceConnected: (name: string) => string;
  sourceDisconnected: (name: string) => string;
  disconnectFailed: (name: string, retryable: boolean) => string;
  /** Why a `required` `<source-list>` keeps its form from submitting: no source is connected. */
  requiredAnySource: string;
  /** An item holding several connections of its source: its state, and with its name its accessible name ("GitHub, 2 accounts connected"). */
  accountsConnected: (count: number) => string;
  /** A `multiple` source's button that connects one more account. */
  addAccount: string;
  /** An item whose catalog names a preset that is not registered: nothing of it launches. */
  badgeUnavailable: string;
}

/** `error.<code>`: the `connect-error` message of each code. */
export type ConnectErrorStrings = { [Code in ConnectErrorCode as `error.${Code}`]: string };
/** `category.<id>`: the label of a catalog category id (when the catalog item has no `categoryLabel`). */
export type ConnectCategoryStrings = { [key: `category.${string}`]: string };

/** A locale as the built-in files define it. English takes its error messages from core. */
export type ConnectTranslation = Translation & ConnectStrings & Partial<ConnectErrorStrings> & ConnectCategoryStrings;

/** The keys only `<source-list>` shows: their English comes with it (`locales/en-list.ts`). */
type ListKey =
  | 'sourcesLabel' | 'searchSources' | 'categoryFilter' | 'allCategories' | 'loadingSources' | 'sourcesFailed' | 'retry' | 'noMatches'
  | 'noSources' | 'matchCount' | 'badgeConnected' | 'badgeConnectedStatus' | 'badgeBeta' | 'badgeComingSoon' | 'sourceConnected'
  | 'sourceDisconnected' | 'disconnectFailed' | 'requiredAnySource' | 'accountsConnected' | 'addAccount' | 'badgeUnavailable';
/** English of the flow, bundled with every element (`locales/en-flow.ts`). */
export type EnglishFlowStrings = Translation & Omit<ConnectStrings, ListKey>;
/** English of the list, bundled with `<source-list>` (`locales/en-list.ts`). */
export type EnglishListStrings = Pick<ConnectStrings, ListKey> & ConnectCategoryStrings;

/** A built-in locale other than English: every key, error messages included. */
export type CompleteTranslation = ConnectTranslation & ConnectErrorStrings;

/** What {@link registerTranslation} takes: a locale code and any keys, to add a locale or override part of one. */
export type PartialTranslation = { $code: string; $name?: string; $dir?: 'ltr' | 'rtl' } & Partial<ConnectStrings & ConnectErrorStrings> & ConnectCategoryStrings;

type TermKey = keyof ConnectStrings | keyof ConnectErrorStrings | `category.${string}`;
type Args<K> = K extends keyof ConnectStrings ? (ConnectStrings[K] extends (...args: infer A) => string ? A : []) : [];

/** The English every key falls back to: the flow's, and each element's own as it loads. */
const english: Record<string, unknown> = { ...enFlow };
register(enFlow);

/**
 * Adds an element's own English (the list's) to the fallback. Not registered
 * as a translation, so an app's `registerTranslation({ $code: 'en', ... })`
 * wins whenever the element loads. @internal
 */
export function addEnglish(strings: EnglishListStrings): void {
  Object.assign(english, strings);
}

/**
 * Adds a locale, or overrides some of its keys (later registrations win, key by
 * key). `$code` is a BCP 47 tag: `de` serves `de-AT` too; `de-AT` only `de-AT`.
 * Every connected element updates at once.
 */
export function registerTranslation(...translations: PartialTranslation[]): void {
  // Under the tag the registry can find it by (`zh-Hant` as `zh-TW`: src/locale-fallback.ts).
  register(...translations.map((translation) => ({ $name: translation.$code, $dir: 'ltr' as const, ...translation, $code: translationTag(translation.$code) }) as Translation));
}

/**
 * The shortcut for error messages only. Without `lang`: English overrides, used
 * on pages whose locale has no message of its own (English, and any locale not
 * registered) and by `connect-elements/core`'s `ConnectError`. With `lang`: that
 * locale's messages. Either way they win over a preset's own default messages.
 */
export function setErrorMessages(overrides: Partial<Record<ConnectErrorCode, string>>, lang = 'en'): void {
  if (lang.toLowerCase() === 'en') setCoreErrorMessages(overrides);
  const keyed: PartialTranslation = { $code: lang };
  for (const [code, text] of Object.entries(overrides)) if (text) (keyed as unknown as Record<string, string>)[`error.${code}`] = text;
  registerTranslation(keyed);
}

/** The closest `lang` (or `dir`) attribute of `el`, through shadow roots; '' when none. */
function closestAttribute(el: Element, name: 'lang' | 'dir'): string {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest(`[${name}]:not([${name}=""])`);
    if (found) return found.getAttribute(name)!;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

let watching = false;
/** One observer for the whole document: any `lang` or `dir` change re-renders every element. */
function watchDocument(): void {
  if (isServer || watching || typeof MutationObserver === 'undefined') return;
  watching = true;
  new MutationObserver(() => update()).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['lang', 'dir'] });
}

let localeNeeded: ((lang: string) => void) | undefined;
/** @internal For the single-file bundle's loader (src/locale-loader.ts) only: bundled apps register their locales themselves. */
export function whenLocaleNeeded(load: (lang: string) => void): void {
  localeNeeded = load;
}

/** A `lang` as the registry looks it up (`de-ch`; `zh-HK` as `zh-tw`, see src/locale-fallback.ts), or `en` when it is not a language tag. */
function normalizeLang(lang: string): string {
  try {
    return translationTag(new Intl.Locale(lang.replace(/_/g, '-')).toString()).toLowerCase();
  } catch {
    return 'en';
  }
}

/** An element that localises: `asServer` while it must render what a server would (see ConnectFlowElement). */
type LocalizedHost = ReactiveControllerHost & HTMLElement & { readonly asServer?: boolean };

/**
 * The elements' localisation controller: `term()` for the closest `lang`,
 * falling back to English for any key the locale lacks.
 *
 * On a server, and in the browser until a server-rendered element has
 * hydrated, only the element's own `lang` and `dir` count (else English, left to
 * right): a server sees no ancestor, `<html>` or `navigator`, and hydration must
 * render what the server rendered. The update after hydration takes the page's
 * (the element requests it).
 */
export class ConnectLocalizeController extends LocalizeController<ConnectTranslation> {
  declare host: LocalizedHost;

  constructor(host: LocalizedHost) {
    super(host);
    watchDocument();
  }

  /** Before each render: the single-file bundle loads the locale of the element's language. */
  hostUpdate(): void {
    localeNeeded?.(this.lang());
  }

  override lang(): string {
    if (isServer || this.host.asServer) return normalizeLang(this.host.getAttribute('lang') || 'en');
    return normalizeLang(closestAttribute(this.host, 'lang') || navigator.language || 'en');
  }

  override dir(): string {
    if (isServer || this.host.asServer) return (this.host.getAttribute('dir') || 'ltr').toLowerCase();
    return (closestAttribute(this.host, 'dir') || 'ltr').toLowerCase();
  }

  /** The text of `key` in the element's locale, else in English. */
  t<K extends TermKey>(key: K, ...args: Args<K>): string {
    // `exists` without the fallback: a page that shares the registry with another library keeps our English.
    const term: unknown = this.exists(key, { includeFallback: false }) ? this.term(key as never, ...(args as [])) : english[key];
    return typeof term === 'function' ? term(...args) : ((term as string | undefined) ?? '');
  }

  /**
   * The `connect-error` message of `code`: the locale's own (a registered
   * translation, `setErrorMessages`) wins; else the preset's guide-given English
   * default (Context Gateway's), else core's English.
   */
  error(code: ConnectErrorCode, presetMessages?: Partial<Record<ConnectErrorCode, string>>): string {
    const key = `error.${code}` as const;
    if (this.exists(key, { includeFallback: false })) return this.t(key);
    return presetMessages?.[code] ?? errorMessage(code);
  }

  /** A catalog category's label: the catalog's own, else the locale's for its id, else the id as written. */
  category(id: string, label?: string): string {
    if (label) return label;
    const key = `category.${id.toLowerCase()}` as const;
    return this.exists(key, { includeFallback: false }) || key in english ? this.t(key) : id;
  }
}
