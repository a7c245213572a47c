/** The query parameter that carries our state through systems that echo none. */
export const STATE_PARAM = 'connect_state';

/** What a tab stores before it leaves for a redirect flow (sessionStorage: this tab only). */
export interface PendingRedirect {
  state: string;
  source: string;
  /** The preset whose return parameters to read. */
  preset: string;
  /** The element that started it (`connect-button`...), so the right one reports it. */
  owner: string;
  /** Epoch ms after which a return no longer counts (the flow's timeout). */
  expiresAt: number;
  /** Preset details the return needs (e.g. whether it was a reconnect). */
  extra?: Record<string, string>;
}

export const REDIRECT_KEY = 'connect-elements:redirect';

/** The pending redirect of this tab, if any. */
export function pendingRedirect(): PendingRedirect | null {
  try {
    return JSON.parse(sessionStorage.getItem(REDIRECT_KEY)!) as PendingRedirect | null;
  } catch {
    return null;
  }
}

/** Whether an address carries a flow's return: our own state parameter, or a state with a result. */
export function looksLikeReturn(params: URLSearchParams): boolean {
  return params.has(STATE_PARAM) || (params.has('state') && ['connectionId', 'error', 'exit'].some((name) => params.has(name)));
}
