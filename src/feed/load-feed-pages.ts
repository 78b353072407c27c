/**
 * Feeds split into pages. JSON Feed lets a feed continue on another page: its
 * top-level `next_url` names the next one. This follows the chain from the
 * first page, up front, to the last (or as far as the caller needs: `enough`),
 * and merges the pages into one `Feed`, reporting the list so far after every
 * page so that it can be shown while the rest arrives.
 *
 * Each page goes through `loadFeed`, so it is fetched, validated, cached and
 * shared exactly as a single feed is.
 */
import { FeedError } from './errors.js';
import { loadFeed, type LoadFeedOptions } from './load-feed.js';
import type { Feed, FeedIssue, Publication, PublicationType } from './publication.js';
import { resolveSafeUrl } from './url-policy.js';

export interface FeedPagesProgress {
  /** Pages loaded so far. */
  pages: number;
  /** Whether another page is still coming. */
  more: boolean;
}

export interface LoadFeedPagesOptions extends LoadFeedOptions {
  /**
   * Called with the merged feed after each page (the first included). Every
   * call gets a new `Feed` object with new `items`, `issues` and `types`
   * arrays. When a later page then fails, there is no further call: the
   * returned promise carries the final feed, with `incomplete` set.
   */
  onPage?(feed: Feed, progress: FeedPagesProgress): void;
  /** Stop after this many pages, with a warning. Default 1 000. */
  maxPages?: number;
  /**
   * Whether the pages read so far hold all the caller needs (a box that shows
   * a few publications, a card looking for one): paging then stops, and the
   * next page's address is left unread in `nextUrl`. Asked after each page.
   * Default: every page is read.
   */
  enough?(feed: Feed): boolean;
}

export const DEFAULT_MAX_PAGES = 1000;

/**
 * Loads a feed and every page after it (`next_url`), merged into one Feed.
 *
 * - Items keep the order of the pages. An item whose id already appeared on an
 *   earlier page is left out with a warning (feeds that change while they are
 *   being read shift items from one page to the next).
 * - Issues of every page are kept; an item's `index` is its position among the
 *   entries of all pages together, and messages name the page they come from.
 * - Title, home page, description, language and `url` are the first page's;
 *   types are merged in the order they are first met.
 * - `next_url` resolves against the page that contains it and must pass the
 *   URL policy. Paging stops, with a warning, at a `next_url` that was already
 *   followed (a loop) and after `maxPages` pages.
 * - When a page after the first fails, the pages before it are returned, with
 *   the failure in `incomplete` and its address in `nextUrl`. The returned
 *   feed has a `nextUrl` only then, when `maxPages` stopped the paging, or
 *   when `enough` did (the feeds given to `onPage` while `more` is true have
 *   the page loading next).
 * - `timeout` applies to each page on its own; `reload` fetches every page again.
 *
 * @throws FeedError when the first page cannot be shown, as `loadFeed` does;
 *   the abort reason when `signal` aborts, whichever page is loading.
 */
export async function loadFeedPages(url: string, options: LoadFeedPagesOptions = {}): Promise<Feed> {
  const { onPage, maxPages: requestedMax, enough, signal, ...pageOptions } = options;
  const maxPages = requestedMax !== undefined && requestedMax >= 1 ? Math.floor(requestedMax) : DEFAULT_MAX_PAGES;
  // `loadFeed` rejects with the abort reason too; checking first also covers pages already in its cache.
  const checkSignal = () => {
    if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
  };

  checkSignal();
  const first = await loadFeed(url, { ...pageOptions, signal });
  checkSignal();
  const merged = new Merger(first);
  const visited = new Map<string, number>();
  visit(visited, resolveSafeUrl(url, options.base ?? document.baseURI), 1);
  visit(visited, first.url, 1);

  let page = first;
  let pages = 1;
  /** The page that the cap stopped at, unread. */
  let stoppedAt: string | undefined;
  for (;;) {
    const next = page.nextUrl;
    let more = next !== undefined;
    if (next !== undefined) {
      const earlier = visited.get(pageKey(next));
      if (earlier !== undefined) {
        more = false;
        merged.warn(`on page ${count(pages)} points back to page ${count(earlier)}; paging stopped.`);
      } else if (pages >= maxPages) {
        more = false;
        merged.warn(`on page ${count(pages)} points to yet another page, but at most ${count(maxPages)} pages are read; paging stopped.`);
        stoppedAt = next;
      }
    }
    const feed = merged.snapshot(more ? next : stoppedAt);
    // Enough for the caller: the next page stays unread, its address in the feed's nextUrl.
    if (more && enough?.(feed)) more = false;
    onPage?.(feed, { pages, more });
    if (!more || next === undefined) return feed;

    const number = pages + 1;
    visit(visited, next, number);
    checkSignal();
    try {
      // An absolute URL already: `parseFeed` resolved it against the page that holds it.
      page = await loadFeed(next, { ...pageOptions, signal, base: page.url });
    } catch (error) {
      checkSignal();
      return merged.snapshot(next, { error: asFeedError(error, next), page: number, url: next });
    }
    checkSignal();
    pages = number;
    visit(visited, page.url, pages);
    merged.add(page, pages);
  }
}

