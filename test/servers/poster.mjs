/**
 * A second, hostile origin for the tests: a page that posts whatever a test
 * scripts into its URL fragment to its opener or parent, from itself or from a
 * same-origin child frame. It listens on several ports and answers any host
 * name, so a test can stand on a look-alike origin of the expected one.
 */
import { createServer } from 'node:http';

const PAGE = `<!doctype html><meta charset="utf-8"><title>poster</title><body><p id="out">poster</p><script>
const script = JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}');
const target = window.opener || (window.parent !== window ? window.parent : null);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function post(win, data) {
  // The JSON text can carry a "__proto__" key as an own property, as a hostile sender would.
  win.postMessage(typeof data === 'string' && data.startsWith('json:') ? JSON.parse(data.slice(5)) : data, '*');
}
(async () => {
  if (script.child) {
    // A same-origin child frame posts to this page's opener or parent: right origin, wrong window.
    const frame = document.createElement('iframe');
    frame.src = location.pathname + '#' + encodeURIComponent(JSON.stringify({ viaTop: true, posts: script.child }));
    document.body.append(frame);
    return;
  }
  const dest = script.viaTop ? (top.opener || top.parent) : target;
  for (const step of script.posts || []) {
    if (step.delay) await sleep(step.delay);
    post(dest, step.data);
  }
  document.getElementById('out').textContent = 'posted';
  if (script.close) window.close();
})();
</script>`;

export async function startPoster({ ports = 3 } = {}) {
  const servers = [];
  const handler = (req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    // An opaque origin: its messages arrive with event.origin === "null".
    if (url.pathname === '/opaque.html') headers['content-security-policy'] = 'sandbox allow-scripts';
    if (url.pathname === '/poster.html' || url.pathname === '/opaque.html') {
      res.writeHead(200, headers).end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  };
  for (let i = 0; i < ports; i++) {
    const server = createServer(handler);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  return {
    ports: servers.map((s) => s.address().port),
    close: () => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))),
  };
}
