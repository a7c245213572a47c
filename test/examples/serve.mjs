// Serves a built example app on http://localhost with the demo backend under /api/, the
// sandbox provider on its own origin (127.0.0.1), as an integrator's deployment would.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createAppBackend } from '../../demo/backend.mjs';
import { startSandbox } from '../../sandbox/server.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** `files`: `{ urlPath: absoluteFile }` served before `root` (the page of the plain HTML example, whose root is the package's dist/). */
export async function serveExample(root, { files = {} } = {}) {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, apps: [{ id: 'examples', allowedOrigins: [] }] });
  const backend = createAppBackend({ sandboxOrigin: sandbox.origin, apiKey: sandbox.apiKeys.examples });
  const server = http.createServer(async (req, res) => {
    try {
      if (await backend(req, res)) return;
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const file = files[pathname] ?? join(root, normalize(pathname === '/' ? '/index.html' : pathname));
      if (!file.startsWith(root) && !Object.values(files).includes(file)) throw new Error('outside the root');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, 'localhost', resolve));
  const appUrl = `http://localhost:${server.address().port}`;
  sandbox.allowOrigin(sandbox.apiKeys.examples, appUrl);
  return {
    appUrl,
    sandboxOrigin: sandbox.origin,
    async close() {
      // Also the connections the page keeps busy (a poll every few seconds keeps one from ever going idle), else close waits for ever.
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await sandbox.close();
    },
  };
}
