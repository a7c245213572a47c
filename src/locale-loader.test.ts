// The single-file bundle's locale loader, from source. What it loads from beside the
// built bundle is tested on a bundle page (test/browser/bundle-locales.test.ts).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ConnectButtonElement } from './connect-button/connect-button.js';
import { LOCALE_CODES } from './locale-codes.js';
import { builtInLocale, loadLocale, loadLocalesOnDemand } from './locale-loader.js';

ConnectButtonElement.define();

const label = (button: Element) => button.shadowRoot?.querySelector('[part=label]')?.textContent?.trim() ?? '';

describe('the bundle’s locale loader', () => {
  it('finds the built-in locale of a lang: its own, its language’s, its script’s or its parent’s', () => {
    const nearest: Record<string, string> = {
      de: 'de', 'de-CH': 'de', de_AT: 'de', 'ar-EG': 'ar', iw: 'he', no: 'nb', 'nb-NO': 'nb',
      pt: 'pt', 'pt-BR': 'pt', 'pt-PT': 'pt-PT', 'pt-AO': 'pt-PT',
      zh: 'zh-Hans', 'zh-CN': 'zh-Hans', 'zh-SG': 'zh-Hans', 'zh-Hans': 'zh-Hans', 'zh-TW': 'zh-Hant', 'zh-HK': 'zh-Hant', 'zh-Hant': 'zh-Hant',
    };
    for (const [lang, code] of Object.entries(nearest)) expect(builtInLocale(lang), lang).to.equal(code);
    for (const code of LOCALE_CODES) expect(builtInLocale(code), code).to.equal(code);
  });

  it('finds none, and loads nothing, for English, a language with no locale, or a lang that is not a language tag', () => {
    for (const lang of ['en', 'en-GB', 'cy', 'nn', '', '!!', '../../x', 'locales/de', 'de/../../x']) {
      expect(builtInLocale(lang), lang).to.equal(undefined);
      expect(loadLocale(lang), lang).to.equal(undefined);
    }
  });

  it('leaves English when a locale cannot load, says so once, and does not ask for it again', async () => {
    loadLocalesOnDemand(new URL('/nowhere/', location.href));
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const wrap = await fixture<HTMLDivElement>(html`<div lang="fi"><connect-button></connect-button><connect-button></connect-button></div>`);
      await waitUntil(() => warnings.length > 0, 'a warning');
      const buttons = [...wrap.querySelectorAll('connect-button')];
      wrap.lang = 'fi-FI';
      await null; // the document's lang observer, then each element's update
      await Promise.all(buttons.map((button) => button.updateComplete));
      expect(buttons.map(label)).to.deep.equal(['Connect', 'Connect']);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('"fi"').and.include('/nowhere/fi.js');
      const asked = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname === '/nowhere/fi.js');
      expect(asked).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
