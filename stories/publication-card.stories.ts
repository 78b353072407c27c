import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Attachment, CardVariant, Publication } from '../src/index.js';
import '../src/components/publication-card/define.js';
import { holdRequestsTo, LONGEST_TIMEOUT, NEVER_ANSWERED_FEED } from './support/never-answer.js';

/** The story's args are the element's attributes, plus the `publication` property. */
interface CardArgs {
  publication?: Publication;
  feed?: string;
  item?: string;
  variant?: CardVariant;
  'heading-level'?: number;
  timeout?: number;
  theme?: 'dark' | 'auto';
  highlight?: string[];
  /** Actions that Storybook makes from the events in the manifest. */
  onPdfOpen?: (event: Event) => void;
  onLibraryLoad?: (event: Event) => void;
  onLibraryError?: (event: Event) => void;
}

type Story = StoryObj<CardArgs>;

const FEED = 'fixtures/library/feed.json';

const text = (value: string | undefined) => value || nothing;
const number = (value: number | undefined) => value ?? nothing;

// Publications as `<library-list>` hands them to its cards: already validated,
// every URL absolute (see src/feed/publication.ts).
const SITE = 'https://library.example/';

const pdf = (name: string, sizeInBytes: number): Attachment => ({
  url: `${SITE}pdfs/${name}.pdf`,
  mimeType: 'application/pdf',
  sizeInBytes,
});

const standard: Publication = {
  id: 'hotlines',
  title: 'Hotlines Between Capitals',
  url: `${SITE}publications/hotlines.html`,
  summary: 'How direct lines between leaders have worked in past crises, and what made them fail.',
  datePublished: new Date('2023-03-01T00:00:00Z'),
  authors: [{ name: 'Ana Ruiz', url: `${SITE}people/ana-ruiz.html` }, { name: 'Bea Chen' }],
  tags: ['crisis communications', 'history'],
  language: 'en',
  attachments: [pdf('hotlines', 52_000)],
  pdf: pdf('hotlines', 52_000),
  type: { id: 'article', label: 'Article', plural: 'Articles' },
  origin: 'institute',
  featured: false,
  takeaways: [],
  status: 'published',
  baseUrl: `${SITE}feed.json`,
};

const report = { id: 'report', label: 'Report', plural: 'Reports' };

const featured: Publication = {
  ...standard,
  id: 'resilient-channels',
  title: 'Resilient Channels for Nuclear Crises',
  url: `${SITE}publications/resilient-channels.html`,
  summary: 'A workshop report on the weak points of crisis channels.',
  contentHtml: `<p>A <strong>workshop</strong> of former officials, engineers and diplomats met in 2023 to look at
    the channels leaders use in a crisis: the hotlines, the embassies, and the back channels in between.</p>
    <p>It found that most channels were built for the last crisis. They fail when they are needed most,
    because nobody has used them for years. <a href="publications/resilient-channels-annex.html">The annex</a>
    lists every exercise since 1963.</p>`,
  datePublished: new Date('2023-06-12T09:00:00Z'),
  authors: [{ name: 'Bea Chen' }, { name: 'Carl Osei' }, { name: 'Dan Ito' }],
  attachments: [pdf('resilient-channels', 1_572_864)],
  pdf: pdf('resilient-channels', 1_572_864),
  type: report,
  featured: true,
  takeaways: [
    'Channels fail when they are needed most.',
    'Redundancy matters more than speed.',
    'Practise before the crisis.',
    'Agree on terms in advance.',
  ],
};

const withdrawn: Publication = {
  ...standard,
  id: 'early-draft',
  title: 'An Early Draft on Backchannels',
  status: 'withdrawn',
  withdrawnReason: "Removed at the author's request.",
  withdrawnDate: new Date('2024-02-01T00:00:00Z'),
};

const outside: Publication = {
  ...standard,
  id: 'strategy-of-conflict',
  title: 'The Strategy of Conflict',
  url: undefined,
  externalUrl: 'https://www.hup.harvard.edu/',
  summary: 'A classic study of bargaining and deterrence.',
  datePublished: new Date('1960-01-01T00:00:00Z'),
  authors: [{ name: 'Thomas C. Schelling' }],
  attachments: [],
  pdf: undefined,
  origin: 'external',
  publisher: 'Harvard University Press',
};

