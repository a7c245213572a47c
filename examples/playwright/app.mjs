// A tiny app: one page with <connect-button> (the single-file bundle from the installed
// package) and its session endpoint, minted by the sandbox that `npx connect-elements
// sandbox` started. Run: CONNECT_SANDBOX_URL=… CONNECT_SANDBOX_API_KEY=… node app.mjs
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createSessionHandler, mintSandboxSession, toNodeHandler } from 'connect-elements/server';

const port = Number(process.env.PORT ?? 3000);
const appOrigin = `http://localhost:${port}`;
const dist = join(import.meta.dirname, 'node_modules/connect-elements/dist');

// The session endpoint the sandbox prints, plus `finish`: this app's tests pick how a
// flow ends with a cookie, read here on the server (never by the sandbox's page).
const connectSession = createSessionHandler({
  allowedOrigins: [appOrigin],
  mint: mintSandboxSession({
    apiKey: process.env.CONNECT_SANDBOX_API_KEY,
    baseUrl: process.env.CONNECT_SANDBOX_URL,
    finish: (_body, { request }) => {
      const outcome = /(?:^|;\s*)sandbox-outcome=([a-z_]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return outcome ? { outcome, after: 300 } : undefined;
    },
  }),
});
const sessionRoute = toNodeHandler(connectSession);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', appOrigin);
  if (pathname === '/api/connect-session') return sessionRoute(req, res);
  // The bundle and the chunks it loads lazily, from the installed package.
  const file = pathname === '/' ? join(import.meta.dirname, 'index.html') : /^\/connect-elements\/[\w/.-]+\.js$/.test(pathname) && !pathname.includes('..') ? join(dist, pathname.slice('/connect-elements/'.length)) : null;
  try {
    if (!file) throw new Error('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] }).end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(port, 'localhost', () => console.log(`App: ${appOrigin}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
