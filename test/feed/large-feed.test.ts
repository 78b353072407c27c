import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import '../../src/components/library-list/define.js';
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import type { LibraryLoadEvent } from '../../src/events/library-load-event.js';
import { clearFeedCache, loadFeed } from '../../src/feed/load-feed.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import type { FeedError } from '../../src/feed/errors.js';
import type { Feed } from '../../src/feed/publication.js';
import { mockUrl, token, until } from '../helpers/fixtures.js';

/**
 * A feed of more than 200,000 characters is read a slice at a time, and its first
 * publications are offered as a preview before the rest is read; a listing
 * shows its first screen from them. The complete feed must be exactly what
 * reading it at once gives.
 */

const big = (n: number) => mockUrl(`big-feed?n=${n}`);

/** The feed read at once, as `parseFeed` does, from the same response. */
async function readAtOnce(url: string): Promise<Feed> {
  const response = await fetch(url);
  return parseFeed(await response.text(), response.url, response.headers.get('content-type') ?? '');
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** How much of a trickled answer (`/mock/trickle/…`) the server had sent. */
const progress = async (id: string) => (await (await fetch(mockUrl(`progress/${id}`))).json()) as { sent: number; total: number };

/** The same feed, said briefly when not: the first publication that differs, rather than a diff of thousands. */
function expectSameFeed(feed: Feed, other: Feed) {
  expect(plain({ ...feed, items: [] })).to.deep.equal(plain({ ...other, items: [] }));
  expect(feed.items.length).to.equal(other.items.length);
  const differs = feed.items.findIndex((item, i) => JSON.stringify(item) !== JSON.stringify(other.items[i]));
  if (differs >= 0) expect(plain(feed.items[differs]), `publication ${differs}`).to.deep.equal(plain(other.items[differs]));
}

describe('feed: large feeds', () => {
  beforeEach(() => clearFeedCache());

  it('previews the first publications once, then gives exactly the feed read at once', async () => {
    const previews: Feed[] = [];
    const feed = await loadFeed(big(3000), { onPreview: (start) => previews.push(start) });
    expect(previews).to.have.length(1);
    const [start] = previews;
    expect(start!.items.length).to.be.within(24, 100);
    expect(start!.issues).to.deep.equal([]);
    expect(plain({ ...start!, items: [], types: [] })).to.deep.equal(plain({ ...feed, items: [], types: [], issues: [] }));
    expect(plain(start!.items)).to.deep.equal(plain(feed.items.slice(0, start!.items.length)));
    expect(plain(feed)).to.deep.equal(plain(await readAtOnce(big(3000))));
  });

  it('does not preview a feed of 200,000 characters or fewer (400 generated entries)', async () => {
    let previews = 0;
    const feed = await loadFeed(big(400), { onPreview: () => previews++ });
    expect(previews).to.equal(0);
    expect(feed.items).to.have.length(400);
  });

  describe('still downloading', () => {
    for (const [what, length] of [['its length given', ''], ['no length given', '&length=no']] as const) {
      it(`previews a large feed from its first entries before the rest has come (${what})`, async () => {
        const id = token();
        const url = mockUrl(`trickle/3000/${id}?big=3000${length}`);
        const previews: Feed[] = [];
        let atPreview: Promise<{ sent: number; total: number }> | undefined;
        const feed = await loadFeed(url, {
          onPreview: (start) => {
            previews.push(start);
            atPreview = progress(id);
          },
        });
        expect(previews).to.have.length(1);
        const { sent, total } = await atPreview!;
        // Sent in 20 pieces over 3 seconds: without a length the reader waits for 200,000 characters first.
        expect(sent, `${sent} of ${total} bytes sent at the preview`).to.be.below(total / 2);
        expect(previews[0]!.items.length).to.equal(50);
        expect(plain(previews[0]!.items)).to.deep.equal(plain(feed.items.slice(0, 50)));
        expectSameFeed(feed, await readAtOnce(url));
      });
    }

    it('does not preview a small feed that comes slowly, and gives it whole', async () => {
      let previews = 0;
      const id = token();
      const feed = await loadFeed(mockUrl(`trickle/1000/${id}?big=400`), { onPreview: () => previews++ });
      expect(previews).to.equal(0);
      expectSameFeed(feed, await readAtOnce(mockUrl(`trickle/1000/${id}?big=400`)));
    });

    it('gives the error of the whole text when a previewed feed turns out not to be JSON', async () => {
      const id = token();
      const previews: Feed[] = [];
      // The generated feed, its last fifth never sent.
      const error = await loadFeed(mockUrl(`trickle/1000/${id}?big=3000&cut=1`), { onPreview: (start) => previews.push(start) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(previews).to.have.length(1);
      expect((error as FeedError).kind).to.equal('not-json');
    });
  });

  it('reports the same problems as reading at once, in the same order', async () => {
    const feed = await loadFeed(mockUrl('xss-feed'));
    expect(plain(feed)).to.deep.equal(plain(await readAtOnce(mockUrl('xss-feed'))));
  });

  it('shows a caller that joins after the preview the same preview', async () => {
    const first: Feed[] = [];
    const second: Feed[] = [];
    const loading = loadFeed(big(4000), {
      onPreview: (start) => {
        first.push(start);
        void loadFeed(big(4000), { onPreview: (later) => second.push(later) });
      },
    });
    await loading;
    expect(first).to.have.length(1);
    expect(second).to.have.length(1);
    expect(second[0]).to.equal(first[0]);
  });

  it('stops reading when the caller aborts after the preview', async () => {
    const controller = new AbortController();
    const loading = loadFeed(big(20000), { signal: controller.signal, onPreview: () => controller.abort() });
    const error = await loading.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as DOMException).name).to.equal('AbortError');
  });
});

/** What the listing showed before its `library-load`: one record per change of its shadow root while cards were in it. */
function watch(el: LibraryList) {
  const seen: { titles: string[]; count: string | null; busy: boolean; more: boolean; notice: boolean; facets: boolean }[] = [];
  let loaded = false;
  el.addEventListener('library-load', () => (loaded = true));
  const observer = new MutationObserver(() => {
    const root = el.shadowRoot!;
    const cards = [...root.querySelectorAll('publication-card')];
    if (loaded || cards.length === 0) return;
    seen.push({
      titles: cards.map((card) => (card as HTMLElement & { publication?: { title: string } }).publication?.title ?? ''),
      count: root.querySelector('[part=count]')?.textContent?.trim() ?? null,
      busy: root.querySelector('[part=count]')?.getAttribute('aria-busy') === 'true',
      more: root.querySelector('[part=more]') !== null,
      notice: root.querySelector('[part=notice]') !== null,
      facets: root.querySelector('library-facets') !== null,
    });
  });
  return { seen, start: (root: ShadowRoot) => observer.observe(root, { childList: true, subtree: true, attributes: true }), stop: () => observer.disconnect() };
}

describe('<library-list> with a large feed', () => {
  // The listing waits for its reader tools (controls, filters) before showing a feed. The built bundle fetches
  // them while the feed loads; unbundled, in the test server, they can take longer than reading a feed.
  before(() => import('../../src/components/library-list/reader-tools.js'));
  beforeEach(() => clearFeedCache());

  it("shows its first screen from the feed's first entries, then the counts, notice and filters of the whole feed", async () => {
    const el = document.createElement('library-list') as LibraryList;
    const watcher = watch(el);
    const loaded = oneEvent(el, 'library-load') as Promise<LibraryLoadEvent>;
    el.setAttribute('feed', big(20000));
    document.body.append(el);
    watcher.start(el.shadowRoot!);
    await loaded;
    watcher.stop();
    const root = el.shadowRoot!;
    // library-load comes as the feed is complete; the listing renders it just after.
    await until(() => root.querySelector('[part=count]')?.textContent?.trim(), 'the count');
    const finalTitles = [...root.querySelectorAll('publication-card')].map((card) => (card as HTMLElement & { publication: { title: string } }).publication.title);
    expect(finalTitles).to.have.length(24);
    expect(root.querySelector('[part=count]')!.textContent!.trim()).to.equal('20,000 publications');
    expect(root.querySelector('[part=more]')!.textContent!.trim()).to.equal('Show more (19,976 more)');

    expect(watcher.seen.length, 'the start was shown before the feed was complete').to.be.greaterThan(0);
    for (const state of watcher.seen) {
      // Cards of the first screen, in the final order; the count still busy; nothing that needs the whole feed.
      expect(finalTitles.slice(0, state.titles.length)).to.deep.equal(state.titles);
      expect(state).to.deep.include({ count: '', busy: true, more: false, notice: false, facets: false });
    }
    expect(watcher.seen.at(-1)!.titles).to.have.length(24);
    el.remove();
  });

  it('shows its first screen while a large feed is still downloading, accessibly, then the whole feed', async () => {
    const id = token();
    const el = document.createElement('library-list') as LibraryList;
    const loaded = oneEvent(el, 'library-load');
    el.setAttribute('feed', mockUrl(`trickle/3000/${id}?big=3000`));
    // Wide enough for the filters' column beside the results.
    el.style.width = '1000px';
    document.body.append(el);
    const root = el.shadowRoot!;
    await until(() => root.querySelectorAll('publication-card').length >= 8, 'the first cards');
    const { sent, total } = await progress(id);
    expect(sent, `${sent} of ${total} bytes sent at the first cards`).to.be.below(total / 2);
    expect(root.querySelector('[part=count]')?.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    const first = root.querySelector('publication-card')!.getBoundingClientRect();
    await loaded;
    await until(() => root.querySelector('[part=count]')?.textContent?.trim() === '3,000 publications', 'the count');
    expect(root.querySelectorAll('publication-card')).to.have.length(24);
    // The filters come into the room kept for them: the cards stay where they were.
    await until(() => root.querySelector('library-facets'), 'the filters');
    const after = root.querySelector('publication-card')!.getBoundingClientRect();
    expect([after.left, after.width]).to.deep.equal([first.left, first.width]);
    el.remove();
  });

  for (const [what, attributes] of [
    ['a type chosen by the editor', { type: 'report' }],
    ['another order', { sort: 'newest' }],
  ] as const) {
    it(`waits for the whole feed when the first screen depends on it (${what})`, async () => {
      const el = document.createElement('library-list') as LibraryList;
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const watcher = watch(el);
      const loaded = oneEvent(el, 'library-load');
      el.setAttribute('feed', big(5000));
      document.body.append(el);
      watcher.start(el.shadowRoot!);
      await loaded;
      watcher.stop();
      expect(watcher.seen).to.deep.equal([]);
      el.remove();
    });
  }

  describe('virtual', () => {
    // The virtualizer's measuring sets off the browser's benign "ResizeObserver loop" notice (see library-reader.test.ts).
    setupIgnoreWindowResizeObserverLoopErrors(before, after);

    it("shows a virtual listing's first screen from the start too, then gives the virtualizer the whole feed", async () => {
      const el = document.createElement('library-list') as LibraryList;
      el.setAttribute('virtual', '');
      const watcher = watch(el);
      const loaded = oneEvent(el, 'library-load');
      el.setAttribute('feed', big(5000));
      document.body.append(el);
      watcher.start(el.shadowRoot!);
      await loaded;
      watcher.stop();
      expect(watcher.seen.length, 'the start was shown before the feed was complete').to.be.greaterThan(0);
      expect(watcher.seen.at(-1)!.titles[0]).to.equal('Generated publication number 0');
      // Then every row is the virtualizer's: each names its place among the 1,250 of its type.
      const root = el.shadowRoot!;
      const row = await until(() => root.querySelector('li[aria-setsize]'), 'a virtualized row');
      expect(row.getAttribute('aria-setsize')).to.equal('1250');
      expect(root.querySelector('[part=count]')!.textContent!.trim()).to.equal('5,000 publications');
      el.remove();
    });
  });

  it('shows a small feed only once it is read, as before', async () => {
    const el = await fixture<LibraryList>(html`<library-list></library-list>`);
    const watcher = watch(el);
    watcher.start(el.shadowRoot!);
    const loaded = oneEvent(el, 'library-load');
    el.feed = big(400);
    await loaded;
    watcher.stop();
    expect(watcher.seen).to.deep.equal([]);
  });
});
