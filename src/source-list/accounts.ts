/**
 * The account rows of a `<source-list>` item that holds several connections of
 * its source: each account's label (or a short form of its id), its state, and
 * its own Reconnect and Disconnect. Loaded with the item's markup (`parts.ts`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ListedSource, SourceConnection } from './catalog.js';
import type { Terms } from './templates.js';

/** Text of another direction inside the page's: isolated (FSI … PDI), so it cannot reorder what is around it. */
export const isolate = (text: string) => `\u2068${text}\u2069`;

/** What identifies an account to the user: its label, else its id (shortened: the ends tell ids apart). */
export function accountName(connection: SourceConnection): string {
  const { label, connectionId: id } = connection;
  return label ?? (id.length <= 14 ? id : `${id.slice(0, 6)}…${id.slice(-6)}`);
}

/** "Connected", or "Connected (expired)" when the app reports a state other than active. */
export function connectedLabel(connection: SourceConnection, terms: Terms): string {
  const status = connection.status?.toLowerCase();
  return !status || status === 'active' || status === 'connected' ? terms.t('badgeConnected') : terms.t('badgeConnectedStatus', connection.status!);
}

export interface AccountRowsState {
  readonly terms: Terms;
  readonly tabindex: 0 | -1;
  /** Nothing launches (a disabled list, an item of an unknown preset). */
  readonly locked: boolean;
  /** The list is disabled: Disconnect too. */
  readonly disabled: boolean;
  /** The connection id whose flow is minting its session. */
  readonly starting: string | undefined;
  busy(connectionId: string): boolean;
  onSelect(connectionId: string): void;
  onDisconnect(connection: SourceConnection): void;
}

/**
 * The accounts, in order. The rows take the item's keyboard stop (Tab from the
 * item reaches each button); the list is not a stop of its own, though a grid
 * card scrolls it (Firefox would make a scrolling box one).
 */
export function renderAccounts(source: ListedSource, connections: readonly SourceConnection[], state: AccountRowsState): TemplateResult {
  const { terms, tabindex } = state;
  return html`<ul part="accounts" class="accounts" tabindex="-1">
    ${connections.map((connection) => {
      const name = isolate(accountName(connection));
      const busy = state.busy(connection.connectionId);
      const starting = state.starting === connection.connectionId;
      // Each button names its source and account: "Disconnect GitHub work@example.com".
      const about = html`<span class="visually-hidden"> <bdi>${source.name}</bdi> ${name}</span>`;
      return html`<li part="account">
        <span part="account-label" dir="auto">${name}</span>
        <span part="badge badge-connected">${connectedLabel(connection, terms)}</span>
        <span class="account-actions">
          <button
            part="action reconnect"
            type="button"
            tabindex=${tabindex}
            ?disabled=${state.locked}
            aria-busy=${starting ? 'true' : nothing}
            @click=${() => state.onSelect(connection.connectionId)}
          >
            <span part="spinner" class="spinner" aria-hidden="true" ?hidden=${!starting}></span>${terms.t('reconnect')}${about}
          </button>
          <button
            part="action disconnect"
            type="button"
            tabindex=${tabindex}
            ?disabled=${state.disabled}
            aria-disabled=${busy ? 'true' : 'false'}
            @click=${() => state.onDisconnect(connection)}
          >
            ${terms.t(busy ? 'disconnecting' : 'disconnect')}${about}
          </button>
        </span>
      </li>`;
    })}
  </ul>`;
}
