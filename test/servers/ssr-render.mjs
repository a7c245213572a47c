// Server rendering for the browser tests: the elements built from src/ for Node (esbuild,
// Lit's Node build, which shims HTMLElement and customElements), rendered by @lit-labs/ssr
// to declarative shadow DOM, served at /__ssr?case=<name>. The browser test then hydrates it.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '../..');
/** Inside the repository, so the build's bare imports (lit...) resolve to the same node_modules as @lit-labs/ssr's. */
const OUT = join(ROOT, 'node_modules/.cache/connect-elements-ssr');

export const SSR_SOURCES = [
  { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories & <b>issues</b>' },
  { id: 'gitlab', name: 'GitLab', category: 'code' },
];

let ready;
/** Builds the elements for Node once, then imports them with the SSR renderer. */
function load() {
  ready ??= (async () => {
    mkdirSync(OUT, { recursive: true });
    await build({
      entryPoints: { define: join(ROOT, 'src/define.ts'), de: join(ROOT, 'src/locales/de.ts'), index: join(ROOT, 'src/index.ts') },
      outdir: OUT,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      conditions: ['node', 'production'],
      // Lit must be the one @lit-labs/ssr renders with.
      packages: 'external',
      logLevel: 'error',
    });
    const [{ render }, { collectResult }, { html }] = await Promise.all([
      import('@lit-labs/ssr'),
      import('@lit-labs/ssr/lib/render-result.js'),
      import('lit'),
    ]);
    await import(pathToFileURL(join(OUT, 'define.js')).href);
    const { default: de } = await import(pathToFileURL(join(OUT, 'de.js')).href);
    const { registerTranslation } = await import(pathToFileURL(join(OUT, 'index.js')).href);
    registerTranslation(de);
    return { render, collectResult, html };
  })();
  return ready;
}

/** What each case renders: the three elements as a page would have them. */
const CASES = {
  button: (html) => html`<connect-button source="github" session-url="/api/connect-session">Connect GitHub</connect-button>`,
  'button-de': (html) => html`<connect-button lang="de" source="github" session-url="/api/connect-session"></connect-button>`,
  modal: (html) => html`<connect-modal source="github" session-url="/api/connect-session"></connect-modal>`,
  list: (html) => html`<source-list session-url="/api/connect-session" .sources=${SSR_SOURCES} .connections=${[{ source: 'gitlab', connectionId: 'conn_1' }]}></source-list>`,
  'list-url': (html) => html`<source-list session-url="/api/connect-session" catalog-url="/api/sources"></source-list>`,
};

/** The HTML of one case, rendered by @lit-labs/ssr. */
export async function renderCase(name) {
  const make = CASES[name];
  if (!make) throw new Error(`no SSR case ${name}`);
  const { render, collectResult, html } = await load();
  return collectResult(render(make(html)));
}

/** A web-test-runner plugin serving `/__ssr?case=<name>` (HTML fragment, or 500 with the error). */
export function ssrPlugin() {
  return {
    name: 'ssr-render',
    async serve(context) {
      if (context.path !== '/__ssr') return undefined;
      try {
        return { body: await renderCase(context.URL.searchParams.get('case') ?? ''), type: 'html' };
      } catch (error) {
        return { body: String(error?.stack ?? error), type: 'text', status: 500 };
      }
    },
  };
}
