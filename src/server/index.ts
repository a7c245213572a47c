/**
 * `connect-elements/server`: the safe half of the session endpoint, for the app's
 * backend. Plain fetch handlers (`(request: Request) => Promise<Response>`) with no
 * framework and no Node built-in, so they run on Node 20 (through
 * {@link toNodeHandler}), Express, Hono, Next.js route handlers, Deno, Bun and workers.
 * Nothing here imports DOM code: only the pure error codes and URL checks of `core/`.
 */
export { createSessionHandler } from './session-handler.js';
export type { Mint, MintContext, SessionHandlerOptions, SessionRequest, SessionResponse, LaunchMode } from './session-handler.js';
export { createResultHandler } from './result-handler.js';
export type { FlowResult, ReadResult, ResultHandlerOptions } from './result-handler.js';
export { ConnectServerError } from './http.js';
export type { OnServerError, ServerErrorContext } from './http.js';
export type { AllowedOrigins } from './validate.js';
export { toNodeHandler } from './node.js';
export type { NodeHandlerOptions, NodeRequestLike, NodeResponseLike } from './node.js';
export { mintSandboxSession, readSandboxResult } from './sandbox.js';
export type { SandboxOptions, MintSandboxOptions, SandboxFinish, SandboxOutcome } from './sandbox.js';
export { ERROR_CODES, type ConnectErrorCode } from '../core/errors.js';
