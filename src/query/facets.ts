/**
 * Facets: the reader narrows a listing by type, topic, author, year and
 * origin. Values of one facet are OR-ed (reports or briefings), facets are
 * AND-ed (reports by this author). Each facet's counts say how many results
 * choosing that value would give, so they are counted with every *other*
 * facet applied, and a value already chosen never shows 0.
 */

export const FACETS = ['type', 'tag', 'author', 'year', 'origin'] as const;
export type Facet = (typeof FACETS)[number];

/** The values the reader ticked, per facet. An empty or missing list means "any". */
export type FacetSelection = Partial<Record<Facet, readonly string[]>>;

/** For each facet, how many publications each value would give (see `applyFacets` in `facet-counts.ts`). */
export type FacetCounts = Record<Facet, Map<string, number>>;

/** Whether anything is chosen in any facet. */
export function hasFacetChoice(selection: FacetSelection): boolean {
  return FACETS.some((facet) => selection[facet]?.length);
}
