/**
 * What `<source-list>` needs once sources are in sight: the validation of a
 * catalog and of connections (untrusted input), an item's markup (its account
 * rows too), the keyboard's roving focus between items, the virtualizer's
 * loading, the plain grid's fitting and an account's disconnect. Loaded
 * with the first list on a page (while its catalog is requested, so a list
 * waits for no extra round trip), one load for every list.
 */
export { connectionsBySource, parseCatalog, parseConnections, withConnection, withoutConnection } from './catalog.js';
export { renderSourceItem } from './item.js';
export { RovingFocusController } from '../controllers/roving-focus.js';
export { DisconnectController } from './disconnect-controller.js';
export { GridFitController } from './grid-fit.js';
export { LazyVirtualizer } from './lazy-virtualizer.js';
