import type { EnglishFlowStrings } from '../localize.js';

/**
 * English of the flow (the button, the modal, the status texts): bundled with
 * every element, and the fallback for any key a locale leaves out. The list's
 * English (`en-list.ts`) comes with `<source-list>`; `en.ts` is both.
 */
const enFlow: EnglishFlowStrings = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  connect: 'Connect',
  reconnect: 'Reconnect',
  disconnect: 'Disconnect',
  disconnecting: 'Disconnecting…',

  dialogLabel: 'Connect an account',
  dialogClose: 'Close',
  dialogLoading: 'Loading the sign-in page…',
  popupPlaceholder: 'Connecting…',

  statusConnecting: 'Connecting…',
  statusOpen: 'The connection window is open.',
  statusWaiting: 'Waiting for the sign-in window. If you closed it, choose Cancel.',
  statusRedirecting: 'Leaving for the sign-in page…',
  statusConnected: 'Connected.',
  waitingNote: 'Continue in the sign-in window.',
  waitingCancel: 'Cancel',
  requiredConnection: (name) => `Connect ${name} to continue.`,

  // The error messages are core's English (src/core/messages.ts): they load with a flow's ending (controllers/flow-outcome.ts).
};

export default enFlow;