/** Pages are the same when their addresses differ only in the fragment, which is never sent. */
function pageKey(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function visit(visited: Map<string, number>, url: string | undefined, page: number): void {
  if (url === undefined) return;
  const key = pageKey(url);
  if (!visited.has(key)) visited.set(key, page);
}

function asFeedError(error: unknown, url: string): FeedError {
  if (error instanceof FeedError) return error;
  return new FeedError('network', url, `The page at ${url} could not be read.`, { cause: error });
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The pages read so far, in arrays that only grow; `snapshot` hands out copies. */
class Merger {
  readonly items: Publication[] = [];
  readonly issues: FeedIssue[] = [];
  readonly types = new Map<string, PublicationType>();
  /** Where the item ids come from: id → page. */
  private readonly ids = new Map<string, number>();
  /** Entries (valid or not) on the pages so far: the offset of the next page's `index`es. */
  private entries = 0;

  constructor(private readonly first: Feed) {
    this.add(first, 1);
  }

  add(page: Feed, number: number): void {
    const positions = entryPositions(page);
    const offset = this.entries;
    const where = (index: number) => (number === 1 ? '' : ` (item ${index + 1} on page ${number})`);
    for (const issue of page.issues) {
      if (number === 1) this.issues.push(issue);
      else if (issue.index === undefined) this.issues.push({ ...issue, message: `${issue.message} (page ${number})` });
      else this.issues.push({ ...issue, index: issue.index + offset, message: `${issue.message}${where(issue.index)}` });
    }
    const used = new Set<string>();
    page.items.forEach((item, i) => {
      const index = positions[i]!;
      const earlier = this.ids.get(item.id);
      if (earlier !== undefined) {
        this.issues.push({
          severity: 'warning',
          index: index + offset,
          id: item.id,
          field: 'id',
          message: `repeats the id of an item on page ${earlier}, so it was left out${where(index)}`,
        });
        return;
      }
      this.ids.set(item.id, number);
      used.add(item.type.id);
      // One set of words per type id: the first page to use it decides. Cached pages are never changed; a differing item is copied.
      const type = this.types.get(item.type.id) ?? item.type;
      const same = type === item.type || (type.label === item.type.label && type.plural === item.type.plural);
      this.items.push(same ? item : withType(item, type));
    });
    // The page's order (declared types first), for the types its kept items use.
    for (const type of page.types) if (used.has(type.id) && !this.types.has(type.id)) this.types.set(type.id, type);
    this.entries += entryCount(page);
  }

  /** A feed-level warning about paging. */
  warn(message: string): void {
    this.issues.push({ severity: 'warning', field: 'next_url', message });
  }

  snapshot(nextUrl: string | undefined, incomplete?: Feed['incomplete']): Feed {
    const { types: _types, items: _items, issues: _issues, nextUrl: _next, incomplete: _incomplete, ...head } = this.first;
    return {
      ...head,
      types: [...this.types.values()],
      items: [...this.items],
      issues: [...this.issues],
      ...(nextUrl !== undefined && { nextUrl }),
      ...(incomplete && { incomplete }),
    };
  }
}

/**
 * How many entries a page's `items` list had, valid or not. `parseFeed` keeps
 * only the valid ones, and reports each skipped entry with at least one
 * `error` issue at its `index` (and only skipped entries get errors).
 */
function entryCount(page: Feed): number {
  return page.items.length + skippedIndexes(page).size;
}

function skippedIndexes(page: Feed): Set<number> {
  const skipped = new Set<number>();
  for (const issue of page.issues) if (issue.severity === 'error' && issue.index !== undefined) skipped.add(issue.index);
  return skipped;
}

/** For each item of the page, its position in the page's `items` list, counting the skipped entries. */
function entryPositions(page: Feed): number[] {
  const skipped = skippedIndexes(page);
  const positions: number[] = [];
  for (let index = 0; positions.length < page.items.length; index++) if (!skipped.has(index)) positions.push(index);
  return positions;
}

/**
 * The publication with another type, of the same kind: a feed's publication
 * keeps fields on its prototype (`stored-publication.ts`), which a spread
 * would lose.
 */
function withType(pub: Publication, type: PublicationType): Publication {
  return Object.assign(Object.create(Object.getPrototypeOf(pub) as object) as Publication, pub, { type });
}
