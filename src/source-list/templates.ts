/**
 * The markup of `<source-list>`: the toolbar, the loading, error and empty states,
 * and one item. Plain template functions: the element owns the state and passes
 * what they show and what their controls do.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectLocalizeController } from '../localize.js';
import type { ListedSource, SourceConnection } from './catalog.js';

/** The list's locale: every text below comes from it. */
type Localize = ConnectLocalizeController;

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
  readonly localize: Localize;
  onSelect(): void;
  onDisconnect(): void;
  /** The user says the sign-in window is gone (the waiting flow's Cancel). */
  onAbandon(): void;
  onHover(): void;
  onIconError(): void;
}

/** "Connected", or "Connected (expired)" when the app reports a state other than active. */
function connectedLabel(connection: SourceConnection, localize: Localize): string {
  const status = connection.status?.toLowerCase();
  return !status || status === 'active' || status === 'connected' ? localize.t('badgeConnected') : localize.t('badgeConnectedStatus', connection.status!);
}

/** The markup of one source: icon, name, badges, category, description, its error, and its buttons. */
export function renderSourceItem(source: ListedSource, index: number, state: SourceItemState): TemplateResult {
  const { connection, disconnecting, starting, error, tabindex, localize } = state;
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
            ${connection ? html`<span part="badge badge-connected">${connectedLabel(connection, localize)}</span>` : nothing}
            ${statusPart ? html`<span part="badge badge-${statusPart}">${localize.t(source.status === 'beta' ? 'badgeBeta' : 'badgeComingSoon')}</span>` : nothing}
          </span>
        </div>
        ${source.category ? html`<span part="category">${localize.category(source.category, source.categoryLabel)}</span>` : nothing}
        ${source.description ? html`<p part="description" id="${id}-description"><bdi>${source.description}</bdi></p>` : nothing}
        ${error ? html`<p part="item-error" id="${id}-error">${error}</p>` : nothing}
        ${state.waiting
          ? html`<p part="item-waiting" class="waiting">
              ${localize.t('waitingNote')}
              <button part="action cancel" type="button" tabindex=${tabindex} @click=${state.onAbandon}>${localize.t('waitingCancel')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span></button>
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
          >${localize.t(connection ? 'reconnect' : 'connect')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
        </button>
        ${connection
          ? html`<button
              part="action disconnect"
              type="button"
              tabindex=${tabindex}
              aria-disabled=${disconnecting ? 'true' : 'false'}
              @click=${state.onDisconnect}
            >
              ${localize.t(disconnecting ? 'disconnecting' : 'disconnect')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
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
  localize: Localize,
  onSearch: (event: Event) => void,
  onCategory: (event: Event) => void,
): TemplateResult {
  return html`
    <div part="toolbar">
      <label class="visually-hidden" for="search">${localize.t('searchSources')}</label>
      <input id="search" part="search" type="search" placeholder=${localize.t('searchSources')} autocomplete="off" spellcheck="false" @input=${onSearch} />
      ${categories.size
        ? html`
            <label class="visually-hidden" for="category">${localize.t('categoryFilter')}</label>
            <select id="category" part="filters" @change=${onCategory}>
              <option value="" ?selected=${!chosen}>${localize.t('allCategories')}</option>
              ${[...categories].map(([category, label]) => html`<option value=${category} ?selected=${category === chosen}>${localize.category(category, label)}</option>`)}
            </select>
          `
        : nothing}
    </div>
  `;
}

/** A busy, empty list with its name, under a "Loading sources…" overlay. */
export function renderLoading(label: string, localize: Localize): TemplateResult {
  // `loading` stays for compatibility; `list-loading` and `list-spinner` never meet a modal's parts.
  return html`
    <div class="frame">
      <div part="list" class="list" role="list" aria-label=${label} aria-busy="true"></div>
      <p part="loading list-loading" class="overlay"><span part="spinner list-spinner" class="spinner" aria-hidden="true"></span>${localize.t('loadingSources')}</p>
    </div>
  `;
}

export function renderError(onRetry: () => void, localize: Localize): TemplateResult {
  return html`
    <div part="error" class="state error">
      <p role="alert"><slot name="error">${localize.t('sourcesFailed')}</slot></p>
      <button part="retry" type="button" @click=${onRetry}>${localize.t('retry')}</button>
    </div>
  `;
}

/** `filtering`: the search or category hides every source, rather than the catalog being empty. */
export function renderEmpty(filtering: boolean, localize: Localize): TemplateResult {
  return html`<p part="empty" class="state"><slot name="empty">${localize.t(filtering ? 'noMatches' : 'noSources')}</slot></p>`;
}
