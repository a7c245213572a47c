import { isConnectionId } from '../core/message-guard.js';
import { isRecord } from '../core/protocol.js';
import { answerUrl, type PresetProtocol } from './preset.js';

/**
 * Open Data Labs.
 *
 * From the guide (000):
 * - the backend's `createConnectSession({ appId?, source, scopes?, origin,
 *   redirectUrl? })` gives a `connectUrl`; an unapproved origin fails session
 *   creation with `origin_not_allowed` (our session endpoint passes it on);
 * - the frontend embeds `connectUrl` in an iframe (about 720 px tall) in a modal;
 * - the hosted flow posts `{ type: 'ready' }`, `{ type: 'success',
 *   connectionId }` and `{ type: 'exit' }`, checked against the dashboard
 *   origin `https://dashboard.opendatalabs.com`;
 * - `redirectUrl` is only for native and webview flows.
 *
 * Our assumptions (behind attributes or named checks):
 * - the dashboard origin is `base-url`'s default; the session answer's
 *   `messageOrigin` or the `message-origin` attribute overrides it;
 * - no state is echoed: origin and the iframe's window carry the check;
 * - a success is always a `create` (the guide names no reauth);
 * - no error message and no web redirect return are documented, so none is
 *   read: an Open Data Labs flow fails only through the session endpoint
 *   (`origin_not_allowed`, its code kept) or our own checks (timeout, load).
 */
/** Its launch facts are its line in `./index.ts`. */
export const opendatalabsPreset: PresetProtocol = {
  baseUrl: 'https://dashboard.opendatalabs.com',
  protocol: {
    usesState: false,
    parse(data) {
      if (!isRecord(data)) return null;
      const { type, connectionId } = data;
      if (type === 'ready' || type === 'exit') return { message: { type } };
      return type === 'success' && isConnectionId(connectionId) ? { message: { type, connectionId, operation: 'create' } } : null;
    },
  },
  // Results come from the dashboard: the session answer's messageOrigin, else the base URL's origin.
  adapt: (response, { baseUrl }) => ({ ...response, connectUrl: answerUrl(response), messageOrigin: response.messageOrigin ?? baseUrl }),
  // Open Data Labs documents no redirect return for web flows.
  readReturn: () => null,
};
