/**
 * The markup of `<source-list>` before it has sources: the toolbar, the loading,
 * error and empty states (an item's is in `item.ts`, loaded with the catalog's
 * validation). Plain template functions: the element owns the state and passes
 * what they show and what their controls do.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectLocalizeController } from '../localize.js';

/** The list's locale: every text below comes from it, through {@link termsOf}. */
export type Terms = Pick<ConnectLocalizeController, 't' | 'category'>;

/**
 * The locale's texts for one render, each looked up once: a lookup finds the
 * closest `lang` through the DOM, and every row asks for the same few words.
 * A new one for every render, so a language change shows at once.
 */
export function termsOf(localize: ConnectLocalizeController): Terms {
  // Keyed by parts joined with a newline, which cleaned catalog text never holds.
  const known = new Map<string, string>();
  const once = (key: string, look: () => string) => {
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = look()));
    return text;
  };
  return {
    t: ((key: Parameters<Terms['t']>[0], ...args: unknown[]) => once(`${key}\n${args.join('\n')}`, () => localize.t(key, ...(args as [])))) as Terms['t'],
    category: (id, label) => once(`category\n${id}\n${label}`, () => localize.category(id, label)),
  };
}

/** The search box and, when the catalog has categories, the category select ("All" by default). */
export function renderToolbar(
  categories: ReadonlyMap<string, string>,
  chosen: string,
  terms: Terms,
  onSearch: (event: Event) => void,
  onCategory: (event: Event) => void,
): TemplateResult {
  return html`
    <div part="toolbar">
      <label class="visually-hidden" for="search">${terms.t('searchSources')}</label>
      <input id="search" part="search" type="search" placeholder=${terms.t('searchSources')} autocomplete="off" spellcheck="false" @input=${onSearch} />
      ${categories.size
        ? html`
            <label class="visually-hidden" for="category">${terms.t('categoryFilter')}</label>
            <select id="category" part="filters" @change=${onCategory}>
              <option value="" ?selected=${!chosen}>${terms.t('allCategories')}</option>
              ${[...categories].map(([category, label]) => html`<option value=${category} ?selected=${category === chosen}>${terms.category(category, label)}</option>`)}
            </select>
          `
        : nothing}
    </div>
  `;
}

/** A busy, empty list with its name, under a "Loading sources…" overlay. */
export function renderLoading(label: string, terms: Terms): TemplateResult {
  // `loading` stays for compatibility; `list-loading` and `list-spinner` never meet a modal's parts.
  return html`
    <div class="frame">
      <div part="list" class="list" role="list" aria-label=${label} aria-busy="true"></div>
      <p part="loading list-loading" class="overlay"><span part="spinner list-spinner" class="spinner" aria-hidden="true"></span>${terms.t('loadingSources')}</p>
    </div>
  `;
}

export function renderError(onRetry: () => void, terms: Terms): TemplateResult {
  return html`
    <div part="error" class="state error">
      <p role="alert"><slot name="error">${terms.t('sourcesFailed')}</slot></p>
      <button part="retry" type="button" @click=${onRetry}>${terms.t('retry')}</button>
    </div>
  `;
}

/** `filtering`: the search or category hides every source, rather than the catalog being empty. */
export function renderEmpty(filtering: boolean, terms: Terms): TemplateResult {
  return html`<p part="empty" class="state"><slot name="empty">${terms.t(filtering ? 'noMatches' : 'noSources')}</slot></p>`;
}
