import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ConnectResult, ConnectStatus } from '../controllers/flow-controller.js';
import type { ConnectSuccessDetail } from '../events.js';
import { defineElement } from '../internal/connect-flow-element.js';
import { ConnectFormElement, type ConnectionEntries } from '../internal/connect-form-element.js';
import { sharedStyles } from '../internal/shared.styles.js';
import { styles } from './connect-button.styles.js';

/**
 * A button that starts a hosted Connect flow: mints a session from `session-url`
 * (or `fetchSession`), opens the hosted page in a popup inside the click, and
 * reports the outcome as events.
 *
 * A form control: with a `name`, its form submits `name` = the connection id
 * (the `connection-id` given, replaced by the id of the last successful flow);
 * `required` keeps the form from submitting until there is one, with the
 * locale's message naming the source (`source-name`, else `source`);
 * `submit-on-success` submits the form after a success. A disabled `<fieldset>`
 * disables it, `form.reset()` restores the `connection-id`, and the browser's
 * back/forward restores the last value. An id unsafe to render never reaches the
 * form.
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
 * @csspart open-indicator - The dot shown in the button while the flow's window is open (`status="open"`, which also outlines the button).
 * @csspart message - The error message shown under the button after a failed flow (`status="error"`); also the polite live region.
 * @csspart dialog - The native `<dialog>` of a modal fallback (a blocked popup's `fallback="modal"`), rendered in this element's shadow root.
 * @csspart dialog-header - The modal's bar with the title and the close button.
 * @csspart dialog-title - The modal's title.
 * @csspart dialog-close-button - The modal's close button.
 * @csspart dialog-body - The area that holds the modal's loading state and iframe.
 * @csspart dialog-loading - The modal's loading state (a busy ring and text), until the hosted page is ready.
 * @csspart dialog-iframe - The modal's `<iframe>`.
 *
 * @cssstate connected - It holds a connection id (its form value).
 * @cssstate loading - The flow is minting its session.
 * @cssstate open - The flow's window is open.
 * @cssstate waiting - The flow waits for a sign-in window that reads closed.
 * @cssstate error - The last flow failed (not when the user declined).
 *
 * @cssprop [--connect-button-background=light-dark(#1f4fd8, #8fb0ff)] - Background of the button (its border and text while the flow is open).
 * @cssprop [--connect-button-color=light-dark(#fff, #0d1117)] - Text colour.
 * @cssprop [--connect-button-open-color=light-dark(#1f4fd8, #8fb0ff)] - Text colour of the outlined button while the flow's window is open.
 * @cssprop [--connect-button-danger=light-dark(#b42318, #ffa198)] - Colour of the error message and the error outline.
 * @cssprop [--connect-button-disabled-background=light-dark(#eaeef2, #30363d)] - Background of the disabled button.
 * @cssprop [--connect-button-disabled-color=light-dark(#57606a, #9198a1)] - Text colour of the disabled button.
 * @cssprop [--connect-button-border=1px solid transparent] - Border.
 * @cssprop [--connect-button-border-radius=0.5rem] - Corner radius.
 * @cssprop [--connect-button-padding=0.5rem 1rem] - Padding.
 * @cssprop [--connect-button-font=600 0.9375rem/1.2 system-ui, sans-serif] - Font.
 * @cssprop [--connect-button-focus-ring=3px solid var(--connect-focus-ring-color)] - Outline when focused by keyboard.
 * @cssprop [--connect-color-scheme] - `light`, `dark` or `inherit` to fix the colour scheme. Default: the page's `color-scheme`, and dark when the OS prefers dark.
 * @cssprop [--connect-focus-ring-color=light-dark(#1f4fd8, #8fb0ff)] - Colour of every focus ring (at least 3:1 on the light and dark defaults).
 */
export class ConnectButtonElement extends ConnectFormElement {
  static override styles = [sharedStyles, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    ...ConnectFormElement.properties,
    sourceName: { attribute: 'source-name' },
    // The default is no attribute: a framework hydrating server HTML finds none added by the element's first update.
    status: { reflect: true, converter: { toAttribute: (status: ConnectStatus) => (status === 'idle' ? null : status) } },
    waiting: { type: Boolean, reflect: true },
  };

  protected static override flowKind = { kind: 'connect-button' };

  /** Registers the element (a second define of the same tag only warns). */
  static define(tag = 'connect-button', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** The source's name as people know it (`GitHub`), for the texts that name it (the `required` message). Default: `source`. */
  declare sourceName: string;
  /**
   * Read-only in practice: `idle`, `loading`, `open`, `success` or `error`,
   * reflected so pages can style on it (`idle`, the default, as no attribute:
   * style it with `:not([status])`).
   */
  declare status: ConnectStatus;
  /**
   * Read-only in practice: the flow's popup reads closed and its result may
   * still arrive another way (`result-url`, or a return relayed from the
   * popup). Reflected, for styling.
   */
  declare waiting: boolean;

  #hasIcon = false;
  /** The id of the last successful flow: the value until the form is reset. */
  #connected: string | undefined;

  constructor() {
    super();
    this.sourceName = '';
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

  /**
   * The connection id the form submits: the last successful flow's, else
   * `connection-id`; `''` when there is none (or it is unsafe to render).
   */
  get value(): string {
    return this.formEntries[0]?.[1] ?? '';
  }

  /** @internal */
  connectionEntries(): ConnectionEntries {
    const id = this.#connected ?? this.connectionId;
    return id ? [['', id]] : [];
  }

  /** @internal */
  missingMessage(): string {
    // Isolated: a name written in another direction cannot reorder the sentence.
    return this.flow.localize.t('requiredConnection', `\u2068${this.sourceName || this.source}\u2069`);
  }

  protected keepConnection({ connectionId }: ConnectSuccessDetail): void {
    this.#connected = connectionId;
  }

  protected resetConnections(): void {
    this.#connected = undefined;
  }

  /** @internal */
  restoreConnections(entries: ConnectionEntries): void {
    this.#connected = entries[0]?.[1];
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
        ?disabled=${this.disabledByForm}
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
