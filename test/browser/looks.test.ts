// Issue 10, "Looks right everywhere": locales, direction, dark mode, zoom and reflow, visible states, strict CSP.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { ConnectButtonElement } from '../../src/connect-button/connect-button.js';
import { ConnectModalElement } from '../../src/connect-modal/connect-modal.js';
import { SourceListElement } from '../../src/source-list/source-list.js';
import { openModalSurface, type ModalSurface } from '../../src/core/surfaces/modal.js';
import { contextGatewayPreset } from '../../src/presets/context-gateway.js';
import { registerTranslation, setErrorMessages, type ConnectLocalizeController } from '../../src/localize.js';
import de from '../../src/locales/de.js';
import ar from '../../src/locales/ar.js';
import { consumeUserActivation, realClick, skipIn } from './helpers.js';

ConnectButtonElement.define();
ConnectModalElement.define();
SourceListElement.define();
registerTranslation(de, ar);

const SOURCES = [
  { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories, issues and pull requests of every organisation you belong to.' },
  { id: 'spotify', name: 'Spotify', category: 'music', status: 'beta' as const, description: 'Listening history.' },
  { id: 'strava', name: 'Strava', category: 'fitness', status: 'coming_soon' as const },
  { id: 'dropbox', name: 'Dropbox', category: 'storage', categoryLabel: 'Cloud' },
];
const CONNECTIONS = [{ source: 'github', connectionId: 'c1' }];

const localizeOf = (el: Element) => (el as unknown as { flow: { localize: ConnectLocalizeController } }).flow.localize;
const text = (root: Element | ShadowRoot | null | undefined, selector: string) => root?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function list(attrs: { lang?: string; dir?: string; layout?: 'grid' | 'list' } = {}) {
  const wrap = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang ?? 'en'} dir=${attrs.dir ?? 'ltr'}>
    <source-list layout=${attrs.layout ?? 'list'} .sources=${SOURCES} .connections=${CONNECTIONS}></source-list>
  </div>`);
  const el = wrap.querySelector('source-list')!;
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=item]').length === SOURCES.length, 'every item rendered');
  return { wrap, el, shadow: el.shadowRoot! };
}

/** A button whose flow fails at once: no gesture, `fallback="none"` → popup_blocked. */
async function failedButton(parent: HTMLElement) {
  const el = document.createElement('connect-button');
  el.setAttribute('session-url', '/api/connect-session');
  el.setAttribute('source', 'github');
  el.setAttribute('fallback', 'none');
  el.setAttribute('mode', 'popup');
  parent.append(el);
  await el.updateComplete;
  consumeUserActivation();
  const error = oneEvent(el, 'connect-error');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
  await error;
  await el.updateComplete;
  return el;
}

/** Renders a flow state the way the controller sets it (for looks only: no flow runs). */
async function showState(el: ConnectButtonElement, status: 'loading' | 'open', waiting = false) {
  const flow = (el as unknown as { flow: { status: string; waiting: boolean } }).flow;
  flow.status = status;
  flow.waiting = waiting;
  el.requestUpdate();
  await el.updateComplete;
}

describe('issue 10: locales', () => {
  it('renders German from the closest lang (an ancestor), by text', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de-AT"><connect-button></connect-button></div>`);
    const button = wrap.querySelector('connect-button')!;
    await button.updateComplete;
    expect(text(button.shadowRoot, '[part=label]')).to.equal('Verbinden');
    const { shadow } = await list({ lang: 'de' });
    expect((shadow.querySelector('[part=search]') as HTMLInputElement).placeholder).to.equal('Quellen durchsuchen');
    expect(text(shadow, '[part~=reconnect]')).to.equal('Erneut verbinden GitHub');
    expect(text(shadow, '[part~=badge-beta]')).to.equal('Beta');
    expect(text(shadow, '[part~=badge-coming-soon]')).to.equal('Demnächst');
    expect([...shadow.querySelectorAll('[part=filters] option')].map((o) => o.textContent!.trim())).to.deep.equal(['Alle', 'Code', 'Musik', 'Fitness', 'Cloud']);
  });

  it('renders Arabic right to left, by text, with plurals from Intl.PluralRules', async () => {
    const { el, shadow } = await list({ lang: 'ar', dir: 'rtl' });
    expect(text(shadow, '[part~=disconnect]')).to.equal('إلغاء الربط GitHub');
    expect(shadow.querySelector('[part=list]')!.getAttribute('aria-label')).to.equal('المصادر');
    const t = localizeOf(el);
    // The digits are the engine's for `ar`: Latin in current CLDR, Arabic-Indic in older ICU (WebKitGTK's).
    const digits = new Intl.NumberFormat('ar').format;
    expect([0, 1, 2, 3, 11, 100].map((n) => t.t('matchCount', n))).to.deep.equal(['لا توجد مصادر مطابقة.', 'مصدر واحد.', 'مصدران.', `${digits(3)} مصادر.`, `${digits(11)} مصدرًا.`, `${digits(100)} مصدر.`]);
  });

  it('lays out a provider’s English name and description left to right inside a right-to-left list', async () => {
    const { shadow } = await list({ lang: 'ar', dir: 'rtl' });
    // Isolated in <bdi>: the sentence runs left to right (its full stop at the end), the paragraph still starts on the right.
    const description = shadow.querySelector<HTMLElement>('[part=description]')!;
    expect(getComputedStyle(description.querySelector('bdi')!).direction, 'the provider text').to.equal('ltr');
    expect(getComputedStyle(description).direction, 'its paragraph').to.equal('rtl');
    expect(getComputedStyle(shadow.querySelector<HTMLElement>('[part=name]')!).direction).to.equal('ltr');
    expect(getComputedStyle(shadow.querySelector<HTMLElement>('[part=list]')!).direction).to.equal('rtl');
  });

  it('follows a live lang change on an ancestor and on <html>', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="en"><connect-button></connect-button></div>`);
    const button = wrap.querySelector('connect-button')!;
    await button.updateComplete;
    expect(text(button.shadowRoot, '[part=label]')).to.equal('Connect');
    wrap.lang = 'de';
    await waitUntil(() => text(button.shadowRoot, '[part=label]') === 'Verbinden', 'German after the ancestor changed');
    wrap.removeAttribute('lang');
    const before = document.documentElement.lang;
    document.documentElement.lang = 'ar';
    try {
      await waitUntil(() => text(button.shadowRoot, '[part=label]') === 'ربط', 'Arabic after <html lang> changed');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('never makes a category label from its id: the catalog, the locale, else the id as written', async () => {
    const el = await fixture<SourceListElement>(html`<source-list .sources=${[{ id: 'x', name: 'X', category: 'quantum-things' }]}></source-list>`);
    expect(text(el.shadowRoot, '[part=category]')).to.equal('quantum-things');
  });

  it('words connect-error from the locale; a preset gives only the English default; a registered translation wins', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="en"><connect-button></connect-button></div><div lang="de"><connect-button></connect-button></div>`);
    const [en, german] = [...wrap.parentElement!.querySelectorAll('connect-button')].map(localizeOf);
    expect(en.error('source_error', contextGatewayPreset.messages)).to.equal('Temporarily unavailable. Please try again.');
    expect(german.error('source_error', contextGatewayPreset.messages)).to.equal('Der Dienst ist nicht verfügbar. Bitte später erneut versuchen.');
    setErrorMessages({ source_error: 'Service down, sorry.' });
    expect(en.error('source_error', contextGatewayPreset.messages), 'setErrorMessages beats the preset').to.equal('Service down, sorry.');
    setErrorMessages({ source_error: 'Dienst weg.' }, 'de');
    expect(german.error('source_error', contextGatewayPreset.messages)).to.equal('Dienst weg.');
    registerTranslation({ $code: 'de', 'error.source_error': de['error.source_error'] });
    setErrorMessages({ source_error: 'The service is unavailable. Try again later.' });
  });

  it('reports connect-error in the element’s language', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de"></div>`);
    const el = await failedButton(wrap);
    expect(el.status).to.equal('error');
    expect(text(el.shadowRoot, '[part=message]')).to.equal(de['error.popup_blocked']);
  });

  it('lets registerTranslation override part of a locale, live', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de"><connect-button></connect-button></div>`);
    const button = wrap.querySelector('connect-button')!;
    await button.updateComplete;
    registerTranslation({ $code: 'de', connect: 'Konto verknüpfen' });
    try {
      await waitUntil(() => text(button.shadowRoot, '[part=label]') === 'Konto verknüpfen');
    } finally {
      registerTranslation({ $code: 'de', connect: de.connect });
    }
  });

  it('gives the modal its labels from the locale', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de"><connect-modal session-url="/test-api/session/hang" source="github"></connect-modal></div>`);
    const modal = wrap.querySelector('connect-modal')!;
    void modal.show().catch(() => {});
    await waitUntil(() => modal.shadowRoot!.querySelector('dialog'));
    const dialog = modal.shadowRoot!.querySelector('dialog')!;
    expect(text(dialog, '[part~=title]')).to.equal('Konto verbinden');
    expect(dialog.querySelector('[part~=close-button]')!.getAttribute('aria-label')).to.equal('Schließen');
    expect(text(dialog, '[part~=dialog-loading]')).to.equal('Anmeldeseite wird geladen…');
    modal.close();
  });
});

