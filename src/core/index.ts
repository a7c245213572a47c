/**
 * `connect-elements/core`: the whole Connect flow in plain TypeScript and DOM, no Lit.
 * Session request, launch, message guard, redirect return and errors; the
 * elements are thin on top. Only the public API is exported here: the elements
 * reach internal helpers by path, so they cost nothing to a page that uses core alone.
 */
export { ConnectFlow } from './flow.js';
export type { FlowOptions, FlowCallbacks, FlowOutcome, FlowStatus } from './flow.js';
export { openPopupInGesture } from './launcher.js';
export type { LaunchSurface } from './launcher.js';
export { MessageChannelGuard, defaultProtocol } from './message-guard.js';
export type { FlowMessage, MessageProtocol, MessageGuardOptions } from './message-guard.js';
export { requestSession } from './session.js';
export type { SessionRequest, SessionResponse, ValidSession, FetchSession, LaunchMode, SessionOptions } from './session.js';
export { startRedirect, completeRedirect } from './redirect.js';
export type { PendingRedirect, RedirectReturn, RedirectReader } from './redirect.js';
export { ConnectError, ERROR_CODES, setErrorMessages } from './errors.js';
export type { ConnectErrorCode } from './errors.js';
export { PROTOCOL, PROTOCOL_VERSION, exactOrigin } from './protocol.js';
export type { ConnectOperation, HostMessage, HostEnvelope } from './protocol.js';
