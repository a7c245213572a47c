// Types for panel.js, which the simulators serve as is and the default sandbox's
// hosted page (sandbox/hosted/hosted.ts) bundles.
export function readConfig(): Record<string, unknown>;
export function showStatus(heading: string, text?: string, isError?: boolean): void;
export function showConsent(): void;
export function fillConsent(options: { heading: string; text: string; icon?: string; items: string[] }): void;
export function onDecision(handlers: {
  allow(outcome: string): unknown;
  deny(): unknown;
  cancel(): unknown;
}): void;
export function postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
export function closeSoon(): void;
