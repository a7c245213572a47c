/** 128 bits from `crypto.getRandomValues`, as 32 hex digits: binds a result to one flow. */
export function createState(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => (byte + 256).toString(16).slice(1)).join('');
}
