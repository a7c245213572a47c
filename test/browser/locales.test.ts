// Issue 25, "Twenty languages": every built-in locale whole and counting right, each
// `lang` reaching its locale (scripts, parents, aliases), Hebrew right to left, and
// every locale's labels fitting a grid card at 200 % text.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConnectButtonElement } from '../../src/connect-button/connect-button.js';
import { SourceListElement } from '../../src/source-list/source-list.js';
import { openModalSurface, type ModalSurface } from '../../src/core/surfaces/modal.js';
import { ENGLISH_ERROR_MESSAGES } from '../../src/core/messages.js';
import { LOCALE_CODES } from '../../src/locale-codes.js';
import { registerTranslation, type CompleteTranslation, type ConnectLocalizeController } from '../../src/localize.js';
import en from '../../src/locales/en.js';
import ar from '../../src/locales/ar.js';
import da from '../../src/locales/da.js';
import de from '../../src/locales/de.js';
import es from '../../src/locales/es.js';
import fi from '../../src/locales/fi.js';
import fr from '../../src/locales/fr.js';
import he from '../../src/locales/he.js';
import hi from '../../src/locales/hi.js';
import id from '../../src/locales/id.js';
import italian from '../../src/locales/it.js';
import ja from '../../src/locales/ja.js';
import ko from '../../src/locales/ko.js';
import nb from '../../src/locales/nb.js';
import nl from '../../src/locales/nl.js';
import pl from '../../src/locales/pl.js';
import pt from '../../src/locales/pt.js';
import ptPT from '../../src/locales/pt-PT.js';
import ru from '../../src/locales/ru.js';
import sv from '../../src/locales/sv.js';
import tr from '../../src/locales/tr.js';
import uk from '../../src/locales/uk.js';
import zhHans from '../../src/locales/zh-Hans.js';
import zhHant from '../../src/locales/zh-Hant.js';
import { consumeUserActivation } from './helpers.js';

ConnectButtonElement.define();
SourceListElement.define();

/** Every built-in locale but English, by the code of its module. */
const LOCALES: Record<string, CompleteTranslation> = {
  ar, da, de, es, fi, fr, he, hi, id, it: italian, ja, ko, nb, nl, pl, pt, 'pt-PT': ptPT, ru, sv, tr, uk, 'zh-Hans': zhHans, 'zh-Hant': zhHant,
};
registerTranslation(...Object.values(LOCALES));

const COUNTS = [0, 1, 2, 5, 11, 21, 22, 100, 101];
/** Languages whose noun does not change with the count, though CLDR gives them more than one plural category. */
const ONE_NOUN_FORM = new Set(['tr', 'hi']);

const SOURCES = [
  { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories, issues and pull requests of every organisation you belong to.' },
  { id: 'spotify', name: 'Spotify', category: 'music', status: 'beta' as const, description: 'Listening history.' },
  { id: 'strava', name: 'Strava', category: 'fitness', status: 'coming_soon' as const },
  { id: 'dropbox', name: 'Dropbox', category: 'storage' },
];
const CONNECTIONS = [{ source: 'github', connectionId: 'c1' }];

const localizeOf = (el: Element) => (el as unknown as { flow: { localize: ConnectLocalizeController } }).flow.localize;
const text = (root: Element | ShadowRoot | null | undefined, selector: string) => root?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function list(attrs: { lang: string; dir?: string; layout?: 'grid' | 'list' }) {
  const wrap = await fixture<HTMLDivElement>(html`<div lang=${attrs.lang} dir=${attrs.dir ?? 'ltr'}>
    <source-list layout=${attrs.layout ?? 'list'} .sources=${SOURCES} .connections=${CONNECTIONS}></source-list>
  </div>`);
  const el = wrap.querySelector('source-list')!;
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=item]').length === SOURCES.length, 'every item rendered');
  return { wrap, el, shadow: el.shadowRoot! };
}

/** The label a `<connect-button>` shows under an ancestor's `lang`. */
async function buttonLabel(lang: string): Promise<string> {
  const wrap = await fixture<HTMLDivElement>(html`<div lang=${lang}><connect-button></connect-button></div>`);
  const button = wrap.querySelector('connect-button')!;
  await button.updateComplete;
  return text(button.shadowRoot, '[part=label]');
}

