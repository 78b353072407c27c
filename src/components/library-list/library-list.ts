import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { FeedController } from '../../controllers/feed-controller.js';
import { AnnouncerController } from '../../controllers/announcer-controller.js';
import { DEFAULT_TIMEOUT } from '../../feed/load-feed.js';
import type { Feed, Publication } from '../../feed/publication.js';
import { en } from '../../localize/en.js';
import {
  GROUPINGS,
  SORTS,
  groupPublications,
  matchesQuery,
  matchesSelection,
  queryWords,
  sortPublications,
  splitList,
  type Grouping,
  type Sort,
} from '../../query/query.js';
import { hostStyles } from '../../styles/host.js';
import { warnOnce } from '../../diagnostics/warn.js';
import { listStyles } from './library-list.styles.js';

export type ListLayout = 'list' | 'grid' | 'compact';

/** The cards' parts, passed through so that `library-list::part(card-title)` styles every card. */
const CARD_PARTS = ['card', 'type', 'title', 'authors', 'meta', 'summary', 'content', 'takeaways', 'actions', 'action', 'tombstone']
  .map((part) => `${part}: card-${part}`)
  .join(', ');
const LAYOUTS: readonly ListLayout[] = ['list', 'grid', 'compact'];

/**
 * The library's publications from a feed, grouped by type in the feed's
 * order, with a search box and sort for readers. Attributes let an editor
 * narrow it to a type, tag or author and cap its length, so the same element
 * serves the full library page and a partner's "related work" box.
 *
 * @summary A listing of publications from a Virtual Library feed.
 *
 * @fires library-load - `LibraryLoadEvent`: the feed loaded; `items` and the `issues` (skipped items and warnings) are on the event.
 * @fires library-error - `LibraryErrorEvent`: the feed could not be shown; `error.kind` says why.
 * @fires pdf-open - `PdfOpenEvent` from a card, cancelable: a reader chose "View PDF".
 *
 * @slot empty - Replaces the "No publications match." message.
 *
 * @csspart controls - The search and sort bar.
 * @csspart search - The search field.
 * @csspart count - The line that says how many publications are shown.
 * @csspart group - A section of one type (or year).
 * @csspart group-heading - The heading of a section.
 * @csspart items - A list of cards.
 * @csspart empty - The message shown when nothing matches.
 * @csspart error - The message shown when the feed cannot be loaded.
 * @csspart notice - The note that some feed entries could not be shown.
 * @csspart more - The "Show more" button.
 * @csspart card-card - Each card's box (its `card` part, passed through).
 * @csspart card-type - Each card's type line.
 * @csspart card-title - Each card's title.
 * @csspart card-authors - Each card's author line.
 * @csspart card-meta - Each card's date and publisher line.
 * @csspart card-summary - Each card's short summary.
 * @csspart card-content - A featured card's long summary.
 * @csspart card-takeaways - A featured card's takeaways.
 * @csspart card-actions - Each card's row of links.
 * @csspart card-action - Each link in a card's actions row.
 * @csspart card-tombstone - A withdrawn publication's card.
 *
 * @cssprop --vl-columns-min - Narrowest column in the grid layout. Default: `18rem`.
 * @cssprop --vl-group-heading-size - Size of section headings. Default: `1.4em`.
 * @cssprop --vl-font-family - Font of all text. Default: inherited from the page.
 * @cssprop --vl-font-size - Base font size. Default: `1rem`.
 * @cssprop --vl-line-height - Line height. Default: `1.5`.
 * @cssprop --vl-color-text - Text colour. Default: inherited from the page (`#e8eaed` in the dark theme).
 * @cssprop --vl-color-muted - Secondary text (counts, authors, dates). Default: the text colour at 85%.
 * @cssprop --vl-color-accent - Links and buttons. Default: `#0b5394` (`#9cc3ff` in the dark theme).
 * @cssprop --vl-color-accent-contrast - Text on accent-coloured buttons. Default: `#ffffff` (`#0b1a2b` in the dark theme).
 * @cssprop --vl-color-border - Borders and separators. Default: the text colour at 22%.
 * @cssprop --vl-color-surface - Card and field background. Default: `transparent` (`#1b1d21` in the dark theme).
 * @cssprop --vl-color-danger - Error messages. Default: `#b3261e` (`#ffb4ab` in the dark theme).
 * @cssprop --vl-radius - Corner radius. Default: `0.5rem`.
 * @cssprop --vl-space - Base spacing unit. Default: `1rem`.
 * @cssprop --vl-card-padding - Padding inside each card. Default: `var(--vl-space)`.
 * @cssprop --vl-title-size - Card title size. Default: `1.2em`.
 * @cssprop --vl-featured-title-size - Title size of featured cards. Default: `1.5em`.
 * @cssprop --vl-title-font-family - Font of section headings and card titles. Default: `--vl-font-family`.
 * @cssprop --vl-focus-ring - Outline of the focused control. Default: `2px solid` the accent colour.
 * @cssprop --vl-color-background - Background of the element in the dark theme (`theme="dark"` or `auto` on a dark system). Default: `#121316`.
 */
