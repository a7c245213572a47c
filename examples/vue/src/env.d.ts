// <connect-button>, <connect-modal> and <source-list> as Vue GlobalComponents: typed
// properties and events, generated from the package's manifest.
/// <reference types="connect-elements/types/vue" />
