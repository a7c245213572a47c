import { expect } from '@open-wc/testing';
import { parseCatalog } from './catalog.js';
import { categoriesOf, filterSources, fitFilter, isFiltering, memoizedFilter, NO_FILTER } from './filter.js';

describe('<source-list> filter', () => {
  const sources = parseCatalog([
    { id: 'github', name: 'GitHub', category: 'code', description: 'Repositories and issues.' },
    { id: 'spotify', name: 'Spotify', category: 'music', description: 'Listening history.' },
    { id: 'apple-music', name: 'Apple Music', category: 'music', categoryLabel: 'Musik' },
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

  it('lists categories once, in catalog order, with the first label the catalog gives (never one made from the id)', () => {
    expect([...categoriesOf(sources)]).to.deep.equal([
      ['code', ''],
      ['music', 'Musik'],
    ]);
  });

  it("searches a category's catalog label too", () => {
    expect(ids(filterSources(sources, 'musik'))).to.deep.equal(['apple-music']);
  });

  it('drops a chosen category that a new catalog no longer has, and keeps the filter otherwise', () => {
    const music = { query: 'x', category: 'music' };
    expect(fitFilter(music, new Map([['code', '']]))).to.deep.equal({ query: 'x', category: '' });
    expect(fitFilter(music, new Map([['code', ''], ['music', '']]))).to.equal(music);
    expect(fitFilter(NO_FILTER, new Map())).to.equal(NO_FILTER);
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

  it('says whether anything is filtered', () => {
    expect(isFiltering(NO_FILTER)).to.be.false;
    expect(isFiltering({ query: '   ', category: '' })).to.be.false;
    expect(isFiltering({ query: '', category: 'music' })).to.be.true;
  });
});
