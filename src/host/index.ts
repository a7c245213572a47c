/**
 * `connect-elements/host`: the hosted Connect page's side of the default protocol.
 *
 * The hosted page learns the embedding origin and the flow's `state` from its own
 * server-side session record, never from its URL, and gives them to
 * {@link createConnectHost}. Every message goes to `window.opener` (popup or tab)
 * or `window.parent` (iframe) with that exact origin as `targetOrigin`, never `'*'`.
 *
 * With no window to post to (a popup whose opener link was severed by
 * `Cross-Origin-Opener-Policy`), and the session record's `redirectUrl`
 * given, the outcome returns the window there instead (result channel 2): the
 * app's page relays it to the tab that started the flow. When framed, Esc
 * pressed inside the page asks the embedding modal to close (`close-request`).
 *
 * @example
 * const host = createConnectHost({ origin: session.origin, state: session.state });
 * host.ready();
 * // ... the user consents ...
 * host.success({ connectionId: 'conn_123', operation: 'create' });
 */
import {
  PROTOCOL,
  PROTOCOL_VERSION,
  exactOrigin,
  type ConnectOperation,
  type HostEnvelope,
  type HostMessage,
} from '../core/protocol.js';

export { PROTOCOL, PROTOCOL_VERSION };
export type { ConnectOperation, HostEnvelope, HostMessage };

export interface ConnectHostOptions {
  /** The embedding page's exact origin, from the server-side session record. */
  origin: string;
  /** The flow's `state`, from the server-side session record. */
  state: string;
  /** Where to post; default `window.opener`, else `window.parent` when framed. */
  target?: Window | null;
  /**
   * The flow's return address, from the server-side session record. Used only
   * when there is no window to post to: success, error and exit then return
   * the window there with the redirect-return parameters.
   */
  redirectUrl?: string;
  /** Forward Esc to the embedding modal when framed (default `true`). */
  forwardEscape?: boolean;
}

export interface ConnectHost {
  /** The exact origin every message is posted to. */
  readonly origin: string;
  /** `false` when the page has neither an opener nor a parent to report to. */
  readonly connected: boolean;
  /** `true` when outcomes return the window to `redirectUrl` because there is no window to post to. */
  readonly returns: boolean;
  ready(): boolean;
  success(result: { connectionId: string; operation?: ConnectOperation; data?: Record<string, unknown> }): boolean;
  exit(): boolean;
  error(code: string, message?: string): boolean;
  event(name: string, metadata?: Record<string, unknown>): boolean;
}

function defaultTarget(): Window | null {
  if (window.opener) return window.opener as Window;
  return window.parent !== window ? window.parent : null;
}

/**
 * Creates the reporter for one flow. Throws when `origin` is not one exact
 * http(s) origin (a `'*'` or `"null"` target would leak the result to anyone).
 */
export function createConnectHost(options: ConnectHostOptions): ConnectHost {
  const origin = exactOrigin(options.origin);
  if (!origin || origin !== options.origin.replace(/\/$/, '')) {
    throw new TypeError(`connect-elements/host: "${String(options.origin)}" is not an exact origin`);
  }
  if (typeof options.state !== 'string' || !options.state) {
    throw new TypeError('connect-elements/host: a flow state is required');
  }
  const state = options.state;
  const target = options.target === undefined ? defaultTarget() : options.target;

  // A return address must be on the app's own origin: anything else would hand the result to a stranger.
  const returnUrl = !target && options.redirectUrl && exactOrigin(options.redirectUrl) === origin ? options.redirectUrl : null;

  const post = (message: HostMessage): boolean => {
    if (!target) return false;
    const envelope = { protocol: PROTOCOL, version: PROTOCOL_VERSION, state, ...message } as HostEnvelope;
    target.postMessage(envelope, origin);
    return true;
  };
  /** Posts, or with no window to post to, returns the window to the app with the outcome. */
  const settle = (message: HostMessage, result: Parameters<typeof buildRedirectReturn>[1]): boolean => {
    if (target) return post(message);
    if (!returnUrl) return false;
    location.replace(buildRedirectReturn(returnUrl, result));
    return true;
  };

  if (target && target === window.parent && target !== window && options.forwardEscape !== false) {
    addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) post({ type: 'close-request' });
    });
  }

  return {
    origin,
    connected: target !== null,
    returns: returnUrl !== null,
    ready: () => post({ type: 'ready' }),
    success: ({ connectionId, operation = 'create', data }) =>
      settle(data === undefined ? { type: 'success', connectionId, operation } : { type: 'success', connectionId, operation, data }, { state, connectionId, operation }),
    exit: () => settle({ type: 'exit' }, { state, exit: true }),
    error: (code, message) =>
      settle(message === undefined ? { type: 'error', code } : { type: 'error', code, message }, { state, error: code, errorDescription: message }),
    event: (name, metadata) => post(metadata === undefined ? { type: 'event', name } : { type: 'event', name, metadata }),
  };
}

