import { cleanDescription, isErrorCode, type ConnectErrorCode } from './errors.js';
import { PROTOCOL, PROTOCOL_VERSION, isRecord, type HostMessage } from './protocol.js';

/** A hosted flow's message after it has been checked and normalised: what a host posts, with our error codes (and the sender's own). */
export type FlowMessage = Exclude<HostMessage, { type: 'error' }> | { type: 'error'; code: ConnectErrorCode; description?: string; vendorCode?: string };

/**
 * How a protocol (ours or a vendor preset's) reads a message. `parse` returns
 * `null` for anything not of the expected shape; `state` is the state the
 * message carries, or `undefined` for vendors that echo none.
 */
export interface MessageProtocol {
  /** `false` for vendors that send no state: origin and source then carry the check. */
  readonly usesState: boolean;
  parse(data: unknown): { message: FlowMessage; state?: string } | null;
}

/**
 * What an id a flow reports may hold: 1 to 256 printable ASCII characters, no
 * whitespace or control characters, and none of `<`, `>`, `"`, `'`, `&` or a
 * backtick, so an id is safe to render anywhere and never needs escaping.
 */
export function isConnectionId(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,256}$/.test(value) && !/[<>"'&`]/.test(value);
}

/** Our own protocol, the one `connect-elements/host` speaks: `{ protocol: 'connect-elements', version: 1, type, state, ... }`. */
export const defaultProtocol: MessageProtocol = {
  usesState: true,
  parse(data) {
    if (!isRecord(data) || data.protocol !== PROTOCOL || data.version !== PROTOCOL_VERSION || typeof data.state !== 'string') return null;
    const { type, state, operation = 'create', connectionId, code, name } = data;
    const extra = type === 'success' ? data.data : data.metadata;
    // Optional objects must be plain objects when present; nothing else is read from the payload.
    if (extra !== undefined && !isRecord(extra)) return null;
    const message =
      type === 'ready' || type === 'exit' || type === 'close-request'
        ? { type }
        : type === 'success'
          ? isConnectionId(connectionId) && (operation === 'create' || operation === 'reauth') && { type, connectionId, operation, data: extra }
          : type === 'error'
            ? typeof code === 'string' && { type, code: isErrorCode(code) ? code : 'unknown', description: cleanDescription(data.message), vendorCode: code }
            : type === 'event' && typeof name === 'string' && /^[\w.:-]{1,100}$/.test(name) && { type, name, metadata: extra };
    return message ? { state, message: message as FlowMessage } : null;
  },
};

export interface MessageGuardOptions {
  /** The window the flow opened: the only sender that counts. */
  source: () => Window | null;
  state: string;
  protocol: MessageProtocol;
  deliver: (message: FlowMessage) => void;
}

/**
 * Admits a `message` event into a flow only if every check holds: the origin is
 * exactly the expected one (serialised origins compared whole, so look-alike
 * prefixes, suffixes, ports and schemes fail, and `"null"` never matches), the
 * sender is the very window the flow opened, the payload has the protocol's
 * shape, and it carries this flow's `state`. Everything else is ignored silently.
 */
export class MessageChannelGuard {
  #origin: string | null = null;
  readonly #options: MessageGuardOptions;

  constructor(options: MessageGuardOptions) {
    this.#options = options;
  }

  /** Messages are refused until the expected origin is known (it comes with the session). */
  expectOrigin(origin: string): void {
    this.#origin = origin === 'null' ? null : origin;
  }

  /** Listens until `signal` aborts. */
  listen(signal: AbortSignal): void {
    addEventListener(
      'message',
      (event) => {
        const message = this.accept(event);
        if (message) this.#options.deliver(message);
      },
      { signal },
    );
  }

  accept(event: MessageEvent): FlowMessage | null {
    const { source, protocol, state } = this.#options;
    if (this.#origin === null || event.origin !== this.#origin) return null;
    const sender = source();
    if (!sender || event.source !== sender) return null;
    const parsed = protocol.parse(event.data);
    return !parsed || (protocol.usesState && parsed.state !== state) ? null : parsed.message;
  }
}
