import type { ConnectErrorCode } from './errors.js';

/**
 * The English message of every `connect-error` code. Not part of core's
 * initial bytes: a flow's run loads them (`ConnectError.message` reads them
 * when asked), and the elements bundle them with their English locale.
 */
export const ENGLISH_ERROR_MESSAGES: Record<ConnectErrorCode, string> = {
  popup_blocked: 'Pop-up blocked. Allow pop-ups and try again.',
  network_error: 'Could not reach the server. Try again.',
  session_failed: 'Could not start. Try again.',
  session_timeout: 'The server took too long. Try again.',
  session_invalid_response: 'Bad answer from the server.',
  origin_not_allowed: 'This site may not connect.',
  invalid_token: 'The link expired. Try again.',
  user_denied: 'Access was not granted.',
  source_error: 'The service is unavailable. Try again later.',
  provisioning_failed: 'A system error occurred. Contact support.',
  timeout: 'It took too long. Try again.',
  invalid_scope: 'The requested access is unavailable.',
  redirect_uri_mismatch: 'The return address is not registered.',
  state_mismatch: 'The result could not be verified. Try again.',
  iframe_load_failed: 'The page did not load. Try again.',
  unknown: 'Something went wrong. Try again.',
};
