/** The filters' words, kept apart so that a listing without reader tools does not carry them. */
const numbers = new Intl.NumberFormat('en');

export const enFacets = {
  filtersChosen: (count: number) => (count ? `Filters (${numbers.format(count)} chosen)` : 'Filters'),
  facetLabels: { type: 'Type', tag: 'Topic', author: 'Author', year: 'Year', origin: 'Origin' },
  origins: { institute: 'Our work', external: 'Outside works' } as Record<string, string>,
  showAll: (count: number) => `Show all ${numbers.format(count)}`,
  showFewer: 'Show fewer',
  count: (count: number) => numbers.format(count),
  clearFilters: 'Clear filters',
};
