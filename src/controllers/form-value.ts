/**
 * What a form-associated Connect element does with its form and its custom
 * states (see `internal/connect-form-element.ts`). Loaded with the first element
 * that is in a form, holds a connection or runs a flow: a button outside any
 * form, with no connection yet, never loads it.
 */
import { isConnectionId } from '../core/message-guard.js';
import type { ConnectFormElement, ConnectionEntries } from '../internal/connect-form-element.js';
import type { ConnectFlowController } from './flow-controller.js';

/** The elements that have said their GET form would put connection ids in addresses: once each. */
const warned = new WeakSet<Element>();

/** The connections the element holds whose ids are safe to render (the 0.2 rules, on every channel). */
export const safeEntries = (host: ConnectFormElement): ConnectionEntries => host.connectionEntries().filter(([, id]) => isConnectionId(id));

/** Where the validation message points, and what `reportValidity()` focuses: the button, the list's focusable item or its search. */
const anchorOf = (host: ConnectFormElement) => host.renderRoot.querySelector<HTMLElement>('[part=button], .list [tabindex="0"], [part=search]');

/** The form value, its validity and the custom states, from what the element holds now. */
export function syncForm(host: ConnectFormElement): void {
  const internals = host.internals;
  if (!internals) return;
  const entries = safeEntries(host);
  let value: string | FormData | null = null;
  let state: string | FormData | null = null;
  if (entries.length === 1 && entries[0][0] === '') value = state = entries[0][1];
  else if (entries.length) {
    // The list's entries, `name[<source id>]`, in the bracket form PHP, Rails and most form handlers read as a map.
    value = new FormData();
    state = new FormData();
    const named = new Set<string>();
    for (const [key, id] of entries) {
      // A source's further accounts go to `name-more[<source id>][]`: a second `name[<source id>]` would replace the first in most handlers.
      if (host.name) value.append(named.has(key) ? `${host.name}-more[${key}][]` : `${host.name}[${key}]`, id);
      named.add(key);
      state.append(key, id);
    }
  }
  internals.setFormValue(value, state);
  // Before the first render there is nothing to point at yet (a form can associate the element earlier).
  const anchor = (host.hasUpdated && anchorOf(host)) || undefined;
  if (host.required && !entries.length) internals.setValidity({ valueMissing: true }, host.missingMessage(), anchor);
  else internals.setValidity({});
  // The element's own controller (protected there): its status and waiting are what the states show.
  const { status, waiting } = (host as unknown as { flow: ConnectFlowController }).flow;
  const states = { connected: entries.length > 0, loading: status === 'loading', open: status === 'open' && !waiting, waiting, error: status === 'error' };
  for (const [name, on] of Object.entries(states)) {
    if (on) internals.states.add(name);
    else internals.states.delete(name);
  }
  // Connection ids in an address bar end up in history, server logs and Referer headers. A form whose
  // action is script (React 19's form actions write a javascript: action) is never sent by the browser.
  const form = internals.form;
  if (host.name && form?.method === 'get' && !/^javascript:/i.test(form.getAttribute('action') ?? '') && !warned.has(host)) {
    warned.add(host);
    console.warn(`<${host.localName} name="${host.name}">: its form submits with method="get", which puts connection ids in the address bar and server logs; use method="post".`);
  }
}

/** `checkValidity()`, or with `report`, `reportValidity()`, which also focuses the element when it is invalid. */
export function checkValidity(host: ConnectFormElement, report = false): boolean {
  syncForm(host);
  const internals = host.internals!;
  const valid = report ? internals.reportValidity() : internals.checkValidity();
  if (!valid && report && !host.matches(':focus-within')) anchorOf(host)?.focus();
  return valid;
}

/** Back/forward: the entries the element saved, only the ids safe to render; nothing of the browser's autofill, which has no connection to offer. */
export function restore(host: ConnectFormElement, state: unknown, reason: string): void {
  if (reason !== 'restore') return;
  const entries = typeof state === 'string' ? [['', state] as const] : state instanceof FormData ? [...state].map(([key, id]) => [key, String(id)] as const) : [];
  host.restoreConnections(entries.filter(([, id]) => isConnectionId(id)));
  host.requestUpdate();
}
