// connect-elements: classes, events and types. Registers nothing.
// Core's public API, less its message guard (`MessageChannelGuard`, `defaultProtocol`): only a
// flow's run uses it, and re-exported here it would load with every element's page (a bundler
// such as esbuild loads a file the entry reaches and a lazy chunk uses up front). A page that
// builds its own flow imports it from `connect-elements/core`.
// From their modules, not from core's entry point, so the library build does not make this
// entry import that one.
export { ConnectFlow, FLOW_DEFAULTS } from './core/flow.js';
export { openPopupInGesture } from './core/surfaces/popup.js';
export { requestSession, completeRedirect, relayReturn } from './core/lazy.js';
export { ConnectError, ERROR_CODES } from './core/errors.js';
export { PROTOCOL, PROTOCOL_VERSION, exactOrigin } from './core/protocol.js';
export type * from './core/index.js';
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
