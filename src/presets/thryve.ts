import { ConnectError, failure } from '../core/errors.js';
import { STATE_PARAM, answerUrl, noMessages, type Preset } from './preset.js';

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
 * Thryve: the widget session's URL carries a `connectionSessionToken`; the app
 * builds a direct connection URL per data source (`dataSource` is the source's
 * numeric id). With a redirect URL it opens in the same window and returns with
 * `connected=true|false`; without one it opens in a new tab that shows Thryve's
 * own result page (the app then learns nothing but that the tab closed).
 * Thryve reports no connection id: the data source id stands for it. A
 * disconnect is the revoke URL, called in the background.
 */
export const thryvePreset: Preset = {
  name: 'thryve',
  // Direct connections return by redirect; in a popup or tab that return comes back through the relay.
  modes: ['redirect', 'popup', 'tab'],
  autoMode: 'redirect',
  returnsInPopup: true,
  baseUrl: 'https://service2.und-gesund.de',
  echoesState: false,
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
      // connected=false is "failure or cancellation": the guide does not say which.
      outcome:
        connected === 'true'
          ? { type: 'success', connectionId: pending?.source ?? '', operation: pending?.extra?.reauth ? 'reauth' : 'create' }
          : failure(connected === 'false' ? 'user_denied' : 'state_mismatch'),
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
