// connect-elements: classes, events and types. Registers nothing.
export * from './core/index.js';
