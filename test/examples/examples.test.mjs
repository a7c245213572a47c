// Each example app, as a user has it: the packed package installed from its tarball,
// type-checked by the framework's own checker, a deliberately wrong file that must fail
// that checker, a production build, and a real click through the sandbox's hosted flow in
// Chromium with its popup blocker on. Run by scripts/examples.mjs (which packs first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { serveExample } from './serve.mjs';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

function sh(cwd, args) {
  const [command, ...rest] = [...npm, ...args];
  const result = spawnSync(command, rest, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** What each example is: its folder, what it builds to, and what its wrong file must be refused for. */
const APPS = [
  {
    name: 'plain HTML (script tag)',
    dir: 'html',
    // The installed package's dist/ served as a CDN serves it, so the chunks the bundle loads
    // lazily (dist/min/) are found beside it; the page itself is the example's.
    served: (dir) => ({
      root: join(dir, 'node_modules/connect-elements/dist'),
      files: { '/': join(dir, 'index.html'), '/index.html': join(dir, 'index.html') },
    }),
  },
  {
    name: 'React 19',
    dir: 'react',
    served: (dir) => ({ root: join(dir, 'dist') }),
    // React's own attributes (the right file uses id, aria-label, data-*, a useRef ref and onFocus)
    // are typed on the element: a ref to another element and a member its events' target lacks are refused.
    wrong: [
      /sesionUrl/,
      /"popover"/,
      /conectionId/,
      /onConnectSucess/,
      /'RefObject<HTMLInputElement \| null>' is not assignable to type 'Ref<ConnectButtonElement> \| undefined'/,
      /'sources' does not exist on type 'EventTarget & ConnectButtonElement'/,
    ],
    afterFlow: async (page) => {
      // A React 19 form action reads the button's value from FormData (name="github").
      const id = await page.locator('connect-button').evaluate((el) => el.value);
      assert.match(id, /^conn_/);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('#form-result', { hasText: `github: ${id}` }).waitFor({ timeout: 15_000 });
      // React resets the form after its action: the button keeps the id the app passed back as connectionId.
      assert.equal(await page.locator('connect-button').evaluate((el) => el.value), id);
    },
  },
  {
    name: 'Vue 3.5 (vue-tsc, strictTemplates)',
    dir: 'vue',
    served: (dir) => ({ root: join(dir, 'dist') }),
    // One checker run over the app and its wrong file: every error must be in the wrong file.
    checkOnce: (output) => [...output.matchAll(/^(\S+)\(\d+,\d+\): error/gm)].map((match) => match[1]),
    // Vue's own attributes and DOM events pass (the app uses id, aria-label, data-*, a template ref and
    // @focus), typed: a focus listener that expects a key press and a misspelt tabindex are refused.
    wrong: [
      /'sesionUrl' does not exist/,
      /"popover"/,
      /'conectionId' does not exist on type 'ConnectSuccessDetail'/,
      /'onConnectSucess' does not exist/,
      /'\(event: KeyboardEvent\) => string' is not assignable to type '\(payload: FocusEvent\) => void'/,
      /'tabindx' does not exist/,
    ],
  },
  {
    name: 'Svelte 5 (svelte-check)',
    dir: 'svelte',
    served: (dir) => ({ root: join(dir, 'dist') }),
    checkOnce: (output) => [...output.matchAll(/^\d+ (?:ERROR|WARNING) "([^"]+)"/gm)].map((match) => match[1]),
    // The app uses id, aria-label, data-*, bind:this and onfocus; a DOM event's target is the element.
    wrong: [
      /'\\"sesion-url\\"' does not exist/,
      /'\\"popover\\"' is not assignable/,
      /'conectionId' does not exist on type 'ConnectSuccessDetail'/,
      /'\\"onconnect-sucess\\"' does not exist/,
      /'sources' does not exist on type 'EventTarget & ConnectButtonElement'/,
    ],
  },
  {
    name: 'Angular 21.2 (ngc, strictTemplates)',
    dir: 'angular',
    served: (dir) => ({ root: join(dir, 'dist/browser') }),
    // ngc always colours its report (`file:line:col - error TS...`).
    checkOnce: (output) => [...output.replace(/\x1b\[[0-9;]*m/g, '').matchAll(/^(\S+):\d+:\d+ - error/gm)].map((match) => match[1]),
    // With connect-elements/angular's directives, not CUSTOM_ELEMENTS_SCHEMA: a misspelt binding,
    // a wrong value bound and as an attribute, a wrong detail field, a misspelt event (its
    // $event is then a plain Event), a wrong property type and a misspelt tag.
    wrong: [
      /NG8002: Can't bind to 'sesionUrl' since it isn't a known property of 'connect-button'/,
      /wrong\.component\.ts:11:\d+ - error TS2322: Type '"popover"' is not assignable to type 'RequestedMode'/,
      /wrong\.component\.ts:12:\d+ - error TS2322: Type '"popover"' is not assignable to type 'RequestedMode'/,
      /'conectionId' does not exist on type 'ConnectSuccessDetail'/,
      /'detail' does not exist on type 'Event'/,
      /Type 'string' is not assignable to type 'readonly CatalogSource\[\]'/,
      /NG8001: 'conect-button' is not a known element/,
    ],
    afterFlow: async (page) => {
      // The directives' outputs only type $event: the handler must still run once per flow.
      assert.equal(await page.locator('#successes').textContent(), '1', 'connect-success handled once');
      // A static attribute that names an input goes through it: timeout="120" reaches the element as a number.
      assert.equal(await page.locator('connect-button').evaluate((el) => el.timeout), 120);
    },
  },
];
// `node scripts/examples.mjs vue svelte` runs only those.
const only = process.env.CONNECT_EXAMPLES?.split(',').filter(Boolean);

let browser;
before(async () => {
  assert.ok(existsSync(join(EXAMPLES, 'connect-elements.tgz')), 'examples/connect-elements.tgz is missing: run node scripts/examples.mjs');
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  });
});
after(() => browser?.close());

for (const app of APPS.filter((app) => !only?.length || only.includes(app.dir))) {
  describe(app.name, () => {
    const dir = join(EXAMPLES, app.dir);
    const hasScript = (name) => !!JSON.parse(spawnSync('node', ['-p', `JSON.stringify(require('./package.json').scripts ?? {})`], { cwd: dir, encoding: 'utf8' }).stdout)[name];

    it('installs the packed package', { timeout: 300_000 }, () => {
      // --prefer-offline: what npm's own cache already holds is not asked for again (Angular's 419
      // packages took 2 min revalidating, 1 min without); anything missing is still fetched.
      // npm keeps an installed file: dependency whose version is unchanged, even when its tarball
      // changed (seen: a re-pack with a fix, and the app still ran the old dist/): take it out first.
      rmSync(join(dir, 'node_modules/connect-elements'), { recursive: true, force: true });
      const { code, output } = sh(dir, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline']);
      assert.equal(code, 0, output);
      assert.doesNotMatch(output, /EBADENGINE/);
    });

    if (app.checkOnce) {
      it('type-checks with the framework\'s own checker, and refuses the deliberately wrong file for each mistake in it', { timeout: 300_000 }, () => {
        const { code, output } = sh(dir, ['run', 'typecheck:with-wrong']);
        const files = app.checkOnce(output);
        assert.notEqual(code, 0, `the wrong file type-checked:\n${output}`);
        assert.ok(files.length > 0, `no error the test can read:\n${output}`);
        assert.deepEqual(files.filter((file) => !file.startsWith('type-errors/')), [], `errors outside type-errors/:\n${output}`);
        // Without terminal colours (ngc colours its report), so a pattern can span a whole line.
        for (const mistake of app.wrong) assert.match(output.replace(/\x1b\[[0-9;]*m/g, ''), mistake);
      });
    } else if (app.wrong) {
      it('type-checks with the framework\'s own checker', { timeout: 300_000 }, () => {
        const { code, output } = sh(dir, ['run', 'typecheck']);
        assert.equal(code, 0, output);
      });
      it('refuses the deliberately wrong file, for each mistake in it', { timeout: 300_000 }, () => {
        const { code, output } = sh(dir, ['run', 'typecheck:wrong']);
        assert.notEqual(code, 0, `the wrong file type-checked:\n${output}`);
        for (const mistake of app.wrong) assert.match(output, mistake);
      });
    }

    if (hasScript('build')) {
      it('builds', { timeout: 300_000 }, () => {
        const { code, output } = sh(dir, ['run', 'build']);
        assert.equal(code, 0, output);
      });
    }

    it('renders, binds sources, and connects GitHub with a real click', { timeout: 120_000 }, async (t) => {
      const { root, files } = app.served(dir);
      const server = await serveExample(root, { files });
      t.after(() => server.close());
      const context = await browser.newContext();
      t.after(() => context.close());
      const page = await context.newPage();
      const sessionBodies = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/connect-session') && request.method() === 'POST') sessionBodies.push(request.postDataJSON());
      });
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(server.appUrl);

      // `sources` bound as a property: the list renders the catalog the app fetched.
      await page.locator('source-list').getByText('GitLab').first().waitFor({ timeout: 15_000 });

      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        page.locator('connect-button').getByRole('button', { name: 'Connect GitHub' }).click(),
      ]);
      await popup.waitForURL((url) => url.origin === server.sandboxOrigin);
      await popup.getByRole('button', { name: 'Allow', exact: true }).click();
      await page.locator('#result', { hasText: /github: conn_/ }).waitFor({ timeout: 20_000 });

      await app.afterFlow?.(page);
      assert.equal(sessionBodies.length, 1);
      assert.deepEqual(sessionBodies[0].scopes, ['repo', 'read:user'], 'scopes reach the session request as an array');
      assert.deepEqual(errors, []);
    });
  });
}
