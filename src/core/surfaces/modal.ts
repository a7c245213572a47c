import { ConnectError } from '../errors.js';
import { exactOrigin } from '../protocol.js';
import type { CloseTrigger, LaunchSurface } from './surface.js';

export type { CloseTrigger };

/**
 * The smallest sandbox that lets a hosted Connect page run: scripts, its own
 * origin (without it, its messages would come from "null"), forms, and its own
 * popup for providers that refuse to be framed, which must escape the sandbox.
 */
export const IFRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox';
/** Passkeys are the one powerful feature a sign-in page may need; everything else stays off. */
export const IFRAME_ALLOW = 'publickey-credentials-get';

/*
 * Every colour is a custom property with a light and a dark default (light-dark()):
 * the dialog follows the page's `color-scheme`, and the OS preference on top
 * (`--connect-color-scheme` fixes it). Logical properties only: RTL pages mirror it.
 */
const STYLES = `
.connect-modal{--f:var(--connect-focus-ring-color,light-dark(#1f4fd8,#8fb0ff));--m:light-dark(#d0d7de,#3d444d);color-scheme:var(--connect-color-scheme,inherit)}
@media (prefers-color-scheme:dark){.connect-modal{color-scheme:var(--connect-color-scheme,light dark)}}
dialog.connect-modal{box-sizing:border-box;inline-size:min(32rem,calc(100vw - 2rem));block-size:min(45rem,calc(100dvh - 2rem));max-inline-size:none;max-block-size:none;padding:0;
border:var(--connect-modal-border,1px solid light-dark(transparent,#3d444d));border-radius:var(--connect-modal-border-radius,.75rem);
background:var(--connect-modal-background,light-dark(#fff,#1c2128));color:var(--connect-modal-color,light-dark(#1b1f24,#e6edf3));
box-shadow:0 1.5rem 4rem rgb(0 0 0/.35);font:1rem/1.4 system-ui,sans-serif;overflow:hidden}
dialog.connect-modal[open]{display:flex;flex-direction:column}
dialog.connect-modal::backdrop{background:var(--connect-modal-backdrop,rgb(15 20 30/.55))}
@media (max-width:600px){dialog.connect-modal{inline-size:100vw;block-size:100dvh;border-radius:0}}
.connect-modal [part~=header]{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding-block:.5rem;padding-inline:1rem .5rem;border-block-end:1px solid var(--connect-modal-divider,var(--m))}
.connect-modal [part~=title]{margin:0;font-size:1rem;font-weight:600;unicode-bidi:isolate}
.connect-modal [part~=close-button]{display:grid;place-items:center;flex:none;inline-size:2.5rem;block-size:2.5rem;padding:0;border:1px solid transparent;border-radius:.5rem;background:0 0;color:inherit;font-size:1.5rem;cursor:pointer}
.connect-modal [part~=close-button]:hover{background:var(--m)}
.connect-modal [part~=close-button]:focus-visible{outline:3px solid var(--f);outline-offset:1px}
.connect-modal [part~=body]{position:relative;flex:1}
.connect-modal [part~=loading]{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.75rem;padding:1rem;text-align:center;color:var(--connect-modal-muted-color,light-dark(#57606a,#9198a1))}
.connect-modal [part~=loading]::before{content:"";inline-size:2rem;block-size:2rem;border-radius:50%;border:3px solid;border-inline-end-color:transparent;animation:connect-spin .8s linear infinite}
@keyframes connect-spin{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.connect-modal [part~=loading]::before{animation:none;border-style:dotted;border-inline-end-color:currentColor}}
.connect-modal [part~=iframe]{display:block;inline-size:100%;block-size:100%;border:0;visibility:hidden}
.connect-modal.is-ready [part~=iframe]{visibility:visible}
.connect-modal.is-ready [part~=loading]{display:none}
@media (forced-colors:active){dialog.connect-modal{border:2px solid CanvasText}.connect-modal{--m:CanvasText;--f:Highlight}}
`;

/** Scroll lock shared by every open modal: the page's own inline overflow (both axes, with priority) comes back exactly. */
let locks = 0;
let saved: [string, string, string][] = [];
const AXES = ['overflow-x', 'overflow-y'];

function lockScroll(): void {
  if (locks++ === 0) {
    const style = document.documentElement.style;
    saved = AXES.map((name) => [name, style.getPropertyValue(name), style.getPropertyPriority(name)]);
    style.setProperty('overflow', 'hidden');
  }
}

function unlockScroll(): void {
  if (--locks === 0) {
    const style = document.documentElement.style;
    style.removeProperty('overflow');
    for (const [name, value, priority] of saved) if (value) style.setProperty(name, value, priority);
  }
}

