/**
 * The markup of `<source-list>`: the toolbar, the loading, error and empty states,
 * and one item. Plain template functions: the element owns the state and passes
 * what they show and what their controls do.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectLocalizeController } from '../localize.js';
import type { ListedSource, SourceConnection } from './catalog.js';

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

/** What an item shows besides its source, and what its controls do. */
export interface SourceItemState {
  readonly connection: SourceConnection | undefined;
  /** A disconnect request is in flight. */
  readonly disconnecting: boolean;
  /** Its flow is minting the session. */
  readonly starting: boolean;
  /** Its flow's window reads closed and the result may still come another way. */
  readonly waiting: boolean;
  /** The last failure of its flow or disconnect. */
  readonly error: string | undefined;
  readonly iconBroken: boolean;
  readonly tabindex: 0 | -1;
  /** How many items the list shows (`aria-setsize`). */
  readonly setSize: number;
  readonly terms: Terms;
  onSelect(): void;
  onDisconnect(): void;
  /** The user says the sign-in window is gone (the waiting flow's Cancel). */
  onAbandon(): void;
  onHover(): void;
  onIconError(): void;
}

/** "Connected", or "Connected (expired)" when the app reports a state other than active. */
function connectedLabel(connection: SourceConnection, terms: Terms): string {
  const status = connection.status?.toLowerCase();
  return !status || status === 'active' || status === 'connected' ? terms.t('badgeConnected') : terms.t('badgeConnectedStatus', connection.status!);
}

/** The markup of one source: icon, name, badges, category, description, its error, and its buttons. */
export function renderSourceItem(source: ListedSource, index: number, state: SourceItemState): TemplateResult {
  const { connection, disconnecting, starting, error, tabindex, terms } = state;
  const comingSoon = source.status === 'coming_soon';
  const id = `item-${index}`;
  const statusPart = source.status === 'available' ? '' : source.status.replace('_', '-');
  const parts = ['item', connection ? 'item-connected' : '', statusPart && `item-${statusPart}`].filter(Boolean).join(' ');
  const describedBy = [source.description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const icon =
    source.icon && !state.iconBroken
      ? html`<img part="icon" src=${source.icon} alt="" width="40" height="40" loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${state.onIconError} />`
      : html`<span part="icon icon-placeholder" aria-hidden="true">${source.initial}</span>`;
  return html`
    <div
      part=${parts}
      class="item"
      role="listitem"
      tabindex=${tabindex}
      data-index=${index}
      aria-posinset=${index + 1}
      aria-setsize=${state.setSize}
      aria-labelledby="${id}-name ${id}-state"
      aria-describedby=${describedBy || nothing}
      @pointerenter=${state.onHover}
    >
      ${icon}
      <div class="text">
        <div class="heading">
          <span part="name" id="${id}-name" dir="auto">${source.name}</span>
          <span class="badges" id="${id}-state">
            ${connection ? html`<span part="badge badge-connected">${connectedLabel(connection, terms)}</span>` : nothing}
            ${statusPart ? html`<span part="badge badge-${statusPart}">${terms.t(source.status === 'beta' ? 'badgeBeta' : 'badgeComingSoon')}</span>` : nothing}
          </span>
        </div>
        ${source.category ? html`<span part="category">${terms.category(source.category, source.categoryLabel)}</span>` : nothing}
        ${source.description ? html`<p part="description" id="${id}-description"><bdi>${source.description}</bdi></p>` : nothing}
        ${error ? html`<p part="item-error" id="${id}-error">${error}</p>` : nothing}
        ${state.waiting
          ? html`<p part="item-waiting" class="waiting">
              ${terms.t('waitingNote')}
              <button part="action cancel" type="button" tabindex=${tabindex} @click=${state.onAbandon}>${terms.t('waitingCancel')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span></button>
            </p>`
          : nothing}
      </div>
      <div part="actions">
        <button
          part="action ${connection ? 'reconnect' : 'connect'}"
          type="button"
          tabindex=${tabindex}
          ?disabled=${comingSoon}
          aria-busy=${starting ? 'true' : nothing}
          @click=${state.onSelect}
        >
          <span part="spinner" class="spinner" aria-hidden="true" ?hidden=${!starting}></span
          >${terms.t(connection ? 'reconnect' : 'connect')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
        </button>
        ${connection
          ? html`<button
              part="action disconnect"
              type="button"
              tabindex=${tabindex}
              aria-disabled=${disconnecting ? 'true' : 'false'}
              @click=${state.onDisconnect}
            >
              ${terms.t(disconnecting ? 'disconnecting' : 'disconnect')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
            </button>`
          : nothing}
      </div>
    </div>
  `;
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
