import { defaultProtocol } from '../core/message-guard.js';
import { readDefaultReturn } from '../core/redirect.js';
import type { Preset } from './preset.js';

/** Our own protocol (API.md), spoken by `connect-elements/host`. */
export const defaultPreset: Preset = {
  autoMode: 'device',
  protocol: defaultProtocol,
  echoesState: true,
  readReturn: readDefaultReturn,
};
