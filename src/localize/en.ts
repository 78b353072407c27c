/**
 * Every word the elements show, in English. A translation supplies the same
 * shape (see `Strings`), and the same for the words kept in the chunks that
 * use them: the reader tools' (`en-tools.ts`), the filters' (`en-facets.ts`)
 * and most explanations of a failed load (`en-feed-errors.ts`). Nothing else
 * in `src/` holds user-facing text, except the feed validator's messages
 * about the feed file itself.
 */
import type { FeedError } from '../feed/errors.js';

const LOCALE = 'en';
/**
 * Counts and the dates of English publications are written out here rather
 * than by `Intl`: a page's first `Intl` formatter loads the browser's locale
 * data, which took 35 ms on a fresh page in the benchmark, before the first
 * card could show. Other languages' dates, and numbers that are not whole,
 * still go to `Intl` (made once each, when first needed).
 */
let numbers: Intl.NumberFormat | undefined;
const dates = new Map<string, Intl.DateTimeFormat>();
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Languages whose dates read "March 5, 2024", as `Intl` writes them for `en`. */
const US_ENGLISH = /^en(-us)?$/i;

/** A count in the page's words: 1,234. */
export function formatNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  return (numbers ??= new Intl.NumberFormat(LOCALE)).format(n);
}
const number = formatNumber;
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

/** A publication's date, in its own language when the browser knows it: "March 5, 2024" in English. */
function formatDate(date: Date, lang = LOCALE): string {
  const year = date.getUTCFullYear();
  if (US_ENGLISH.test(lang) && year >= 1 && year <= 9999) return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${year}`;
  let format = dates.get(lang);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    } catch {
      // A feed's language tag that the browser does not know.
      format = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    }
    dates.set(lang, format);
  }
  return format.format(date);
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * What a failed load says while the fuller explanations are not at hand
 * (`en-feed-errors.ts`, loaded when a load fails): should they fail to
 * download too, the error's own sentence. Two cases are written out here in
 * full, since they are the likeliest to leave the page without that chunk: no
 * answer from the network, and a site that published the script without its
 * "chunks" folder.
 */
function feedErrorShort(error: FeedError): { title: string; detail: string } {
  const { url } = error;
  switch (error.kind) {
    case 'network':
      return {
        title: 'The publications feed could not be reached',
        detail: `No answer came from ${url}. Check the address and your connection. If the feed is on another website, its server must allow this site to read it (a CORS header, Access-Control-Allow-Origin).`,
      };
    case 'script':
      return {
        title: 'The library could not finish loading',
        detail: `The feed at ${url} arrived, but a part of the library's script did not. Try again. If the script is hosted on this site, publish the whole folder it came in: the files in "chunks" beside virtual-library.js are needed too.`,
      };
    default:
      return { title: 'The publications feed could not be shown', detail: `${error.message} Try again.` };
  }
}

export function itemName(issue: { index?: number; id?: string }): string {
  if (issue.index === undefined) return 'Feed';
  return issue.id ? `Item ${issue.index + 1} ("${issue.id}")` : `Item ${issue.index + 1}`;
}

export const en = {
  loading: 'Loading publications…',
  retry: 'Try again',
  feedErrorShort,
  itemName,
  feedIssues: (skipped: number, warnings: number) =>
    [skipped && `${plural(skipped, 'entry', 'entries')} in the feed could not be shown`, warnings && plural(warnings, 'warning', 'warnings')]
      .filter(Boolean)
      .join(', '),
  count: (shown: number, total: number) =>
    shown === total ? plural(total, 'publication', 'publications') : `${number(shown)} of ${plural(total, 'publication', 'publications')}`,
  empty: 'No publications match.',
  emptyFeed: 'There are no publications yet.',
  toolsFailed: 'Search and filters could not be loaded',
  toolsFailedDetail: 'The list is shown without them. Check your connection, then try again.',
  linkFailed: 'The search in this link could not be restored',
  linkFailedDetail: 'The list is shown in full, not as the link had it. Check your connection, then reload the page.',
  showMore: (remaining: number) => `Show more (${number(remaining)} more)`,
  incomplete: (pages: number) => `Only the first ${plural(pages, 'page', 'pages')} of the library could be loaded`,
  loadingMore: (pages: number, items: number) => `Loading more… (${plural(pages, 'page', 'pages')}, ${plural(items, 'publication', 'publications')} so far)`,
  by: 'By',
  viewPdf: 'View PDF',
  downloadPdf: 'Download PDF',
  view: 'View',
  viewAt: (publisher: string) => `View at ${publisher}`,
  externalWork: 'Outside work',
  takeaways: 'Key takeaways',
  featured: 'Featured',
  withdrawn: 'Withdrawn',
  withdrawnNotice: 'This publication has been withdrawn.',
  withdrawnOn: (date: string) => `This publication was withdrawn on ${date}.`,
  withdrawnReason: 'Reason:',
  fileSize,
  pages: (count: number) => plural(count, 'page', 'pages'),
  date: formatDate,
  /** Hidden text that tells a screen-reader user which publication a repeated link belongs to. */
  linkContext: (title: string) => `: “${title}”`,
  newTab: '(opens in a new tab)',
};

export type Strings = typeof en;
