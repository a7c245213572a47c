import { expect } from '@open-wc/testing';
import { parseCatalog } from './catalog.js';
import { categoriesOf, categoryLabel, filterSources, fitFilter, isFiltering, matchCountText, memoizedFilter, NO_FILTER } from './filter.js';

describe('<source-list> filter', () => {
  const sources = parseCatalog([
    { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories and issues.' },
    { id: 'spotify', name: 'Spotify', category: 'music', description: 'Listening history.' },
    { id: 'apple-music', name: 'Apple Music', category: 'music' },
  ])!;
  const ids = (list: readonly { id: string }[]) => list.map((s) => s.id);

  it('matches name, id, description and category, case-insensitively, every word', () => {
    expect(ids(filterSources(sources, 'GIT'))).to.deep.equal(['github']);
    expect(ids(filterSources(sources, 'apple-music'))).to.deep.equal(['apple-music']);
    expect(ids(filterSources(sources, 'history'))).to.deep.equal(['spotify']);
    expect(ids(filterSources(sources, 'MUSIC'))).to.deep.equal(['spotify', 'apple-music']);
    expect(ids(filterSources(sources, 'music listening'))).to.deep.equal(['spotify']);
    expect(ids(filterSources(sources, 'nothing'))).to.deep.equal([]);
  });

  it('filters by category, and returns the catalog itself when nothing filters', () => {
    expect(ids(filterSources(sources, '', 'music'))).to.deep.equal(['spotify', 'apple-music']);
    expect(ids(filterSources(sources, 'apple', 'music'))).to.deep.equal(['apple-music']);
    expect(filterSources(sources, '  ')).to.equal(sources);
  });

  it('lists categories once, in catalog order, with a readable label', () => {
    expect(categoriesOf(sources)).to.deep.equal(['code', 'music']);
    expect(categoryLabel('code')).to.equal('Code');
  });

  it('drops a chosen category that a new catalog no longer has, and keeps the filter otherwise', () => {
    const music = { query: 'x', category: 'music' };
    expect(fitFilter(music, ['code'])).to.deep.equal({ query: 'x', category: '' });
    expect(fitFilter(music, ['code', 'music'])).to.equal(music);
    expect(fitFilter(NO_FILTER, [])).to.equal(NO_FILTER);
  });

  it('filters again only when the catalog or the filter is a new one', () => {
    const visible = memoizedFilter();
    const filter = { query: 'music', category: '' };
    const first = visible(sources, filter);
    expect(ids(first)).to.deep.equal(['spotify', 'apple-music']);
    expect(visible(sources, filter), 'same inputs, same answer').to.equal(first);
    expect(ids(visible(sources, { query: 'spot', category: '' }))).to.deep.equal(['spotify']);
    expect(ids(visible(sources.slice(0, 1), filter))).to.deep.equal([]);
  });

  it('says whether anything is filtered, and how many sources match', () => {
    expect(isFiltering(NO_FILTER)).to.be.false;
    expect(isFiltering({ query: '   ', category: '' })).to.be.false;
    expect(isFiltering({ query: '', category: 'music' })).to.be.true;
    expect([0, 1, 2].map(matchCountText)).to.deep.equal(['No sources match.', '1 source.', '2 sources.']);
  });
});
