import { expect } from '@open-wc/testing';
import { FeedError } from '../../src/feed/errors.js';
import { clearFeedCache, loadFeed } from '../../src/feed/load-feed.js';
import { DEFAULT_MAX_PAGES, loadFeedPages, type FeedPagesProgress } from '../../src/feed/load-feed-pages.js';
import type { Feed } from '../../src/feed/publication.js';
import { delay, eventually, fixtureUrl, mockUrl, otherOriginUrl, token } from '../helpers/fixtures.js';

/** A page served by the test server's `page` route: counted under `key`, after `ms`, with `next` as its next_url. */
function page(key: string, file: string, options: { next?: string; ms?: number } = {}): string {
  const query = new URLSearchParams({ file });
  if (options.next !== undefined) query.set('next', options.next);
  if (options.ms !== undefined) query.set('ms', String(options.ms));
  return mockUrl(`page/${key}?${query}`);
}

async function hits(key: string): Promise<number> {
  return ((await (await fetch(mockUrl(`hits/${key}`))).json()) as { hits: number }).hits;
}

async function wasAborted(key: string): Promise<boolean> {
  return ((await (await fetch(mockUrl(`aborted/${key}`))).json()) as { aborted: boolean }).aborted;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Records every progress report: the feed it came with and the counts. */
function recorder() {
  const calls: { feed: Feed; progress: FeedPagesProgress }[] = [];
  return {
    calls,
    onPage: (feed: Feed, progress: FeedPagesProgress) => void calls.push({ feed, progress }),
    summary: () => calls.map(({ feed, progress }) => [progress.pages, progress.more, feed.items.length]),
  };
}

const PAGED = 'library/paged/feed.json';
const ALL_IDS = [
  'paged-report-channels-2024',
  'paged-article-hotlines',
  'paged-article-backchannels',
  'paged-fact-ai',
  'paged-report-alignment-2023',
  'paged-oped-apps',
  'paged-outside-thirteen-days',
];

describe('feed: paged feeds (next_url)', () => {
  beforeEach(() => clearFeedCache());

  it('reads every page, in order, into one feed with the first page’s title and the types in first-seen order', async () => {
    const feed = await loadFeedPages(fixtureUrl(PAGED));
    expect(feed.items.map((i) => i.id)).to.deep.equal(ALL_IDS);
    expect(feed.url).to.equal(fixtureUrl(PAGED));
    expect(feed.title).to.equal('Test Library (in pages)');
    expect(feed.homePageUrl).to.equal('https://library.example/');
    expect(feed.description).to.equal("The institute's publications, newest first, twenty to a page.");
    expect(feed.language).to.equal('en');
    expect(feed.types.map((t) => t.plural)).to.deep.equal(['Reports', 'Articles', 'Fact Sheets', 'Op-Eds']);
    expect(feed.nextUrl).to.equal(undefined);
    expect(feed.incomplete).to.equal(undefined);
    // Items of the same type share one type, whichever page they are on.
    const reports = feed.items.filter((i) => i.type.id === 'report');
    expect(reports).to.have.length(2);
    expect(reports[1]!.type).to.deep.equal(reports[0]!.type);
  });

  it('reports progress after every page, each time with a new feed', async () => {
    const progress = recorder();
    const feed = await loadFeedPages(fixtureUrl(PAGED), { onPage: progress.onPage });
    expect(progress.summary()).to.deep.equal([
      [1, true, 3],
      [2, true, 5],
      [3, false, 7],
    ]);
    const [first, second, last] = progress.calls.map((c) => c.feed);
    expect(first!.items.map((i) => i.id)).to.deep.equal(ALL_IDS.slice(0, 3));
    expect(first!.nextUrl).to.equal(fixtureUrl('library/paged/pages/2.json'));
    expect(second!.nextUrl).to.equal(fixtureUrl('library/paged/pages/3.json'));
    expect(first!.items).to.not.equal(second!.items);
    expect(first!.issues).to.have.length(0);
    expect(last).to.equal(feed);
  });

  it('resolves each next_url, and each link, against the page that holds it', async () => {
    // Page 2 (pages/2.json) says "3.json": pages/3.json, not the 3.json next to page 1.
    const feed = await loadFeedPages(fixtureUrl(PAGED));
    const byId = (id: string) => feed.items.find((i) => i.id === id)!;
    expect(byId('paged-report-channels-2024').url).to.equal(fixtureUrl('library/paged/publications/channels-2024.html'));
    expect(byId('paged-report-alignment-2023').url).to.equal(fixtureUrl('library/paged/pages/alignment-2023.html'));
    expect(byId('paged-fact-ai').pdf?.url).to.equal(fixtureUrl('library/paged/pdfs/fact-ai.pdf'));
    expect(byId('paged-oped-apps').baseUrl).to.equal(fixtureUrl('library/paged/pages/3.json'));

    // On another origin, nothing resolves against this page.
    clearFeedCache();
    const partner = await loadFeedPages(otherOriginUrl(PAGED));
    expect(partner.items.map((i) => i.id)).to.deep.equal(ALL_IDS);
    expect(partner.items[4]!.url).to.equal(otherOriginUrl('library/paged/pages/alignment-2023.html'));

    // A relative first address resolves against `base`, like loadFeed's.
    clearFeedCache();
    const relative = await loadFeedPages('paged/feed.json', { base: fixtureUrl('library/') });
    expect(relative.items).to.have.length(7);
  });

  it("keeps every page's issues, with the index counted across pages and the page named", async () => {
    const feed = await loadFeedPages(fixtureUrl(PAGED));
    expect(feed.issues).to.have.length(2);
    const [skipped, warning] = feed.issues;
    // Page 1 has three entries; the broken one is the second of page 2.
    expect(skipped).to.deep.include({ severity: 'error', index: 4, id: 'paged-china-note', field: 'authors' });
    expect(skipped!.message).to.equal('must be an array, not a string (item 2 on page 2)');
    // Page 2 has three entries too, one of them skipped: the date is on the second entry of page 3.
    expect(warning).to.deep.include({ severity: 'warning', index: 7, id: 'paged-outside-thirteen-days', field: 'date_published' });
    expect(warning!.message).to.match(/^"June 1969" is not a date/).and.match(/ \(item 2 on page 3\)$/);
  });

  it('stops at a next_url that points back to an earlier page, and says so', async () => {
    const progress = recorder();
    const feed = await loadFeedPages(fixtureUrl('library/paged/loop/1.json'), { onPage: progress.onPage });
    expect(feed.items.map((i) => i.id)).to.deep.equal(['loop-briefing-one', 'loop-briefing-two']);
    expect(progress.summary()).to.deep.equal([
      [1, true, 1],
      [2, false, 2],
    ]);
    expect(feed.issues).to.deep.equal([
      { severity: 'warning', field: 'next_url', message: 'on page 2 points back to page 1; paging stopped.' },
    ]);
    expect(feed.nextUrl).to.equal(undefined);
    expect(feed.incomplete).to.equal(undefined);
  });

  it('stops after maxPages pages with a warning, and keeps the next address', async () => {
    expect(DEFAULT_MAX_PAGES).to.equal(1000);
    const progress = recorder();
    const feed = await loadFeedPages(fixtureUrl(PAGED), { maxPages: 2, onPage: progress.onPage });
    expect(feed.items.map((i) => i.id)).to.deep.equal(ALL_IDS.slice(0, 5));
    expect(progress.summary()).to.deep.equal([
      [1, true, 3],
      [2, false, 5],
    ]);
    expect(feed.issues.at(-1)).to.deep.equal({
      severity: 'warning',
      field: 'next_url',
      message: 'on page 2 points to yet another page, but at most 2 pages are read; paging stopped.',
    });
    expect(feed.nextUrl).to.equal(fixtureUrl('library/paged/pages/3.json'));
    expect(feed.incomplete).to.equal(undefined);
  });

  it('stops once the caller has enough, without fetching the next page or warning, and keeps its address', async () => {
    const key = token();
    const third = page(`${key}-3`, 'library/paged/pages/3.json');
    const second = page(`${key}-2`, 'library/paged/pages/2.json', { next: third });
    const progress = recorder();
    const asked: number[] = [];
    const feed = await loadFeedPages(page(`${key}-1`, PAGED, { next: second }), {
      onPage: progress.onPage,
      enough: (sofar) => asked.push(sofar.items.length) > 0 && sofar.items.some((item) => item.id === 'paged-fact-ai'),
    });
    expect(asked).to.deep.equal([3, 5]);
    expect(feed.items.map((i) => i.id)).to.deep.equal(ALL_IDS.slice(0, 5));
    expect(progress.summary()).to.deep.equal([
      [1, true, 3],
      [2, false, 5],
    ]);
    expect(feed.nextUrl).to.equal(third);
    expect(feed.issues.filter((issue) => issue.field === 'next_url')).to.deep.equal([]);
    expect(feed.incomplete).to.equal(undefined);
    expect([await hits(`${key}-1`), await hits(`${key}-2`), await hits(`${key}-3`)]).to.deep.equal([1, 1, 0]);
  });

  it('reads every page when the caller never has enough, and is not asked after the last', async () => {
    const asked: number[] = [];
    const feed = await loadFeedPages(fixtureUrl(PAGED), { enough: (sofar) => asked.push(sofar.items.length) < 0 });
    expect(feed.items.map((i) => i.id)).to.deep.equal(ALL_IDS);
    expect(feed.nextUrl).to.equal(undefined);
    expect(asked).to.deep.equal([3, 5]);
  });

  it('keeps the pages before one that fails, with the error, the page and its address', async () => {
    const progress = recorder();
    const feed = await loadFeedPages(fixtureUrl('library/paged/fails/1.json'), { onPage: progress.onPage });
    expect(feed.items.map((i) => i.id)).to.deep.equal(['fails-report-one', 'fails-report-two']);
    expect(progress.summary()).to.deep.equal([[1, true, 2]]);
    expect(feed.incomplete).to.not.equal(undefined);
    const { error, page: number, url } = feed.incomplete!;
    expect(error).to.be.instanceOf(FeedError);
    expect(error.kind).to.equal('http');
    expect(error.details.status).to.equal(500);
    expect(number).to.equal(2);
    expect(url).to.equal(mockUrl('status/500'));
    expect(feed.nextUrl).to.equal(mockUrl('status/500'));
    expect(feed.title).to.equal('Library whose second page fails');
  });

  it('keeps the pages before one that is not JSON, has no valid items, or times out', async () => {
    const html = await loadFeedPages(page(token(), PAGED, { next: page(token(), 'library/page.html') }));
    expect(html.items).to.have.length(3);
    expect(html.incomplete?.error.kind).to.equal('not-json');

    const bad = await loadFeedPages(page(token(), PAGED, { next: page(token(), 'library/all-bad.json') }));
    expect(bad.items).to.have.length(3);
    expect(bad.incomplete?.error.kind).to.equal('no-valid-items');

    const slow = token();
    const third = page(slow, 'library/paged/pages/3.json', { ms: 5000 });
    const timedOut = await loadFeedPages(page(token(), PAGED, { next: page(token(), 'library/paged/pages/2.json', { next: third }) }), {
      timeout: 800,
    });
    expect(timedOut.items).to.have.length(5);
    expect(timedOut.incomplete).to.deep.include({ page: 3, url: third });
    expect(timedOut.incomplete?.error.kind).to.equal('timeout');
    await eventually(() => wasAborted(slow), 'the server saw the timed-out page stop');
  });

  it('throws as loadFeed does when the first page fails, and reports no progress', async () => {
    const progress = recorder();
    const http = await rejection(loadFeedPages(mockUrl('status/404'), { onPage: progress.onPage }));
    expect(http).to.be.instanceOf(FeedError);
    expect((http as FeedError).kind).to.equal('http');
    expect((http as FeedError).details.status).to.equal(404);

    const notFeed = await rejection(loadFeedPages(fixtureUrl('library/not-a-feed.json'), { onPage: progress.onPage }));
    expect((notFeed as FeedError).kind).to.equal('not-feed');

    const badUrl = await rejection(loadFeedPages('javascript:alert(1)', { onPage: progress.onPage }));
    expect((badUrl as FeedError).kind).to.equal('bad-url');

    const direct = await rejection(loadFeed(mockUrl('status/404')));
    expect((direct as FeedError).message).to.equal((http as FeedError).message);
    expect(progress.calls).to.have.length(0);
  });

  it('leaves out an item whose id was on an earlier page, with a warning', async () => {
    const feed = await loadFeedPages(fixtureUrl('library/paged/duplicates/1.json'));
    expect(feed.items.map((i) => i.id)).to.deep.equal(['dup-article-deterrence', 'dup-fact-ai-safety', 'dup-article-ransomware']);
    expect(feed.items[1]!.summary).to.equal('Who has promised what, in one table.');
    expect(feed.types.map((t) => t.id)).to.deep.equal(['article', 'fact-sheet']);
    expect(feed.issues).to.deep.equal([
      {
        severity: 'warning',
        index: 2,
        id: 'dup-fact-ai-safety',
        field: 'id',
        message: 'repeats the id of an item on page 1, so it was left out (item 1 on page 2)',
      },
    ]);
  });

  it("gives a later page's item the first page's words for its type, and keeps all else it has", async () => {
    const feed = await loadFeedPages(fixtureUrl('library/paged/retyped/1.json'));
    const [first, later] = feed.items;
    expect(later!.type).to.equal(first!.type);
    expect(later!.type).to.deep.equal({ id: 'brief', label: 'Policy Brief', plural: 'Policy Briefs' });
    expect(later!.url).to.equal(fixtureUrl('library/paged/retyped/publications/satellites.html'));
    expect(later!.pdf).to.deep.equal({ url: fixtureUrl('library/paged/retyped/pdfs/satellites.pdf'), mimeType: 'application/pdf', title: undefined, sizeInBytes: 48000 });
    expect(later!.summary).to.equal('A short guide to the agreements that keep orbits usable.');
    expect([later!.featured, later!.takeaways, later!.datePublished?.toISOString()]).to.deep.equal([true, ['Debris lasts for decades.'], '2024-07-15T12:00:00.000Z']);
    expect(later!.baseUrl).to.equal(fixtureUrl('library/paged/retyped/2.json'));
  });

  it('ignores a next_url that is not a web link, with a warning', async () => {
    const progress = recorder();
    const feed = await loadFeedPages(fixtureUrl('library/paged/unsafe/1.json'), { onPage: progress.onPage });
    expect(feed.items.map((i) => i.id)).to.deep.equal(['unsafe-article-one', 'unsafe-article-two']);
    expect(progress.summary()).to.deep.equal([
      [1, true, 1],
      [2, false, 2],
    ]);
    expect(feed.issues).to.have.length(1);
    expect(feed.issues[0]).to.deep.include({ severity: 'warning', field: 'next_url' });
    expect(feed.issues[0]!.message).to.contain('was dropped: only http(s) and relative links are followed').and.contain('(page 2)');
    expect(feed.nextUrl).to.equal(undefined);
    expect(feed.incomplete).to.equal(undefined);

    // loadFeed itself warns about it, for one page.
    const alone = await loadFeed(fixtureUrl('library/paged/unsafe/2.json'));
    expect(alone.nextUrl).to.equal(undefined);
    expect(alone.issues.map((i) => i.field)).to.deep.equal(['next_url']);
  });

  it('stops on abort while a page is loading: rejects with the reason and the request ends', async () => {
    const slow = token();
    const controller = new AbortController();
    const reason = new Error('the reader left');
    const progress = recorder();
    const loading = loadFeedPages(page(token(), PAGED, { next: page(slow, 'library/paged/pages/3.json', { ms: 5000 }) }), {
      signal: controller.signal,
      onPage: progress.onPage,
    });
    await eventually(async () => (await hits(slow)) === 1, 'the second page was requested');
    controller.abort(reason);
    expect(await rejection(loading)).to.equal(reason);
    expect(progress.summary()).to.deep.equal([[1, true, 3]]);
    await eventually(() => wasAborted(slow), 'the server saw the second page stop');
  });

  it('fetches nothing more once aborted between pages, or before the first', async () => {
    const second = token();
    const controller = new AbortController();
    const reason = new Error('stop here');
    const loading = loadFeedPages(page(token(), PAGED, { next: page(second, 'library/paged/pages/3.json') }), {
      signal: controller.signal,
      onPage: () => controller.abort(reason),
    });
    expect(await rejection(loading)).to.equal(reason);
    await delay(300);
    expect(await hits(second)).to.equal(0);

    const first = token();
    const already = new AbortController();
    already.abort();
    const error = await rejection(loadFeedPages(page(first, PAGED), { signal: already.signal }));
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
    await delay(100);
    expect(await hits(first)).to.equal(0);
  });

  it('applies the timeout to each page, not to the whole chain', async () => {
    const third = page(token(), 'library/paged/pages/3.json', { ms: 400 });
    const second = page(token(), 'library/paged/pages/2.json', { ms: 400, next: third });
    const start = performance.now();
    const feed = await loadFeedPages(page(token(), PAGED, { ms: 400, next: second }), { timeout: 1000 });
    expect(performance.now() - start).to.be.greaterThan(1000);
    expect(feed.items).to.have.length(7);
    expect(feed.incomplete).to.equal(undefined);
  });

  it('shares loaded pages between calls, and fetches every page again on reload', async () => {
    const [a, b] = [token(), token()];
    const url = page(a, PAGED, { next: page(b, 'library/paged/pages/3.json') });
    await loadFeedPages(url);
    await loadFeedPages(url);
    expect([await hits(a), await hits(b)]).to.deep.equal([1, 1]);
    const again = await loadFeedPages(url, { reload: true });
    expect([await hits(a), await hits(b)]).to.deep.equal([2, 2]);
    expect(again.items).to.have.length(5);
  });
});
