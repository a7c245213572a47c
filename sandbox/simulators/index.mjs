/**
 * Simulators of the four seed systems' hosted Connect flows (seeds/00*.txt,
 * seeds/PROTOCOLS.md), each on origins of its own, so the presets, the demo and
 * the tests can run against something that behaves as each guide documents:
 * the same messages and parameters, error codes, token lifetimes and single use.
 * Every hosted page has the sandbox panel ("Sandbox outcome" + Allow, Deny,
 * Cancel) of the default sandbox (sandbox/server.mjs).
 *
 *   Open Data Labs   ./opendatalabs.mjs     API origin + a separate dashboard origin that sends the messages
 *   Context Gateway  ./context-gateway.mjs  full-page redirect with connectionId / error + state
 *   Alter            ./alter.mjs            popup (postMessage to allowed_origin) or redirect to return_url
 *   Thryve           ./thryve.mjs           direct connection / revoke URLs, connected=true|false
 *
 * The registrations are shared: `appOrigins` (exact origins allowed to embed the
 * pages and receive results) and `redirectUrls` (callback URLs, compared on
 * origin + pathname). API keys are generated per start and never logged.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRegistry } from '../http.mjs';
import { loadAssets } from './pages.mjs';
import { startOpenDataLabs } from './opendatalabs.mjs';
import { startContextGateway } from './context-gateway.mjs';
import { startAlter } from './alter.mjs';
import { startThryve } from './thryve.mjs';

export { DATA_SOURCE_IDS } from './thryve.mjs';

const key = (prefix) => `${prefix}${randomBytes(24).toString('base64url')}`;

/**
 * @typedef {'opendatalabs' | 'contextGateway' | 'alter' | 'thryve'} SimulatorName
 * @param {{
 *   host?: string, appOrigins?: string[], redirectUrls?: string[], slowMs?: number, now?: () => number, log?: boolean,
 *   openerPolicy?: 'same-origin' | Partial<Record<SimulatorName, 'same-origin'>>,
 * }} [options]
 *   `slowMs`: how long the "slow" outcome takes; `now`: the clock for lifetimes
 *   (tests shift it to expire tokens); `log`: one line per request (method,
 *   route name, status: never a path, query, token or key); `openerPolicy`: serve
 *   the hosted pages (of every simulator, or of those named) with
 *   `Cross-Origin-Opener-Policy`, which severs a popup from its opener, as a
 *   provider or identity page on the way may do.
 */
export async function startSimulators({ host = '127.0.0.1', appOrigins = [], redirectUrls = [], slowMs = 3000, now = Date.now, log = false, openerPolicy } = {}) {
  const registry = createRegistry(appOrigins, redirectUrls);
  const assets = await loadAssets();
  const keys = {
    opendatalabs: key('odl_sk_sandbox_'),
    contextGateway: key('cg_sk_sandbox_'),
    alter: key('alter_sk_sandbox_'),
    thryve: key('thryve_sandbox_'),
  };
  const common = { host, registry, slowMs, now, assets, log };
  const policy = (/** @type {SimulatorName} */ name) => (typeof openerPolicy === 'string' ? openerPolicy : openerPolicy?.[name]);

  const started = [];
  try {
    const opendatalabs = await startOpenDataLabs({ ...common, apiKey: keys.opendatalabs, openerPolicy: policy('opendatalabs') });
    started.push(opendatalabs);
    const contextGateway = await startContextGateway({ ...common, apiKey: keys.contextGateway, openerPolicy: policy('contextGateway') });
    started.push(contextGateway);
    const alter = await startAlter({ ...common, apiKey: keys.alter, openerPolicy: policy('alter') });
    started.push(alter);
    const thryve = await startThryve({ ...common, apiKey: keys.thryve, openerPolicy: policy('thryve') });
    started.push(thryve);

    return {
      opendatalabs: { apiOrigin: opendatalabs.apiOrigin, dashboardOrigin: opendatalabs.dashboardOrigin, apiKey: keys.opendatalabs },
      contextGateway: { origin: contextGateway.origin, apiKey: keys.contextGateway },
      alter: { origin: alter.origin, apiKey: keys.alter },
      thryve: { origin: thryve.origin, apiKey: keys.thryve },
      /** Registers an exact app origin (embedding, message target). */
      allowOrigin: (origin) => registry.allowOrigin(origin),
      /** Registers a callback URL (its origin + pathname; any query). */
      allowRedirectUrl: (url) => registry.allowRedirectUrl(url),
      disallowOrigin: (origin) => registry.disallowOrigin(origin),
      disallowRedirectUrl: (url) => registry.disallowRedirectUrl(url),
      async close() {
        await Promise.all(started.map((simulator) => simulator.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((simulator) => simulator.close()));
    throw error;
  }
}

// `node sandbox/simulators/index.mjs`: all four, for the Vite dev server's origin.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const app = process.env.APP_ORIGIN || 'http://localhost:5173';
  const simulators = await startSimulators({ appOrigins: [app], redirectUrls: [`${app}/`], log: true });
  console.log(`Open Data Labs   API ${simulators.opendatalabs.apiOrigin}  dashboard ${simulators.opendatalabs.dashboardOrigin}`);
  console.log(`Context Gateway  ${simulators.contextGateway.origin}`);
  console.log(`Alter            ${simulators.alter.origin}`);
  console.log(`Thryve           ${simulators.thryve.origin}`);
  console.log(`App origin ${app} and callback ${app}/ are registered. The API keys stay in this process.`);
  const stop = () => simulators.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
