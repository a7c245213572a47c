import { waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';

export interface Servers {
  /** The sandbox provider, e.g. http://127.0.0.1:41234 */
  sandbox: string;
  /** A second sandbox that registers no test origin: its pages refuse to be framed here. */
  unregisteredSandbox: string;
  /** Ports of the hostile poster (any host name on 127.0.0.1 reaches it). */
  posterPorts: number[];
  /** A hosted page that can sever its popup with Cross-Origin-Opener-Policy (test/servers/coop-host.mjs). */
  coopHost: string;
}

let servers: Promise<Servers> | undefined;
export function getServers(): Promise<Servers> {
  servers ??= fetch('/__servers.json').then((r) => r.json());
  return servers;
}

export type Engine = 'chromium' | 'firefox' | 'webkit';

/** The engine the tests run in, from its user agent (WebKitGTK's MiniBrowser names neither Chrome nor Firefox). */
export const engine: Engine = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrome\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/**
 * `it` or `describe`, or its `.skip` in `engines`: for what an engine's automation
 * cannot do, never for a failure of ours. `reason` says why; it shows in the title.
 */
export function skipIn<T extends Mocha.TestFunction | Mocha.SuiteFunction>(engines: readonly Engine[], reason: string, fn: T): T {
  if (!engines.includes(engine)) return fn;
  return ((title: string, body: never) => fn.skip(`${title} [skipped in ${engine}: ${reason}]`, body)) as unknown as T;
}

/** The one uncaught error {@link ignoreResizeObserverLoop} lets through, word for word. */
export const RESIZE_OBSERVER_LOOP = 'ResizeObserver loop completed with undelivered notifications.';

/**
 * For a test of a virtualized grid in WebKit: @lit-labs/virtualizer's own
 * ResizeObserver on its rows places the rows it measures inside its callback,
 * and WebKit reports the rows it then could not deliver as this uncaught error
 * (traced in WebKitGTK 2.50: our own observers there change nothing). Lit's
 * maintainers call it innocuous (lit/lit#3154). Mocha hears uncaught errors
 * through `window.onerror`: this passes on every error but that exact message,
 * until the returned function restores the handler.
 */
export function ignoreResizeObserverLoop(): () => void {
  const previous = window.onerror;
  window.onerror = function (message, ...rest) {
    if (message === RESIZE_OBSERVER_LOOP) return true;
    return previous ? previous.call(this, message, ...rest) : false;
  };
  return () => {
    window.onerror = previous;
  };
}

/** The console.warn calls made while `run` runs, each joined into one string. */
export async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

/** The deepest focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A real mouse click in the middle of `el` (the browser sees a trusted user gesture). */
export async function realClick(el: Element): Promise<void> {
  const rect = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

const nativeOpen = window.open.bind(window);

/**
 * A real click leaves the page "user activated" for about 5 s. Tests of what
 * happens without a gesture consume that first (opening a window uses it up).
 * WebKit's window.open neither consumes the activation nor needs it to be spent:
 * it grants a popup only inside the user's event itself, so a refused open there
 * shows as well that the page has no gesture left to open a window with.
 */
export function consumeUserActivation(): void {
  if (!navigator.userActivation?.isActive) return;
  const win = nativeOpen('about:blank', '_blank');
  win?.close();
  if (navigator.userActivation.isActive && win) throw new Error('could not consume the user activation');
}

/**
 * Records every window.open: the tests need the popup handles the core gets.
 * Assert on them with booleans only: chai inspecting a live Window (another realm) takes the page down.
 */
export function spyOnWindowOpen(): { calls: (Window | null)[]; restore(): void } {
  const original = window.open;
  const calls: (Window | null)[] = [];
  window.open = function (...args: Parameters<typeof window.open>) {
    const win = original.apply(window, args);
    calls.push(win);
    return win;
  };
  return { calls, restore: () => (window.open = original) };
}

type PopupAction =
  | { action: 'info' }
  | { action: 'wait-url'; startsWith: string; timeout?: number }
  | { action: 'click'; text: string; timeout?: number }
  | { action: 'select'; label: string; value: string }
  | { action: 'close' }
  | { action: 'close-all' }
  | { action: 'frame-click'; urlPrefix: string; text: string; timeout?: number };

export function popup<T = unknown>(payload: PopupAction): Promise<T> {
  return executeServerCommand('popup', payload) as Promise<T>;
}

/**
 * For every test of the suite it is called in: records window.open, then closes
 * whatever the test left open and waits until the browser has let go of it.
 */
export function useWindowOpenSpy(): { readonly calls: (Window | null)[] } {
  let spy: ReturnType<typeof spyOnWindowOpen> | undefined;
  beforeEach(() => {
    spy = spyOnWindowOpen();
  });
  afterEach(async () => {
    spy?.restore();
    await closePopups(spy?.calls ?? []);
  });
  return {
    get calls() {
      return spy?.calls ?? [];
    },
  };
}

/** How many windows the test page has open, as the browser counts them. */
export async function openPopupCount(): Promise<number> {
  return (await popup<{ count: number }>({ action: 'info' })).count;
}

/**
 * Closes what a test left open and waits until the browser has let go of every popup.
 * A popup the page cannot close (its page hangs, or the page holds no handle to it)
 * is closed by the browser, so that it never outlives its test into the next ones.
 */
export async function closePopups(windows: (Window | null)[]): Promise<void> {
  for (const win of windows) win?.close();
  const closed = () => waitUntil(async () => (await openPopupCount()) === 0, 'the popups closed', { timeout: 5000 });
  try {
    await closed();
  } catch {
    // A popup that outlives its test is not that test's failure: say which, and close it.
    console.warn(`closePopups: closing what the page could not: ${JSON.stringify(await popup({ action: 'info' }))}`);
    await popup({ action: 'close-all' });
    await closed().catch(async () => console.warn(`closePopups: still open: ${JSON.stringify(await popup({ action: 'info' }))}`));
  }
}

/**
 * Resolves with the first message posted to this window that `matches`, or
 * rejects after `ms`. Messages from one sender arrive in the order it posted
 * them, so when a sender's last post has arrived, every earlier one has been
 * dispatched to every listener, the flow's own included.
 */
export function nextMessage(matches: (event: MessageEvent) => boolean, ms = 10000): Promise<MessageEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      removeEventListener('message', on);
      reject(new Error(`no matching message within ${ms} ms`));
    }, ms);
    const on = (event: MessageEvent) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      removeEventListener('message', on);
      resolve(event);
    };
    addEventListener('message', on);
  });
}

