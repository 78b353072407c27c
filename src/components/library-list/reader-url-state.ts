/**
 * What a reader chose in a listing, as the page's URL keeps it for
 * `url-state`: the query (`q`), the ticked values of each filter, and the
 * order and grouping the reader picked. Loaded with the URL-state controller,
 * only by lists that keep their state in the URL.
 */
import type { ReactiveControllerHost } from 'lit';
import { UrlStateController, type UrlState } from '../../controllers/url-state-controller.js';
import { FACETS, type FacetSelection } from '../../query/facets.js';
import { GROUPINGS, SORTS, type Grouping } from '../../query/query.js';
import type { ReaderSort } from './reader-tools.js';

/** The reader's choices; an order or a grouping the reader did not choose is undefined. */
export interface ReaderState {
  query: string;
  chosen: FacetSelection;
  sort?: ReaderSort;
  group?: Grouping;
}

/** A listing's side of the URL: the reader's choices, read and written under the list's name. */
export class ReaderUrlState {
  private readonly url: UrlStateController;

  /**
   * @param name the list's name in the URL, or undefined to leave the URL alone
   * @param apply called with the choices the URL holds after Back or Forward
   */
  constructor(
    private readonly host: ReactiveControllerHost & EventTarget & { noControls: boolean },
    name: () => string | undefined,
    apply: (reader: ReaderState) => void,
  ) {
    this.url = new UrlStateController(host, { name, apply: (state) => host.noControls || apply(fromUrl(state)) });
  }

  /**
   * The choices in the current URL (none chosen when it holds nothing for the list), or undefined when the list has
   * no name, or has no controls: a search or filter the reader can neither see nor undo would only hide publications.
   */
  read(): ReaderState | undefined {
    if (this.host.noControls) {
      console.warn('<library-list> url-state is ignored on a list with no-controls: its readers could not see or change what a link chose.', this.host);
      return undefined;
    }
    const state = this.url.read();
    return state && fromUrl(state);
  }

  /** Writes the choices: a new history entry (`push`), or a letter of a search (`type`: one entry for the whole search). */
  write(reader: ReaderState, mode: 'push' | 'type'): void {
    const state: Record<string, string[]> = { q: reader.query.trim() ? [reader.query] : [] };
    for (const facet of FACETS) state[facet] = [...(reader.chosen[facet] ?? [])];
    state.sort = reader.sort ? [reader.sort] : [];
    state.group = reader.group ? [reader.group] : [];
    this.url.write(state, mode);
  }
}

/** A URL's state as the reader's choices, leaving out an order or a grouping the list does not have. */
function fromUrl(state: UrlState): ReaderState {
  const chosen: FacetSelection = {};
  for (const facet of FACETS) if (state[facet]?.length) chosen[facet] = [...state[facet]!];
  const sort = state.sort?.[0];
  const group = state.group?.[0];
  return {
    query: state.q?.[0] ?? '',
    chosen,
    sort: sort === 'relevance' || (SORTS as readonly string[]).includes(sort ?? '') ? (sort as ReaderSort) : undefined,
    group: (GROUPINGS as readonly string[]).includes(group ?? '') ? (group as Grouping) : undefined,
  };
}
