import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import type { Grouping, ListLayout, Sort } from '../src/index.js';
import '../src/components/library-list/define.js';
import { holdRequestsTo, LONGEST_TIMEOUT, NEVER_ANSWERED_FEED } from './support/never-answer.js';

/** The story's args are the element's attributes, so "Show code" reads like a page's HTML. */
interface ListArgs {
  feed?: string;
  type?: string;
  tag?: string;
  author?: string;
  origin?: 'institute' | 'external';
  limit?: number;
  sort?: Sort;
  group?: Grouping;
  layout?: ListLayout;
  'no-controls'?: boolean;
  'no-headings'?: boolean;
  'no-warnings'?: boolean;
  'page-size'?: number;
  'heading-level'?: number;
  label?: string;
  timeout?: number;
  theme?: 'dark' | 'auto';
  facets?: string;
  'url-state'?: string;
  virtual?: boolean;
  /** Light DOM content, for the `empty` slot. */
  content?: TemplateResult;
  /** Actions that Storybook makes from the events in the manifest. */
  onLibraryLoad?: (event: Event) => void;
  onLibraryError?: (event: Event) => void;
  onPdfOpen?: (event: Event) => void;
}

type Story = StoryObj<ListArgs>;

const FEED = 'fixtures/library/feed.json';

const text = (value: string | undefined) => value || nothing;
const number = (value: number | undefined) => value ?? nothing;

const meta: Meta<ListArgs> = {
  title: 'Elements/library-list',
  component: 'library-list',
  render: (args) => html`<library-list
    feed=${text(args.feed)}
    type=${text(args.type)}
    tag=${text(args.tag)}
    author=${text(args.author)}
    origin=${text(args.origin)}
    limit=${number(args.limit)}
    sort=${text(args.sort)}
    group=${text(args.group)}
    layout=${text(args.layout)}
    ?no-controls=${args['no-controls']}
    ?no-headings=${args['no-headings']}
    ?no-warnings=${args['no-warnings']}
    page-size=${number(args['page-size'])}
    heading-level=${number(args['heading-level'])}
    label=${text(args.label)}
    timeout=${number(args.timeout)}
    theme=${text(args.theme)}
    facets=${args.facets ?? nothing}
    url-state=${args['url-state'] ?? nothing}
    ?virtual=${args.virtual}
    @library-load=${args.onLibraryLoad}
    @library-error=${args.onLibraryError}
    @pdf-open=${args.onPdfOpen}
    >${args.content ?? nothing}</library-list
  >`,
  args: { feed: FEED },
  argTypes: {
    // Rows, descriptions and simple controls come from the manifest (.storybook/manifest-arg-types.ts);
    // these refine the controls whose type the manifest gives only by name.
    sort: { control: 'select', options: ['feed', 'newest', 'oldest', 'title'] },
    group: { control: 'select', options: ['type', 'year', 'none'] },
    layout: { control: 'inline-radio', options: ['list', 'grid', 'compact'] },
    limit: { control: { type: 'number', min: 0 } },
    'page-size': { control: { type: 'number', min: 1 } },
    'heading-level': { control: { type: 'number', min: 2, max: 5 } },
    timeout: { control: { type: 'number', min: 0, step: 1000 } },
    content: { table: { disable: true } },
  },
};

export default meta;

/** The whole library: search and sort, one section per type, featured publications in full. */
export const Default: Story = {};

/** Cards in columns; a featured publication spans the full width. */
export const GridLayout: Story = {
  name: 'Grid layout',
  args: { layout: 'grid' },
};

/** Titles and links only, for a sidebar or a long archive. */
export const Compact: Story = {
  args: { layout: 'compact' },
};

/** A partner page's "related work" box: one tag, three publications, no search bar, no sections. */
export const RelatedWork: Story = {
  name: 'Related work',
  args: {
    tag: 'crisis communications',
    limit: 3,
    'no-controls': true,
    'no-headings': true,
    label: 'Related work',
  },
};

/** Readers narrow by type, topic, author, year and origin; counts show what each choice would leave. */
export const Filters: Story = {
  args: { facets: 'type,tag,author,year,origin' },
};

/** Only the filters an editor chooses, in their order (here year, then type). */
export const ChosenFilters: Story = {
  name: 'Chosen filters',
  args: { facets: 'year,type' },
};

/**
 * Search, filters, sort and grouping kept in the page's URL under `library.`,
 * so a link shares the view and Back/Forward step through it. (In Storybook
 * the URL is the preview frame's.)
 */
export const StateInUrl: Story = {
  name: 'State in the URL',
  args: { 'url-state': 'library' },
};

/** A thousand generated publications, virtualized: every one reachable by scrolling, only those near the screen in the page. */
export const Virtualized: Story = {
  args: { feed: 'generated/large-feed.json', virtual: true, group: 'none' },
};

/** Fewer cards than publications at first: "Show more" adds the next page. */
export const ShowMore: Story = {
  name: 'Show more',
  args: { 'page-size': 3, group: 'none' },
};

/**
 * While the feed loads: the search, sort and grouping bar as soon as its code
 * is in (a reader can start typing; the words are kept for the feed), then,
 * after a moment, placeholder cards below it and a status message for screen
 * readers. This story's feed request is held open (see
 * `stories/support/never-answer.ts`): it never answers, so the element stays
 * in its pending state.
 */
export const Loading: Story = {
  args: { feed: NEVER_ANSWERED_FEED, timeout: LONGEST_TIMEOUT },
  beforeEach: holdRequestsTo(NEVER_ANSWERED_FEED),
};

/** The editor's selection matches nothing in the feed (there are no briefings). */
export const Empty: Story = {
  args: { type: 'briefing' },
};

/** A feed with no items, with the host page's own message in the `empty` slot. */
export const EmptyFeed: Story = {
  name: 'Empty feed (slotted message)',
  args: {
    feed: 'fixtures/library/empty.json',
    content: html`<p slot="empty">Our first publications appear here this spring.</p>`,
  },
};

/** The feed is not there (404): the element explains what went wrong and offers to try again. */
export const LoadError: Story = {
  name: 'Error (feed not found)',
  args: { feed: 'fixtures/library/missing-feed.json' },
  // The browser logs the 404 and the element logs its explanation: both are expected.
  tags: ['expect-console-errors', 'expect-404'],
};

/**
 * A feed where some entries are broken: those are skipped, the rest are
 * shown, and a note lists what was wrong (the console gets the same list as
 * a warning).
 */
export const SkippedItems: Story = {
  name: 'Feed with skipped items',
  args: { feed: 'fixtures/library/broken-items.json' },
};

/** The dark theme, which brings its own background, on a dark page. */
export const DarkTheme: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  parameters: { layout: 'fullscreen' },
  decorators: [(story) => html`<div style="background: #121316; padding: 1rem">${story()}</div>`],
};

/** Inside a right-to-left page, with an Arabic feed: text runs right to left, English UI words keep their own direction. */
export const RightToLeft: Story = {
  name: 'RTL (Arabic feed)',
  args: { feed: 'story-fixtures/arabic-feed.json' },
  decorators: [(story) => html`<div dir="rtl" lang="ar">${story()}</div>`],
};
