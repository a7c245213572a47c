import { isServer, type PropertyValues } from 'lit';
import type { ConnectSuccessDetail } from '../events.js';
import { ConnectFlowElement } from './connect-flow-element.js';

/**
 * What an element puts in its form: `[key, connection id]` pairs. The button's
 * one key is `''` (its `name` itself); the list's are source ids (`name[id]`).
 */
export type ConnectionEntries = readonly (readonly [key: string, connectionId: string])[];

type FormPart = typeof import('../controllers/form-value.js');
/** The form code (`controllers/form-value.ts`), loaded once for the page by the first element that needs it. */
let formPart: FormPart | undefined;
let formPartLoad: Promise<FormPart | undefined> | undefined;

/**
 * A Connect element that is a form control (`<connect-button>`, `<source-list>`):
 * form-associated through `ElementInternals`, its value the connections it holds,
 * with `required`, `submit-on-success`, reset, back/forward restore, a disabled
 * `<fieldset>`, and custom states for styling. What it does with the form loads
 * with the first element in a form, with a connection or a flow
 * (`controllers/form-value.ts`); nothing of it runs on a server, which has no
 * `ElementInternals`. Not registered as an element.
 */
export abstract class ConnectFormElement extends ConnectFlowElement {
  static formAssociated = true;

  static override properties = {
    ...ConnectFlowElement.properties,
    // Reflected: the platform names a form entry by the attribute, and frameworks (React 19) set the property.
    // No name, no attribute: a framework hydrating server HTML finds none added by the first update.
    name: { reflect: true, converter: { toAttribute: (name: string) => name || null } },
    required: { type: Boolean },
    submitOnSuccess: { type: Boolean, attribute: 'submit-on-success' },
    // The accessor below writes the attribute at once, as native controls do: the platform then
    // tells formDisabledCallback before the next render, which shows what it says.
    disabled: { type: Boolean, noAccessor: true },
  };

  /** The form field's name: the button submits `name` = its connection id; the list `name[<source id>]` per connected source. */
  declare name: string;
  /** The form does not submit while there is no connection (the list: none at all); the message comes from the locale. */
  declare required: boolean;
  /**
   * After a successful flow, submits the element's form with `requestSubmit()`
   * (its validation and `submit` listeners run), once per success: a page with no
   * script of its own posts the new connection to its backend.
   */
  declare submitOnSuccess: boolean;

  /** Disables the element (reflected); a disabled `<fieldset>` does too. */
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(value: boolean) {
    const old = this.disabled;
    this.toggleAttribute('disabled', !!value);
    this.requestUpdate('disabled', old);
  }

  /** @internal */
  readonly internals: ElementInternals | undefined;
  /** What the platform says: the element's own `disabled`, or a disabled fieldset around it. */
  #formDisabled = false;

  constructor() {
    super();
    this.name = '';
    this.required = false;
    this.submitOnSuccess = false;
    if (!isServer) this.internals = this.attachInternals();
  }

  /** The connections the form gets, unchecked. @internal */
  abstract connectionEntries(): ConnectionEntries;
  /** The locale's message for a `required` element with no connection. @internal */
  abstract missingMessage(): string;
  /** Keeps a flow's success as the value, before `connect-success` is fired. */
  protected abstract keepConnection(detail: ConnectSuccessDetail): void;
  /** `form.reset()`: back to the connections the page gave. */
  protected abstract resetConnections(): void;
  /** Back/forward: the entries the browser kept (already checked). @internal */
  abstract restoreConnections(entries: ConnectionEntries): void;

  /** Disabled by its own attribute or by a disabled `<fieldset>`. @internal */
  get disabledByForm(): boolean {
    return this.disabled || this.#formDisabled;
  }

  /** The entries the form gets: only ids safe to render (the 0.2 rules, on every channel), checked by the form code (none before it loaded). @internal */
  protected get formEntries(): ConnectionEntries {
    return formPart?.safeEntries(this) ?? [];
  }

  /** The `<form>` the element belongs to, or `null`. */
  get form(): HTMLFormElement | null {
    return this.internals?.form ?? null;
  }
  /** The element's validity (`valueMissing` when `required` and there is no connection). */
  get validity(): ValidityState | undefined {
    return this.internals?.validity;
  }
  /** The locale's message while the element is invalid, else `''`. */
  get validationMessage(): string {
    return this.internals?.validationMessage ?? '';
  }
  /** Whether the form validates this element (not when disabled). */
  get willValidate(): boolean {
    return !!this.internals?.willValidate;
  }
  /** `true` when valid; otherwise fires `invalid` and returns `false`. */
  checkValidity(): boolean {
    return formPart?.checkValidity(this) ?? true;
  }
  /** As `checkValidity()`, and shows the message and focuses the element when invalid. */
  reportValidity(): boolean {
    return formPart?.checkValidity(this, true) ?? true;
  }

  /** The flow succeeded: the value first (listeners read it), then, after every listener, `submit-on-success`. @internal */
  connectionSucceeded(detail: ConnectSuccessDetail): () => unknown {
    this.keepConnection(detail);
    formPart?.syncForm(this);
    return () => this.submitOnSuccess && !this.disabledByForm && this.form?.requestSubmit();
  }

  /** @internal */
  formAssociatedCallback(): void {
    this.#loadFormPart();
  }
  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }
  /** @internal */
  formResetCallback(): void {
    this.resetConnections();
    formPart?.syncForm(this);
    this.requestUpdate();
  }
  /** @internal */
  formStateRestoreCallback(state: unknown, reason: string): void {
    void this.#loadFormPart().then((part) => part?.restore(this, state, reason));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (formPart) formPart.syncForm(this);
    else if (this.form || this.flow.status !== 'idle' || this.connectionEntries().length) this.#loadFormPart();
  }

  /** Also waits for the form code an element in a form loads, so `await el.updateComplete` finds its value in the form. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await formPartLoad;
    return super.getUpdateComplete();
  }

  #loadFormPart(): Promise<FormPart | undefined> {
    formPartLoad ??= import('../controllers/form-value.js').then(
      (part) => (formPart = part),
      // Its code could not load (a deploy replaced the chunks): the element still connects, without a form value.
      () => undefined,
    );
    return formPartLoad.then((part) => {
      if (part && this.isConnected) part.syncForm(this);
      return part;
    });
  }
}
