import { isConnectionId } from '../core/message-guard.js';
import { isRecord } from '../core/protocol.js';
import { answerUrl, type Preset } from './preset.js';

/**
 * Open Data Labs: the backend's `createConnectSession` gives a `connectUrl` that
 * is embedded in an iframe in a modal; the hosted flow posts `{ type: 'ready' }`,
 * `{ type: 'success', connectionId }` and `{ type: 'exit' }` from the dashboard
 * origin (not necessarily `connectUrl`'s), with no state: origin and the
 * iframe's window carry the check. No error message is documented.
 */
export const opendatalabsPreset: Preset = {
  name: 'opendatalabs',
  // The guide embeds the flow in a modal; its page also reports to an opener. No web return is documented.
  modes: ['modal', 'popup', 'tab'],
  autoMode: 'modal',
  returnsInPopup: false,
  baseUrl: 'https://dashboard.opendatalabs.com',
  echoesState: false,
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