describe('issue 25: every built-in locale', () => {
  it('is at least 20 locales with English, two of them right to left, each under the code of its module', () => {
    expect(Object.keys(LOCALES).sort(), 'this test reads every locale of src/locale-codes.ts').to.deep.equal([...LOCALE_CODES].sort());
    expect(Object.keys(LOCALES).length + 1).to.be.at.least(20);
    for (const [code, locale] of Object.entries(LOCALES)) {
      expect(locale.$code, code).to.equal(code);
      expect(locale.$name, code).to.be.a('string').and.not.empty;
      expect(locale.$dir, code).to.equal(code === 'ar' || code === 'he' ? 'rtl' : 'ltr');
    }
  });

  it('has every key of English and every error message, and nothing English lacks', () => {
    const keys = [...Object.keys(en), ...Object.keys(ENGLISH_ERROR_MESSAGES).map((code) => `error.${code}`)].sort();
    for (const [code, locale] of Object.entries(LOCALES)) {
      expect(Object.keys(locale).sort(), code).to.deep.equal(keys);
      for (const [key, value] of Object.entries(locale)) {
        if (typeof value === 'string') expect(value.trim(), `${code} ${key}`).not.to.equal('');
      }
    }
  });

  it('returns a non-empty string from every function key, with the provider name or status it is given', () => {
    /** What each function key is called with in the elements; any other takes a provider's name. */
    const argsOf: Record<string, unknown[]> = { matchCount: [5], accountsConnected: [2], badgeConnectedStatus: ['expired'], disconnectFailed: ['GitHub', false] };
    for (const [code, locale] of Object.entries(LOCALES)) {
      const functions = Object.entries(locale).filter((entry): entry is [string, (...args: unknown[]) => string] => typeof entry[1] === 'function');
      expect(functions.length, code).to.equal(Object.values(en).filter((value) => typeof value === 'function').length);
      for (const [key, format] of functions) {
        const args = argsOf[key] ?? ['GitHub'];
        const result = format(...args);
        expect(result, `${code} ${key}`).to.be.a('string');
        expect(result.trim(), `${code} ${key}`).not.to.equal('');
        for (const given of args.filter((arg) => typeof arg === 'string')) expect(result, `${code} ${key} says ${given}`).to.include(given);
      }
      expect(locale.disconnectFailed('GitHub', true).length, `${code}: a retryable failure says to try again`).to.be.greaterThan(locale.disconnectFailed('GitHub', false).length);
      for (const count of COUNTS) expect(locale.matchCount(count).trim(), `${code} ${count}`).not.to.equal('');
    }
  });

  it(`formats the match count for ${COUNTS.join(', ')}: the number as the locale writes it, one wording per plural form`, () => {
    for (const [code, locale] of Object.entries(LOCALES)) {
      const rules = new Intl.PluralRules(code);
      const number = new Intl.NumberFormat(code);
      expect(locale.matchCount(0), `${code}: 0 says none, with no number`).not.to.include(number.format(0));
      /** The sentence with its number taken out: what the plural form decides. */
      const wordingOf = new Map<string, string>();
      for (const count of COUNTS.slice(1)) {
        const sentence = locale.matchCount(count);
        const form = rules.select(count);
        // Arabic and Hebrew say one and two in words.
        if (!(['one', 'two'].includes(form) && (code === 'ar' || code === 'he'))) expect(sentence, `${code} ${count}`).to.include(number.format(count));
        const wording = sentence.replace(number.format(count), '#');
        const seen = wordingOf.get(form);
        if (seen) expect(wording, `${code}: ${count} is worded as the rest of "${form}"`).to.equal(seen);
        wordingOf.set(form, wording);
      }
      const wordings = new Set(wordingOf.values());
      const forms = ONE_NOUN_FORM.has(code) ? 1 : wordingOf.size;
      expect(wordings.size, `${code}: one wording per plural form (${[...wordingOf.keys()].join(', ')})`).to.equal(forms);
    }
  });

  it('counts in four forms in Polish, Russian and Ukrainian, as CLDR has them', () => {
    const counted = (locale: CompleteTranslation) => [1, 2, 5, 11, 21, 22, 101].map((n) => locale.matchCount(n));
    expect(counted(pl)).to.deep.equal(['1 źródło.', '2 źródła.', '5 źródeł.', '11 źródeł.', '21 źródeł.', '22 źródła.', '101 źródeł.']);
    expect(counted(ru)).to.deep.equal(['1 источник.', '2 источника.', '5 источников.', '11 источников.', '21 источник.', '22 источника.', '101 источник.']);
    expect(counted(uk)).to.deep.equal(['1 джерело.', '2 джерела.', '5 джерел.', '11 джерел.', '21 джерело.', '22 джерела.', '101 джерело.']);
    // The fourth form, `other`, is for fractions: never a count of sources, still not broken.
    expect(new Intl.PluralRules('ru').select(1.5)).to.equal('other');
  });

  it('counts in six forms in Arabic, with the digits this engine writes Arabic numbers in', () => {
    // CLDR 44+ writes `ar` with Latin digits, older ICU (WebKitGTK's 72) with Arabic-Indic
    // ones; the locale follows the engine, like every other Intl number on the page.
    const n = new Intl.NumberFormat('ar').format;
    expect([0, 1, 2, 3, 11, 100].map((count) => ar.matchCount(count))).to.deep.equal(['لا توجد مصادر مطابقة.', 'مصدر واحد.', 'مصدران.', `${n(3)} مصادر.`, `${n(11)} مصدرًا.`, `${n(100)} مصدر.`]);
    expect(n(11), 'one digit system, Latin or Arabic-Indic').to.match(/^(?:11|١١)$/);
  });

  it('counts in Hebrew as one, two, and the rest', () => {
    expect([1, 2, 3, 20, 100].map((count) => he.matchCount(count))).to.deep.equal(['מקור אחד.', 'שני מקורות.', '3 מקורות.', '20 מקורות.', '100 מקורות.']);
  });
});

