// The built elements render on a server: @lit-labs/ssr, Node 20, no DOM. Each case renders
// twice in one process, since the second request is the one where the list's lazy parts have
// loaded (the first threw on `closest`, the second on `document` before 0.3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';

await import('../../dist/define.js');
const { registerTranslation } = await import('../../dist/index.js');
const { default: de } = await import('../../dist/locales/de.js');
registerTranslation(de);

const SOURCES = [
  { id: 'github', name: 'GitHub', category: 'code', description: '<img src=x onerror=alert(1)> & more' },
  { id: 'gitlab', name: 'GitLab', category: 'code' },
];

const ssr = (template) => collectResult(render(template));
/** The shadow root's markup without its styles. */
const shadow = (out) => out.replace(/<style>[\s\S]*?<\/style>/g, '');

describe('server rendering with @lit-labs/ssr', () => {
  for (const request of [1, 2]) {
    describe(`request ${request}`, () => {
      it('renders <connect-button> as a styled native button with its English label and no browser global', async () => {
        const out = await ssr(html`<connect-button source="github" session-url="/api/session"></connect-button>`);
        assert.match(out, /<template shadowroot="open" shadowrootmode="open" shadowrootdelegatesfocus>/);
        assert.match(out, /<style>[^<]*--connect-button-background/);
        assert.match(shadow(out), /<button part="button" type="button"/);
        assert.match(shadow(out), /<slot><!--lit-part-->Connect<!--\/lit-part--><\/slot>/);
        // Idle is no attribute: nothing for a hydrating framework to find added.
        assert.doesNotMatch(out, /<connect-button[^>]*status=/);
        assert.equal(typeof globalThis.document, 'undefined');
        assert.equal(typeof globalThis.window, 'undefined');
      });

      it('renders the element\'s own lang, and English for a lang it cannot see', async () => {
        const german = await ssr(html`<connect-button lang="de" source="github"></connect-button>`);
        assert.match(shadow(german), />Verbinden</);
        const inherited = await ssr(html`<div lang="de"><connect-button source="github"></connect-button></div>`);
        assert.match(shadow(inherited), />Connect</);
      });

      it('renders <connect-modal> closed', async () => {
        const out = await ssr(html`<connect-modal source="github" session-url="/api/session"></connect-modal>`);
        assert.match(out, /<connect-modal[^>]*><template shadowroot="open"/);
        assert.doesNotMatch(out, /<connect-modal[^>]*\bopen\b/);
      });

      it('renders <source-list> with the sources the server set, every catalog string as text', async () => {
        // The parts that render sources load when the module does: give the first request their import.
        await new Promise((resolve) => setTimeout(resolve, 50));
        const out = await ssr(html`<source-list session-url="/api/session" .sources=${SOURCES} .connections=${[{ source: 'gitlab', connectionId: 'conn_1' }]}></source-list>`);
        const names = [...shadow(out).matchAll(/<span part="name"[^>]*><!--lit-part-->([^<]*)</g)].map((match) => match[1]);
        assert.deepEqual(names, ['GitHub', 'GitLab']);
        assert.match(shadow(out), /&lt;img src=x onerror=alert\(1\)&gt; &amp; more/);
        assert.doesNotMatch(shadow(out), /<img src=x/);
        assert.match(shadow(out), /part="item item-connected"/);
        assert.doesNotMatch(out, /<source-list[^>]*layout=/);
      });

      it('renders a <source-list> with a catalog-url in its loading state, asking for nothing', async () => {
        const fetches = [];
        const realFetch = globalThis.fetch;
        globalThis.fetch = (...args) => (fetches.push(args[0]), realFetch(...args));
        try {
          const out = await ssr(html`<source-list catalog-url="/api/sources" connections-url="/api/connections"></source-list>`);
          assert.match(shadow(out), /part="[^"]*list-loading/);
          assert.match(shadow(out), />Loading sources/);
        } finally {
          globalThis.fetch = realFetch;
        }
        assert.deepEqual(fetches, []);
      });

      it('renders a long catalog\'s first screenful, never the virtualizer', async () => {
        const many = Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, name: `Source ${i}` }));
        const out = await ssr(html`<source-list .sources=${many}></source-list>`);
        const items = shadow(out).match(/part="item[ "]/g) ?? [];
        assert.ok(items.length > 0 && items.length <= 24, `${items.length} items`);
        assert.doesNotMatch(out, /lit-virtualizer/);
      });
    });
  }
});
