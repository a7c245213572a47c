import { defaultProtocol } from './message-guard.js';
import { DEFAULT_PRESET, type Preset, type PresetProtocol } from './preset.js';
import { readDefaultReturn } from './redirect.js';

/** Our own protocol's messages and return (its launch facts are {@link DEFAULT_PRESET}'s). */
export const defaultProtocolPreset: PresetProtocol = {
  protocol: defaultProtocol,
  readReturn: readDefaultReturn,
};

/** Our own protocol, whole: every mode, results by message or by return. */
const { name, modes, autoMode, echoesState, returnsInPopup } = DEFAULT_PRESET;
export const defaultPreset: Preset = { name, modes, autoMode, echoesState, returnsInPopup, ...defaultProtocolPreset };
