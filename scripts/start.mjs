/**
 * `npm start`: the sandbox Connect provider on its own origin, the simulators of
 * the four seed systems (sandbox/simulators) on theirs, plus the demo app (Vite
 * dev server, root `demo/`) whose backend mints sessions with their API keys.
 * Needs no browser; open the printed app URL.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { startSandbox } from '../sandbox/server.mjs';
import { startSimulators } from '../sandbox/simulators/index.mjs';
import { createAppBackend } from '../demo/backend.mjs';

const demoRoot = fileURLToPath(new URL('../demo/', import.meta.url));

/**
 * The simulators' origins, for printing and for tests (the API keys stay with the backend).
 * @typedef {{
 *   opendatalabs: { apiOrigin: string, dashboardOrigin: string },
 *   contextGateway: { origin: string },
 *   alter: { origin: string },
 *   thryve: { origin: string },
 * }} SimulatorOrigins
 */

/**
 * @param {{ port?: number, strictPort?: boolean, logLevel?: 'info' | 'warn' | 'error' | 'silent', slowMs?: number }} [options]
 *   `port: 0` takes any free port; `slowMs`: how long the simulators' "slow" outcome takes.
 * @returns {Promise<{ appUrl: string, sandboxOrigin: string, simulators: SimulatorOrigins, close(): Promise<void> }>}
 */
export async function startDemo({ port = 5173, strictPort = true, logLevel = 'info', slowMs } = {}) {
  // Three apps of the same demo: the plain one, one whose hosted page severs the
  // popup from its opener (COOP), and one that returns only by redirect.
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    apps: [
      { id: 'demo', name: 'Demo App', allowedOrigins: [] },
      { id: 'demo-coop', name: 'Demo App', allowedOrigins: [], openerPolicy: 'same-origin' },
      { id: 'demo-redirect-only', name: 'Demo App', allowedOrigins: [], returnBy: 'redirect' },
    ],
  });
  let simulators;
  try {
    simulators = await startSimulators({ host: '127.0.0.1', ...(slowMs === undefined ? {} : { slowMs }) });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const apiKey = sandbox.apiKeys.demo;
  const backend = createAppBackend({
    sandboxOrigin: sandbox.origin,
    apiKey,
    simulators,
    // The routes /api/sandbox/<variant>/connect-session and /connect-result use these keys.
    sandboxApps: { coop: sandbox.apiKeys['demo-coop'], 'redirect-only': sandbox.apiKeys['demo-redirect-only'] },
  });

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
    await Promise.all([sandbox.close(), simulators.close()]);
    throw error;
  }

  const address = vite.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The demo server is not listening on a TCP port.');
  const appUrl = `http://localhost:${address.port}`;
  for (const key of Object.values(sandbox.apiKeys)) sandbox.allowOrigin(key, appUrl);
  // The demo page is the app origin and the callback of the redirect flows (any query: the client adds its own).
  simulators.allowOrigin(appUrl);
  simulators.allowRedirectUrl(`${appUrl}/`);
  simulators.allowRedirectUrl(`${appUrl}/index.html`);

  return {
    appUrl,
    sandboxOrigin: sandbox.origin,
    simulators: {
      opendatalabs: { apiOrigin: simulators.opendatalabs.apiOrigin, dashboardOrigin: simulators.opendatalabs.dashboardOrigin },
      contextGateway: { origin: simulators.contextGateway.origin },
      alter: { origin: simulators.alter.origin },
      thryve: { origin: simulators.thryve.origin },
    },
    async close() {
      await vite.close();
      await Promise.all([sandbox.close(), simulators.close()]);
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const demo = await startDemo();
  console.log('');
  console.log(`  Demo app:         ${demo.appUrl}/`);
  console.log(`  Form, no script:  ${demo.appUrl}/form.html  (loads dist/connect-elements.min.js: npm run build first)`);
  console.log(`  Connect sandbox:  ${demo.sandboxOrigin}  (hosted page at /connect, catalog at /v1/sources)`);
  console.log('    apps: demo, demo-coop (COOP severs the popup), demo-redirect-only (returns only by redirect)');
  console.log('  Simulators (preset sessions at /api/presets/<preset>/connect-session):');
  console.log(`    Open Data Labs   API ${demo.simulators.opendatalabs.apiOrigin}  dashboard ${demo.simulators.opendatalabs.dashboardOrigin}`);
  console.log(`    Context Gateway  ${demo.simulators.contextGateway.origin}`);
  console.log(`    Alter            ${demo.simulators.alter.origin}`);
  console.log(`    Thryve           ${demo.simulators.thryve.origin}`);
  console.log('');
  console.log('  Press Ctrl-C to stop them all.');
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