export class LibraryList extends LitElement {
  static override styles = [hostStyles, listStyles];

  // Declared here rather than with decorators: the same reactive properties, in fewer bytes.
  static override properties = {
    feed: {},
    type: {},
    tag: {},
    author: {},
    origin: {},
    limit: { type: Number },
    sort: {},
    group: {},
    layout: { reflect: true },
    noControls: { type: Boolean, attribute: 'no-controls' },
    noFeatured: { type: Boolean, attribute: 'no-featured' },
    exclude: {},
    noHeadings: { type: Boolean, attribute: 'no-headings' },
    noWarnings: { type: Boolean, attribute: 'no-warnings' },
    pageSize: { type: Number, attribute: 'page-size' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    label: {},
    timeout: { type: Number },
    theme: { reflect: true },
    query: { state: true },
    readerType: { state: true },
    readerSort: { state: true },
    shownCount: { state: true },
  };

  /** URL of the feed (JSON Feed 1.1 with the `_library` extension). Relative URLs resolve against the page. */
  feed?: string;

  /** Only these types, comma-separated ids or labels, such as `report, fact-sheet`. */
  type?: string;

  /** Only publications with one of these tags, comma-separated. */
  tag?: string;

  /** Only publications by one of these authors, comma-separated full names. */
  author?: string;

  /** Only the institute's own work (`institute`) or only outside works (`external`). */
  origin?: 'institute' | 'external';

  /** Show at most this many publications (a "related work" box shows 3). */
  limit?: number;

  /** Order: `feed` (as in the feed), `newest`, `oldest` or `title`. Readers may change it unless `no-controls`. */
  sort: Sort = 'feed';

  /** Sections by `type` (in the feed's type order), by `year`, or `none`. */
  group: Grouping = 'type';

  /** `list`, `grid` (cards in columns) or `compact` (titles and links only). */
  layout: ListLayout = 'list';

  /** Hides the search and sort bar. */
  noControls = false;

  /** Shows featured items in the standard form too (for a small "related work" box). */
  noFeatured = false;

  /** Leaves out the publications with these ids, comma-separated (say, one featured separately on the page). */
  exclude?: string;

  /** Hides section headings; publications then form one list. */
  noHeadings = false;

  /** Hides the note about feed entries that could not be shown (they are still reported on the console and in `library-load`). */
  noWarnings = false;

  /** How many cards to render before "Show more". Long lists never put every card in the page at once. */
  pageSize = 24;

  /** Level of the section headings, 1 to 6; card titles are one level below (at most 6). */
  headingLevel = 2;

  /** Accessible name of the list when it has no section headings (`no-headings` or `group="none"`). Default: the feed's title. */
  label?: string;

  /** Milliseconds to wait for the feed before giving up. */
  timeout = DEFAULT_TIMEOUT;

  /** Colour theme: unset to follow the page's text colour, `dark`, or `auto` (follows the reader's system setting). */
  theme?: 'dark' | 'auto';

  private query = '';
  private readerType = '';
  private readerSort?: Sort;
  private shownCount = 0;

  private readonly source = new FeedController<Feed>(this, {
    url: () => this.feed,
    timeout: () => this.timeout,
    select: (feed) => feed,
  });

  private readonly announcer = new AnnouncerController(this);

  /** The feed's publications as currently loaded (empty until it loads). */
  get items(): readonly Publication[] {
    return this.source.task.value?.items ?? [];
  }

  /** Loads the feed again, bypassing what is already loaded. */
  reload(): void {
    this.source.retry();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('layout') && !warnOnce(this, 'layout', this.layout, LAYOUTS)) this.layout = 'list';
    if (changed.has('sort') && !warnOnce(this, 'sort', this.sort, SORTS)) this.sort = 'feed';
    if (changed.has('group') && !warnOnce(this, 'group', this.group, GROUPINGS)) this.group = 'type';
    if (['feed', 'type', 'tag', 'author', 'origin', 'exclude'].some((name) => changed.has(name as keyof LibraryList))) {
      this.shownCount = 0;
    }
  }

