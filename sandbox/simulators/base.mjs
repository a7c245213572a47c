/**
 * What every simulator sets up the same way: its claimed flows (one decision
 * each) and the sweeper that forgets stale records, its hosted pages (with the
 * opener policy the operator chose), the page scripts and icons, and the servers
 * it listens on. A simulator file keeps only what its vendor does differently.
 */
import { OPENER_POLICIES, createFlows, iconRoute, sendHtml, sendScript, serve, startSweeper } from '../http.mjs';
import { httpHref } from './pages.mjs';

/**
 * Whether the page is loading into a frame (`Sec-Fetch-Dest`, which browsers send
 * to https and localhost origins). The embedding app is around such a page: a link
 * back would only open the app inside its own frame.
 */
const framed = (req) => req.headers['sec-fetch-dest'] === 'iframe' || req.headers['sec-fetch-dest'] === 'frame';

/** The origin of the request's `Referer` when it is an http(s) app origin the registry approves, else `undefined`. */
function approvedReferer(req, registry) {
  const href = httpHref(req.headers.referer);
  const origin = href && new URL(href).origin;
  return origin && registry?.hasOrigin(origin) ? origin : undefined;
}

/**
 * @param {{ host: string, now: () => number, log: boolean, assets: Record<string, string>, openerPolicy?: 'same-origin', registry?: ReturnType<typeof import('../http.mjs').createRegistry> }} options
 *   what `startSimulators` gives every simulator.
 * @param {string} name for the log, and the page script (`assets/<name>.js`)
 *   served with `panel.js` under `/_sandbox/`.
 */
export function createSimulator({ host, now, log, assets, openerPolicy, registry }, name) {
  if (openerPolicy !== undefined && !OPENER_POLICIES.has(openerPolicy)) throw new TypeError(`${name}: unknown openerPolicy "${openerPolicy}"`);
  const flows = createFlows(now);
  const tables = [flows.sweep];
  const sweeper = startSweeper(now, tables);
  const servers = [];
  /**
   * The link back an error page offers (`messagePage`'s `back`): to `origin`, an app
   * origin the caller read from its server-side record and the registry approves.
   * None without one, and none inside a frame.
   */
  const backTo = (req, /** @type {string | undefined} */ origin) => (origin && !framed(req) ? { href: `${origin}/` } : undefined);
  const scriptRoute = [
    new RegExp(`^/_sandbox/(panel|${name})\\.js$`),
    'script',
    { GET: (_req, res, match) => sendScript(res, assets[match[1]]) },
  ];

  return {
    flows,
    /** The origin of the first server it listens on (`''` before). */
    get origin() {
      return servers[0]?.origin ?? '';
    },
    backTo,
    /**
     * The link back when there is no record to read where the app is: to the origin
     * of the request's `Referer` (the page that sent the visitor here), only when the
     * registry approves it as an app origin. Never from the URL's query.
     */
    backFromReferer(req) {
      return backTo(req, approvedReferer(req, registry));
    },
    /** A new record table, swept of what `isStale(record, now)` says. */
    table(/** @type {(record: any, now: number) => boolean} */ isStale) {
      const map = new Map();
      tables.push([map, isStale]);
      return map;
    },
    /** A hosted page (see `sendHtml`), sent with the simulator's `Cross-Origin-Opener-Policy` when it has one. */
    sendPage(res, status, html, options = {}) {
      sendHtml(res, status, html, { ...options, openerPolicy });
    },
    /**
     * Starts a server with `routes` and the icons, plus the page scripts unless
     * `scripts` is false (an API-only origin). Resolves its origin.
     */
    async listen(routes, { suffix = '', scripts = true } = {}) {
      const server = await serve({ host, name: `${name}${suffix}`, log, routes: [...routes, ...(scripts ? [scriptRoute] : []), iconRoute] });
      servers.push(server);
      return server.origin;
    },
    async close() {
      clearInterval(sweeper);
      await Promise.all(servers.splice(0).map((server) => server.close()));
    },
  };
}
