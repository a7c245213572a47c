// connect-elements/define: registers every element under its default tag.
import { ConnectButtonElement } from './connect-button/connect-button.js';
import { ConnectModalElement } from './connect-modal/connect-modal.js';

ConnectButtonElement.define();
ConnectModalElement.define();
