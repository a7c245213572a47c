// connect-elements: classes, events and types. Registers nothing.
export * from './core/index.js';
export * from './events.js';
// Shadows core's setErrorMessages: the elements' one also takes a locale (src/localize.ts).
export { registerTranslation, setErrorMessages, ConnectLocalizeController } from './localize.js';
export type { ConnectStrings, ConnectTranslation, CompleteTranslation, PartialTranslation, ConnectErrorStrings, ConnectCategoryStrings } from './localize.js';
export { ConnectButtonElement } from './connect-button/connect-button.js';
export { ConnectModalElement } from './connect-modal/connect-modal.js';
export { SourceListElement, VIRTUALIZE_ABOVE } from './source-list/source-list.js';
export type { CatalogSource, SourceConnection, SourceStatus, SourceListLayout } from './source-list/source-list.js';
export { ConnectFlowController } from './controllers/flow-controller.js';
export type {
  ConnectStatus,
  ConnectMode,
  ConnectFallback,
  ConnectPreset,
  ConnectResult,
  FlowAttributes,
  LaunchOverrides,
  RedirectOutcome,
  ModeReason,
} from './controllers/flow-controller.js';
