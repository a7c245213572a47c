/**
 * What every simulator sets up the same way: its claimed flows (one decision
 * each) and the sweeper that forgets stale records, its hosted pages (with the
 * opener policy the operator chose), the page scripts and icons, and the servers
 * it listens on. A simulator file keeps only what its vendor does differently.
 */
import { OPENER_POLICIES, createFlows, iconRoute, sendHtml, sendScript, serve, startSweeper } from '../http.mjs';

/**
 * @param {{
 *   name: string, script: string, host: string, now: () => number, log: boolean,
 *   assets: Record<string, string>, openerPolicy?: 'same-origin',
 *   tables?: Array<[Map<unknown, any>, (record: any, now: number) => boolean]>,
 * }} options `script`: the page script served with `panel.js` under `/_sandbox/`;
 *   `tables`: the simulator's own records, swept with its flows.
 */
export function createSimulator({ name, script, host, now, log, assets, openerPolicy, tables = [] }) {
  if (openerPolicy !== undefined && !OPENER_POLICIES.has(openerPolicy)) throw new TypeError(`${name}: unknown openerPolicy "${openerPolicy}"`);
  const flows = createFlows(now);
  const sweeper = startSweeper(now, [...tables, flows.sweep]);
  const servers = [];
  const scriptRoute = [
    new RegExp(`^/_sandbox/(panel|${script})\\.js$`),
    'script',
    { GET: (_req, res, match) => sendScript(res, assets[match[1]]) },
  ];

  return {
    flows,
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
