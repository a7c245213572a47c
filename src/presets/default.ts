export { defaultPreset } from '../core/default-preset.js';
