/**
 * What a listing needs only once a reader can search and filter: the search
 * box, sort and grouping, the filters and the facet counting behind them.
 * Loaded by `<library-list>` when it shows reader tools, in parallel with the
 * feed. The listing shows the controls as soon as this has come, while the
 * feed may still be downloading, and never shows the feed before them, so
 * they do not appear late; should this fail, it shows the feed without them,
 * saying so. A "related work" box with `no-controls` never downloads it. The
 * controls' styles and words are here too, not in the listing's entry.
 */
import { html, nothing } from 'lit';
import { enTools } from '../../localize/en-tools.js';
import { GROUPINGS, SORTS, type Grouping, type Sort } from '../../query/query.js';
import type { Facet, FacetCounts, FacetSelection } from '../../query/facets.js';
import type { FacetIndex } from '../../query/facet-counts.js';
import type { PublicationType } from '../../feed/publication.js';
import type { FacetChangeEvent } from '../../events/facet-change-event.js';
import '../library-facets/define.js';

export { applyFacets, indexFacets } from '../../query/facet-counts.js';
export { SearchScanController } from '../../controllers/search-scan-controller.js';
export { loadSearch } from '../../search/load-search.js';
export { enFacets } from '../../localize/en-facets.js';
export { enTools };
export { controlsStyles } from './reader-tools.styles.js';

/** The reader's orders: the editor's, plus "best match" while searching. */
export type ReaderSort = Sort | 'relevance';

/** The controls' values, and what the listing does when a reader changes one. */
export interface Controls {
  /** The list's name (its `label`, else the feed's title), or empty. */
  label: string;
  query: string;
  sort: ReaderSort;
  grouping: Grouping;
  /** Whether a search is under way: "best match" is then offered first. */
  searching: boolean;
  /** Without section headings there is no grouping to choose. */
  noHeadings: boolean;
  onSearch(query: string): void;
  onSort(sort: ReaderSort): void;
  onGroup(grouping: Grouping): void;
}

/** The search, sort and grouping bar. */
export function renderControls(c: Controls) {
  const sorts: ReaderSort[] = c.searching ? ['relevance', ...SORTS] : [...SORTS];
  return html`<form part="controls" class="controls" role="search" aria-label=${enTools.controlsLabel(c.label)} @submit=${(e: Event) => e.preventDefault()}>
    <label class="field search">
      <span>${enTools.searchLabel}</span>
      <input
        part="search"
        type="search"
        .value=${c.query}
        placeholder=${enTools.searchPlaceholder}
        dir="auto"
        autocomplete="off"
        @input=${(e: Event) => c.onSearch((e.target as HTMLInputElement).value)}
      />
    </label>
    <label class="field">
      <span>${enTools.sortLabel}</span>
      <select @change=${(e: Event) => c.onSort((e.target as HTMLSelectElement).value as ReaderSort)}>
        ${sorts.map((s) => html`<option value=${s} ?selected=${s === c.sort}>${enTools.sortOptions[s]}</option>`)}
      </select>
    </label>
    ${c.noHeadings
      ? nothing
      : html`<label class="field">
          <span>${enTools.groupLabel}</span>
          <select @change=${(e: Event) => c.onGroup((e.target as HTMLSelectElement).value as Grouping)}>
            ${GROUPINGS.map((g) => html`<option value=${g} ?selected=${g === c.grouping}>${enTools.groupOptions[g]}</option>`)}
          </select>
        </label>`}
  </form>`;
}

/** What the filters show, and what the listing does when a reader changes them. */
export interface Filters {
  /** The filters the editor offers, in their order. */
  facets: Facet[];
  index: FacetIndex;
  /** Each value's count with the reader's other choices applied. */
  counts: FacetCounts;
  selection: FacetSelection;
  /** The feed's types, for their labels and order. */
  types: readonly PublicationType[];
  /** A narrow listing folds the filters into a closed disclosure. */
  narrow: boolean;
  /** The listing's colour theme, which the filters take on. */
  theme?: 'dark' | 'auto';
  /** Whether "Clear filters" shows with no filter ticked: while a search is typed, which it clears too. */
  clearable: boolean;
  onChange(event: FacetChangeEvent): void;
}

/**
 * The filters, as a `<library-facets>` element. A filter is offered when the
 * editor's selection has more than one value for it, so filters do not come
 * and go as the reader narrows; one the reader ticked stays to be unticked.
 */
export function renderFacets(f: Filters) {
  const shown = f.facets.filter((facet) => f.index.columns[facet].values.length > 1 || f.selection[facet]?.length);
  if (!shown.length) return nothing;
  return html`<library-facets
    exportparts="facets, facet, clear"
    .facets=${shown}
    .counts=${f.counts}
    .selection=${f.selection}
    .types=${f.types}
    ?narrow=${f.narrow}
    theme=${f.theme ?? nothing}
    ?clearable=${f.clearable}
    @facet-change=${f.onChange}
  ></library-facets>`;
}
