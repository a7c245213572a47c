// connect-elements/core: the framework-free flow (no Lit). Filled in by the core work.
export * from './protocol.js';
