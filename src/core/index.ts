/**
 * `connect-elements/core`: the whole Connect flow in plain TypeScript and DOM, no Lit.
 * Session request, launch, message guard and errors; the elements are thin on top.
 */
export { ConnectFlow, mintSession, buildSessionRequest } from './flow.js';
export type { FlowOptions, FlowCallbacks, FlowOutcome, FlowStatus, PrefetchedSession } from './flow.js';
export { openPopupInGesture } from './launcher.js';
export type { LaunchSurface } from './launcher.js';
export { MessageChannelGuard, defaultProtocol, isConnectionId } from './message-guard.js';
export type { FlowMessage, MessageProtocol } from './message-guard.js';
export { requestSession, validateSession, createState, isAllowedConnectUrl, isLoopbackHost } from './session.js';
export type { SessionRequest, SessionResponse, ValidSession, FetchSession, LaunchMode, SessionOptions } from './session.js';
export { ConnectError, ERROR_CODES, errorMessage, setErrorMessages, isErrorCode, cleanDescription } from './errors.js';
export type { ConnectErrorCode } from './errors.js';
export { PROTOCOL, PROTOCOL_VERSION, exactOrigin, isRecord } from './protocol.js';
export type { ConnectOperation, HostMessage, HostEnvelope } from './protocol.js';
