import type { LaunchMode } from './session.js';

/**
 * Where a flow shows the hosted page: a popup, a tab, an iframe dialog or the
 * top window. Opened synchronously in the user's gesture; navigated later.
 */
export interface LaunchSurface {
  /** The mode this surface really is (a blocked popup may fall back to a modal). */
  readonly mode: LaunchMode;
  /** The only window whose messages count for this flow. */
  readonly window: Window | null;
  navigate(url: string): void;
  /** `true` once the user closed it; polled by the flow. */
  isClosed(): boolean;
  /** The hosted page said `ready` (a modal then shows it in place of its loading state). */
  ready?(): void;
  focus(): void;
  close(): void;
}

export const POPUP_WIDTH = 500;
export const POPUP_HEIGHT = 700;

function centredFeatures(): string {
  // Centred on the current browser window; the browser keeps it on screen.
  const left = Math.round(screenX + (outerWidth - POPUP_WIDTH) / 2);
  const top = Math.round(screenY + (outerHeight - POPUP_HEIGHT) / 2);
  return `popup=yes,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top}`;
}

function showPlaceholder(win: Window): void {
  // The blank window is still same-origin: say what is happening while the session loads.
  try {
    win.document.title = win.document.body.textContent = 'Connecting…';
  } catch {
    /* a browser that already isolated the window: nothing to show */
  }
}

/**
 * Opens `about:blank` in a centred 500×700 popup (or a tab) right now, inside
 * the user's gesture, so no popup blocker fires however long the session takes.
 * Returns `null` when the browser blocked it.
 */
export function openPopupInGesture(mode: 'popup' | 'tab' = 'popup'): LaunchSurface | null {
  const win = window.open('about:blank', '_blank', mode === 'popup' ? centredFeatures() : '');
  if (!win) return null;
  showPlaceholder(win);
  return {
    mode,
    window: win,
    navigate(url) {
      // replace(): the blank page stays out of the popup's history.
      win.location.replace(url);
    },
    isClosed: () => win.closed,
    focus: () => win.focus(),
    close() {
      if (!win.closed) win.close();
    },
  };
}
