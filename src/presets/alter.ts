import { cleanDescription, failure, isErrorCode, type ConnectErrorCode } from '../core/errors.js';
import type { FlowMessage } from '../core/message-guard.js';
import { isConnectionId } from '../core/message-guard.js';
import { isRecord } from '../core/protocol.js';
import { STATE_PARAM, type PresetProtocol } from './preset.js';

/**
 * Alter.
 *
 * From the guide (002) and the published widget `@alter-ai/connect` 0.8.0 (its
 * `dist/`, read for interoperability; test/differential runs it beside us):
 * - the backend mints a single-use `sessionToken` (10 minutes); the launch URL
 *   is `<base-url>/sdk/oauth/connect#session=<token>` (token in the fragment);
 * - popup on desktops and landscape tablets, full-page redirect on phones and
 *   portrait tablets (our `auto` mode);
 * - messages from the base URL's origin, with no state:
 *   `alter_connect_success` with a `grants` array, `alter_connect_error` with
 *   `error` and `error_description`;
 * - a grant counts when it has `grant_id` and `provider`; `operation` is
 *   `reauth` only when it says so, a creation otherwise (missing or unknown
 *   included); `provider_name` defaults to `provider`, `account_identifier` to
 *   `''`, `scopes` to `[]`, `status` is `pending`, `error` or `active`;
 * - the redirect return: `alter_connect_success=true&grant_id&provider&
 *   account_identifier` (all three required) `&provider_name&timestamp&
 *   operation&scopes` (comma-separated) `&status`, or `alter_connect_error`
 *   with `error_code` and `error_description`;
 * - a code-less error is `oauth_error`, an unusable success `invalid_response`;
 * - documented errors: `popup_blocked`, `invalid_token`.
 *
 * Our assumptions (behind attributes or named checks):
 * - `base-url` (default `https://api.alterauth.com`) gives the launch URL and
 *   the origin messages must come from; `message-origin` overrides the latter;
 * - Alter echoes no state: ours travels as `connect_state` in the return
 *   address, and a return without it is `state_mismatch`;
 * - `access_denied` and `user_cancelled` read as `user_denied`,
 *   `provider_error` as `source_error`, any other string as `unknown`; the
 *   string itself stays in `vendorCode`;
 * - a grant id must be safe to render (`isConnectionId`); a grant whose id is
 *   not is dropped like one the widget drops;
 * - the first valid grant is the flow's `connectionId` and `operation`; all
 *   valid grants are in `data.grants`, normalised as the widget does.
 */

/** Alter's widget names an error without a code this way; we keep its name in `vendorCode`. */
const NO_CODE = 'oauth_error';
/** What Alter's widget calls a success it cannot use. */
const INVALID_RESPONSE = 'invalid_response';

/** Alter's error strings as our codes; the string itself is kept as `vendorCode`. */
function codeOf(error: string): ConnectErrorCode {
  if (error === 'access_denied' || error === 'user_cancelled') return 'user_denied';
  if (error === 'provider_error') return 'source_error';
  return isErrorCode(error) ? error : 'unknown';
}

/** One grant as Alter's widget hands it to `onSuccess`. */
export interface AlterGrant {
  grant_id: string;
  provider: unknown;
  provider_name: unknown;
  account_identifier: unknown;
  timestamp: unknown;
  operation: 'creation' | 'reauth';
  scopes: unknown[];
  status: 'active' | 'pending' | 'error';
  metadata?: unknown;
}

const operationOf = (value: unknown): AlterGrant['operation'] => (value === 'reauth' ? 'reauth' : 'creation');
const statusOf = (value: unknown): AlterGrant['status'] => (value === 'pending' || value === 'error' ? value : 'active');

/** A grant the widget would take (`grant_id` and `provider`) and whose id is safe to render; else `null`. */
function grantOf(item: unknown): AlterGrant | null {
  if (!isRecord(item) || !item.provider || !isConnectionId(item.grant_id)) return null;
  const grant: AlterGrant = {
    grant_id: item.grant_id,
    provider: item.provider,
    provider_name: item.provider_name || item.provider,
    account_identifier: item.account_identifier || '',
    timestamp: item.timestamp || new Date().toISOString(),
    operation: operationOf(item.operation),
    scopes: Array.isArray(item.scopes) ? item.scopes : [],
    status: statusOf(item.status),
  };
  if (item.metadata !== undefined) grant.metadata = item.metadata;
  return grant;
}

/** The first grant is the flow's connection; every grant is in `data.grants`. */
function successOf(grants: AlterGrant[]): Extract<FlowMessage, { type: 'success' }> {
  const [{ grant_id, operation, ...first }] = grants;
  return { type: 'success', connectionId: grant_id, operation: operation === 'reauth' ? 'reauth' : 'create', data: { ...first, grants } };
}

function errorOf(error: unknown, description: unknown): Extract<FlowMessage, { type: 'error' }> {
  const vendorCode = cleanDescription(error) ?? NO_CODE;
  return { type: 'error', code: codeOf(vendorCode), description: cleanDescription(description), vendorCode };
}

/** A success that carries no grant we can take (the widget's `invalid_response`): the flow ends, saying so. */
const unusable: Extract<FlowMessage, { type: 'error' }> = { type: 'error', code: 'unknown', vendorCode: INVALID_RESPONSE };

/** Its launch facts are its line in `./index.ts`. */
export const alterPreset: PresetProtocol = {
  baseUrl: 'https://api.alterauth.com',
  protocol: {
    usesState: false,
    parse(data) {
      if (!isRecord(data)) return null;
      if (data.type === 'alter_connect_error') return { message: errorOf(data.error, data.error_description) };
      if (data.type !== 'alter_connect_success') return null;
      const grants = Array.isArray(data.grants) ? data.grants.map(grantOf).filter((g) => g !== null) : [];
      return { message: grants.length ? successOf(grants) : { ...unusable } };
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
    const returned = {
      state: params.get(STATE_PARAM),
      params: [
        STATE_PARAM,
        ...['alter_connect_success', 'alter_connect_error', 'grant_id', 'provider', 'provider_name', 'account_identifier', 'timestamp'],
        ...['operation', 'scopes', 'status', 'error_code', 'error_description'],
      ],
    };
    // As the widget: success=true wins, and on a return the account identifier is required too.
    if (success === 'true') {
      const grant = params.get('account_identifier')
        ? grantOf({
            grant_id: params.get('grant_id'),
            provider: params.get('provider'),
            provider_name: params.get('provider_name'),
            account_identifier: params.get('account_identifier'),
            timestamp: params.get('timestamp'),
            operation: params.get('operation'),
            scopes: params.get('scopes')?.split(',') ?? [],
            status: params.get('status'),
          })
        : null;
      return { ...returned, outcome: grant ? successOf([grant]) : failure('unknown', undefined, INVALID_RESPONSE) };
    }
    if (error) {
      const { code, description, vendorCode } = errorOf(params.get('error_code'), params.get('error_description'));
      return { ...returned, outcome: failure(code, description, vendorCode) };
    }
    // Alter's parameters, but neither a success nor an error: unreadable (the widget ignores it and leaves its state behind).
    return { ...returned, outcome: failure('unknown') };
  },
};
