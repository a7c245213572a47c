/**
 * `connect-elements/host`: the hosted Connect page's side of the default protocol.
 *
 * The hosted page learns the embedding origin and the flow's `state` from its own
 * server-side session record, never from its URL, and gives them to
 * {@link createConnectHost}. Every message goes to `window.opener` (popup or tab)
 * or `window.parent` (iframe) with that exact origin as `targetOrigin`, never `'*'`.
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
}

export interface ConnectHost {
  /** The exact origin every message is posted to. */
  readonly origin: string;
  /** `false` when the page has neither an opener nor a parent to report to. */
  readonly connected: boolean;
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

  const post = (message: HostMessage): boolean => {
    if (!target) return false;
    const envelope = { protocol: PROTOCOL, version: PROTOCOL_VERSION, state, ...message } as HostEnvelope;
    target.postMessage(envelope, origin);
    return true;
  };

  return {
    origin,
    connected: target !== null,
    ready: () => post({ type: 'ready' }),
    success: ({ connectionId, operation = 'create', data }) =>
      post(data === undefined ? { type: 'success', connectionId, operation } : { type: 'success', connectionId, operation, data }),
    exit: () => post({ type: 'exit' }),
    error: (code, message) => post(message === undefined ? { type: 'error', code } : { type: 'error', code, message }),
    event: (name, metadata) => post(metadata === undefined ? { type: 'event', name } : { type: 'event', name, metadata }),
  };
}

/**
 * Builds the address a redirect flow returns to: `redirectUrl` with `state` and
 * either `connectionId` and `operation`, or `error` and `error_description`.
 */
export function buildRedirectReturn(
  redirectUrl: string,
  result:
    | { state: string; connectionId: string; operation?: ConnectOperation }
    | { state: string; error: string; errorDescription?: string },
): string {
  const url = new URL(redirectUrl);
  url.searchParams.set('state', result.state);
  if ('connectionId' in result) {
    url.searchParams.set('connectionId', result.connectionId);
    url.searchParams.set('operation', result.operation ?? 'create');
  } else {
    url.searchParams.set('error', result.error);
    if (result.errorDescription) url.searchParams.set('error_description', result.errorDescription);
  }
  return url.href;
}
