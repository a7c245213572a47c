import { DEFAULT_PRESET, lazyPreset as line, type LazyPreset, type PresetLaunch } from '../core/preset.js';

/** A registry line: the launch facts, and the protocol from `./protocols.ts` when first needed. */
const lazyPreset = (launch: PresetLaunch & { name: keyof (typeof import('./protocols.js'))['PROTOCOLS'] }) =>
  /* @__PURE__ */ line(launch, () => import('./protocols.js').then(({ PROTOCOLS }) => PROTOCOLS[launch.name]));

export type { Preset, PresetContext, PresetLaunch, PresetProtocol, LazyPreset } from './preset.js';

/**
 * Every system Connect Elements speaks to: the one list of preset names. A
 * fifth system is one file, one line here and its export in `./protocols.ts`.
 * The line holds what must be decided inside the click (modes, `auto`, state
 * in the return address, return in a popup, its own disconnect); the file,
 * loaded with every preset's protocol when a flow needs one, holds the rest.
 */
export const PRESETS: Readonly<Record<string, LazyPreset>> = {
  default: DEFAULT_PRESET,
  // The guide embeds the flow in a modal; its page also reports to an opener. No web return is documented.
  opendatalabs: /* @__PURE__ */ lazyPreset({ name: 'opendatalabs', modes: ['modal', 'popup', 'tab'], autoMode: 'modal', echoesState: false, returnsInPopup: false }),
  // A redirect system: in a popup or tab its return comes back through the relay.
  'context-gateway': /* @__PURE__ */ lazyPreset({ name: 'context-gateway', modes: ['redirect', 'popup', 'tab'], autoMode: 'redirect', echoesState: true, returnsInPopup: true }),
  // The widget opens a popup on desktops and redirects on phones; the page refuses to be framed.
  alter: /* @__PURE__ */ lazyPreset({ name: 'alter', modes: ['popup', 'tab', 'redirect'], autoMode: 'device', echoesState: false, returnsInPopup: true }),
  // Direct connections return by redirect; in a popup or tab that return comes back through the relay.
  thryve: /* @__PURE__ */ lazyPreset({ name: 'thryve', modes: ['redirect', 'popup', 'tab'], autoMode: 'redirect', echoesState: false, returnsInPopup: true, disconnects: true }),
};

/** The preset named `name`; an unknown name is the default protocol (the element warns). */
export function presetFor(name: string | undefined): LazyPreset {
  return (name && Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined) ?? DEFAULT_PRESET;
}