describe('issue 25: a lang reaches the nearest locale', () => {
  it('reads Simplified Chinese for zh, zh-CN, zh-SG and zh-Hans', async () => {
    for (const lang of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN']) expect(await buttonLabel(lang), lang).to.equal(zhHans.connect);
  });

  it('reads Traditional Chinese for zh-TW, zh-HK, zh-MO and zh-Hant', async () => {
    for (const lang of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK']) expect(await buttonLabel(lang), lang).to.equal(zhHant.connect);
  });

  it('reads European Portuguese for pt-PT and the countries that write it, Brazilian for the rest', async () => {
    for (const lang of ['pt-PT', 'pt-AO', 'pt-MZ']) expect(await buttonLabel(lang), lang).to.equal(ptPT.connect);
    for (const lang of ['pt', 'pt-BR']) expect(await buttonLabel(lang), lang).to.equal(pt.connect);
  });

  it('reads Bokmål for no and nb, Hebrew and Indonesian under their old codes, German for de-CH', async () => {
    for (const lang of ['no', 'no-NO', 'nb-NO']) expect(await buttonLabel(lang), lang).to.equal(nb.connect);
    expect(await buttonLabel('iw')).to.equal(he.connect);
    expect(await buttonLabel('in')).to.equal(id.connect);
    expect(await buttonLabel('de-CH')).to.equal(de.connect);
  });

  it('falls back to English for a language it has no locale for, and for a lang that is not a language tag', async () => {
    for (const lang of ['nn', 'cy', 'zh-Hant-!!', 'pt_', '<b>']) expect(await buttonLabel(lang), lang).to.equal('Connect');
  });

  it('lets an app override Traditional Chinese under any of its tags, for every Traditional page', async () => {
    registerTranslation({ $code: 'zh-HK', connect: '連結' });
    try {
      for (const lang of ['zh-HK', 'zh-TW', 'zh-Hant']) expect(await buttonLabel(lang), lang).to.equal('連結');
      expect(await buttonLabel('zh-CN'), 'Simplified untouched').to.equal(zhHans.connect);
    } finally {
      registerTranslation({ $code: 'zh-Hant', connect: zhHant.connect });
    }
  });
});

describe('issue 25: Hebrew right to left', () => {
  it('renders Hebrew right to left, by text, with plurals from Intl.PluralRules', async () => {
    const { el, shadow } = await list({ lang: 'he', dir: 'rtl' });
    expect(text(shadow, '[part~=disconnect]')).to.equal('ניתוק GitHub');
    expect(text(shadow, '[part~=reconnect]')).to.equal('חיבור מחדש GitHub');
    expect(shadow.querySelector('[part=list]')!.getAttribute('aria-label')).to.equal('מקורות');
    expect([1, 2, 5].map((n) => localizeOf(el).t('matchCount', n))).to.deep.equal(['מקור אחד.', 'שני מקורות.', '5 מקורות.']);
  });

  it('lays out a provider’s English name and description left to right inside the right-to-left list', async () => {
    const { shadow } = await list({ lang: 'he', dir: 'rtl' });
    const description = shadow.querySelector<HTMLElement>('[part=description]')!;
    expect(getComputedStyle(description.querySelector('bdi')!).direction, 'the provider text').to.equal('ltr');
    expect(getComputedStyle(description).direction, 'its paragraph').to.equal('rtl');
    expect(getComputedStyle(shadow.querySelector<HTMLElement>('[part=name]')!).direction).to.equal('ltr');
    expect(getComputedStyle(shadow.querySelector<HTMLElement>('[part=list]')!).direction).to.equal('rtl');
  });

  it('starts the grid on the right', async () => {
    const { shadow } = await list({ lang: 'he', dir: 'rtl', layout: 'grid' });
    const [first, second] = [...shadow.querySelectorAll<HTMLElement>('[part~=item]')].map((item) => item.getBoundingClientRect());
    expect(first.right).to.be.greaterThan(second.right);
  });

  it('moves focus with the arrows as the grid runs: Left goes forward, Right back', async () => {
    const { shadow } = await list({ lang: 'he', dir: 'rtl', layout: 'grid' });
    const items = [...shadow.querySelectorAll<HTMLElement>('[part~=item]')];
    const focusedIndex = () => items.indexOf(shadow.activeElement as HTMLElement);
    items[0].focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedIndex()).to.equal(1);
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedIndex()).to.equal(0);
  });

  it('follows <html lang="he"> set live', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><connect-button></connect-button></div>`);
    const button = wrap.querySelector('connect-button')!;
    const before = document.documentElement.lang;
    document.documentElement.lang = 'he';
    try {
      await waitUntil(() => text(button.shadowRoot, '[part=label]') === 'חיבור', 'Hebrew after <html lang> changed');
    } finally {
      document.documentElement.lang = before;
    }
  });

  describe('axe, in Hebrew right to left', () => {
    beforeEach(() => {
      document.documentElement.lang = 'he';
      document.documentElement.dir = 'rtl';
    });
    afterEach(() => {
      document.documentElement.removeAttribute('dir');
      document.documentElement.lang = 'en';
    });

    it('<connect-button> idle and after an error', async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="padding: 1rem"><connect-button></connect-button></div>`);
      const el = wrap.querySelector('connect-button')!;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const failing = document.createElement('connect-button');
      for (const [name, value] of Object.entries({ 'session-url': '/api/connect-session', source: 'github', fallback: 'none', mode: 'popup' })) failing.setAttribute(name, value);
      wrap.append(failing);
      await failing.updateComplete;
      consumeUserActivation();
      const error = oneEvent(failing, 'connect-error');
      failing.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
      await error;
      await failing.updateComplete;
      expect(text(failing.shadowRoot, '[part=message]')).to.equal(he['error.popup_blocked']);
      await expect(failing).to.be.accessible();
    });

    it('the modal dialog, loading and open', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      let surface: ModalSurface | undefined;
      try {
        surface = openModalSurface({ root: host.attachShadow({ mode: 'open' }), label: he.dialogLabel, labels: { close: he.dialogClose, loading: he.dialogLoading }, onCloseRequest: () => {} });
        await expect(surface.dialog).to.be.accessible();
        surface.ready?.();
        await expect(surface.dialog).to.be.accessible();
      } finally {
        surface?.close();
      }
    });

    it('<source-list> loaded, as a grid, and empty', async () => {
      const { el, shadow } = await list({ lang: 'he', dir: 'rtl' });
      await expect(el).to.be.accessible();
      el.layout = 'grid';
      await el.updateComplete;
      await expect(el).to.be.accessible();
      el.sources = [];
      await waitUntil(() => shadow.querySelector('[part=empty]'), 'empty');
      expect(text(shadow, '[part=empty]')).to.include(he.noSources);
      await expect(el).to.be.accessible();
    });
  });
});

describe('issue 25: every locale fits at 200 % text', () => {
  afterEach(() => document.documentElement.style.removeProperty('font-size'));

  it('clips nothing in a grid card or on its buttons, CJK included', async () => {
    document.documentElement.style.fontSize = '32px';
    for (const [code, locale] of Object.entries(LOCALES)) {
      const { wrap, shadow } = await list({ lang: code, dir: locale.$dir, layout: 'grid' });
      await waitUntil(() => text(shadow, '[part~=disconnect]').startsWith(locale.disconnect), `${code} rendered`);
      for (const card of shadow.querySelectorAll<HTMLElement>('[part~=item]')) {
        expect(card.scrollHeight, `${code}: ${card.textContent!.trim().slice(0, 30)} fits its card`).to.be.at.most(card.clientHeight + 1);
        expect(card.scrollWidth, `${code}: ${card.textContent!.trim().slice(0, 30)} is no wider than its card`).to.be.at.most(card.clientWidth + 1);
      }
      for (const button of shadow.querySelectorAll<HTMLElement>('[part~=action]')) {
        expect(button.scrollWidth, `${code}: ${button.textContent!.trim()}`).to.be.at.most(button.clientWidth + 1);
      }
      wrap.remove();
    }
  });
});
