/**
 * `connect-elements/callback`: for a return page that loads no element. A popup
 * sent back to the flow's `redirect-url` (its opener link severed, or a system
 * that only redirects) hands the result to the tab that started the flow over
 * `BroadcastChannel` and closes once that tab has claimed it. A return no tab
 * claims stays here as an ordinary redirect return, for the page's own
 * `completeRedirect()`. No Lit; a few hundred bytes. Imported on a server, it does nothing.
 *
 * @example <script type="module" src="/node_modules/connect-elements/dist/callback.js"></script>
 */
import { relayReturn } from './core/channels/relay.js';

// Unclaimed, the return stays in the address bar for the page's own code (`completeRedirect()`).
// On a server (a framework prerendering the return page) there is no address to read: a no-op.
if (typeof window !== 'undefined' && typeof location !== 'undefined') void relayReturn();

export { relayReturn };
