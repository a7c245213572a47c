/**
 * `connect-elements/core`: the whole Connect flow in plain TypeScript and DOM, no Lit.
 * Mode choice, surfaces, session request, result channels (message guard,
 * return relay, server result), redirect return and errors; the elements are
 * thin on top. Only the public API is exported here: the elements reach
 * internal helpers by path, so they cost nothing to a page that uses core alone.
 *
 * What a page loads at first is what the click needs (the mode, the popup) and
 * what checks a result (the guard, the redirect return); the rest of a flow
 * (`run.ts`: session, modal, channels, English messages) loads when one starts.
 */
export { ConnectFlow, FLOW_DEFAULTS } from './flow.js';
export type { FlowOptions, FlowCallbacks, FlowOutcome, FlowStatus } from './flow.js';
export { openPopupInGesture } from './surfaces/popup.js';
export type { CloseTrigger } from './surfaces/surface.js';
export type { LaunchSurface } from './surfaces/surface.js';
export { MessageChannelGuard, defaultProtocol } from './message-guard.js';
export type { FlowMessage, MessageProtocol, MessageGuardOptions } from './message-guard.js';
export { requestSession } from './lazy.js';
export type { SessionRequest, SessionResponse, ValidSession, FetchSession, LaunchMode, SessionOptions } from './session.js';
export { completeRedirect } from './lazy.js';
export type { PendingRedirect, RedirectReturn, RedirectReader, CompletedRedirect } from './redirect.js';
export { relayReturn } from './lazy.js';
export type { RelayResult } from './channels/relay.js';
export type { Preset, PresetContext, PresetLaunch, PresetProtocol, LazyPreset, DisconnectContext } from './preset.js';
export type { RequestedMode, ModeReason, DeviceInfo } from './modes.js';
export { ConnectError, ERROR_CODES, setErrorMessages } from './errors.js';
export type { ConnectErrorCode } from './errors.js';
export { PROTOCOL, PROTOCOL_VERSION, exactOrigin } from './protocol.js';
export type { ConnectOperation, HostMessage, HostEnvelope } from './protocol.js';
