import { html, LitElement, nothing } from 'lit';
import { FACETS, type Facet, type FacetCounts, type FacetSelection } from '../../query/facets.js';
import { byLabel, newestYearFirst } from '../../query/query.js';
import type { PublicationType } from '../../feed/publication.js';
import { FacetChangeEvent } from '../../events/facet-change-event.js';
import { enFacets } from '../../localize/en-facets.js';
import { hostStyles } from '../../styles/host.js';
import { facetStyles } from './library-facets.styles.js';

/** How many values a facet shows before "Show all". */
const PREVIEW = 8;

/** A title before a name ("Dr. Tong Zhao"), left out when authors are put in order, so that Tong Zhao stands under T. */
const HONORIFIC = /^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|rev|hon|amb|ambassador)\.?\s+/i;

/**
 * The reader's filters for a listing: a disclosure with one group of
 * checkboxes per facet (type, topic, author, year, origin), each value with
 * the number of publications choosing it would give, and "Clear filters".
 * `<library-list>` loads and drives it; it holds no data of its own and
 * reports every change with a `facet-change` event.
 *
 * @summary Filters with counts for a listing.
 *
 * @fires facet-change - `FacetChangeEvent`: the reader changed the filters; `selection` is the new choice, `cleared` is set for "Clear filters".
 *
 * @csspart facets - The disclosure holding the filters.
 * @csspart facet - Each filter's group of checkboxes.
 * @csspart clear - The button that clears the filters ("Clear filters", or "Clear search and filters" while a search is typed).
 */
export class LibraryFacets extends LitElement {
  static override styles = [hostStyles, facetStyles];

  static override properties = {
    facets: { attribute: false },
    counts: { attribute: false },
    selection: { attribute: false },
    types: { attribute: false },
    narrow: { type: Boolean },
    clearable: { type: Boolean },
    theme: { reflect: true },
    open: { state: true },
    expanded: { state: true },
  };

  /** The facets to offer, in order. */
  facets: readonly Facet[] = FACETS;

  /** For each facet, how many publications each value would give. */
  counts?: FacetCounts;

  /** What the reader has chosen. */
  selection: FacetSelection = {};

  /** The feed's types, for their plural labels and order. */
  types: readonly PublicationType[] = [];

  /** A narrow layout: the filters start folded. */
  narrow = false;

  /** Offer "Clear filters" even with no filter chosen (the listing has a search to clear). */
  clearable = false;

  /** The listing's colour theme, so that the filters' colours follow it: `dark` or `auto`. */
  theme?: 'dark' | 'auto';

  /** Whether the reader opened or closed the filters; until they do, they are open unless narrow. */
  private open?: boolean;

  /** Facets whose full list of values the reader asked for. */
  private expanded: readonly Facet[] = [];

  protected override render() {
    if (!this.counts) return nothing;
    const chosenCount = FACETS.reduce((sum, facet) => sum + (this.selection[facet]?.length ?? 0), 0);
    const open = this.open ?? !this.narrow;
    return html`<details
      part="facets"
      class="facets"
      ?open=${open}
      @toggle=${(e: Event) => {
        // Only the reader's own toggles count: opening or closing it from here also fires "toggle".
        const now = (e.target as HTMLDetailsElement).open;
        if (now !== (this.open ?? !this.narrow)) this.open = now;
      }}
    >
      <summary>${enFacets.filtersChosen(chosenCount)}</summary>
      ${this.facets.map((facet) => this.renderFacet(facet, this.counts![facet]))}
      ${chosenCount || this.clearable
        ? html`<button part="clear" type="button" class="button secondary clear" @click=${this.clear}>${enFacets.clear(this.clearable, chosenCount > 0)}</button>`
        : nothing}
    </details>`;
  }

  protected override updated(): void {
    // Each box shows the choice, as lit's live() would: Lit sets `checked` only when its own value for that
    // box changes, so a box a click ticked could stay ticked once another value took its place in the list.
    for (const box of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.checked = this.selection[box.name as Facet]?.includes(box.value) ?? false;
    }
  }

  private renderFacet(facet: Facet, counts: Map<string, number>) {
    const chosen = new Set(this.selection[facet] ?? []);
    const values = [...new Set([...counts.keys(), ...chosen])];
    const typeIndex = (id: string) => {
      const i = this.types.findIndex((t) => t.id === id);
      return i < 0 ? this.types.length : i;
    };
    if (facet === 'type') values.sort((a, b) => typeIndex(a) - typeIndex(b));
    else if (facet === 'year') values.sort(newestYearFirst);
    else if (facet === 'origin') values.sort();
    else {
      const key = new Map(values.map((value) => [value, facet === 'author' ? value.replace(HONORIFIC, '') : value]));
      const byName = byLabel([...key.values()]);
      values.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || byName(key.get(a)!, key.get(b)!) || byName(a, b));
    }
    const label = (value: string) =>
      facet === 'type'
        ? (this.types.find((t) => t.id === value)?.plural ?? value)
        : facet === 'origin'
          ? (enFacets.origins[value] ?? value)
          : value;
    const expanded = this.expanded.includes(facet);
    const long = values.length > PREVIEW;
    // A short list, with the reader's own choices always in it.
    const listed = long && !expanded ? values.filter((v, i) => i < PREVIEW || chosen.has(v)) : values;
    return html`<fieldset part="facet" class="facet">
      <legend>${enFacets.facetLabels[facet]}</legend>
      ${listed.length ? nothing : html`<p class="none">${enFacets.none}</p>`}
      ${listed.map(
        (value) => html`<label class="option">
          <input type="checkbox" name=${facet} .value=${value} .checked=${chosen.has(value)} @change=${this.toggle} />
          <span class="option-label" dir="auto">${label(value)}</span>
          <span class="option-count">${enFacets.count(counts.get(value) ?? 0)}</span>
        </label>`,
      )}
      ${long
        ? html`<button
            type="button"
            class="link-button"
            aria-expanded=${expanded ? 'true' : 'false'}
            @click=${() => (this.expanded = expanded ? this.expanded.filter((f) => f !== facet) : [...this.expanded, facet])}
          >
            ${expanded ? enFacets.showFewer : enFacets.showAll(values.length)}
          </button>`
        : nothing}
    </fieldset>`;
  }

  /**
   * The selection as the boxes show it: every value the reader chose is
   * listed, so the ticked boxes are the whole choice, also when two changes
   * come before the listing has drawn the first (a script ticking two boxes
   * in one go, where `selection` would still be the one from before).
   */
  private toggle = () => {
    const selection: Partial<Record<Facet, string[]>> = {};
    for (const box of this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
      (selection[box.name as Facet] ??= []).push(box.value);
    }
    this.dispatchEvent(new FacetChangeEvent(selection));
  };

  private clear = () => {
    this.dispatchEvent(new FacetChangeEvent({}, true));
  };
}
