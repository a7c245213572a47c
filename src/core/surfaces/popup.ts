import type { LaunchSurface } from './surface.js';

export const POPUP_WIDTH = 500;
export const POPUP_HEIGHT = 700;

function centredFeatures(): string {
  // Centred on the current browser window; the browser keeps it on screen.
  const left = Math.round(screenX + (outerWidth - POPUP_WIDTH) / 2);
  const top = Math.round(screenY + (outerHeight - POPUP_HEIGHT) / 2);
  return `popup=yes,width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top}`;
}

function showPlaceholder(win: Window, text: string): void {
  // The blank window is still same-origin: say what is happening while the session loads.
  try {
    win.document.title = win.document.body.textContent = text;
  } catch {
    /* a browser that already isolated the window: nothing to show */
  }
}

/**
 * Opens `about:blank` in a centred 500×700 popup (or a tab) right now, inside
 * the user's gesture, so no popup blocker fires however long the session takes.
 * `placeholder` is what the blank window says meanwhile. Returns `null` when
 * the browser blocked it.
 */
export function openPopupInGesture(mode: 'popup' | 'tab' = 'popup', placeholder = 'Connecting…'): LaunchSurface | null {
  const win = window.open('about:blank', '_blank', mode === 'popup' ? centredFeatures() : '');
  if (!win) return null;
  showPlaceholder(win, placeholder);
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
