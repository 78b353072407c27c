/** The filters' words, kept apart so that a listing without reader tools does not carry them. */
import { formatNumber } from './en.js';

export const enFacets = {
  filtersChosen: (count: number) => (count ? `Filters (${formatNumber(count)} chosen)` : 'Filters'),
  facetLabels: { type: 'Type', tag: 'Topic', author: 'Author', year: 'Year', origin: 'Origin' },
  origins: { institute: 'Our work', external: 'Outside works' } as Record<string, string>,
  showAll: (count: number) => `Show all ${formatNumber(count)}`,
  showFewer: 'Show fewer',
  count: (count: number) => formatNumber(count),
  /** The button that clears the reader's search and filters (under the filters, and where nothing matches), named for what it clears. */
  clear: (search: boolean, filters: boolean) => (search ? (filters ? 'Clear search and filters' : 'Clear search') : 'Clear filters'),
  /** Under a filter none of whose values is left by the search and the other filters. */
  none: 'None among these results',
};