  protected override render() {
    return this.source.task.render({
      initial: () => nothing,
      pending: () => this.renderSkeleton(),
      complete: (feed) => this.renderFeed(feed),
      error: (error) => this.source.renderError(error),
    });
  }

  private renderSkeleton() {
    return html`<div class="loading" aria-busy="true">
      <p class="visually-hidden" role="status">${en.loading}</p>
      ${[0, 1, 2].map(
        () => html`<div class="skeleton-card">
          <span class="skeleton line short"></span>
          <span class="skeleton line title"></span>
          <span class="skeleton line"></span>
        </div>`,
      )}
    </div>`;
  }

  private renderFeed(feed: Feed) {
    const selection = {
      types: splitList(this.type),
      tags: splitList(this.tag),
      authors: splitList(this.author),
      origin: this.origin,
    };
    const excluded = new Set(this.exclude?.split(',').map((id) => id.trim()));
    const chosen = feed.items.filter((pub) => !excluded.has(pub.id) && matchesSelection(pub, selection));
    const sort = this.readerSort ?? this.sort;
    const words = queryWords(this.query);
    const matching = chosen.filter(
      (pub) => matchesQuery(pub, words) && (!this.readerType || pub.type.id === this.readerType),
    );
    let results = sortPublications(matching, sort);
    if (this.limit !== undefined && this.limit >= 0) results = results.slice(0, this.limit);
    const total = this.limit !== undefined ? Math.min(chosen.length, this.limit) : chosen.length;
    const pageSize = Math.max(1, this.pageSize || 24);
    const visible = Math.max(this.shownCount, pageSize);
    const shown = results.slice(0, visible);
    this.announcer.announce(en.count(results.length, total));
    const flat = this.noHeadings || this.group === 'none';
    const groups = groupPublications(shown, flat ? 'none' : this.group, feed.types, 'Undated');
    const types = feed.types.filter((t) => chosen.some((p) => p.type.id === t.id));

    if (feed.items.length === 0) return html`${this.renderNotice(feed)}${this.renderEmpty(true)}`;
    return html`${this.renderNotice(feed)}
      ${this.noControls ? nothing : this.renderControls(types, sort)}
      ${this.noControls && this.limit !== undefined
        ? nothing
        : html`<p part="count" class="count" dir="auto">${en.count(results.length, total)}</p>`}
      ${results.length === 0
        ? this.renderEmpty(false)
        : groups.map((group) =>
            flat
              ? this.renderItems(group.items, this.label ?? feed.title ?? '')
              : html`<section part="group" class="group" aria-labelledby="group-${group.key}">
                  <div
                    part="group-heading"
                    class="group-heading"
                    id="group-${group.key}"
                    role="heading"
                    aria-level=${this.headingLevel}
                  >
                    ${group.heading}
                  </div>
                  ${this.renderItems(group.items, group.heading)}
                </section>`,
          )}
      ${results.length > shown.length
        ? html`<button part="more" class="button secondary more" @click=${() => (this.shownCount = visible + pageSize)}>
            ${en.showMore(results.length - shown.length)}
          </button>`
        : nothing}
      ${this.announcer.render()}`;
  }

