import { adoptStyles, html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { FeedController, renderAlert } from '../../controllers/feed-controller.js';
import { AnnouncerController } from '../../controllers/announcer-controller.js';
import { whileConnected } from '../../controllers/connected-task-controller.js';
import type { ReaderState, ReaderUrlState } from './reader-url-state.js';
import { DEFAULT_TIMEOUT } from '../../feed/load-feed.js';
import { FeedError, isAbortError } from '../../feed/errors.js';
import { LibraryErrorEvent } from '../../events/library-error-event.js';
import { importAgain } from '../../lazy/import-again.js';
import type { Feed, Publication } from '../../feed/publication.js';
import { en } from '../../localize/en.js';
import {
  GROUPINGS,
  SORTS,
  groupPublications,
  matchesSelection,
  queryWords,
  sortPublications,
  inOrder,
  splitList,
  type Group,
  type Grouping,
  type Sort,
} from '../../query/query.js';
import { FACETS, hasFacetChoice, type Facet, type FacetSelection } from '../../query/facets.js';
import type { FacetChangeEvent } from '../../events/facet-change-event.js';
import type { SearchIndex } from '../../search/search-index.js';
import { hostStyles } from '../../styles/host.js';
import { warnOnce } from '../../diagnostics/warn.js';
import { listStyles } from './library-list.styles.js';

export type ListLayout = 'list' | 'grid' | 'compact';

/** The cards' parts, passed through so that `library-list::part(card-title)` styles every card. */
const CARD_PARTS = ['card', 'type', 'title', 'authors', 'meta', 'summary', 'content', 'takeaways', 'actions', 'action', 'tombstone', 'match']
  .map((part) => `${part}: card-${part}`)
  .join(', ');
const LAYOUTS: readonly ListLayout[] = ['list', 'grid', 'compact'];

/** Narrower than this, the filters fold into a closed disclosure (a phone, a sidebar). */
const NARROW = 640;

/** Cards in the first frame that shows the start of a large feed; the rest of its first page follows a frame later. */
const FIRST_FRAME = 8;

/**
 * How long a list waits before showing its loading placeholder: a feed that
 * comes sooner appears without a flash of grey, and the page does not spend
 * the time the feed is arriving in drawing the placeholder.
 */
const SKELETON_DELAY = 150;

type VirtualItems = import('./virtual-items.js').VirtualItems;
type ReaderTools = typeof import('./reader-tools.js');
type ReaderSort = import('./reader-tools.js').ReaderSort;

/** The reader tools' file in the browser bundle, relative to this code: the build writes the content hash in place of the underscores. */
const TOOLS_CHUNK = './chunks/reader-tools-________.js';

/** The reader tools, requested once for every list on the page (again after a failure, when a reader asks). */
const loadReaderTools = importAgain(
  () => import('./reader-tools.js'),
  typeof __VL_BUNDLE__ !== 'undefined' && __VL_BUNDLE__ ? (fragment) => import(/* @vite-ignore */ `${TOOLS_CHUNK}${fragment}`) : undefined,
);

/**
 * The library's publications from a feed, grouped by type in the feed's
 * order, with tools for readers: search as they type, filters (type, topic,
 * author, year, origin) with live counts, sort and grouping, optionally kept
 * in the page's URL so a search can be shared. Attributes let an editor
 * narrow it to a type, tag or author and cap its length, so the same element
 * serves the full library page and a partner's "related work" box. Long
 * lists are paged ("Show more") or virtualized (`virtual`): never every card
 * in the page at once.
 *
 * @summary A listing of publications from a Virtual Library feed.
 *
 * @fires library-load - `LibraryLoadEvent`: the feed loaded; `items` and the `issues` (skipped items and warnings) are on the event.
 * @fires library-error - `LibraryErrorEvent`: the feed could not be shown; `error.kind` says why. Also fired, with the list shown, when a later page of the feed failed, when the search and filters could not be loaded, or when a link's search could not be restored (both `script`).
 * @fires pdf-open - `PdfOpenEvent` from a card, cancelable: a reader chose "View PDF".
 *
 * @slot empty - Replaces the "No publications match." message.
 *
 * @csspart controls - The search, sort and grouping bar.
 * @csspart search - The search field.
 * @csspart facets - The filters disclosure (from `<library-facets>`).
 * @csspart facet - Each filter's group of checkboxes.
 * @csspart clear - The button in the filters that clears them ("Clear filters", or "Clear search and filters" while a search is typed).
 * @csspart count - The line that says how many publications are shown, or "Searching…" while a long list is read for a search typed before its index is built.
 * @csspart group - A section of one type (or year).
 * @csspart group-heading - The heading of a section.
 * @csspart items - A list of cards.
 * @csspart empty - The message shown when nothing matches.
 * @csspart error - The message shown when the feed, a later page of it, or the search and filters cannot be loaded, or a link's search cannot be restored.
 * @csspart notice - The note that some feed entries could not be shown.
 * @csspart more - The "Show more" button.
 * @csspart paging - The line shown while later pages of a feed in pages are loading.
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
 * @csspart card-match - A searched-for word marked in a card.
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
    facets: {},
    urlState: { attribute: 'url-state' },
    virtual: { type: Boolean },
    query: { state: true },
    chosen: { state: true },
    readerSort: { state: true },
    readerGroup: { state: true },
    shownCount: { state: true },
    narrow: { state: true },
    tools: { state: true },
    virtualItems: { state: true },
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

  /** Show at most this many publications (a "related work" box shows 3). With `no-controls` and the feed's order, a feed in pages is read only as far as these. */
  limit?: number;

  /** Order: `feed` (as in the feed), `newest`, `oldest` or `title`. Readers may change it unless `no-controls`; while they search, the best matches come first until they choose another order. */
  sort: Sort = 'feed';

  /** Sections by `type` (in the feed's type order), by `year` (newest first, or oldest first when the cards are), or `none`. Readers may change it unless `no-controls` or `no-headings`. */
  group: Grouping = 'type';

  /** `list`, `grid` (cards in columns) or `compact` (titles and links only). */
  layout: ListLayout = 'list';

  /** Hides the reader's tools: search, filters, sort and grouping. */
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

  /** The filters readers get, comma-separated, in order: any of `type`, `tag`, `author`, `year`, `origin`. Empty for none. Default: all five. */
  facets = FACETS.join(',');

  /**
   * Keeps the reader's search, filters, sort and grouping in the page's URL, so
   * a link shares them and Back/Forward step through them. Off unless set: the
   * value names the parameters (`url-state="reports"` writes `reports.q=…`);
   * with no value the element's `id` is used, else `library`. Give two lists on
   * one page different names. Ignored, with a console warning, with
   * `no-controls`: readers could not see or undo what a link chose.
   */
  urlState?: string;

  /** Renders the results with a virtualizer: every result is reachable by scrolling, and only those near the screen are in the page. Instead of "Show more". */
  virtual = false;

  private query = '';
  /** The reader's filters: the values ticked in each facet. */
  private chosen: FacetSelection = {};
  private readerSort?: ReaderSort;
  private readerGroup?: Grouping;
  private shownCount = 0;
  private narrow = false;
  /** The controls, the filters' element and facet counting: loaded when the listing shows reader tools. */
  private tools?: ReaderTools;
  /** While the reader tools load, the listing waits for them (it shows without them should they fail). */
  private toolsPending = false;
  /** Whether the controls' styles, which come with the tools, are adopted by the shadow root. */
  private toolsStyled = false;
  /** Why the reader tools did not load: the list is shown without them, with a message and "Try again". */
  private toolsError?: FeedError;
  /** The virtualized lists (`virtual`): loaded when first asked for. */
  private virtualItems?: VirtualItems;

  private readonly source = new FeedController<Feed>(this, {
    url: () => this.feed,
    timeout: () => this.timeout,
    select: (feed) => feed,
    preview: true,
    // A box without reader tools that shows the first `limit` publications in the feed's order follows a feed's pages only until it has them.
    enough: (feed) => this.pagesOnDemand && this.selected(feed).length >= this.maxShown!,
    // Pages read for one selection may not hold enough for another.
    key: () => this.pagesOnDemand && [this.limit, this.type, this.tag, this.author, this.origin, this.exclude].join('\n'),
  });

  /** The search index: built after the feed loads, in slices, in its own lazily loaded module; not while the list is out of the page. */
  private readonly index = whileConnected(this, new Task(this, {
    args: () => [this.noControls ? undefined : this.source.task.value, this.tools] as const,
    task: async ([feed, tools], { signal }): Promise<SearchIndex | undefined> => {
      if (!feed || !tools) return undefined;
      const { buildSearchIndex } = await tools.loadSearch();
      return buildSearchIndex(feed.items, { signal });
    },
    // Searches go on scanning the list, as they do until the index is built.
    onError: (error) => {
      if (!isAbortError(error)) console.warn('<library-list> no search index; searching scans the list instead.', error);
    },
  }));

  private readonly announcer = new AnnouncerController(this);

  /** Keeps the reader's state in the URL: loaded when `url-state` is first set; the listing waits for it, to show the state the URL holds. */
  private url?: ReaderUrlState;
  private urlPending = false;
  /** Set when that code did not load and the page's URL holds a state for the list, which is then shown without it. */
  private linkError?: FeedError;

  private resizeObserver?: ResizeObserver;
  /**
   * What the observer watches for the list's width: an empty block, as wide as the list and of no height.
   * The list's own height changes with every render, and a resize notice in the frame of a render makes
   * browsers report a "ResizeObserver loop" as an error of the page, which reaches the host's error monitoring.
   */
  private readonly probe = document.createElement('div');
  private loadingTools?: Promise<unknown>;
  private loadingVirtualizer?: Promise<unknown>;
  /** Whether the last render was a wait, and whether its placeholder shows yet: from `SKELETON_DELAY` after the wait began. */
  private waiting = false;
  private skeletonDue = false;
  private skeletonTimer?: ReturnType<typeof setTimeout>;
  private memos = new Map<string, { key: unknown[]; value: unknown }>();
  private lastResults: Publication[] = [];
  /** What the search last matched, shown while a long scan reads the list for a newer query. */
  private lastMatched?: { pubs: Publication[]; words: string[] };
  /** Reads the list for a search typed before the index is built; made with the reader tools. */
  private scan?: InstanceType<ReaderTools['SearchScanController']>;
  /** The start of a large feed that has been shown while the rest is read, and whether a frame with it has been painted. */
  private previewed?: Feed;
  private previewPainted = false;

  /** The feed's publications as currently loaded (empty until it loads). */
  get items(): readonly Publication[] {
    return this.source.task.value?.items ?? [];
  }

  /** How many publications match the reader's search and filters now (before `limit` and paging). */
  get resultCount(): number {
    return this.lastResults.length;
  }

  /** Whether the search index of the feed shown is built: until then, searches scan the list (in slices, after the keystroke, when it is long). */
  get searchReady(): boolean {
    return this.source.task.status === TaskStatus.COMPLETE && this.indexFor(this.source.task.value) !== undefined;
  }

  /**
   * The search index of `feed`, once it is built. While another feed loads
   * (a new address, `reload()`) the last feed's index is still held, and its
   * positions are not this feed's.
   */
  private indexFor(feed: Feed | undefined): SearchIndex | undefined {
    const index = this.index.value;
    return index && index.publications === feed?.items ? index : undefined;
  }

  /** Loads the feed again, bypassing what is already loaded. */
  reload(): void {
    this.source.retry();
  }

  override connectedCallback(): void {
    // After the code that inserted the list has run, since a framework may set noControls just after
    // inserting it (@lit/react does, in a layout effect) and such a list never needs the tools; but
    // queued before the first update, which requests the feed: the tools are the smaller download,
    // and the first screen waits for them.
    queueMicrotask(() => this.isConnected && this.loadTools());
    super.connectedCallback();
    this.resizeObserver ??= new ResizeObserver(([entry]) => {
      const narrow = (entry?.contentRect.width ?? NARROW) < NARROW;
      // On the next frame: a change of layout inside the observer's callback would be observed again.
      if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
    });
    this.resizeObserver.observe(this.probe);
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    // Before what Lit renders, which it leaves alone.
    root.prepend(this.probe);
    return root;
  }

  /** Controls and filters are loaded only by lists that show reader tools: from the moment such a list is in the page, beside its feed. */
  private loadTools(): void {
    if (this.noControls || this.tools || this.loadingTools) return;
    // The first screen waits for the tools; a second try leaves the list as the reader sees it.
    this.toolsPending = !this.toolsError;
    this.loadingTools = loadReaderTools()
      .then(
        (tools) => {
          this.tools = tools;
          this.toolsError = undefined;
          // A reader who pressed "Try again" (still in the page until the update) goes on in the search box that takes its place.
          if (this.shadowRoot!.activeElement?.matches('.tools-error button')) {
            this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input[type=search]')?.focus());
          }
        },
        (error) => {
          this.toolsError = new FeedError('script', this.feed ?? '', `${en.toolsFailed}.`, { cause: error });
          console.error(`<library-list> ${en.toolsFailed}. ${en.toolsFailedDetail}`, error);
          this.dispatchEvent(new LibraryErrorEvent(this.toolsError));
        },
      )
      .finally(() => {
        this.toolsPending = false;
        this.requestUpdate();
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The controls' styles come with their code: adopted once, after the list's own.
    if (this.tools && !this.toolsStyled) {
      this.toolsStyled = true;
      adoptStyles(this.renderRoot as ShadowRoot, [...LibraryList.elementStyles, this.tools.controlsStyles]);
    }
    if (changed.has('layout') && !warnOnce(this, 'layout', this.layout, LAYOUTS)) this.layout = 'list';
    if (changed.has('sort') && !warnOnce(this, 'sort', this.sort, SORTS)) this.sort = 'feed';
    if (changed.has('group') && !warnOnce(this, 'group', this.group, GROUPINGS)) this.group = 'type';
    // A heading level the page can have: 1 to 6.
    if (changed.has('headingLevel')) this.headingLevel = Math.min(6, Math.max(1, Math.round(this.headingLevel))) || 2;
    if (['feed', 'type', 'tag', 'author', 'origin', 'exclude'].some((name) => changed.has(name as keyof LibraryList))) {
      this.shownCount = 0;
    }
    // Only the filters the list offers apply: a choice in another (from a link, or in a filter the editor
    // took away) would narrow the list with nothing for the reader to untick.
    const offered = this.facetList();
    const choices = Object.entries(this.chosen);
    const kept = choices.filter(([facet]) => offered.includes(facet as Facet));
    if (kept.length < choices.length) this.chosen = Object.fromEntries(kept);
    if (changed.has('urlState' as keyof LibraryList)) {
      if (this.url) {
        const reader = this.url.read();
        if (reader) this.restore(reader);
      } else if (this.urlState !== undefined && this.urlState !== null && !this.urlPending) {
        this.urlPending = true;
        import('./reader-url-state.js')
          .then(
            ({ ReaderUrlState }) => {
              this.url = new ReaderUrlState(this, () => this.urlName, (reader) => this.restore(reader));
              const reader = this.url.read();
              if (reader) this.restore(reader);
            },
            (error) => {
              console.error('<library-list> the code that keeps its state in the URL could not be loaded.', error);
              // A reader who followed a link with a search in it is told the list is not what the link showed.
              const prefix = `${this.urlName}.`;
              if ([...new URLSearchParams(location.search).keys()].some((key) => key.startsWith(prefix))) {
                this.linkError = new FeedError('script', this.feed ?? '', `${en.linkFailed}.`, { cause: error });
                this.dispatchEvent(new LibraryErrorEvent(this.linkError));
              }
            },
          )
          .finally(() => {
            this.urlPending = false;
            this.requestUpdate();
          });
      }
    }
  }

  protected override updated(): void {
    // Each wait (a new feed, Try again) starts its delay afresh.
    if (!this.waiting) this.skeletonDue = false;
    // The search box shows the query even where the box changed since it was last rendered (as lit's live() would).
    const box = this.renderRoot.querySelector<HTMLInputElement>('input[type=search]');
    if (box && box.value !== this.query) box.value = this.query;
    this.loadTools();
    // The virtualizer is loaded only by lists that ask for it, and asked for once: after a failure the list stays in pages.
    if (this.virtual) {
      this.loadingVirtualizer ??= import('./virtual-items.js').then(
        (module) => (this.virtualItems = new module.VirtualItems()),
        (error) => console.error('<library-list> the virtualizer could not be loaded; showing pages instead.', error),
      );
    }
  }

  protected override render() {
    this.waiting = false;
    return this.source.task.render({
      initial: () => nothing,
      // A feed in pages shows each page as it arrives; a large feed, its first screen while the rest is read.
      pending: () => {
        const partial = this.source.partial;
        return partial ? this.renderFeed(partial.feed, partial.reading) : this.renderWaiting();
      },
      complete: (feed) => this.renderFeed(feed),
      error: (error) => this.source.renderError(error),
    });
  }

  private renderSkeleton() {
    this.waiting = true;
    if (!this.skeletonDue) {
      this.skeletonTimer ??= setTimeout(() => {
        this.skeletonTimer = undefined;
        // Unless the wait ended meanwhile.
        this.skeletonDue = this.waiting;
        this.requestUpdate();
      }, SKELETON_DELAY);
      return nothing;
    }
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

  /** The editor's fixed selection of the feed (type, tag, author, origin, exclude): computed once per feed and attributes. */
  private selected(feed: Feed): Publication[] {
    return this.memo('allowed', [feed, this.type, this.tag, this.author, this.origin, this.exclude], () => {
      const selection = { types: splitList(this.type), tags: splitList(this.tag), authors: splitList(this.author), origin: this.origin };
      const excluded = new Set(this.exclude?.split(',').map((id) => id.trim()).filter(Boolean));
      if (!excluded.size && !selection.types && !selection.tags && !selection.authors && !selection.origin) return feed.items;
      return feed.items.filter((pub) => !excluded.has(pub.id) && matchesSelection(pub, selection));
    });
  }

  /** `limit`, when it is one: a removed attribute sets null, and an unreadable one NaN, both meaning "no limit". */
  private get maxShown(): number | undefined {
    return typeof this.limit === 'number' && this.limit >= 0 ? Math.floor(this.limit) : undefined;
  }

  /** The list's name in the URL (`url-state`, else its id, else "library"), or undefined when it keeps no state there. */
  private get urlName(): string | undefined {
    return this.urlState === undefined || this.urlState === null ? undefined : this.urlState.trim() || this.id || 'library';
  }

  /** Whether the list shows only the first `limit` publications in the feed's order, none of which a reader can change: it then reads a feed's pages only as far as those. */
  private get pagesOnDemand(): boolean {
    return this.noControls && this.maxShown !== undefined && this.sort === 'feed';
  }

  /** Recomputes `make()` only when one of `key` changed since the last call under `name`. */
  private memo<T>(name: string, key: unknown[], make: () => T): T {
    const cached = this.memos.get(name);
    if (cached && cached.key.length === key.length && cached.key.every((part, i) => part === key[i])) return cached.value as T;
    const value = make();
    this.memos.set(name, { key, value });
    return value;
  }

  /** The facets the reader gets, in the editor's order. */
  private facetList(): Facet[] {
    if (this.noControls) return [];
    return [...new Set(this.facets.split(',').map((f) => f.trim()))].filter((f): f is Facet => (FACETS as readonly string[]).includes(f));
  }

  /** How the results are grouped: the reader's choice, else the editor's; none without headings. */
  private get grouping(): Grouping {
    return this.noHeadings ? 'none' : (this.readerGroup ?? this.group);
  }

  private get effectiveSort(): ReaderSort {
    const searching = queryWords(this.query).length > 0;
    const sort = this.readerSort ?? (searching ? 'relevance' : this.sort);
    return sort === 'relevance' && !searching ? this.sort : sort;
  }

  /**
   * @param reading whether `feed` is only the start of a large feed, the rest
   *   being read. Its first screen is shown when it is exactly the complete
   *   feed's (the feed's order, nothing narrowed, enough entries read); else
   *   the skeleton stays. Counts, filters and the feed's problems wait for
   *   the complete feed; once the start is shown, what the reader does
   *   meanwhile applies to the entries read so far.
   */
  private renderFeed(feed: Feed, reading = false) {
    // The controls come with the filters' code, and the state in the URL with its own: the list waits for
    // them rather than show without them, or show what the URL does not say.
    if ((!this.noControls && this.toolsPending) || this.urlPending) return this.renderSkeleton();
    const allowed = this.selected(feed);
    const limit = this.maxShown;
    const pageSize = Math.max(1, this.pageSize || 24);
    const visible = Math.max(this.shownCount, pageSize);
    if (reading && this.previewed !== feed) {
      const firstScreen =
        allowed === feed.items &&
        this.effectiveSort === 'feed' &&
        !queryWords(this.query).length &&
        !hasFacetChoice(this.chosen) &&
        feed.items.length >= Math.min(limit ?? Infinity, visible);
      if (!firstScreen) return this.renderWaiting();
      this.previewed = feed;
      this.previewPainted = false;
      // Once this frame is painted (a task queued from its animation frame), the rest of the page.
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.previewPainted = true;
          this.requestUpdate();
        }),
      );
    }
    const sort = this.effectiveSort;
    const index = this.indexFor(feed);
    // What the search matches, best first: from the index once it is built, by a scan until then. A long
    // scan is read in slices (search-scan-controller.ts): meanwhile the last results stay, marked as a search under way.
    // Searching is a reader tool: should their code fail to load, the list is shown whole, as it is unfiltered.
    const words = this.tools ? queryWords(this.query) : [];
    const scanned = !index && words.length ? (this.scan ??= new this.tools!.SearchScanController(this)).matches(allowed, this.query) : this.scan?.stop();
    const scanning = !index && words.length > 0 && !scanned;
    if (scanning && !this.lastMatched) return this.renderWaiting();
    const matched = scanning ? this.lastMatched! : this.memo('search', [allowed, this.query, index, scanned, this.tools], () => {
      if (!words.length) return { pubs: allowed, words };
      if (scanned) return scanned;
      const result = index!.search(this.query);
      const inSelection = allowed === feed.items ? undefined : new Set(allowed);
      const pubs: Publication[] = [];
      for (const position of result.hits) {
        const pub = feed.items[position]!;
        if (!inSelection || inSelection.has(pub)) pubs.push(pub);
      }
      return { pubs, words: result.words };
    });
    // The reader's order is the selection's, sorted once; a search keeps the matches in it. Search order
    // (relevance, or the feed's when searching without the index) is the matches' own.
    const ordered = this.memo('sort', [matched, sort], () => {
      if (sort === 'relevance' || sort === 'feed') return matched.pubs;
      return inOrder(
        this.memo('sorted', [allowed, sort], () => sortPublications(allowed, sort)),
        matched.pubs,
      );
    });
    // Filters: facet values as integers, once per selection; then filtering and counting per keystroke
    // are array lookups. A reader's filters from the URL wait for the filter code rather than flash unfiltered.
    // The start of a feed has no filters: their counts are the whole feed's.
    const tools = this.noControls || reading ? undefined : this.tools;
    const facetIndex = tools && this.memo('facetIndex', [allowed, tools], () => tools.indexFacets(allowed));
    const { results: filtered, counts } =
      tools && facetIndex
        ? this.memo('facets', [ordered, this.chosen, facetIndex], () => tools.applyFacets(ordered, this.chosen, facetIndex))
        : { results: ordered, counts: undefined };
    if (!reading && !scanning) [this.lastResults, this.lastMatched] = [filtered, matched];
    const results = limit !== undefined ? filtered.slice(0, limit) : filtered;
    const total = limit !== undefined ? Math.min(allowed.length, limit) : allowed.length;
    // A virtual listing's first screen is plain cards: the virtualizer takes the whole feed once it is read.
    const virtual = this.virtual && this.virtualItems !== undefined && !reading;
    const shown = virtual ? results : results.slice(0, visible);
    if (!reading && !scanning) this.announcer.announce(en.count(results.length, total));
    const grouping = this.grouping;
    const flat = grouping === 'none';
    // Year sections run the way the cards in them do.
    const grouped = groupPublications(shown, grouping, feed.types, 'Undated', sort === 'oldest');
    // The first frame of a large feed's start: the first cards of the page, as they will stand in it.
    const groups = reading && !this.previewPainted ? firstCards(grouped, FIRST_FRAME) : grouped;

    if (feed.items.length === 0) return html`${this.renderNotice(feed)}${this.source.renderIncomplete(feed)}${this.renderEmpty(true)}`;
    const facets = this.facetList();
    const filters =
      tools && facetIndex && counts && facets.length
        ? tools.renderFacets({
            facets,
            index: facetIndex,
            counts,
            selection: this.chosen,
            types: feed.types,
            narrow: this.narrow,
            theme: this.theme,
            clearable: this.query.trim() !== '',
            onChange: this.facetChange,
          })
        : nothing;
    // The filters' column, where filters show; kept empty while a large feed's start shows, so that its cards stay where they are when the filters come.
    const sidebar = filters !== nothing || (reading && facets.length > 0);
    const partial = this.source.partial;
    const label = this.label ?? feed.title ?? '';
    return this.renderFrame(
      label,
      matched.words.length > 0,
      sidebar,
      filters,
      html`${this.noControls && limit !== undefined
          ? nothing
          : reading || scanning
            ? html`<p part="count" class="count" aria-busy="true">${scanning ? this.tools!.enTools.searching : nothing}</p>`
            : html`<p part="count" class="count"><bdi>${en.count(results.length, total)}</bdi></p>`}
        ${partial && !reading
          ? html`<p part="paging" class="paging" aria-busy="true">${en.loadingMore(partial.pages, partial.feed.items.length)}</p>`
          : nothing}
        ${results.length === 0
          ? this.renderEmpty(false)
          : groups.map((group) =>
              flat
                ? this.renderItems(group.items, label, matched.words, virtual)
                : // A section without a name, not a region: a page with two lists would have two "Reports" landmarks.
                  html`<section part="group" class="group">
                    <div part="group-heading" class="group-heading" role="heading" aria-level=${this.headingLevel}>
                      ${group.heading}
                    </div>
                    ${this.renderItems(group.items, group.heading, matched.words, virtual)}
                  </section>`,
            )}
        ${!reading && results.length > shown.length
          ? html`<button part="more" class="button secondary more" @click=${() => this.showMore(results.slice(visible, visible + pageSize), visible + pageSize)}>
              ${en.showMore(results.length - shown.length)}
            </button>`
          : nothing}`,
      html`${reading ? nothing : this.renderNotice(feed)}${this.source.renderIncomplete(feed)}`,
    );
  }

  /**
   * While the feed downloads, a list with reader tools shows them (once their
   * code is in), with the placeholder after a moment where the cards will
   * be: a reader can start typing, and the controls are drawn while the feed
   * is on its way rather than with the first cards.
   */
  private renderWaiting() {
    if (this.noControls || !this.tools || this.urlPending) return this.renderSkeleton();
    // The filters' column is kept empty, as while a large feed's start shows.
    return this.renderFrame(this.label ?? '', queryWords(this.query).length > 0, this.facetList().length > 0, nothing, this.renderSkeleton());
  }

  /**
   * Notices, controls, filters and results. A list waiting for its feed and a
   * list showing it render this same frame, so the search box a reader is
   * typing in stays the same element (with its focus) when the feed comes.
   */
  private renderFrame(label: string, searching: boolean, sidebar: boolean, filters: unknown, results: unknown, notices: unknown = nothing) {
    return html`${notices}
      ${this.linkError ? renderAlert(en.linkFailed, en.linkFailedDetail) : nothing}
      ${this.noControls
        ? nothing
        : !this.tools
          ? this.renderToolsError()
          : this.tools.renderControls({
              label,
              query: this.query,
              sort: this.effectiveSort,
              grouping: this.grouping,
              searching,
              noHeadings: this.noHeadings,
              onSearch: (query) => {
                this.query = query;
                this.shownCount = 0;
                this.remember('type');
              },
              onSort: (readerSort) => {
                this.readerSort = readerSort;
                this.remember('push');
              },
              onGroup: (readerGroup) => {
                this.readerGroup = readerGroup;
                this.remember('push');
              },
            })}
      <div class="body ${sidebar ? 'with-facets' : ''}">
        ${filters}
        <div class="results">${results}</div>
      </div>
      ${this.announcer.render()}`;
  }

  /** The list without its reader tools, should their code not load: says so, and offers to load it again. */
  private renderToolsError() {
    const retry = () => {
      this.loadingTools = undefined;
      this.loadTools();
    };
    return this.toolsError ? renderAlert(en.toolsFailed, en.toolsFailedDetail, retry, 'tools-error') : nothing;
  }

  private renderItems(items: Publication[], label: string, words: readonly string[], virtual: boolean) {
    const cardLevel = Math.min(6, this.headingLevel + (this.grouping === 'none' ? 0 : 1));
    const variant = this.layout === 'compact' ? 'compact' : this.noFeatured ? 'standard' : undefined;
    const card = (pub: Publication, i: number) =>
      html`<li
        class=${pub.featured && variant === undefined ? 'featured' : ''}
        aria-setsize=${virtual ? items.length : nothing}
        aria-posinset=${virtual ? i + 1 : nothing}
      >
        <publication-card
          .publication=${pub}
          .highlight=${words}
          exportparts=${CARD_PARTS}
          variant=${variant ?? nothing}
          heading-level=${cardLevel}
          theme=${this.theme ?? nothing}
        ></publication-card>
      </li>`;
    // Two templates, so that a first screen of plain cards is replaced by a new list when the virtualizer takes over.
    return virtual
      ? this.virtualItems!.render(items, label, card)
      : html`<ul part="items" class="items" role="list" aria-label=${label || nothing}>
          ${items.map(card)}
        </ul>`;
  }

  /**
   * "Show more": the next page. The last page takes the button away, and the
   * reader, whose focus was on it, goes on from the first card it added.
   */
  private async showMore(added: Publication[], count: number) {
    this.shownCount = count;
    await this.updateComplete;
    if (this.renderRoot.querySelector('.more')) return;
    const fresh = new Set(added);
    const item = [...this.renderRoot.querySelectorAll('publication-card')].find((card) => fresh.has(card.publication!))?.parentElement;
    if (item) {
      item.tabIndex = -1;
      item.focus();
    }
  }

  private facetChange = (event: FacetChangeEvent) => {
    if (event.cleared) return this.clearFilters();
    this.chosen = event.selection;
    this.shownCount = 0;
    this.remember('push');
  };

  private renderEmpty(feedIsEmpty: boolean) {
    const chosen = hasFacetChoice(this.chosen);
    const filtered = this.query !== '' || chosen;
    return html`<div part="empty" class="empty">
      <slot name="empty"><p>${feedIsEmpty ? en.emptyFeed : en.empty}</p></slot>
      ${filtered && this.tools
        ? html`<button class="button secondary" @click=${this.clearFilters}>${this.tools.enFacets.clear(this.query !== '', chosen)}</button>`
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

  /** Writes the reader's state into the URL, when the editor asked for that (`url-state`). */
  private remember(mode: 'push' | 'type') {
    this.url?.write({ query: this.query, chosen: this.chosen, sort: this.readerSort, group: this.readerGroup }, mode);
  }

  /** Takes the reader's state from the URL (on load, and on Back/Forward). */
  private restore(reader: ReaderState) {
    this.query = reader.query;
    this.chosen = reader.chosen;
    this.readerSort = reader.sort;
    this.readerGroup = reader.group;
    this.shownCount = 0;
  }

  private clearFilters = () => {
    this.query = '';
    this.chosen = {};
    this.shownCount = 0;
    this.remember('push');
    this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus();
  };
}

/** The groups cut to their first `count` cards, in page order. */
function firstCards(groups: Group[], count: number): Group[] {
  const cut: Group[] = [];
  for (const group of groups) {
    if (count <= 0) break;
    cut.push({ ...group, items: group.items.slice(0, count) });
    count -= group.items.length;
  }
  return cut;
}
