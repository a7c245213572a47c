/**
 * What the search box and the category select let through. Pure functions over
 * validated catalog items: no Lit, no DOM.
 */
import type { ListedSource } from './catalog.js';

/** The user's search text and chosen category (`''` for All). */
export interface SourceFilter {
  readonly query: string;
  readonly category: string;
}

export const NO_FILTER: SourceFilter = { query: '', category: '' };

/** Whether the filter hides anything: the empty state then says "No sources match", not "No sources available". */
export function isFiltering(filter: SourceFilter): boolean {
  return !!(filter.query.trim() || filter.category);
}

/** The categories of a catalog, each once, in the order they first appear, with the first label the catalog gives each (`''` for none). */
export function categoriesOf(sources: readonly ListedSource[]): Map<string, string> {
  const categories = new Map<string, string>();
  for (const source of sources) if (source.category && !categories.get(source.category)) categories.set(source.category, source.categoryLabel);
  return categories;
}

/** The filter for a new catalog: a chosen category the catalog no longer has falls back to All. */
export function fitFilter(filter: SourceFilter, categories: ReadonlyMap<string, string>): SourceFilter {
  return filter.category && !categories.has(filter.category) ? { ...filter, category: '' } : filter;
}

/**
 * The sources whose name, id, description or category contain every word of
 * `query` (case-insensitive), within `category` when one is given.
 */
export function filterSources(sources: readonly ListedSource[], query: string, category = ''): readonly ListedSource[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length && !category) return sources;
  return sources.filter((source) => (!category || source.category === category) && terms.every((term) => source.search.includes(term)));
}

/**
 * `filterSources` that filters again only when the catalog or the filter changed
 * (by identity): an element may ask on every render, and thousands of sources
 * are not filtered for a render that changed neither.
 */
export function memoizedFilter(): (sources: readonly ListedSource[], filter: SourceFilter) => readonly ListedSource[] {
  let last: { sources: readonly ListedSource[]; filter: SourceFilter; visible: readonly ListedSource[] } | undefined;
  return (sources, filter) => {
    if (last?.sources !== sources || last.filter !== filter) last = { sources, filter, visible: filterSources(sources, filter.query, filter.category) };
    return last.visible;
  };
}