const longTitle: Publication = {
  ...featured,
  id: 'long-title',
  featured: false,
  contentHtml: undefined,
  takeaways: [],
  title:
    'Resilient, Redundant and Rehearsed: A Comparative Study of Crisis Communication Channels Between Nuclear-Armed States, ' +
    'Their Allies and International Organisations, 1962–2024, With Recommendations for Policymakers, Military Planners ' +
    'and Diplomats (Supplement: Rüstungskontrollverifikationsmaßnahmenkatalog)',
  authors: [
    'Ana Ruiz',
    'Bea Chen',
    'Carl Osei',
    'Dan Ito',
    'Eve Park',
    'Fay Lund',
    'Gil Amar',
    'Hana Novak',
    'Ivo Petrov',
    'Jun Tanaka',
    'Kofi Mensah',
    'Lena Fischer',
  ].map((name) => ({ name })),
};

const meta: Meta<CardArgs> = {
  title: 'Elements/publication-card',
  component: 'publication-card',
  render: (args) => html`<publication-card
    .publication=${args.publication}
    .highlight=${args.highlight ?? []}
    feed=${text(args.feed)}
    item=${text(args.item)}
    variant=${text(args.variant)}
    heading-level=${number(args['heading-level'])}
    timeout=${number(args.timeout)}
    theme=${text(args.theme)}
    @pdf-open=${args.onPdfOpen}
    @library-load=${args.onLibraryLoad}
    @library-error=${args.onLibraryError}
  ></publication-card>`,
  decorators: [(story) => html`<div style="max-width: 40rem">${story()}</div>`],
  argTypes: {
    // Rows, descriptions and simple controls come from the manifest (.storybook/manifest-arg-types.ts);
    // these refine the controls whose type the manifest gives only by name.
    publication: { table: { disable: true } },
    highlight: { control: 'object' },
    variant: { control: 'select', options: ['standard', 'featured', 'compact'] },
    'heading-level': { control: { type: 'number', min: 2, max: 6 } },
    timeout: { control: { type: 'number', min: 0, step: 1000 } },
  },
};

export default meta;

/** A publication as it appears in a listing: type, title, authors, date, summary, PDF links. */
export const Standard: Story = {
  args: { publication: standard },
};

/** A publication the feed marks as featured: the long summary (sanitised HTML) and the key takeaways. */
export const Featured: Story = {
  args: { publication: featured },
};

/**
 * What a listing’s search found, marked (`match` part) wherever the card shows it: title, authors, publisher, summary, the
 * long summary and the takeaways. `<library-list>` sets `highlight` from the reader's query.
 */
export const SearchMatches: Story = {
  name: 'Search matches',
  args: { publication: featured, highlight: ['crisis', 'channel'] },
};

/** A withdrawn publication keeps its place as a tombstone, without links. */
export const Withdrawn: Story = {
  args: { publication: withdrawn },
};

/** Someone else's work that shaped the institute's: labelled, with its publisher, linking out. */
export const OutsideWork: Story = {
  name: 'Outside work',
  args: { publication: outside },
};

/** Title and links only. */
export const Compact: Story = {
  args: { publication: standard, variant: 'compact' },
};

/** A very long title with a long unbreakable word, and twelve authors, in a narrow column: nothing overflows the card. */
export const LongTitle: Story = {
  name: 'Long title',
  args: { publication: longTitle },
  decorators: [(story) => html`<div style="max-width: 20rem">${story()}</div>`],
};

/** A card on any page: it loads the feed itself and shows the item with the `item` id. */
export const StandaloneFromFeed: Story = {
  name: 'Standalone from a feed',
  args: { feed: FEED, item: 'report-two' },
};

/**
 * A standalone card while its feed loads. This story's feed request is held
 * open (see `stories/support/never-answer.ts`): it never answers, so the card
 * stays in its pending state.
 */
export const Loading: Story = {
  args: { feed: NEVER_ANSWERED_FEED, timeout: LONGEST_TIMEOUT },
  beforeEach: holdRequestsTo(NEVER_ANSWERED_FEED),
};

/** The `item` id is not in the feed: the card says so and names the attribute to check. */
export const NotFound: Story = {
  name: 'Error (item not found)',
  args: { feed: FEED, item: 'no-such-publication' },
  // The element logs its explanation on the console: expected.
  tags: ['expect-console-errors'],
};
