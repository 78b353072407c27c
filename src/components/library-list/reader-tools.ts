/**
 * What a listing needs only once a reader can filter: the filters' element
 * and the facet counting behind it. Loaded by `<library-list>` when it shows
 * reader tools, in parallel with the feed; a "related work" box with
 * `no-controls` never downloads it.
 */
import '../library-facets/define.js';

export { applyFacets, indexFacets } from '../../query/facet-counts.js';
