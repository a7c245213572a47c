// connect-elements/define: registers every element under its default tag.
import { ConnectButtonElement } from './connect-button/connect-button.js';
import { ConnectModalElement } from './connect-modal/connect-modal.js';
import { SourceListElement } from './source-list/source-list.js';

ConnectButtonElement.define();
ConnectModalElement.define();
SourceListElement.define();
