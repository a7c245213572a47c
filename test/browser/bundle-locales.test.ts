// Issue 25, item 2: a page with only the single-file bundle's script tag speaks its
// `<html lang>`, the locale loading by itself from dist/locales/ beside the bundle.
// Each page is an iframe of its own (its own module instance, registry and requests);
// they load the built bundle, so `npm run build` comes first (as in `npm test`).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import de from '../../src/locales/de.js';
import he from '../../src/locales/he.js';
import ja from '../../src/locales/ja.js';
import ru from '../../src/locales/ru.js';
import pt from '../../src/locales/pt.js';
import ptPT from '../../src/locales/pt-PT.js';
import zhHans from '../../src/locales/zh-Hans.js';
import zhHant from '../../src/locales/zh-Hant.js';

const BUNDLE = '/dist/connect-elements.min.js';

/** A page that has only the bundle's script tag, `<html lang>` and `body`. */
async function bundlePage(lang: string, body = '<connect-button></connect-button>') {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="bundle page" style="inline-size: 40rem; block-size: 20rem"></iframe>`);
  const loaded = oneEvent(frame, 'load');
  frame.srcdoc = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><script type="module" src="${BUNDLE}"></script></head><body>${body}</body></html>`;
  await loaded;
  const win = frame.contentWindow!;
  await waitUntil(() => win.customElements.get('connect-button'), 'the bundle registered its elements');
  return { win, doc: frame.contentDocument! };
}

const labelOf = (button: Element | null) => button?.shadowRoot?.querySelector('[part=label]')?.textContent?.trim() ?? '';
const label = (doc: Document) => labelOf(doc.querySelector('connect-button'));

/** How often the page asked for each locale module, by file name. */
function localeRequests(win: Window): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of win.performance.getEntriesByType('resource')) {
    const file = /^\/dist\/locales\/(.+)\.js$/.exec(new URL(entry.name).pathname)?.[1];
    if (file) counts[file] = (counts[file] ?? 0) + 1;
  }
  return counts;
}

/** Sets `<html lang>` and waits for the button to read `expected`. */
async function switchTo(doc: Document, lang: string, expected: string) {
  doc.documentElement.lang = lang;
  await waitUntil(() => label(doc) === expected, `"${expected}" for lang="${lang}" (the button reads "${label(doc)}")`);
}

describe('issue 25: the single-file bundle loads the page’s locale by itself', () => {
  before(async () => {
    for (const file of [BUNDLE, '/dist/locales/de.js']) {
      if (!(await fetch(file, { method: 'HEAD' })).ok) throw new Error(`${file} is missing: run \`npm run build\` first`);
    }
  });

  it('speaks German, Japanese, Hebrew, Russian and Simplified Chinese with only its script tag and <html lang>', async () => {
    for (const [lang, locale] of [['de', de], ['ja', ja], ['he', he], ['ru', ru], ['zh-Hans', zhHans]] as const) {
      const { win, doc } = await bundlePage(lang);
      await waitUntil(() => label(doc) === locale.connect, `${lang}: "${locale.connect}" (reads "${label(doc)}")`);
      expect(localeRequests(win), lang).to.deep.equal({ [lang]: 1 });
    }
  });

  it('asks for a locale only when an element first needs it, and once however many need it', async () => {
    const { win, doc } = await bundlePage('de', '');
    // A French element first: once its locale has loaded, a German one would have too, had the bundle asked for it unprompted.
    doc.body.insertAdjacentHTML('beforeend', '<connect-button lang="fr"></connect-button>');
    await waitUntil(() => label(doc) === 'Connecter', 'French');
    expect(localeRequests(win), 'nothing for <html lang="de"> with no element').to.deep.equal({ fr: 1 });
    doc.body.insertAdjacentHTML('beforeend', '<div><connect-button></connect-button><connect-button></connect-button><source-list></source-list></div>');
    const buttons = [...doc.querySelectorAll('div connect-button')];
    await waitUntil(() => buttons.every((button) => labelOf(button) === de.connect), 'every German element in German');
    doc.querySelector('div')!.lang = 'de-AT';
    await waitUntil(() => buttons.every((button) => labelOf(button) === de.connect));
    expect(localeRequests(win)).to.deep.equal({ fr: 1, de: 1 });
  });

  it('follows <html lang> changed live, and asks again only for a language it has not loaded', async () => {
    const { win, doc } = await bundlePage('de', '<connect-button></connect-button><source-list></source-list>');
    await waitUntil(() => label(doc) === de.connect, 'German');
    await switchTo(doc, 'ja', ja.connect);
    await switchTo(doc, 'he', he.connect);
    await switchTo(doc, 'de', de.connect);
    const list = doc.querySelector('source-list')!;
    await waitUntil(() => list.shadowRoot?.textContent?.includes(de.noSources), 'the list in German too');
    expect(localeRequests(win)).to.deep.equal({ de: 1, ja: 1, he: 1 });
  });

  it('falls back to the nearest locale: pt-AO to pt-PT, pt-BR to pt, zh-TW and zh-HK to zh-Hant, zh to zh-Hans, de-CH to de', async () => {
    const { win, doc } = await bundlePage('pt-AO');
    await waitUntil(() => label(doc) === ptPT.connect, 'European Portuguese');
    await switchTo(doc, 'pt-BR', pt.connect);
    await switchTo(doc, 'zh-TW', zhHant.connect);
    await switchTo(doc, 'zh-HK', zhHant.connect);
    await switchTo(doc, 'zh', zhHans.connect);
    await switchTo(doc, 'de-CH', de.connect);
    expect(localeRequests(win)).to.deep.equal({ 'pt-PT': 1, pt: 1, 'zh-Hant': 1, 'zh-Hans': 1, de: 1 });
  });

  it('stays English, asking for no file, for English, a language with no locale, and a lang that is not a language tag', async () => {
    const { win, doc } = await bundlePage('cy');
    const button = doc.querySelector('connect-button') as HTMLElement & { updateComplete: Promise<boolean> };
    for (const lang of ['cy', 'en-GB', '!!', '../../etc/passwd', 'de/../../x']) {
      doc.documentElement.lang = lang;
      await null; // the document's lang observer, then the element's update
      await button.updateComplete;
      expect(label(doc), lang).to.equal('Connect');
    }
    // A German element last: once its locale has loaded, any file asked for before it would have too.
    doc.body.insertAdjacentHTML('beforeend', '<connect-button lang="de"></connect-button>');
    await waitUntil(() => labelOf(doc.querySelector('connect-button[lang=de]')) === de.connect, 'German');
    expect(localeRequests(win)).to.deep.equal({ de: 1 });
  });

  it('keeps what the page registered over a locale that loads after it', async () => {
    const { doc } = await bundlePage(
      'de',
      `<script type="module">
        import { registerTranslation, setErrorMessages } from '${BUNDLE}';
        registerTranslation({ $code: 'de', connect: 'Konto verknüpfen' });
        setErrorMessages({ popup_blocked: 'Bitte Pop-ups erlauben.' }, 'de');
      </script>
      <connect-button></connect-button><source-list></source-list>`,
    );
    const list = doc.querySelector('source-list')!;
    await waitUntil(() => list.shadowRoot?.textContent?.includes(de.noSources), 'the rest of German loaded');
    expect(label(doc)).to.equal('Konto verknüpfen');
    const localize = (doc.querySelector('connect-button') as unknown as { flow: { localize: { error(code: string): string } } }).flow.localize;
    expect(localize.error('popup_blocked')).to.equal('Bitte Pop-ups erlauben.');
    expect(localize.error('network_error')).to.equal(de['error.network_error']);
  });
});
