/**
 * Two origins for the Alter differential run:
 * - a fake Alter on http://127.0.0.1:<random port>: `/sdk/oauth/connect#session=<token>`,
 *   where the token is the row's script (base64url JSON). In a popup it posts the
 *   row's message to its opener (from itself, or from a child frame of the same
 *   origin); in a full page it returns to the row's return address with the row's
 *   query, as Alter's hosted page does.
 * - the app on http://localhost:<random port>: `/app.html?impl=sdk|ours&s=<script>`
 *   runs either `@alter-ai/connect` 0.8.0 or our `<connect-button preset="alter">`
 *   against that fake, and records every outcome in `window.__results`.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const ALTER_PAGE = `<!doctype html><meta charset="utf-8"><title>fake Alter</title><p id="out">alter</p><script>
const decode = (t) => JSON.parse(atob(t.replace(/-/g, '+').replace(/_/g, '/')));
const script = decode(new URLSearchParams(location.hash.slice(1)).get('session') || btoa('{}'));
if (script.child) {
  // A window of Alter's origin that is not the popup posts the message (a frame inside it).
  const frame = document.createElement('iframe');
  frame.srcdoc = '<script>top.opener.postMessage(' + JSON.stringify(script.message) + ', ' + JSON.stringify(script.appOrigin) + ')<\\/script>';
  document.body.append(frame);
} else if (window.opener) {
  if (script.message) window.opener.postMessage(script.message, script.appOrigin);
} else {
  const back = new URL(script.returnUrl);
  for (const [k, v] of new URLSearchParams(script.query || '')) back.searchParams.set(k, v);
  if (script.tamperState && back.searchParams.has('connect_state')) back.searchParams.set('connect_state', 'f'.repeat(32));
  location.replace(back.href);
}
if (script.closeAfter) setTimeout(() => window.close(), script.closeAfter);
</script>`;

const APP_PAGE = (alterOrigin) => `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>app</title><body>
<script type="module">
const params = new URLSearchParams(location.search);
const impl = params.get('impl');
const script = JSON.parse(atob(params.get('s').replace(/-/g, '+').replace(/_/g, '/')));
const results = (window.__results = []);
const record = (channel, name, value) => results.push({ channel, name, value: JSON.parse(JSON.stringify(value ?? null)) });
const ALTER = ${JSON.stringify(alterOrigin)};
const tokenFor = (returnUrl) => btoa(JSON.stringify({ ...script, appOrigin: location.origin, returnUrl })).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');

if (impl === 'sdk') {
  const { default: AlterConnect } = await import('/sdk.js');
  // The widget reports a redirect return from its constructor, before anyone can listen.
  // To see what it decided, a first instance (with the return hidden from it) lends us its emitter.
  const stored = sessionStorage.getItem('alter_oauth_state');
  sessionStorage.removeItem('alter_oauth_state');
  const probe = AlterConnect.create();
  const emitter = Object.getPrototypeOf(probe.eventEmitter);
  const emit = emitter.emit;
  emitter.emit = function (name, ...args) {
    if (name === 'success' || name === 'error' || name === 'exit') record('emitted', name, args[0]);
    return emit.call(this, name, ...args);
  };
  probe.destroy();
  if (stored !== null) sessionStorage.setItem('alter_oauth_state', stored);
  const sdk = AlterConnect.create();
  // What an app can do: listen right after create().
  for (const name of ['success', 'error', 'exit']) sdk.on(name, (value) => record('listener', name, value));
  const open = () =>
    sdk.open({
      token: tokenFor(location.href),
      baseURL: ALTER,
      onSuccess: (grants) => record('callback', 'success', grants),
      onError: (error) => record('callback', 'error', { code: error.code, message: error.message }),
      onExit: () => record('callback', 'exit'),
    });
  const button = document.createElement('button');
  button.id = 'connect';
  button.textContent = 'Connect';
  button.addEventListener('click', open);
  document.body.append(button);
  if (params.has('autostart')) open();
} else {
  await import('/ours.js');
  document.body.insertAdjacentHTML('beforeend', '<connect-button id="connect" preset="alter" source="google" fallback="none" base-url="' + ALTER + '">Connect</connect-button>');
  const button = document.getElementById('connect');
  // Listeners attached after the element was created and connected, as late as the widget's listener above.
  for (const name of ['connect-success', 'connect-error', 'connect-exit']) button.addEventListener(name, (event) => record('listener', name, event.detail));
  button.fetchSession = async (request) => ({ sessionToken: tokenFor(request.redirectUrl) });
  if (params.has('autostart')) button.start().catch(() => {});
}
window.__ready = true;
</script>`;

function listen(server, host) {
  return new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
}

/** Starts both origins; `close()` stops them. */
export async function startAlterDifferential() {
  const bundle = await build({
    entryPoints: [`${ROOT}src/define.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['production', 'browser'],
    tsconfig: `${ROOT}tsconfig.json`,
    write: false,
    logLevel: 'error',
  });
  const ours = bundle.outputFiles[0].text;
  const sdk = await readFile(`${ROOT}node_modules/@alter-ai/connect/dist/alter-connect.esm.js`, 'utf8');
  const headers = (type) => ({ 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });

  const alter = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/sdk/oauth/connect') res.writeHead(200, headers('text/html')).end(ALTER_PAGE);
    else res.writeHead(404).end();
  });
  const alterPort = await listen(alter, '127.0.0.1');
  const alterOrigin = `http://127.0.0.1:${alterPort}`;

  const app = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    if (pathname === '/app.html') res.writeHead(200, headers('text/html')).end(APP_PAGE(alterOrigin));
    else if (pathname === '/ours.js') res.writeHead(200, headers('text/javascript')).end(ours);
    else if (pathname === '/sdk.js') res.writeHead(200, headers('text/javascript')).end(sdk);
    else res.writeHead(404).end();
  });
  const appPort = await listen(app, '127.0.0.1');
  return {
    alterOrigin,
    // Another host name for the same loopback server: a second origin, as in production.
    appOrigin: `http://localhost:${appPort}`,
    close: () => Promise.all([alter, app].map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r))))),
  };
}
