import type { ConnectTranslation } from '../localize.js';
import enFlow from './en-flow.js';
import enList from './en-list.js';

/**
 * English, whole: the flow's strings (bundled with every element) and the
 * list's (bundled with `<source-list>`). Keys are the same in every locale file
 * (see `ConnectTranslation`); the error messages are core's (`core/messages.ts`).
 */
const en: ConnectTranslation = { ...enFlow, ...enList };

export default en;
