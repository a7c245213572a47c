import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ConnectResult, ConnectStatus } from '../controllers/flow-controller.js';
import { ConnectFlowElement, defineElement } from '../internal/connect-flow-element.js';
import { sharedStyles } from '../internal/shared.styles.js';
import { styles } from './connect-button.styles.js';

/**
 * A button that starts a hosted Connect flow: mints a session from `session-url`
 * (or `fetchSession`), opens the hosted page in a popup inside the click, and
 * reports the outcome as events.
 *
 * @tag connect-button
 * @summary Starts a hosted "Connect" flow for one source and reports its outcome.
 *
 * @fires {ConnectOpenEvent} connect-open - Cancelable. Fired synchronously in the user's gesture, before anything launches. Detail: `{ source, mode }`.
 * @fires {ConnectReadyEvent} connect-ready - The hosted flow says it has loaded. Detail: `{ source }`.
 * @fires {ConnectSuccessEvent} connect-success - The flow completed. Ends the flow. Detail: `{ source, connectionId, operation, data? }`.
 * @fires {ConnectExitEvent} connect-exit - The user left without completing. Ends the flow. Detail: `{ source, reason: 'closed' | 'user' }`.
 * @fires {ConnectErrorEvent} connect-error - Anything failed. Ends the flow. Detail: `{ source, code, message, retryable, description? }`.
 * @fires {ConnectAnalyticsEvent} connect-event - Any other event the hosted flow reports. Detail: `{ source, name, metadata }`.
 *
 * @slot - The label. Default: "Connect".
 * @slot icon - An icon shown before the label.
 *
 * @csspart button - The native `<button>`.
 * @csspart icon - The wrapper of the `icon` slot.
 * @csspart label - The wrapper of the label.
 * @csspart spinner - The busy indicator shown while the session loads.
 * @csspart waiting - The note shown while the flow waits for a sign-in window that reads closed (it may be severed, not closed).
 * @csspart cancel-button - The Cancel button shown with that note: ends the flow with `connect-exit` (`closed`).
 *
 * @cssprop [--connect-button-background=#1f4fd8] - Background of the button.
 * @cssprop [--connect-button-color=#fff] - Text colour.
 * @cssprop [--connect-button-border=1px solid transparent] - Border.
 * @cssprop [--connect-button-border-radius=0.5rem] - Corner radius.
 * @cssprop [--connect-button-padding=0.5rem 1rem] - Padding.
 * @cssprop [--connect-button-font=600 0.9375rem/1.2 system-ui, sans-serif] - Font.
 * @cssprop [--connect-button-focus-ring=3px solid #8fb0ff] - Outline when focused by keyboard.
 */
export class ConnectButtonElement extends ConnectFlowElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    ...ConnectFlowElement.properties,
    disabled: { type: Boolean, reflect: true },
    status: { reflect: true },
    waiting: { type: Boolean, reflect: true },
  };

  protected static override flowKind = { kind: 'connect-button' };

  /** Registers the element (a second define of the same tag only warns). */
  static define(tag = 'connect-button', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Disables the button. */
  declare disabled: boolean;
  /**
   * Read-only in practice: `idle`, `loading`, `open`, `success` or `error`,
   * reflected so pages can style on it.
   */
  declare status: ConnectStatus;
  /**
   * Read-only in practice: the flow's popup reads closed and its result may
   * still arrive another way (`result-url`, or a return relayed from the
   * popup). Reflected, for styling.
   */
  declare waiting: boolean;

  #hasIcon = false;

  constructor() {
    super();
    this.disabled = false;
    this.status = 'idle';
    this.waiting = false;
    this.addEventListener('pointerenter', () => this.flow.prefetch());
    this.addEventListener('focusin', () => this.flow.prefetch());
  }

  /**
   * Starts the flow. Call it from a user gesture so the popup may open.
   * Resolves with the `connect-success` detail; rejects with a `ConnectError`
   * whose `code` is the error code, or `exit` when the user left.
   */
  start(): Promise<ConnectResult> {
    return this.flow.start();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.status = this.flow.status;
    this.waiting = this.flow.waiting;
  }

  override render() {
    const loading = this.status === 'loading';
    const error = this.status === 'error' && !!this.flow.announcement;
    const t = this.flow.localize.t.bind(this.flow.localize);
    return html`
      <button
        part="button"
        type="button"
        ?disabled=${this.disabled}
        aria-busy=${loading ? 'true' : 'false'}
        @click=${this.#onClick}
      >
        <span part="icon" class=${this.#hasIcon ? 'has-icon' : ''} aria-hidden="true"><slot name="icon" @slotchange=${this.#onIconChange}></slot></span>
        <span part="label"><slot>${t('connect')}</slot></span>
        <span part="spinner" class="spinner" aria-hidden="true" ?hidden=${!loading}></span>
        <span part="open-indicator" class="open-indicator" aria-hidden="true" ?hidden=${this.status !== 'open' || this.waiting}></span>
      </button>
      ${this.waiting
        ? html`<span part="waiting" class="waiting"
            >${t('waitingNote')}
            <button part="cancel-button" type="button" class="cancel" @click=${() => this.flow.abandon()}>${t('waitingCancel')}</button></span
          >`
        : nothing}
      <span part=${error ? 'message' : nothing} class=${error ? 'message' : 'visually-hidden'} role="status">${this.flow.announcement}</span>
    `;
  }

  #onClick(): void {
    // Synchronous all the way to window.open: the popup must open inside this click.
    this.flow.launch();
  }

  #onIconChange(event: Event): void {
    this.#hasIcon = (event.target as HTMLSlotElement).assignedNodes().length > 0;
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connect-button': ConnectButtonElement;
  }
}
