import type { ConnectTranslation } from '../localize.js';

const plural = new Intl.PluralRules('en');

/**
 * English: bundled with every element, and the fallback for any key a locale
 * leaves out. Keys are the same in every locale file (see `ConnectTranslation`).
 */
const en: ConnectTranslation = {
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

  sourcesLabel: 'Sources',
  searchSources: 'Search sources',
  categoryFilter: 'Category',
  allCategories: 'All',
  loadingSources: 'Loading sources…',
  sourcesFailed: 'The sources could not be loaded.',
  retry: 'Retry',
  noMatches: 'No sources match',
  noSources: 'No sources available',
  matchCount: (count) => (count === 0 ? 'No sources match.' : plural.select(count) === 'one' ? `${count} source.` : `${count} sources.`),
  badgeConnected: 'Connected',
  badgeConnectedStatus: (status) => `Connected (${status})`,
  badgeBeta: 'Beta',
  badgeComingSoon: 'Coming soon',
  sourceConnected: (name) => `${name} connected.`,
  sourceDisconnected: (name) => `${name} disconnected.`,
  disconnectFailed: (name, retryable) => `${name} could not be disconnected.${retryable ? ' Try again.' : ''}`,
  'category.calendar': 'Calendar',
  'category.code': 'Code',
  'category.communication': 'Communication',
  'category.finance': 'Finance',
  'category.fitness': 'Fitness',
  'category.health': 'Health',
  'category.music': 'Music',
  'category.productivity': 'Productivity',
  'category.social': 'Social',
  'category.storage': 'Storage',

  // The error messages are core's English (src/core/messages.ts): they load with a flow's ending (controllers/flow-outcome.ts).
};

export default en;
