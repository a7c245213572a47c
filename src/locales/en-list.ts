import type { EnglishListStrings } from '../localize.js';

const plural = new Intl.PluralRules('en');

/** English of `<source-list>`: it registers these itself, so a page without a list does not load them. */
const enList: EnglishListStrings = {
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
  requiredAnySource: 'Connect at least one source to continue.',
  accountsConnected: (count) => (plural.select(count) === 'one' ? `${count} account connected` : `${count} accounts connected`),
  addAccount: 'Add another account',
  badgeUnavailable: 'Unavailable',
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
};

export default enList;