describe('issue 10: layout', () => {
  afterEach(async () => {
    document.documentElement.style.removeProperty('font-size');
    await setViewport({ width: 800, height: 600 });
  });

  it('starts the grid on the right in a right-to-left page', async () => {
    const { shadow } = await list({ lang: 'ar', dir: 'rtl', layout: 'grid' });
    const [first, second] = [...shadow.querySelectorAll<HTMLElement>('[part~=item]')].map((item) => item.getBoundingClientRect());
    expect(first.right).to.be.greaterThan(second.right);
  });

  it('grows grid cards with the text: at 200 % nothing in a card is clipped', async () => {
    document.documentElement.style.fontSize = '32px';
    const { shadow } = await list({ layout: 'grid' });
    await waitUntil(() => {
      const card = shadow.querySelector<HTMLElement>('[part~=item]');
      return card && card.getBoundingClientRect().height > 300;
    }, 'cards sized in the larger font');
    for (const card of shadow.querySelectorAll<HTMLElement>('[part~=item]')) {
      expect(card.scrollHeight, `${card.textContent!.trim().slice(0, 20)} fits`).to.be.at.most(card.clientHeight + 1);
    }
    const actions = [...shadow.querySelectorAll<HTMLElement>('[part~=item-connected] [part~=action]')].map((b) => b.getBoundingClientRect().width);
    expect(Math.abs(actions[0] - actions[1]), 'Reconnect and Disconnect equally wide').to.be.below(1);
  });

  skipIn(['webkit'], 'MiniBrowser’s window is never narrower than about 447 px', it)('wraps list buttons instead of clipping them at 320 px and 200 % text', async () => {
    // KNOWN ISSUE (left open in issue 10): here the virtualizer's flow layout raises Chromium's
    // benign "ResizeObserver loop completed with undelivered notifications"; tolerated in this
    // test only, so the layout is still asserted.
    const previous = window.onerror;
    window.onerror = (message, ...rest) => (/ResizeObserver loop/.test(String(message)) ? true : previous?.call(window, message, ...rest));
    after(() => (window.onerror = previous));
    document.documentElement.style.fontSize = '32px';
    const { shadow } = await list();
    await setViewport({ width: 320, height: 640 });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (const button of shadow.querySelectorAll<HTMLElement>('[part~=action]')) {
      expect(button.scrollWidth, button.textContent!.trim()).to.be.at.most(button.clientWidth + 1);
      expect(button.getBoundingClientRect().right).to.be.at.most(320);
    }
  });

  it('shrinks to two results rather than keeping its full height', async () => {
    const { el, shadow } = await list();
    const full = shadow.querySelector<HTMLElement>('[part=list]')!.getBoundingClientRect().height;
    el.sources = SOURCES.slice(0, 2);
    await waitUntil(() => shadow.querySelector<HTMLElement>('[part=list]')!.getBoundingClientRect().height < full - 20, 'the list shrank');
  });
});

