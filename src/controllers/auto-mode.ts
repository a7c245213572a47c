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