/** The focused element, looking through shadow roots, so focus can return to it. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

export interface ModalSurfaceOptions {
  /** Where the dialog is put (an element's shadow root, or an element of the page). */
  root: ShadowRoot | HTMLElement;
  /** The dialog's name and the iframe's `title`. */
  label: string;
  /** The close button's name and the loading text, in the page's language. */
  labels?: { close?: string; loading?: string };
  /** The user asked to close; the flow decides (a cancelable event) and ends or keeps the dialog. */
  onCloseRequest(trigger: CloseTrigger): void;
}

export interface ModalSurface extends LaunchSurface {
  readonly dialog: HTMLDialogElement;
  readonly iframe: HTMLIFrameElement;
  /** The framed page forwarded Esc (`close-request`). */
  requestClose(trigger: CloseTrigger): void;
}

let sheet: CSSStyleSheet | undefined;
/** One constructed stylesheet, adopted where the dialog lives: a strict `style-src` allows it, unlike a `<style>` element. */
function adoptStyles(root: ShadowRoot | HTMLElement): void {
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(STYLES);
  const owner = root instanceof ShadowRoot ? root : document;
  if (!owner.adoptedStyleSheets.includes(sheet)) owner.adoptedStyleSheets = [...owner.adoptedStyleSheets, sheet];
}

/**
 * Shows the hosted flow in an `<iframe>` inside a native `<dialog>` opened with
 * `showModal()`: top layer, the rest of the page inert, focus back on the
 * element that opened it, page scroll locked and restored. Esc, the close button
 * and a backdrop click go through one cancelable `connect-close-request`.
 */
export function openModalSurface(options: ModalSurfaceOptions): ModalSurface {
  const { root, label, labels = {} } = options;
  const returnFocus = deepActiveElement();
  const dialog = document.createElement('dialog');
  dialog.className = 'connect-modal';
  // Each part also under a `dialog-` name: where the dialog lands in an element's shadow root, it never meets the element's own parts.
  dialog.setAttribute('part', 'dialog');
  const titleId = `connect-modal-title-${Math.random().toString(36).slice(2)}`;
  dialog.setAttribute('aria-labelledby', titleId);

  adoptStyles(root);
  const header = document.createElement('header');
  header.setAttribute('part', 'header dialog-header');
  const title = document.createElement('h2');
  title.id = titleId;
  title.setAttribute('part', 'title dialog-title');
  title.textContent = label;
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.setAttribute('part', 'close-button dialog-close-button');
  closeButton.setAttribute('aria-label', labels.close ?? 'Close');
  closeButton.textContent = '×';
  header.append(title, closeButton);

  const body = document.createElement('div');
  body.setAttribute('part', 'body dialog-body');
  const loading = document.createElement('div');
  loading.setAttribute('part', 'loading dialog-loading');
  loading.setAttribute('role', 'status');
  // The busy ring is its ::before (static under reduced motion).
  loading.textContent = labels.loading ?? 'Loading…';
  const iframe = document.createElement('iframe');
  iframe.setAttribute('part', 'iframe dialog-iframe');
  iframe.title = label;
  iframe.referrerPolicy = 'no-referrer';
  iframe.setAttribute('sandbox', IFRAME_SANDBOX);
  iframe.setAttribute('allow', IFRAME_ALLOW);
  body.append(loading, iframe);
  dialog.append(header, body);
  root.append(dialog);

  const request = (trigger: CloseTrigger) => options.onCloseRequest(trigger);
  // Esc: the dialog's own cancel is always stopped, so the request event decides.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    request('escape');
  });
  closeButton.addEventListener('click', () => request('close-button'));
  dialog.addEventListener('click', (event) => {
    // A click on the ::backdrop targets the dialog itself, outside its box.
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) request('backdrop');
  });

  dialog.showModal();
  lockScroll();
  let closed = false;
  let returned: ((address: URL) => void) | undefined;
  iframe.addEventListener('load', () => {
    let href: string;
    try {
      href = iframe.contentWindow!.location.href;
    } catch {
      return; // a page of another origin: the hosted page itself
    }
    const address = new URL(href);
    if (address.origin === location.origin) returned?.(address);
  });

  return {
    mode: 'modal',
    dialog,
    iframe,
    get window() {
      return iframe.contentWindow;
    },
    navigate(url) {
      // Framing the page's own origin would let the framed page lift its own sandbox.
      if (exactOrigin(url) === location.origin) throw new ConnectError('session_invalid_response', { cause: 'a modal never frames its own origin' });
      iframe.src = url;
    },
    isClosed: () => closed || !dialog.open,
    requestClose: request,
    watchReturn(listener) {
      returned = listener;
    },
    ready() {
      dialog.classList.add('is-ready');
    },
    focus() {
      dialog.focus();
    },
    close() {
      if (closed) return;
      closed = true;
      iframe.src = 'about:blank';
      dialog.close();
      dialog.remove();
      unlockScroll();
      if (returnFocus?.isConnected) returnFocus.focus();
    },
  };
}
