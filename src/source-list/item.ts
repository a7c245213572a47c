/**
 * The markup of one `<source-list>` item. It loads with the catalog's validation
 * (`parts.ts`): an item is only ever rendered for a validated source.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { connectedLabel, renderAccounts } from './accounts.js';
import type { ListedSource, SourceConnection } from './catalog.js';
import type { Terms } from './templates.js';

/** What an item shows besides its source, and what its controls do. */
export interface SourceItemState {
  /** Its connections, in order: none, one (shown as before accounts existed), or several (a row each). */
  readonly connections: readonly SourceConnection[];
  /** A disconnect request of this connection is in flight. */
  busy(connectionId: string): boolean;
  /** The list is disabled (its own `disabled`, or a disabled `<fieldset>`): no button acts. */
  readonly disabled: boolean;
  /** The connection id whose flow is minting the session (`''`: a new connection), `undefined` for none. */
  readonly starting: string | undefined;
  /** Its flow's window reads closed and the result may still come another way. */
  readonly waiting: boolean;
  /** The last failure of its flow or disconnect. */
  readonly error: string | undefined;
  readonly iconBroken: boolean;
  readonly tabindex: 0 | -1;
  /** How many items the list shows (`aria-setsize`). */
  readonly setSize: number;
  readonly terms: Terms;
  /** Connect (`''`) or reconnect that connection. */
  onSelect(connectionId: string): void;
  onDisconnect(connection: SourceConnection): void;
  /** The user says the sign-in window is gone (the waiting flow's Cancel). */
  onAbandon(): void;
  onHover(): void;
  onIconError(): void;
}

/** The markup of one source: icon, name, badges, category, description, its error, and its buttons. */
export function renderSourceItem(source: ListedSource, index: number, state: SourceItemState): TemplateResult {
  const { connections, error, tabindex, terms } = state;
  const [connection] = connections;
  const several = connections.length > 1;
  // An unknown preset: never launched (with the wrong protocol) nor disconnected.
  const locked = source.status === 'coming_soon' || state.disabled || source.unknownPreset;
  const stopped = state.disabled || source.unknownPreset;
  const starting = state.starting === (connection?.connectionId ?? '');
  const adding = !!connection && state.starting === '';
  const disconnecting = !!connection && state.busy(connection.connectionId);
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
            ${connection ? html`<span part="badge badge-connected">${several ? terms.t('accountsConnected', connections.length) : connectedLabel(connection, terms)}</span>` : nothing}
            ${source.unknownPreset ? html`<span part="badge badge-unavailable">${terms.t('badgeUnavailable')}</span>` : nothing}
            ${statusPart ? html`<span part="badge badge-${statusPart}">${terms.t(source.status === 'beta' ? 'badgeBeta' : 'badgeComingSoon')}</span>` : nothing}
          </span>
        </div>
        ${source.category ? html`<span part="category">${terms.category(source.category, source.categoryLabel)}</span>` : nothing}
        ${source.description ? html`<p part="description" id="${id}-description"><bdi>${source.description}</bdi></p>` : nothing}
        ${several ? renderAccounts(source, connections, { terms, tabindex, locked, disabled: stopped, starting: state.starting, busy: state.busy, onSelect: state.onSelect, onDisconnect: state.onDisconnect }) : nothing}
        ${error ? html`<p part="item-error" id="${id}-error">${error}</p>` : nothing}
        ${state.waiting
          ? html`<p part="item-waiting" class="waiting">
              ${terms.t('waitingNote')}
              <button part="action cancel" type="button" tabindex=${tabindex} @click=${state.onAbandon}>${terms.t('waitingCancel')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span></button>
            </p>`
          : nothing}
      </div>
      <div part="actions">
        ${several
          ? nothing
          : html`<button
              part="action ${connection ? 'reconnect' : 'connect'}"
              type="button"
              tabindex=${tabindex}
              ?disabled=${locked}
              aria-busy=${starting ? 'true' : nothing}
              @click=${() => state.onSelect(connection?.connectionId ?? '')}
            >
              <span part="spinner" class="spinner" aria-hidden="true" ?hidden=${!starting}></span
              >${terms.t(connection ? 'reconnect' : 'connect')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
            </button>`}
        ${connection && !several
          ? html`<button
              part="action disconnect"
              type="button"
              tabindex=${tabindex}
              ?disabled=${stopped}
              aria-disabled=${disconnecting ? 'true' : 'false'}
              @click=${() => state.onDisconnect(connection)}
            >
              ${terms.t(disconnecting ? 'disconnecting' : 'disconnect')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
            </button>`
          : nothing}
        ${connection && source.multiple
          ? html`<button part="action add-account" type="button" tabindex=${tabindex} ?disabled=${locked} aria-busy=${adding ? 'true' : nothing} @click=${() => state.onSelect('')}>
              <span part="spinner" class="spinner" aria-hidden="true" ?hidden=${!adding}></span>${terms.t('addAccount')}<span class="visually-hidden"> <bdi>${source.name}</bdi></span>
            </button>`
          : nothing}
      </div>
    </div>
  `;
}
