/**
 * Every preset's protocol (what its registry line in `./index.ts` does not
 * hold), loaded together when a flow or a return first needs one, with the
 * flow's runner: one lazy load however many systems a page speaks to, and no
 * piece of the page's initial code split into chunks of its own.
 */
import '../core/run.js';
import { alterPreset } from './alter.js';
import { contextGatewayPreset } from './context-gateway.js';
import { opendatalabsPreset } from './opendatalabs.js';
import { thryvePreset } from './thryve.js';

/** By preset name. An object, not string-named exports: not every bundler's target takes `export { x as "a-b" }`. */
export const PROTOCOLS = {
  alter: alterPreset,
  'context-gateway': contextGatewayPreset,
  opendatalabs: opendatalabsPreset,
  thryve: thryvePreset,
};
