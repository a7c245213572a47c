/**
 * `npm start`: the sandbox Connect provider on its own origin, plus the demo app
 * (Vite dev server, root `demo/`) whose backend mints sessions with the sandbox's
 * API key. Needs no browser; open the printed app URL.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { startSandbox } from '../sandbox/server.mjs';
import { createAppBackend } from '../demo/backend.mjs';

const demoRoot = fileURLToPath(new URL('../demo/', import.meta.url));

/**
 * @param {{ port?: number, strictPort?: boolean, logLevel?: 'info' | 'warn' | 'error' | 'silent' }} [options]
 *   `port: 0` takes any free port.
 * @returns {Promise<{ appUrl: string, sandboxOrigin: string, close(): Promise<void> }>}
 */
export async function startDemo({ port = 5173, strictPort = true, logLevel = 'info' } = {}) {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, apps: [{ id: 'demo', name: 'Demo App', allowedOrigins: [] }] });
  const apiKey = sandbox.apiKeys.demo;
  const backend = createAppBackend({ sandboxOrigin: sandbox.origin, apiKey });

  let vite;
  try {
    vite = await createServer({
      configFile: false,
      root: demoRoot,
      logLevel,
      clearScreen: false,
      server: { host: 'localhost', port, strictPort: port === 0 ? false : strictPort },
      plugins: [
        {
          name: 'connect-elements-demo-backend',
          configureServer(server) {
            server.middlewares.use((req, res, next) => {
              backend(req, res).then((handled) => handled || next(), next);
            });
          },
        },
      ],
    });
    await vite.listen();
  } catch (error) {
    await vite?.close();
    await sandbox.close();
    throw error;
  }

  const address = vite.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The demo server is not listening on a TCP port.');
  const appUrl = `http://localhost:${address.port}`;
  sandbox.allowOrigin(apiKey, appUrl);

  return {
    appUrl,
    sandboxOrigin: sandbox.origin,
    async close() {
      await vite.close();
      await sandbox.close();
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const demo = await startDemo();
  console.log('');
  console.log(`  Demo app:         ${demo.appUrl}/`);
  console.log(`  Connect sandbox:  ${demo.sandboxOrigin}  (hosted page at /connect, catalog at /v1/sources)`);
  console.log('');
  console.log('  Press Ctrl-C to stop both.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    demo.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
