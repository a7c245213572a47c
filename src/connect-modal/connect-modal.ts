import { css, nothing, type PropertyValues } from 'lit';
import type { ConnectResult } from '../controllers/flow-controller.js';
import { ConnectFlowElement, defineElement } from '../internal/connect-flow-element.js';
import type { ModalSurfaceOptions } from '../core/surfaces/modal.js';
import type { LaunchSurface } from '../core/surfaces/surface.js';
import { sharedStyles } from '../internal/shared.styles.js';

/** The modal surface, once loaded (when the first `<connect-modal>` connects). */
let openModal: ((options: ModalSurfaceOptions) => LaunchSurface) | undefined;

/**
 * The hosted Connect flow in an `<iframe>` inside a native `<dialog>` (top
 * layer, focus kept inside and returned to the opener, page scroll locked).
 * Messages count only from that iframe's window, on the expected origin, with
 * the flow's state.
 *
 * @tag connect-modal
 * @summary Runs a hosted "Connect" flow in a modal dialog with an iframe.
 *
 * @fires {ConnectOpenEvent} connect-open - Cancelable. Fired synchronously when the flow starts, before the dialog opens. Detail: `{ source, mode }`.
 * @fires {ConnectReadyEvent} connect-ready - The hosted page says it has loaded; the loading state gives way to it. Detail: `{ source }`.
 * @fires {ConnectSuccessEvent} connect-success - The flow completed; the dialog closes. Detail: `{ source, connectionId, operation, data? }`.
 * @fires {ConnectExitEvent} connect-exit - The user left (Esc, close button, backdrop, or the hosted page's exit); the dialog closes. Detail: `{ source, reason }`.
 * @fires {ConnectErrorEvent} connect-error - Anything failed, including `iframe_load_failed` when the page never says ready; the dialog closes. Detail: `{ source, code, message, retryable, description? }`.
 * @fires {ConnectAnalyticsEvent} connect-event - Any other event the hosted flow reports. Detail: `{ source, name, metadata }`.
 * @fires {ConnectCloseRequestEvent} connect-close-request - Cancelable. Esc, the close button or a backdrop click asks to close; cancel it to keep the dialog open. Detail: `{ source, trigger: 'escape' | 'close-button' | 'backdrop' }`.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The bar with the title and the close button. Also `dialog-header`.
 * @csspart title - The dialog's title (from `label`). Also `dialog-title`.
 * @csspart close-button - The close button. Also `dialog-close-button`.
 * @csspart body - The area that holds the loading state and the iframe. Also `dialog-body`.
 * @csspart loading - Shown until the hosted page is ready: a busy ring (static under reduced motion) and text. Also `dialog-loading`.
 * @csspart iframe - The `<iframe>` of the hosted page. Also `dialog-iframe`.
 *
 * @cssprop [--connect-modal-background=light-dark(#fff, #1c2128)] - Background of the dialog.
 * @cssprop [--connect-modal-color=light-dark(#1b1f24, #e6edf3)] - Text colour of the dialog.
 * @cssprop [--connect-modal-muted-color=light-dark(#57606a, #9198a1)] - Colour of the loading text.
 * @cssprop [--connect-modal-divider=light-dark(#d0d7de, #3d444d)] - The rule under the header.
 * @cssprop [--connect-modal-border=1px solid light-dark(transparent, #3d444d)] - Border of the dialog (forced colours always draw one).
 * @cssprop [--connect-modal-border-radius=0.75rem] - Corner radius of the dialog (none when full-screen on narrow viewports).
 * @cssprop [--connect-modal-backdrop=rgb(15 20 30 / 0.55)] - The backdrop behind the dialog.
 * @cssprop [--connect-color-scheme] - `light`, `dark` or `inherit` to fix the colour scheme. Default: the page's `color-scheme`, and dark when the OS prefers dark.
 * @cssprop [--connect-focus-ring-color=light-dark(#1f4fd8, #8fb0ff)] - Colour of every focus ring (at least 3:1 on the light and dark defaults).
 */
export class ConnectModalElement extends ConnectFlowElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: contents;
      }
    `,
  ];
  static override properties = {
    ...ConnectFlowElement.properties,
    open: { type: Boolean, reflect: true },
    label: {},
  };

  /** Registers the element (a second define of the same tag only warns). */
  static define(tag = 'connect-modal', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Whether the dialog is open. Reflected; setting it opens or closes the flow. */
  declare open: boolean;
  /** The dialog's title and the iframe's accessible name. Default: the locale's "Connect an account". */
  declare label: string;

  constructor() {
    super();
    this.open = false;
    this.label = '';
  }

  // The dialog opens inside the click once the modal surface is loaded: it loads as soon as a
  // <connect-modal> is in the page (not with the page's first bytes), and a click before
  // that opens the dialog when it has loaded, a moment later.
  protected static override flowKind = {
    kind: 'connect-modal',
    mode: 'modal' as const,
    get modal() {
      return openModal;
    },
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // Repeated imports of one module share a single load.
    if (!openModal) void import('../core/surfaces/modal.js').then((module) => (openModal = module.openModalSurface));
  }

  /** @internal The dialog's name for the shared flow controller. */
  get modalLabel(): string {
    return this.label;
  }

  /**
   * Opens the dialog and starts the flow. Resolves with the `connect-success`
   * detail; rejects with a `ConnectError` (`code` is the error code, or `exit`).
   */
  show(): Promise<ConnectResult> {
    return this.flow.start();
  }

  /** Closes the dialog, ending a running flow with `connect-exit` (`reason: 'user'`). */
  close(): void {
    this.flow.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const running = this.flow.running;
    // `open` follows the flow; a page that sets it asks for the flow to start or end.
    if (changed.has('open') && changed.get('open') !== undefined && this.open !== running) {
      if (this.open) void this.show().catch(() => {});
      else this.close();
    }
    this.open = this.flow.running;
  }

  override render() {
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'connect-modal': ConnectModalElement;
  }
}
