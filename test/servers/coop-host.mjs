/**
 * A hosted Connect page on its own origin that can sever its popup on purpose,
 * as identity providers with `Cross-Origin-Opener-Policy: same-origin` do.
 * It speaks the default protocol through `connect-elements/host`, which returns
 * the window to the flow's `redirectUrl` when it has no opener to post to.
 *
 *   POST /mint        (CORS) { origin, state, redirectUrl, coop?, outcome?, delayMs?, connectionId? } -> { connectUrl }
 *   GET  /hosted      the page; `?coop=1` serves it with COOP same-origin
 *   POST /claim       the page trades its token (from the fragment) for its record
 *
 * `outcome`: `success` (default), `error`, `exit`, or `stay` (the page waits
 * for the user, who may close it). Records live in memory; tokens are random.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SCRIPT = `
import { createConnectHost } from './host-entry.js';
const token = location.hash.slice(1);
history.replaceState(null, '', location.pathname + location.search);
const record = await (await fetch('/claim', { method: 'POST', body: token })).json();
const host = createConnectHost({ origin: record.origin, state: record.state, redirectUrl: record.redirectUrl });
document.body.dataset.opener = String(host.connected);
host.ready();
await new Promise((r) => setTimeout(r, record.delayMs ?? 0));
if (record.outcome === 'error') host.error('source_error', 'The source is down.');
else if (record.outcome === 'exit') host.exit();
else if (record.outcome !== 'stay') host.success({ connectionId: record.connectionId ?? 'conn_coop', operation: 'create' });
document.body.dataset.done = 'true';
`;

export async function startCoopHost({ allowOrigin }) {
  const hostEntry = fileURLToPath(new URL('../../src/host/index.ts', import.meta.url));
  const { outputFiles } = await build({
    stdin: { contents: SCRIPT.replace('./host-entry.js', hostEntry), loader: 'js', resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  const script = outputFiles[0].text;
  const records = new Map();
  const cors = { 'access-control-allow-origin': allowOrigin, 'access-control-allow-headers': 'content-type, x-connect-elements', 'access-control-allow-methods': 'POST' };
  const read = (req) => new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    if (req.method === 'POST' && url.pathname === '/mint') {
      const body = JSON.parse(await read(req));
      const token = randomBytes(16).toString('hex');
      records.set(token, body);
      const connectUrl = `${origin}/hosted${body.coop ? '?coop=1' : ''}#${token}`;
      return res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ connectUrl }));
    }
    if (req.method === 'POST' && url.pathname === '/claim') {
      const record = records.get(await read(req));
      return res.writeHead(record ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(record ?? {}));
    }
    if (url.pathname === '/hosted') {
      const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      if (url.searchParams.get('coop') === '1') headers['cross-origin-opener-policy'] = 'same-origin';
      return res.writeHead(200, headers).end('<!doctype html><meta charset="utf-8"><title>COOP host</title><body><p>Signing in…</p><button type="button">Continue</button><script type="module" src="/hosted.js"></script>');
    }
    if (url.pathname === '/hosted.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}
