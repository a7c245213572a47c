// <connect-button>, <connect-modal> and <source-list> in Svelte's templates: typed
// properties and events, generated from the package's manifest.
/// <reference types="connect-elements/types/svelte" />