  private renderItems(items: Publication[], label: string) {
    const cardLevel = Math.min(6, this.headingLevel + (this.noHeadings || this.group === 'none' ? 0 : 1));
    const variant = this.layout === 'compact' ? 'compact' : this.noFeatured ? 'standard' : undefined;
    return html`<ul part="items" class="items" role="list" aria-label=${label || nothing}>
      ${items.map(
        (pub) => html`<li class=${pub.featured && variant === undefined ? 'featured' : ''}>
          <publication-card
            .publication=${pub}
            exportparts=${CARD_PARTS}
            variant=${variant ?? nothing}
            heading-level=${cardLevel}
            theme=${this.theme ?? nothing}
          ></publication-card>
        </li>`,
      )}
    </ul>`;
  }

  private renderControls(types: Feed['types'], sort: Sort) {
    return html`<form part="controls" class="controls" role="search" aria-label=${en.controlsLabel} @submit=${(e: Event) => e.preventDefault()}>
      <label class="field search">
        <span>${en.searchLabel}</span>
        <input
          part="search"
          type="search"
          .value=${live(this.query)}
          placeholder=${en.searchPlaceholder}
          autocomplete="off"
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.shownCount = 0;
          }}
        />
      </label>
      ${types.length > 1
        ? html`<label class="field">
            <span>${en.typeLabel}</span>
            <select
              @change=${(e: Event) => {
                this.readerType = (e.target as HTMLSelectElement).value;
                this.shownCount = 0;
              }}
            >
              <option value="" ?selected=${!this.readerType}>${en.allTypes}</option>
              ${types.map((t) => html`<option value=${t.id} ?selected=${t.id === this.readerType}>${t.plural}</option>`)}
            </select>
          </label>`
        : nothing}
      <label class="field">
        <span>${en.sortLabel}</span>
        <select @change=${(e: Event) => (this.readerSort = (e.target as HTMLSelectElement).value as Sort)}>
          ${SORTS.map((s) => html`<option value=${s} ?selected=${s === sort}>${en.sortOptions[s]}</option>`)}
        </select>
      </label>
    </form>`;
  }

  private renderEmpty(feedIsEmpty: boolean) {
    const filtered = this.query !== '' || this.readerType !== '';
    return html`<div part="empty" class="empty">
      <slot name="empty"><p>${feedIsEmpty ? en.emptyFeed : en.empty}</p></slot>
      ${filtered
        ? html`<button class="button secondary" @click=${this.clearFilters}>${en.clearFilters}</button>`
        : nothing}
    </div>`;
  }

  private renderNotice(feed: Feed) {
    if (this.noWarnings || feed.issues.length === 0) return nothing;
    const skipped = feed.issues.filter((i) => i.severity === 'error');
    const skippedItems = new Set(skipped.map((i) => i.index)).size;
    const warnings = feed.issues.length - skipped.length;
    return html`<details part="notice" class="notice">
      <summary>${en.feedIssues(skippedItems, warnings)}</summary>
      <ul>
        ${feed.issues.map(
          (i) => html`<li>
            <strong>${en.itemName(i)}</strong>${i.field ? html` <code>${i.field}</code>` : nothing} ${i.message}
          </li>`,
        )}
      </ul>
    </details>`;
  }

  private clearFilters = () => {
    this.query = '';
    this.readerType = '';
    this.shownCount = 0;
    this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus();
  };
}
