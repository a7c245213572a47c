import type { LaunchMode } from './session.js';

/** What decides `mode="auto"`: the viewport, the pointer and the browser. */
export interface DeviceInfo {
  width: number;
  height: number;
  /** A touch screen is the primary pointer. */
  coarsePointer: boolean;
  userAgent: string;
}

export type AutoModeReason = 'desktop' | 'phone' | 'portrait-tablet' | 'in-app-browser';

/**
 * In-app browsers and webviews where popups fail or open out of reach:
 * Facebook, Instagram, Messenger, LINE, WeChat, X/Twitter, LinkedIn, Snapchat,
 * TikTok, the Google app, Android WebView (`; wv)`), and iOS WebKit views
 * that are not Safari.
 */
const IN_APP = /FBAN|FBAV|FB_IAB|Instagram|Messenger|Line\/|MicroMessenger|Twitter|LinkedInApp|Snapchat|musical_ly|TikTok|BytedanceWebview|GSA\/|; wv\)/i;
const IOS_WEBVIEW = /(iPhone|iPad|iPod).*AppleWebKit(?!.*Safari)/;

export function currentDevice(): DeviceInfo {
  return {
    // A phone page without a viewport meta tag lays out 980 px wide; the screen still says phone.
    width: Math.min(innerWidth, screen.width || innerWidth),
    height: innerHeight,
    coarsePointer: matchMedia('(pointer: coarse)').matches,
    userAgent: navigator.userAgent,
  };
}

/**
 * `auto`: a popup on desktops and landscape tablets; a full-page redirect on
 * phones (viewport width ≤ 480), portrait tablets, and in-app browsers and
 * webviews, where popups fail.
 */
export function chooseAutoMode(device: DeviceInfo = currentDevice()): { mode: 'popup' | 'redirect'; reason: AutoModeReason } {
  if (IN_APP.test(device.userAgent) || IOS_WEBVIEW.test(device.userAgent)) return { mode: 'redirect', reason: 'in-app-browser' };
  if (device.width <= 480) return { mode: 'redirect', reason: 'phone' };
  if (device.coarsePointer && device.height > device.width && device.width <= 1024) return { mode: 'redirect', reason: 'portrait-tablet' };
  return { mode: 'popup', reason: 'desktop' };
}

/** `auto` or one of the launch modes: what the `mode` attribute asks for. */
export type RequestedMode = 'auto' | LaunchMode;

/**
 * Why a flow runs in the mode it does: the `mode` attribute, the preset (its
 * documented launch, or what it can run), the device, or `framed` (a redirect
 * asked for inside a frame runs in a window of its own).
 */
export type ModeReason = 'attribute' | 'preset' | 'framed' | AutoModeReason;

/**
 * Whether this page runs inside a frame (an app embedded in an admin panel or
 * a CMS preview). Read when a flow is planned, never at import.
 */
export function isFramed(): boolean {
  // Reading `top` never throws, even when it is another site's window.
  return top !== self;
}

/**
 * For each mode, the others from closest to farthest: a popup becomes a tab
 * (still a window of its own), a modal becomes a popup, a full-page redirect
 * becomes a full-screen modal, so the page never loses its way back.
 */
const NEAREST: Record<LaunchMode, readonly LaunchMode[]> = {
  popup: ['popup', 'tab', 'redirect', 'modal'],
  tab: ['tab', 'popup', 'redirect', 'modal'],
  modal: ['modal', 'popup', 'tab', 'redirect'],
  redirect: ['redirect', 'modal', 'tab', 'popup'],
};

/** The supported mode closest to `mode` (the first supported one when none is close). */
export function nearestMode(mode: LaunchMode, supported: readonly LaunchMode[]): LaunchMode {
  return NEAREST[mode].find((candidate) => supported.includes(candidate)) ?? supported[0] ?? mode;
}

/**
 * Which mode a flow runs in: the requested one when the system supports it;
 * for `auto`, the system's documented launch or the device's choice; an
 * unsupported request falls back to the nearest supported mode (`reason: 'preset'`).
 *
 * Inside a frame (`framed`) a redirect would navigate the frame itself to a
 * provider that mostly refuses to be framed, and the embedding page would show
 * an error: the flow opens a popup instead (a tab when the system has no
 * popup), `reason: 'framed'`. A system that can only redirect still redirects.
 */
export function resolveMode(
  requested: RequestedMode,
  preset: { readonly modes: readonly LaunchMode[]; readonly autoMode: LaunchMode | 'device' },
  device?: DeviceInfo,
  framed?: boolean,
): { mode: LaunchMode; reason: ModeReason } {
  let wanted: { mode: LaunchMode; reason: ModeReason };
  if (requested !== 'auto' && Object.hasOwn(NEAREST, requested)) wanted = { mode: requested, reason: 'attribute' };
  else if (preset.autoMode !== 'device') wanted = { mode: preset.autoMode, reason: 'preset' };
  else wanted = chooseAutoMode(device);
  const mode = nearestMode(wanted.mode, preset.modes);
  const windowed = framed && mode === 'redirect' && nearestMode('popup', preset.modes);
  if (windowed === 'popup' || windowed === 'tab') return { mode: windowed, reason: 'framed' };
  return mode === wanted.mode ? wanted : { mode, reason: 'preset' };
}
