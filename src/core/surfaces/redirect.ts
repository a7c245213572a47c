import { startRedirect, type PendingRedirect } from '../redirect.js';
import type { LaunchSurface } from './surface.js';

/** The top window leaves for the hosted page; `pending` is stored first so the return can be checked. */
export function redirectSurface(pending: PendingRedirect): LaunchSurface {
  return {
    mode: 'redirect',
    window: null,
    navigate: (url) => startRedirect(pending, url),
    isClosed: () => false,
    focus() {},
    close() {},
  };
}
