/**
 * Default user-facing messages (English), one per `connect-error` code.
 * Replace entries with {@link setErrorMessages} to localise; the codes never change.
 */
const messages = {
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

export type ConnectErrorCode = keyof typeof messages;

/** Every code a `connect-error` can carry. */
export const ERROR_CODES = Object.keys(messages) as readonly ConnectErrorCode[];

/** Codes that need a configuration change: trying again cannot help. */
const NOT_RETRYABLE = new Set<string>(['session_invalid_response', 'origin_not_allowed', 'provisioning_failed', 'invalid_scope', 'redirect_uri_mismatch']);

export function isErrorCode(value: unknown): value is ConnectErrorCode {
  return typeof value === 'string' && Object.hasOwn(messages, value);
}

export function errorMessage(code: ConnectErrorCode): string {
  return messages[code];
}

/** Overrides default messages, e.g. for another locale. */
export function setErrorMessages(overrides: Partial<Record<ConnectErrorCode, string>>): void {
  for (const [code, text] of Object.entries(overrides)) if (isErrorCode(code) && text) messages[code] = text;
}

/**
 * The error a flow ends with. `code` is a `connect-error` code, or `'exit'` when
 * `start()` rejects because the user left without completing.
 */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  readonly code: ConnectErrorCode | 'exit';
  readonly retryable: boolean;
  /** The provider's own description, as plain text, when it sent one. */
  readonly description?: string;
  /**
   * The system's own error string (`access_denied`, `rate_limited`...), plain
   * text, cleaned like `description`; set only when it is not already `code`,
   * so an app can tell apart what our shared codes merge.
   */
  readonly vendorCode?: string;

  constructor(
    code: ConnectErrorCode | 'exit',
    options: { message?: string; description?: string; vendorCode?: unknown; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(options.message ?? (code === 'exit' ? 'The user left.' : messages[code]), { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? !NOT_RETRYABLE.has(code);
    if (options.description) this.description = options.description;
    const vendorCode = cleanDescription(options.vendorCode);
    if (vendorCode && vendorCode !== code) this.vendorCode = vendorCode;
  }
}

/** Provider text is shown as plain text only, trimmed to a sane length. */
export function cleanDescription(value: unknown, max = 300): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control and format characters (bidi overrides among them) could hide or reorder what a user reads.
  const text = value.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A flow's ending with the error `code`; `vendorCode` is the system's own string for it, if any. */
export const failure = (code: ConnectErrorCode, description?: string, vendorCode?: unknown) => ({
  type: 'error' as const,
  error: new ConnectError(code, { description, vendorCode }),
});
