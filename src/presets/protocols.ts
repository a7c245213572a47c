/**
 * Every preset's protocol (what its registry line in `./index.ts` does not
 * hold), loaded together when a flow or a return first needs one, with the
 * flow's runner: one lazy load however many systems a page speaks to, and no
 * piece of the page's initial code split into chunks of its own.
 */
import '../core/run.js';

export { alterPreset as alter } from './alter.js';
export { contextGatewayPreset as 'context-gateway' } from './context-gateway.js';
export { opendatalabsPreset as opendatalabs } from './opendatalabs.js';
export { thryvePreset as thryve } from './thryve.js';
