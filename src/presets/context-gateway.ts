import { readDefaultReturn } from '../core/redirect.js';
import { answerUrl, noMessages, type Preset } from './preset.js';

/**
 * Context Gateway: the backend builds a connect URL (`state`,
 * `existingConnectionId`, `connectionName` among its parameters); a full-page
 * redirect returns `connectionId` and `state`, or `error`, `error_description`
 * and `state`. A reconnect keeps its id: the return does not say `operation`,
 * so it is `reauth` when the flow passed an existing connection.
 */
export const contextGatewayPreset: Preset = {
  name: 'context-gateway',
  // A redirect system: in a popup or tab its return comes back through the relay.
  modes: ['redirect', 'popup', 'tab'],
  autoMode: 'redirect',
  returnsInPopup: true,
  echoesState: true,
  protocol: noMessages,
  adapt: (response) => ({ ...response, connectUrl: answerUrl(response) }),
  readReturn(params, pending) {
    const result = readDefaultReturn(params, pending);
    if (result?.outcome.type === 'success' && pending?.extra?.reauth) result.outcome.operation = 'reauth';
    return result;
  },
  // The guide's messages; user_denied shows none and lets the user try again.
  messages: {
    user_denied: '',
    source_error: 'Temporarily unavailable. Please try again.',
    provisioning_failed: 'A system error occurred. Please try again or contact support.',
    timeout: 'Authentication timed out. Please try again.',
    invalid_scope: 'A requested scope is not available for this source.',
    redirect_uri_mismatch: 'The callback URL is not registered.',
  },
};
