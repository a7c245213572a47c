import { defaultProtocol } from './message-guard.js';
import { ALL_MODES, type Preset } from './preset.js';
import { readDefaultReturn } from './redirect.js';

/** Our own protocol, spoken by `connect-elements/host`: every mode, results by message or by return. */
export const defaultPreset: Preset = {
  name: 'default',
  modes: ALL_MODES,
  autoMode: 'device',
  protocol: defaultProtocol,
  echoesState: true,
  returnsInPopup: true,
  readReturn: readDefaultReturn,
};
