// connect-elements/define: registers every element under its default tag.
import { ConnectButtonElement } from './connect-button/connect-button.js';
import { ConnectModalElement } from './connect-modal/connect-modal.js';
import { SourceListElement } from './source-list/source-list.js';

// Type-only (erased at runtime): lets dist/types/define.d.ts import the element and
// event modules, so `import 'connect-elements/define'` alone brings their
// HTMLElementTagNameMap and GlobalEventHandlersEventMap entries.
export type { ConnectButtonElement, ConnectModalElement, SourceListElement };
export type * from './events.js';

ConnectButtonElement.define();
ConnectModalElement.define();
SourceListElement.define();
