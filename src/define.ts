// connect-elements/define: registers every element under its default tag.
import { ConnectButtonElement } from './connect-button/connect-button.js';

ConnectButtonElement.define();