/** Resolves with the first of `names` fired on `el`, or rejects after `ms`. */
export function nextOutcome(el: EventTarget, ms = 10000): Promise<CustomEventLike> {
  return new Promise((resolve, reject) => {
    const names = ['connect-success', 'connect-exit', 'connect-error'];
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no outcome within ${ms} ms`));
    }, ms);
    const on = (event: Event) => {
      cleanup();
      resolve(event as unknown as CustomEventLike);
    };
    const cleanup = () => {
      clearTimeout(timer);
      for (const n of names) el.removeEventListener(n, on);
    };
    for (const n of names) el.addEventListener(n, on);
  });
}

export interface CustomEventLike {
  type: string;
  detail: Record<string, unknown>;
}

/** Collects every connect-* event fired on `el`. */
export function recordEvents(el: EventTarget): { events: CustomEventLike[]; names(): string[]; stop(): void } {
  const names = ['connect-open', 'connect-ready', 'connect-success', 'connect-exit', 'connect-error', 'connect-event'];
  const events: CustomEventLike[] = [];
  const on = (event: Event) => events.push(event as unknown as CustomEventLike);
  for (const n of names) el.addEventListener(n, on);
  return { events, names: () => events.map((e) => e.type), stop: () => names.forEach((n) => el.removeEventListener(n, on)) };
}

/** The URL of a hostile page on `host`:`port` that posts `posts` to its opener. */
export function posterUrl(host: string, port: number, script: { posts?: { data: unknown; delay?: number }[]; child?: { data: unknown; delay?: number }[]; close?: boolean }, path = '/poster.html'): string {
  return `http://${host}:${port}${path}#${encodeURIComponent(JSON.stringify(script))}`;
}
