import { ConnectError, failure } from '../core/errors.js';
import { STATE_PARAM, answerUrl, noMessages, type PresetProtocol } from './preset.js';

/** The session token inside Thryve's widget URL (`connectionSessionToken`). */
export function thryveToken(response: Parameters<typeof answerUrl>[0]): string | null {
  try {
    return new URL(answerUrl(response) ?? '').searchParams.get('connectionSessionToken');
  } catch {
    return null;
  }
}

/** Thryve's direct connection (or revoke) URL for one data source. */
export function thryveUrl(kind: 'connect' | 'revoke', baseUrl: string, token: string, dataSource: string, returnUrl?: string): string {
  const url = new URL(kind === 'connect' ? 'dataSourceDirectConnection.html' : 'dataSourceDirectRevoke.html', `${baseUrl.replace(/\/+$/, '')}/`);
  url.searchParams.set('token', token);
  url.searchParams.set('dataSource', dataSource);
  if (kind === 'revoke') url.searchParams.set('direct', 'true');
  if (returnUrl) url.searchParams.set('redirect_uri', returnUrl);
  return url.href;
}

/**
 * Thryve.
 *
 * From the guide (003):
 * - the backend calls `widget/v6/connection` and gets
 *   `{ type: 'enduser.widget.connection', data: { url } }`; the URL's
 *   `connectionSessionToken` parameter is the session token;
 * - the direct connection URL is `dataSourceDirectConnection.html?token=
 *   &dataSource=&redirect_uri=` on `https://service2.und-gesund.de`; the revoke
 *   URL is `dataSourceDirectRevoke.html` with the same parameters and
 *   `direct=true`, and may be called in the background with a plain GET;
 * - with `redirect_uri` it opens in the same window, without one in a new tab
 *   that shows Thryve's own result page;
 * - the result is `connected=true` (success) or `connected=false` ("failure or
 *   cancellation"); for a revoke the meaning flips;
 * - data source ids are numbers from Thryve's table.
 *
 * Our assumptions (behind attributes or named checks):
 * - `base-url` overrides the documented host;
 * - Thryve echoes no state: ours travels as `connect_state` inside
 *   `redirect_uri`, and we assume Thryve forwards the URL with its query intact;
 * - Thryve reports no connection id: the data source id (`source`) stands for it,
 *   and a flow that passed `connection-id` is a `reauth`;
 * - `connected=false` is reported as `user_denied` (the guide does not tell a
 *   failure from a cancellation); `vendorCode: 'connected=false'` keeps the raw
 *   signal, so an app can tell it from a real denial; any other value is
 *   `unknown` with `vendorCode: 'connected=<value>'`.
 */
/** Its launch facts are its line in `./index.ts`. */
export const thryvePreset: PresetProtocol = {
  baseUrl: 'https://service2.und-gesund.de',
  protocol: noMessages,
  adapt(response, { source, returnUrl, baseUrl }) {
    const token = thryveToken(response);
    return token ? { ...response, connectUrl: thryveUrl('connect', baseUrl, token, source, returnUrl) } : { ...response, connectUrl: undefined };
  },
  readReturn(params, pending) {
    const connected = params.get('connected');
    if (connected === null) return null;
    return {
      state: params.get(STATE_PARAM),
      params: [STATE_PARAM, 'connected', 'dataSource'],
      // connected=false is "failure or cancellation": the guide does not say which, so the raw signal stays in vendorCode.
      outcome:
        connected === 'true'
          ? { type: 'success', connectionId: pending?.source ?? '', operation: pending?.extra?.reauth ? 'reauth' : 'create' }
          : failure(connected === 'false' ? 'user_denied' : 'unknown', undefined, `connected=${connected}`),
    };
  },
  /**
   * The revoke URL for the data source, from a fresh session's token, called in
   * the background (a plain GET, as the guide allows; the answer is opaque, so
   * a request that went out counts as done).
   */
  async disconnect({ source, baseUrl, mint }) {
    const { connectUrl } = await mint((response) => {
      const token = thryveToken(response);
      return { connectUrl: token ? thryveUrl('revoke', baseUrl, token, source) : undefined };
    });
    await fetch(connectUrl, { mode: 'no-cors', credentials: 'omit', referrerPolicy: 'no-referrer' }).catch((cause: unknown) => {
      throw new ConnectError('network_error', { cause });
    });
  },
};
