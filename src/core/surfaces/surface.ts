import type { LaunchMode } from '../session.js';

/** What asked a modal to close: Esc (on the dialog, or forwarded by the framed page), the close button, or the backdrop. */
export type CloseTrigger = 'escape' | 'close-button' | 'backdrop';

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
  /** `true` once the window reads closed (closed by the user, or severed by the page's opener policy); polled by the flow. */
  isClosed(): boolean;
  /** The hosted page said `ready` (a modal then shows it in place of its loading state). */
  ready?(): void;
  /** The hosted page asked to close (a modal: Esc pressed inside the framed page). */
  requestClose?(trigger: CloseTrigger): void;
  /**
   * A modal: calls `listener` with the frame's address each time the frame
   * loads a page of this app's own origin (a hosted page that returns by
   * redirect sends the frame to the flow's return address).
   */
  watchReturn?(listener: (address: URL) => void): void;
  focus(): void;
  close(): void;
}