type Scheme = 'light' | 'dark' | 'rtl';

async function applyScheme(scheme: Scheme) {
  await emulateMedia({ colorScheme: scheme === 'dark' ? 'dark' : 'light' });
  const root = document.documentElement;
  if (scheme === 'dark') {
    root.style.colorScheme = 'dark';
    root.style.background = '#0d1117';
    root.style.color = '#e6edf3';
  }
  if (scheme === 'rtl') {
    root.lang = 'ar';
    root.dir = 'rtl';
  }
}

async function resetScheme() {
  await emulateMedia({ colorScheme: 'light' });
  const root = document.documentElement;
  for (const name of ['color-scheme', 'background', 'color']) root.style.removeProperty(name);
  root.removeAttribute('dir');
  root.lang = 'en';
}

for (const scheme of ['light', 'dark', 'rtl'] as const) {
  skipIn(['firefox', 'webkit'], 'no colour-scheme emulation: puppeteer-core emulates media only over CDP, WebDriver has none', describe)(`issue 10: axe, ${scheme}`, () => {
    beforeEach(() => applyScheme(scheme));
    afterEach(resetScheme);

    it('<connect-button> idle, loading, open, waiting and error', async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="padding: 1rem"><connect-button></connect-button></div>`);
      const el = wrap.querySelector('connect-button')!;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await showState(el, 'loading');
      await expect(el).to.be.accessible();
      await showState(el, 'open');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part=button]')!).backgroundColor, 'open looks unlike idle').to.equal('rgba(0, 0, 0, 0)');
      await expect(el).to.be.accessible();
      await showState(el, 'open', true);
      await expect(el).to.be.accessible();
      const failed = await failedButton(wrap);
      expect(failed.shadowRoot!.querySelector('[part=message]'), 'the error is visible').to.exist;
      await expect(failed).to.be.accessible();
    });

    it('the modal dialog, loading and open', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const root = host.attachShadow({ mode: 'open' });
      let surface: ModalSurface | undefined;
      try {
        surface = openModalSurface({ root, label: 'Connect an account', labels: { close: 'Close', loading: 'Loading the sign-in page…' }, onCloseRequest: () => {} });
        await expect(surface.dialog).to.be.accessible();
        const style = getComputedStyle(surface.dialog);
        if (scheme === 'dark') expect(style.backgroundColor, 'a dark dialog').to.equal('rgb(28, 33, 40)');
        expect(getComputedStyle(surface.dialog.querySelector('[part~=header]')!).borderBottomColor).not.to.equal('rgba(0, 0, 0, 0)');
        surface.ready?.();
        await expect(surface.dialog).to.be.accessible();
      } finally {
        surface?.close();
      }
    });

    it('<source-list> loaded, loading, error and empty', async () => {
      const { el, shadow } = await list({ lang: scheme === 'rtl' ? 'ar' : 'en', dir: scheme === 'rtl' ? 'rtl' : 'ltr' });
      if (scheme === 'dark') expect(getComputedStyle(shadow.querySelector('[part=list]')!).backgroundColor, 'a dark list').to.equal('rgb(22, 27, 34)');
      await expect(el).to.be.accessible();
      el.catalogUrl = '/test-api/session/hang';
      await waitUntil(() => shadow.querySelector('[part~=list-loading]'), 'loading');
      await expect(el).to.be.accessible();
      el.catalogUrl = '/nope.json';
      await waitUntil(() => shadow.querySelector('[part=retry]'), 'error');
      await expect(el).to.be.accessible();
      el.catalogUrl = '';
      el.sources = [];
      await waitUntil(() => shadow.querySelector('[part=empty]'), 'empty');
      await expect(el).to.be.accessible();
    });
  });
}

function make(doc: Document, tag: string, attrs: Record<string, string>): HTMLElement {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  doc.body.append(el);
  return el;
}

describe('issue 10: strict CSP', () => {
  async function cspFrame(frame: boolean) {
    const iframe = document.createElement('iframe');
    iframe.style.cssText = 'width: 600px; height: 400px; border: 0';
    iframe.src = `/__csp.html${frame ? '?frame=1' : ''}`;
    document.body.append(iframe);
    const win = () => iframe.contentWindow as (Window & { cspReady?: boolean; cspViolations?: string[] }) | null;
    await waitUntil(() => win()?.cspReady, 'the CSP page loaded', { timeout: 10000 });
    return { iframe, win: win()!, doc: iframe.contentDocument! };
  }

  it('runs a popup flow and renders the list with no violation', async () => {
    const { iframe, win, doc } = await cspFrame(false);
    try {
      // No innerHTML: the page requires Trusted Types, and so does every app under this CSP.
      const button = make(doc, 'connect-button', { 'session-url': '/api/connect-session', source: 'github', mode: 'popup' }) as ConnectButtonElement;
      const list = make(doc, 'source-list', {}) as SourceListElement;
      list.sources = SOURCES;
      await button.updateComplete;
      const inner = button.shadowRoot!.querySelector('[part=button]')!.getBoundingClientRect();
      const outer = iframe.getBoundingClientRect();
      await realClick({ getBoundingClientRect: () => new DOMRect(outer.left + inner.left, outer.top + inner.top, inner.width, inner.height) } as Element);
      await waitUntil(() => button.status === 'open', 'the popup flow is open', { timeout: 8000 });
      button.cancel();
      expect(win.cspViolations).to.deep.equal([]);
    } finally {
      iframe.remove();
    }
  });

  it("runs a modal flow (constructed stylesheet, the provider's frame) with no violation", async () => {
    const { iframe, win, doc } = await cspFrame(true);
    try {
      const modal = make(doc, 'connect-modal', { 'session-url': '/api/connect-session', source: 'github' }) as ConnectModalElement;
      await modal.updateComplete;
      const ready = oneEvent(modal, 'connect-ready');
      void modal.show().catch(() => {});
      await ready;
      expect(modal.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
      modal.close();
      expect(win.cspViolations).to.deep.equal([]);
    } finally {
      iframe.remove();
    }
  });
});
