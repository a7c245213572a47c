import { readDefaultReturn } from '../core/redirect.js';
import { answerUrl, noMessages, type PresetProtocol } from './preset.js';

/**
 * Context Gateway.
 *
 * From the guide (001):
 * - the backend builds the connect URL from `userId`, `source`, `scopes`,
 *   `redirectUrl` (required, registered in the dashboard), `state` (optional,
 *   returned unchanged), `existingConnectionId` (more scopes on an existing
 *   connection) and `connectionName`;
 * - a full-page redirect returns `connectionId` and `state`, or `error`,
 *   `error_description` and `state`;
 * - the error codes `user_denied`, `source_error`, `provisioning_failed`,
 *   `timeout`, `invalid_scope`, `redirect_uri_mismatch`, with the messages the
 *   guide tells the app to show (none for `user_denied`);
 * - validate `state`; do not leave the connection id in the URL.
 *
 * Our assumptions (behind attributes or named checks):
 * - the connect URL comes from our session endpoint's answer (`connectUrl`,
 *   `url` or `data.url`): the app's backend builds it with the guide's client;
 * - the return says no `operation`: a flow that passed `connection-id`
 *   (`existingConnectionId`) is a `reauth`, any other a `create`;
 * - the guide's codes are ours one to one; any other `error` string is
 *   `unknown` with the string in `vendorCode`, and a return that is neither a
 *   clean success nor an error is `unknown` (the state did match);
 * - the guide's message for `invalid_scope` and `redirect_uri_mismatch` is a
 *   developer instruction ("verify..."), so ours is a user-facing sentence.
 */
/** Its launch facts are its line in `./index.ts`. */
export const contextGatewayPreset: PresetProtocol = {
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
