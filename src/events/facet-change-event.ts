import type { FacetSelection } from '../query/facets.js';

/**
 * Fired by `<library-facets>` when the reader ticks or unticks a filter, or
 * clears them all. `selection` is the complete new choice; `cleared` says the
 * reader asked to clear every filter (a listing clears its search too).
 */
export class FacetChangeEvent extends Event {
  static readonly type = 'facet-change';

  constructor(
    readonly selection: FacetSelection,
    readonly cleared = false,
  ) {
    super(FacetChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'facet-change': FacetChangeEvent;
  }
}
