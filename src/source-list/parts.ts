/**
 * What `<source-list>` needs once sources are in sight: the validation of a
 * catalog and of connections (untrusted input), the view of its items (their
 * markup, account rows too, the keyboard between them, the virtualizer's
 * loading, the plain grid's fitting) and an account's disconnect. Loaded
 * with the first list on a page (while its catalog is requested, so a list
 * waits for no extra round trip), one load for every list.
 */
export { connectionsBySource, parseCatalog, parseConnections, withConnection, withoutConnection } from './catalog.js';
export { ItemListView } from './item-list.js';
export { DisconnectController } from './disconnect-controller.js';
