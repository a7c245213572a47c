/** Every code a `connect-error` can carry; their English messages are in `messages.ts`. */
export const ERROR_CODES = [
  'popup_blocked', 'network_error', 'session_failed', 'session_timeout', 'session_invalid_response', 'origin_not_allowed',
  'invalid_token', 'user_denied', 'source_error', 'provisioning_failed', 'timeout', 'invalid_scope', 'redirect_uri_mismatch',
  'state_mismatch', 'iframe_load_failed', 'unknown',
] as const;

export type ConnectErrorCode = (typeof ERROR_CODES)[number];

/**
 * The messages `ConnectError` says: the English defaults once loaded (a flow's
 * run or the elements' English locale loads them), with the app's overrides
 * on top. A code without a message says its code.
 */
const messages: Partial<Record<ConnectErrorCode, string>> = {};
const overridden = new Set<string>();

/** Codes that need a configuration change: trying again cannot help. */
const NOT_RETRYABLE = new Set<string>(['session_invalid_response', 'origin_not_allowed', 'provisioning_failed', 'invalid_scope', 'redirect_uri_mismatch']);

export function isErrorCode(value: unknown): value is ConnectErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

export function errorMessage(code: ConnectErrorCode): string {
  return messages[code] ?? code;
}

/** Overrides default messages, e.g. for another locale. */
export function setErrorMessages(overrides: Partial<Record<ConnectErrorCode, string>>): void {
  for (const [code, text] of Object.entries(overrides)) if (isErrorCode(code) && text) {
    messages[code] = text;
    overridden.add(code);
  }
}

/** Sets the default messages (English) under any override the app already made. */
export function setDefaultErrorMessages(defaults: Partial<Record<ConnectErrorCode, string>>): void {
  for (const [code, text] of Object.entries(defaults)) if (isErrorCode(code) && !overridden.has(code)) messages[code] = text;
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
    super(options.message, { cause: options.cause });
    // Read when asked: the English messages may load after the error was made (they come with the flow's run).
    if (options.message === undefined) Object.defineProperty(this, 'message', { get: () => (code === 'exit' ? 'The user left.' : errorMessage(code)), configurable: true });
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
