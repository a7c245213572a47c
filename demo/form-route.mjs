/**
 * The demo's page with no script of its own (demo/form.html) and what an app's
 * server does with its form: plain routes, as a Rails, Django, Laravel or PHP app
 * would have them.
 *
 *   GET    /form.html               the page, as written (no dev-server script injected into it)
 *   GET    /connect-elements.min.js the single-file bundle from dist/ (npm run build), and its
 *          /min/*.js, /locales/*.js  lazy chunks and locales beside it, as a CDN would serve them
 *   POST   /form/received           an urlencoded form post: a page listing every field it received
 *   GET    /api/form/posts          the signed-in demo user's posts so far (for the tests: each post counted once)
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const PAGE = fileURLToPath(new URL('./form.html', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
/** Only the bundle and the files beside it, by plain names: nothing else of the disk. */
const BUNDLE_FILE = /^\/(connect-elements\.min\.js|min\/[\w.-]+\.js|locales\/[\w-]+\.js)$/;
const MAX_FORM_BYTES = 64 * 1024;

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

/** The routes of the no-script page; `true` when it answered. */
export function createFormRoutes() {
  /** Each demo user's posts, in order: what the server received, field by field. */
  const posts = new Map();

  return async function formRoute(req, res, url, user) {
    const { pathname } = url;
    const method = req.method ?? 'GET';

    if ((pathname === '/form.html' || pathname === '/form') && method === 'GET') {
      // no-store: going back to it reloads it, and the browser restores its form (formStateRestoreCallback).
      sendHtml(res, 200, await readFile(PAGE, 'utf8'));
      return true;
    }

    const bundleFile = BUNDLE_FILE.exec(pathname);
    if (bundleFile && method === 'GET') {
      try {
        const body = await readFile(`${DIST}${bundleFile[1]}`);
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not built yet: run `npm run build`, which writes dist/connect-elements.min.js.\n');
      }
      return true;
    }

    if (pathname === '/form/received' && method === 'POST') {
      const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? await readForm(req) : null;
      if (!form) {
        sendHtml(res, 400, '<!doctype html><title>Not a form post</title><p>Expected an urlencoded form of at most 64 KB.</p>');
        return true;
      }
      const fields = [...form];
      if (!posts.has(user)) posts.set(user, []);
      posts.get(user).push(fields);
      // Every value is escaped: a form field is the user's input, and a connection id is a provider's.
      const rows = fields.map(([name, value]) => `<tr><th scope="row"><code>${escapeHtml(name)}</code></th><td><code>${escapeHtml(value)}</code></td></tr>`).join('');
      sendHtml(
        res,
        200,
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Received · Connect Elements</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}th{text-align:start;padding-inline-end:1rem}</style>
<h1>The server received</h1>
<table id="received">${rows}</table>
<p>This is what the form posted: the connection ids are ordinary fields, ready for the app's own code (store them with the user).</p>
<p><a href="/form.html">Back to the form</a> (or the browser's Back button: the form keeps its connections)</p></html>`,
      );
      return true;
    }

    if (pathname === '/api/form/posts' && method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(posts.get(user) ?? []));
      return true;
    }

    return false;
  };
}
