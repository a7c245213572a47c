// The script of /__csp.html (web-test-runner.config.mjs): counts CSP violations from the first moment, then registers every element.
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
(window as unknown as { cspViolations: string[] }).cspViolations = violations;
await import('../../src/define.js');
(window as unknown as { cspReady: boolean }).cspReady = true;
export {};
