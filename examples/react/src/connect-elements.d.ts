// <connect-button>, <connect-modal> and <source-list> in React 19's JSX: typed props and
// the real event props (`onconnect-success`), generated from the package's manifest.
/// <reference types="connect-elements/types/react" />
