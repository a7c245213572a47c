import { cleanDescription, failure, isErrorCode, type ConnectErrorCode } from '../core/errors.js';
import { isConnectionId } from '../core/message-guard.js';
import { isRecord } from '../core/protocol.js';
import { STATE_PARAM, type Preset } from './preset.js';

/** Alter's error strings as our codes; anything undocumented stays visible as `unknown` with its description. */
function codeOf(error: unknown): ConnectErrorCode {
  // Alter documents popup_blocked and invalid_token; the OAuth-style refusals and a provider failure are read as ours.
  if (error === 'access_denied' || error === 'user_cancelled') return 'user_denied';
  if (error === 'provider_error') return 'source_error';
  return isErrorCode(error) ? error : 'unknown';
}

function grantData(grant: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of ['provider', 'provider_name', 'account_identifier', 'scopes', 'status', 'timestamp', 'metadata']) {
    if (grant[key] !== undefined) data[key] = grant[key];
  }
  return data;
}

/**
 * Alter: the backend mints a single-use `sessionToken` (10 minutes); the widget
 * opens `<base-url>/sdk/oauth/connect#session=<token>` (the token in the
 * fragment, out of server logs) in a centred popup on desktops and landscape
 * tablets, a full-page redirect on phones and portrait tablets. Results:
 * `alter_connect_success` with `grants`, or `alter_connect_error`, from the
 * base URL's origin, with no state; the redirect return carries
 * `alter_connect_success=true&grant_id&provider&account_identifier&operation...`
 * or `alter_connect_error&error_code&error_description`.
 */
export const alterPreset: Preset = {
  name: 'alter',
  // The widget opens a popup on desktops and redirects on phones; the page refuses to be framed.
  modes: ['popup', 'tab', 'redirect'],
  autoMode: 'device',
  returnsInPopup: true,
  baseUrl: 'https://api.alterauth.com',
  echoesState: false,
  protocol: {
    usesState: false,
    parse(data) {
      if (!isRecord(data)) return null;
      if (data.type === 'alter_connect_error') {
        return { message: { type: 'error', code: codeOf(data.error), description: cleanDescription(data.error_description ?? data.error) } };
      }
      if (data.type !== 'alter_connect_success' || !Array.isArray(data.grants)) return null;
      const grant: unknown = data.grants[0];
      if (!isRecord(grant) || !isConnectionId(grant.grant_id) || (grant.operation !== 'creation' && grant.operation !== 'reauth')) return null;
      return {
        message: { type: 'success', connectionId: grant.grant_id, operation: grant.operation === 'reauth' ? 'reauth' : 'create', data: grantData(grant) },
      };
    },
  },
  adapt(response, { baseUrl }) {
    const token = (response as { sessionToken?: unknown }).sessionToken;
    return typeof token === 'string' && token ? { ...response, connectUrl: `${baseUrl.replace(/\/+$/, '')}/sdk/oauth/connect#session=${encodeURIComponent(token)}` } : response;
  },
  readReturn(params) {
    const success = params.get('alter_connect_success');
    const error = params.get('alter_connect_error');
    if (success === null && error === null) return null;
    const id = params.get('grant_id');
    const operation = params.get('operation');
    const ok = success === 'true' && error === null && isConnectionId(id) && (operation === 'creation' || operation === 'reauth');
    return {
      state: params.get(STATE_PARAM),
      params: [STATE_PARAM, 'alter_connect_success', 'alter_connect_error', 'grant_id', 'provider', 'account_identifier', 'operation', 'scopes', 'status', 'error_code', 'error_description'],
      outcome: ok
        ? { type: 'success', connectionId: id, operation: operation === 'reauth' ? 'reauth' : 'create', data: { provider: params.get('provider'), account_identifier: params.get('account_identifier') } }
        : failure(success !== null ? 'state_mismatch' : codeOf(params.get('error_code') ?? error), cleanDescription(params.get('error_description'))),
    };
  },
};
