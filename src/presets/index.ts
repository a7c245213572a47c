import { alterPreset } from './alter.js';
import { contextGatewayPreset } from './context-gateway.js';
import { defaultPreset } from './default.js';
import { opendatalabsPreset } from './opendatalabs.js';
import type { Preset } from './preset.js';
import { thryvePreset } from './thryve.js';

export type { Preset, PresetContext } from './preset.js';
export { STATE_PARAM } from './preset.js';
export { thryveToken, thryveUrl } from './thryve.js';

/** Every system Connect Elements speaks to: the one list of preset names. A fifth system is one file and one line here. */
export const PRESETS: Readonly<Record<string, Preset>> = Object.fromEntries(
  [defaultPreset, opendatalabsPreset, contextGatewayPreset, alterPreset, thryvePreset].map((preset) => [preset.name, preset]),
);

/** The preset named `name`; an unknown name is the default protocol (the element warns). */
export function presetFor(name: string | undefined): Preset {
  return (name && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined) ?? defaultPreset;
}