/** What {@link requestStorage} found. */
export type StorageAccessResult =
  /** The page is not framed: its storage is its own already. */
  | 'top-level'
  /** The framed page may use its own (unpartitioned) cookies and storage now. */
  | 'granted'
  /** The browser or the user refused (or the call was not inside a click). */
  | 'denied'
  /** This browser has no Storage Access API. */
  | 'unsupported';

/**
 * For a hosted page framed by `<connect-modal>` that needs its own cookies or
 * storage (a sign-in of its own): a framed page is third-party on every app,
 * so WebKit blocks its cookies, and Firefox and Chrome partition or block
 * them. Call it from the user's click (a "Continue" button on the page): it
 * calls `document.requestStorageAccess()` at once, inside the click, as every
 * engine requires, and answers what the page got. It never throws. Firefox may
 * ask the user first (a permission prompt): the answer then waits for theirs.
 *
 * On `denied` or `unsupported`, do not ask again: run the part that needs the
 * storage in a window of its own (`window.open` in the same click: the
 * modal's frame may open popups), or end with {@link ConnectHost.error} and
 * let the app start the flow again with `mode="popup"`. The default protocol
 * has no message that asks the app to switch modes.
 *
 * @example
 * continueButton.addEventListener('click', async () => {
 *   const access = await requestStorage();
 *   if (access === 'granted' || access === 'top-level') signIn();
 *   else host.error('provisioning_failed', 'Sign-in needs a window of its own: try again in a popup.');
 * });
 */
export function requestStorage(doc: Document = document): Promise<StorageAccessResult> {
  const view = doc.defaultView;
  if (!view || view.parent === view) return Promise.resolve('top-level');
  if (typeof doc.requestStorageAccess !== 'function') return Promise.resolve('unsupported');
  let asked: Promise<void>;
  try {
    // Synchronously, before any await: the browser checks the click's activation now.
    asked = doc.requestStorageAccess();
  } catch {
    return Promise.resolve('denied');
  }
  return asked.then(
    (): StorageAccessResult => 'granted',
    // Refused, yet the page may have access all the same (a browser that neither blocks nor partitions).
    async (): Promise<StorageAccessResult> => {
      try {
        return typeof doc.hasStorageAccess === 'function' && (await doc.hasStorageAccess()) ? 'granted' : 'denied';
      } catch {
        return 'denied';
      }
    },
  );
}

/**
 * Builds the address a redirect flow returns to: `redirectUrl` with `state` and
 * either `connectionId` and `operation`, `error` and `error_description`, or
 * `exit=user` (the user left; used when a popup has no opener to tell).
 */
export function buildRedirectReturn(
  redirectUrl: string,
  result:
    | { state: string; connectionId: string; operation?: ConnectOperation }
    | { state: string; error: string; errorDescription?: string }
    | { state: string; exit: true },
): string {
  const url = new URL(redirectUrl);
  url.searchParams.set('state', result.state);
  if ('exit' in result) {
    url.searchParams.set('exit', 'user');
  } else if ('connectionId' in result) {
    url.searchParams.set('connectionId', result.connectionId);
    url.searchParams.set('operation', result.operation ?? 'create');
  } else {
    url.searchParams.set('error', result.error);
    if (result.errorDescription) url.searchParams.set('error_description', result.errorDescription);
  }
  return url.href;
}
