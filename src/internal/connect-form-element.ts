import { isServer, type PropertyValues } from 'lit';
import { isConnectionId } from '../core/protocol.js';
import type { ConnectSuccessDetail } from '../events.js';
import { ConnectFlowElement } from './connect-flow-element.js';

/**
 * What an element puts in its form: `[key, connection id]` pairs. The button's
 * one key is `''` (its `name` itself); the list's are source ids (`name[id]`).
 */
export type ConnectionEntries = readonly (readonly [key: string, connectionId: string])[];

/** The custom states a page styles on (`:state(open)`), each kept in step with the flow. */
type FlowState = 'connected' | 'loading' | 'open' | 'waiting' | 'error';

/**
 * A Connect element that is a form control (`<connect-button>`, `<source-list>`):
 * form-associated through `ElementInternals`, its value the connections it holds,
 * with `required`, `submit-on-success`, reset, back/forward restore, a disabled
 * `<fieldset>`, and custom states for styling. Nothing of it runs on a server
 * (there is no `ElementInternals` there). Not registered as an element.
 */
export abstract class ConnectFormElement extends ConnectFlowElement {
  static formAssociated = true;

  static override properties = {
    ...ConnectFlowElement.properties,
    name: {},
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

  readonly #internals: ElementInternals | undefined;
  /** What the platform says: the element's own `disabled`, or a disabled fieldset around it. */
  #formDisabled = false;
  #warnedGet = false;

  constructor() {
    super();
    this.name = '';
    this.required = false;
    this.submitOnSuccess = false;
    this.#internals = isServer ? undefined : this.attachInternals();
  }

  /** The connections the form gets, unchecked: the base drops any id unsafe to render. */
  protected abstract connectionEntries(): ConnectionEntries;
  /** The locale's message for a `required` element with no connection. */
  protected abstract missingMessage(): string;
  /** Where the validation message points, and what `reportValidity()` focuses. */
  protected abstract validationAnchor(): HTMLElement | null;
  /** Keeps a flow's success as the value, before `connect-success` is fired. */
  protected abstract keepConnection(detail: ConnectSuccessDetail): void;
  /** `form.reset()`: back to the connections the page gave. */
  protected abstract resetConnections(): void;
  /** Back/forward: the entries the browser kept (already checked). */
  protected abstract restoreConnections(entries: ConnectionEntries): void;

  /** Disabled by its own attribute or by a disabled `<fieldset>` or form. */
  protected get disabledByForm(): boolean {
    return this.disabled || this.#formDisabled;
  }

  /** The entries this element submits: only ids safe to render (the 0.2 rules, on every channel). */
  protected get safeEntries(): ConnectionEntries {
    return this.connectionEntries().filter(([, id]) => isConnectionId(id));
  }

  /** The `<form>` the element belongs to, or `null`. */
  get form(): HTMLFormElement | null {
    return this.#internals?.form ?? null;
  }
  /** The `<label>`s that name the element (`<label for>`, or one around it). */
  get labels(): NodeList {
    return this.#internals?.labels ?? ([] as unknown as NodeList);
  }
  /** The element's validity (`valueMissing` when `required` and there is no connection). */
  get validity(): ValidityState | undefined {
    return this.#internals?.validity;
  }
  /** The locale's message while the element is invalid, else `''`. */
  get validationMessage(): string {
    return this.#internals?.validationMessage ?? '';
  }
  /** Whether the form validates this element (not when disabled). */
  get willValidate(): boolean {
    return this.#internals?.willValidate ?? false;
  }
  /** `true` when valid; otherwise fires `invalid` and returns `false`. */
  checkValidity(): boolean {
    this.#sync();
    return this.#internals?.checkValidity() ?? true;
  }
  /** As `checkValidity()`, and shows the message and focuses the element when invalid. */
  reportValidity(): boolean {
    this.#sync();
    const valid = this.#internals?.reportValidity() ?? true;
    if (!valid && !this.matches(':focus-within') && this.hasUpdated) this.validationAnchor()?.focus();
    return valid;
  }

  /** The flow succeeded: the value first (listeners read it), then, after every listener, `submit-on-success`. @internal */
  connectionSucceeded(detail: ConnectSuccessDetail): () => void {
    this.keepConnection(detail);
    this.#sync();
    return () => {
      if (this.submitOnSuccess && !this.disabledByForm) this.form?.requestSubmit();
    };
  }

  /** @internal */
  formAssociatedCallback(): void {
    this.#sync();
  }
  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#formDisabled = disabled;
    this.requestUpdate();
  }
  /** @internal */
  formResetCallback(): void {
    this.resetConnections();
    this.#sync();
    this.requestUpdate();
  }
  /** @internal */
  formStateRestoreCallback(state: unknown, reason: 'restore' | 'autocomplete'): void {
    // Only what this element saved: the browser's autofill has no connection to offer.
    if (reason !== 'restore') return;
    const entries = typeof state === 'string' ? [['', state] as const] : state instanceof FormData ? [...state].map(([key, id]) => [key, String(id)] as const) : [];
    this.restoreConnections(entries.filter(([, id]) => isConnectionId(id)));
    this.#sync();
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#sync();
  }

  /** The form value, its validity and the custom states, from what the element holds now. */
  #sync(): void {
    const internals = this.#internals;
    if (!internals) return;
    const entries = this.safeEntries;
    const single = entries.length === 1 && entries[0][0] === '';
    let value: string | FormData | null = null;
    let state: string | FormData | null = null;
    if (single) value = state = entries[0][1];
    else if (entries.length) {
      value = new FormData();
      state = new FormData();
      for (const [key, id] of entries) {
        if (this.name) value.append(`${this.name}[${key}]`, id);
        state.append(key, id);
      }
    }
    internals.setFormValue(value, state);
    // Before the first render there is nothing to point at yet (the form can associate the element earlier).
    const anchor = this.hasUpdated ? this.validationAnchor() : null;
    if (this.required && !entries.length) internals.setValidity({ valueMissing: true }, this.missingMessage(), anchor ?? undefined);
    else internals.setValidity({});
    const flow = this.flow;
    const states: Record<FlowState, boolean> = {
      connected: entries.length > 0,
      loading: flow.status === 'loading',
      open: flow.status === 'open' && !flow.waiting,
      waiting: flow.waiting,
      error: flow.status === 'error',
    };
    for (const [name, on] of Object.entries(states)) {
      if (on) internals.states.add(name);
      else internals.states.delete(name);
    }
    // Connection ids in an address bar end up in history, logs and Referer headers.
    const form = internals.form;
    if (!this.#warnedGet && this.name && form && form.method === 'get') {
      this.#warnedGet = true;
      console.warn(`<${this.localName} name="${this.name}">: its form submits with method="get", which puts connection ids in the address bar and server logs; use method="post".`);
    }
  }
}
