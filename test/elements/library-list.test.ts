import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/library-list/define.js';
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import { clearFeedCache } from '../../src/feed/load-feed.js';
import type { LibraryErrorEvent } from '../../src/events/library-error-event.js';
import type { LibraryLoadEvent } from '../../src/events/library-load-event.js';
import { bundlePage } from '../helpers/bundle-page.js';
import { delay, eventually, fixtureUrl, mockUrl, otherOriginUrl, token, until } from '../helpers/fixtures.js';
import { byRole, captureConsole, cardTitle, cardTitles, cards, facetBox, facetOptions, getByRole, groupHeadings, text } from '../helpers/dom.js';

const FEED = fixtureUrl('library/feed.json');

/** A listing that has loaded and rendered its cards. */
async function loaded(template: ReturnType<typeof html>): Promise<LibraryList> {
  const el = await fixture<LibraryList>(template);
  await until(() => el.shadowRoot!.querySelector('[part=items], [part=empty], [role=alert]'), 'the listing to settle');
  await Promise.all(cards(el).map((card) => card.updateComplete));
  return el;
}

async function errorOf(el: LibraryList): Promise<HTMLElement> {
  return until(() => el.shadowRoot!.querySelector<HTMLElement>('[role=alert]'), 'an error message');
}

describe('<library-list>', () => {
  beforeEach(() => clearFeedCache());

  describe('listing a feed', () => {
    it("groups publications by type in the feed's declared order, each a card", async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      expect(groupHeadings(el)).to.deep.equal(['Fact Sheets', 'Reports', 'Articles', 'Op-Eds']);
      expect(cardTitles(el)).to.deep.equal([
        'Our Work on AI: An Overview',
        'Resilient Channels for Nuclear Crises',
        'Aligning Public and Private Technology Goals',
        'Hotlines Between Capitals',
        'The Strategy of Conflict',
        'An Early Draft on Backchannels',
        'Why Messaging Apps Are Not Hotlines',
      ]);
      expect(text(el.shadowRoot!.querySelector('[part=count]'))).to.equal('7 publications');
      const reports = el.shadowRoot!.querySelectorAll('section')[1]!;
      expect(text(reports.querySelector('[role=heading]'))).to.equal('Reports');
      // Not a landmark: a page with two lists would have two regions named "Reports".
      expect(reports.hasAttribute('aria-labelledby') || reports.hasAttribute('aria-label')).to.equal(false);
      expect(byRole(reports, 'list')[0]!.getAttribute('aria-label')).to.equal('Reports');
    });

    it('on a right-to-left page, puts its count where the page starts, the English words in their own order', async () => {
      const box = await fixture(html`<div dir="rtl"><library-list feed=${FEED} no-controls></library-list></div>`);
      const el = box.querySelector('library-list') as LibraryList;
      const line = await until(() => el.shadowRoot!.querySelector('[part=count]'), 'the count');
      await until(() => text(line) === '7 publications', 'the whole count');
      const words = line.querySelector('bdi')!;
      expect(getComputedStyle(line).direction).to.equal('rtl');
      expect(getComputedStyle(words).direction).to.equal('ltr');
      expect(Math.abs(words.getBoundingClientRect().right - line.getBoundingClientRect().right)).to.be.below(1);
    });

    it('fires library-load with the items and the problems found', async () => {
      const el = document.createElement('library-list');
      const event = oneEvent(el, 'library-load') as Promise<LibraryLoadEvent>;
      el.feed = fixtureUrl('library/broken-items.json');
      const { result, warnings } = await captureConsole(async () => {
        document.body.append(el);
        return event;
      });
      expect(result.items.map((i) => i.id)).to.include('good-1');
      expect(result.issues.filter((i) => i.severity === 'error')).to.have.length(4);
      expect(warnings.join('\n')).to.contain('Item 2 ("bad-title"): title must be a string, not a number');
      el.remove();
    });

    it('shows the featured item in its featured form, with its takeaways', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      const featured = cards(el).find((c) => cardTitle(c) === 'Resilient Channels for Nuclear Crises')!;
      const root = featured.shadowRoot!;
      expect(getByRole(root, 'heading', 'Key takeaways')).to.exist;
      expect(byRole(root, 'listitem').map(text)).to.have.length(4);
      expect(featured.closest('li')!.className).to.equal('featured');
    });

    it('tells editors which entries were skipped, in the element and on the console', async () => {
      const { result: el } = await captureConsole(() =>
        loaded(html`<library-list feed=${fixtureUrl('library/broken-items.json')}></library-list>`),
      );
      const notice = el.shadowRoot!.querySelector('details[part=notice]')!;
      expect(text(notice.querySelector('summary'))).to.equal('4 entries in the feed could not be shown, 6 warnings');
      expect(text(notice)).to.contain('Item 4 ("bad-origin") _library.origin must be one of');
      expect(cardTitles(el)).to.deep.equal(['A Good Item', 'No Id But Fine', 'Unsafe Links Dropped']);
    });

    it('hides that note with no-warnings', async () => {
      const { result: el } = await captureConsole(() =>
        loaded(html`<library-list no-warnings feed=${fixtureUrl('library/broken-items.json')}></library-list>`),
      );
      expect(el.shadowRoot!.querySelector('[part=notice]')).to.equal(null);
    });

    it("resolves the feed's relative links against the feed's own origin", async () => {
      const url = otherOriginUrl('library/feed.json');
      const el = await loaded(html`<library-list feed=${url}></library-list>`);
      const card = cards(el).find((c) => cardTitle(c) === 'Hotlines Between Capitals')!;
      const links = byRole(card.shadowRoot!, 'link').map((a) => a.getAttribute('href'));
      const feedOrigin = new URL(url).origin;
      expect(feedOrigin).not.to.equal(location.origin);
      expect(links).to.include(`${feedOrigin}/test/fixtures/library/publications/article-one.html`);
      expect(links).to.include(`${feedOrigin}/test/fixtures/library/pdfs/article-one.pdf`);
    });

    it('renders the real Daring Fireball feed without the extension as one untitled group', async () => {
      const el = await loaded(html`<library-list feed=${fixtureUrl('feeds/daringfireball-v1.1.json')} page-size="100"></library-list>`);
      expect(cards(el)).to.have.length(48);
      expect(groupHeadings(el)).to.deep.equal(['Publications']);
    });
  });

  describe("editors' attributes", () => {
    it('type shows only the named types, by id or label', async () => {
      const el = await loaded(html`<library-list feed=${FEED} type="report"></library-list>`);
      expect(groupHeadings(el)).to.deep.equal(['Reports']);
      el.type = 'Fact Sheet, op-ed';
      await until(() => groupHeadings(el).length === 2);
      expect(groupHeadings(el)).to.deep.equal(['Fact Sheets', 'Op-Eds']);
    });

    it('tag and limit make a "related work" box of three', async () => {
      const el = await loaded(
        html`<library-list feed=${FEED} tag="Crisis Communications" limit="2" sort="newest" no-controls></library-list>`,
      );
      // The two newest, shown in their type groups.
      expect(cardTitles(el)).to.deep.equal(['Resilient Channels for Nuclear Crises', 'Why Messaging Apps Are Not Hotlines']);
      expect(groupHeadings(el)).to.deep.equal(['Reports', 'Op-Eds']);
      el.limit = 3;
      await until(() => cards(el).length === 3);
      expect(cardTitles(el)).to.include('Hotlines Between Capitals');
      // Taking the attribute away (as an editor or the embed builder does) lifts the limit.
      el.setAttribute('limit', '1');
      await until(() => cards(el).length === 1, 'one card');
      el.removeAttribute('limit');
      await until(() => cards(el).length === 3, 'every tagged publication');
    });

    it('author and origin narrow the listing', async () => {
      const el = await loaded(html`<library-list feed=${FEED} author="ana ruiz" group="none"></library-list>`);
      expect(cardTitles(el)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
      el.author = undefined;
      el.origin = 'external';
      await until(() => cards(el).length === 1);
      expect(cardTitles(el)).to.deep.equal(['The Strategy of Conflict']);
    });

    it('sort orders by date or title; undated items go last', async () => {
      const el = await loaded(html`<library-list feed=${FEED} sort="oldest" group="none"></library-list>`);
      expect(cardTitles(el)[0]).to.equal('The Strategy of Conflict');
      el.sort = 'title';
      await el.updateComplete;
      await until(() => cardTitles(el)[0] === 'Aligning Public and Private Technology Goals', 'title order');
      expect(cardTitles(el).at(-1)).to.equal('Why Messaging Apps Are Not Hotlines');
    });

    it('exclude leaves out items by id, and no-featured shows featured items in the standard form', async () => {
      const el = await loaded(html`<library-list feed=${FEED} exclude="report-one, fact-one" group="none"></library-list>`);
      expect(cardTitles(el)).not.to.include('Resilient Channels for Nuclear Crises');
      expect(cards(el)).to.have.length(5);
      el.exclude = undefined;
      el.noFeatured = true;
      await until(() => cards(el).length === 7);
      const featured = cards(el).find((c) => cardTitle(c) === 'Resilient Channels for Nuclear Crises')!;
      await featured.updateComplete;
      expect(featured.variant).to.equal('standard');
      expect(featured.shadowRoot!.querySelector('[part=takeaways]')).to.equal(null);
    });

    it("passes the cards' parts through, so a page can style every card", async () => {
      const style = document.createElement('style');
      style.textContent = 'library-list.parts::part(card-title) { letter-spacing: 4px; }';
      document.head.append(style);
      try {
        const el = await loaded(html`<library-list class="parts" feed=${FEED}></library-list>`);
        const title = cards(el)[0]!.shadowRoot!.querySelector('[part=title]')!;
        expect(getComputedStyle(title).letterSpacing).to.equal('4px');
      } finally {
        style.remove();
      }
    });

    it('group="year" makes sections by year, newest first', async () => {
      const el = await loaded(html`<library-list feed=${FEED} group="year"></library-list>`);
      expect(groupHeadings(el)).to.deep.equal(['2024', '2023', '2022', '1960']);
    });

    it('no-controls and no-headings hide the reader bar and the section headings', async () => {
      const el = await loaded(html`<library-list feed=${FEED} no-controls no-headings></library-list>`);
      expect(byRole(el.shadowRoot!, 'searchbox')).to.have.length(0);
      expect(groupHeadings(el)).to.deep.equal([]);
      expect(cards(el)).to.have.length(7);
      expect(cards(el)[0]!.headingLevel).to.equal(2);
      // Controls turned on later: their code loads then, and the search box appears.
      el.removeAttribute('no-controls');
      await until(() => byRole(el.shadowRoot!, 'searchbox').length === 1, 'the search box');
      expect(cards(el)).to.have.length(7);
      await expect(el).to.be.accessible();
    });

    it('layout is reflected for styling and compact cards drop the summary', async () => {
      const el = await loaded(html`<library-list feed=${FEED} layout="compact"></library-list>`);
      expect(el.getAttribute('layout')).to.equal('compact');
      expect(cards(el).every((c) => c.variant === 'compact' && !c.shadowRoot!.querySelector('[part~=summary]'))).to.equal(true);
      el.layout = 'grid';
      await el.updateComplete;
      expect(el.getAttribute('layout')).to.equal('grid');
    });

    it('warns once about an unknown attribute value and uses the default', async () => {
      const { result: el, warnings } = await captureConsole(() =>
        loaded(html`<library-list feed=${FEED} layout="grdi"></library-list>`),
      );
      expect(warnings.join('\n')).to.contain('layout="grdi" is not a value it knows; use one of: list, grid, compact');
      expect(el.layout).to.equal('list');
    });

    it('never puts a long list into the page at once: "Show more" adds a page', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=1000')} page-size="20"></library-list>`);
      // A feed this long shows its first cards while the rest is read: wait for the count of the whole.
      await until(() => text(el.shadowRoot!.querySelector('[part=count]')) === '1,000 publications', 'the whole feed');
      expect(cards(el)).to.have.length(20);
      const more = getByRole(el.shadowRoot!, 'button', 'Show more');
      expect(text(more)).to.equal('Show more (980 more)');
      more.click();
      await until(() => cards(el).length === 40, '40 cards');
      expect(text(el.shadowRoot!.querySelector('[part=count]'))).to.equal('1,000 publications');
    });
    it('keeps heading levels and limits to what a page can have', async () => {
      const levels = async (attribute: string) => {
        const el = await loaded(html`<library-list feed=${FEED} heading-level=${attribute}></library-list>`);
        const group = el.shadowRoot!.querySelector('[part=group-heading]')!.getAttribute('aria-level');
        const card = cards(el)[0]!.shadowRoot!.querySelector('[part=title]')!.getAttribute('aria-level');
        return [group, card];
      };
      expect(await levels('9')).to.deep.equal(['6', '6']);
      expect(await levels('0')).to.deep.equal(['1', '2']);
      expect(await levels('three')).to.deep.equal(['2', '3']);
      const limited = await loaded(html`<library-list feed=${FEED} limit="2.5"></library-list>`);
      expect(cards(limited)).to.have.length(2);
      expect(text(limited.shadowRoot!.querySelector('[part=count]'))).to.equal('2 publications');
      await expect(limited).to.be.accessible();
    });

    it('keeps focus on "Show more" from the keyboard, and on the last page moves it to the first card added', async () => {
      const el = await loaded(html`<library-list feed=${FEED} page-size="3"></library-list>`);
      const more = getByRole(el.shadowRoot!, 'button', 'Show more');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => cards(el).length === 6, '6 cards');
      expect(el.shadowRoot!.activeElement).to.equal(more);
      const before = new Set(cardTitles(el));
      await sendKeys({ press: 'Enter' });
      await until(() => cards(el).length === 7, 'every card');
      expect(el.shadowRoot!.querySelectorAll('[part=more]')).to.have.length(0);
      const focused = el.shadowRoot!.activeElement;
      expect(focused?.localName).to.equal('li');
      const added = cardTitle(focused!.querySelector('publication-card')!);
      expect(before.has(added), added).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('readers: search and sort', () => {
    it('filters as the reader types, announces the count after a pause, and keeps focus', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      const search = getByRole(el.shadowRoot!, 'searchbox', 'Search publications') as HTMLInputElement;
      search.focus();
      await sendKeys({ type: 'hotl' });
      await until(() => cards(el).length === 2, 'two matches');
      expect(cardTitles(el)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
      expect(el.shadowRoot!.activeElement).to.equal(search);
      const status = el.shadowRoot!.querySelector('[role=status]')!;
      await until(() => text(status) === '2 of 7 publications', 'the announcement');
      expect(text(el.shadowRoot!.querySelector('[part=count]'))).to.equal('2 of 7 publications');
    });

    it('matches without accents or case, and every word', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      const search = getByRole(el.shadowRoot!, 'searchbox', 'Search') as HTMLInputElement;
      search.value = 'SCHÉLLING conflict';
      search.dispatchEvent(new Event('input'));
      await until(() => cards(el).length === 1);
      expect(cardTitles(el)).to.deep.equal(['The Strategy of Conflict']);
    });

    it('shows "No publications match." and a Clear search button that restores the list', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      const search = getByRole(el.shadowRoot!, 'searchbox', 'Search') as HTMLInputElement;
      search.focus();
      // Distinct letters: WebKit's driver merges a repeated key into one press.
      await sendKeys({ type: 'qxvj' });
      const empty = await until(() => el.shadowRoot!.querySelector('[part=empty]'), 'the empty message');
      expect(text(empty)).to.contain('No publications match.');
      await expect(el).to.be.accessible();
      const clear = getByRole(el.shadowRoot!, 'button', 'Clear');
      expect(text(clear)).to.equal('Clear search');
      clear.click();
      await until(() => cards(el).length === 7, 'the full list again');
      expect(el.shadowRoot!.activeElement).to.equal(search);
      expect(search.value).to.equal('');
    });

    it('lets the reader choose a type and an order', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      await until(() => el.shadowRoot!.querySelector('library-facets')?.shadowRoot?.querySelector('fieldset'), 'the filters');
      expect(facetOptions(el, 'Type').map((o) => o.replace(/ \d+$/, ''))).to.deep.equal(['Fact Sheets', 'Reports', 'Articles', 'Op-Eds']);
      facetBox(el, 'Type', 'Articles').click();
      await until(() => groupHeadings(el).join() === 'Articles');
      const sort = getByRole(el.shadowRoot!, 'combobox', 'Sort by') as HTMLSelectElement;
      sort.value = 'newest';
      sort.dispatchEvent(new Event('change'));
      const newest = ['Hotlines Between Capitals', 'An Early Draft on Backchannels', 'The Strategy of Conflict'];
      await until(() => cardTitles(el).join('|') === newest.join('|'), 'newest first').catch(() => {
        expect(cardTitles(el)).to.deep.equal(newest);
      });
    });

    it('is reachable with Tab in a natural order: search, sort, grouping, filters, then the cards', async () => {
      const before = document.createElement('button');
      before.textContent = 'before';
      document.body.append(before);
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      await until(() => el.shadowRoot!.querySelector('library-facets')?.shadowRoot?.querySelector('fieldset'), 'the filters');
      before.focus();
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        await sendKeys({ press: 'Tab' });
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        order.push(active?.localName === 'a' ? `a:${text(active)}` : active?.localName ?? 'none');
      }
      before.remove();
      expect(order).to.deep.equal(['input', 'select', 'select', 'summary']);
    });
  });

  describe('loading, empty and error states', () => {
    it('shows a loading skeleton after a moment, announced and accessible', async () => {
      const el = await fixture<LibraryList>(
        html`<library-list feed=${mockUrl(`slow/1500/${token()}?file=library/feed.json`)}></library-list>`,
      );
      // Not at once: a feed that comes within a moment appears without a flash of placeholders.
      expect(el.shadowRoot!.querySelectorAll('[aria-busy=true]')).to.have.length(0);
      await until(() => el.shadowRoot!.querySelector('[aria-busy=true]'));
      expect(text(el.shadowRoot!.querySelector('[role=status]'))).to.equal('Loading publications…');
      await expect(el).to.be.accessible();
      await until(() => cards(el).length === 7, 'cards', 5000);
      // Each wait starts its moment afresh: another feed does not bring the placeholder at once either.
      el.feed = mockUrl(`slow/1500/${token()}?file=library/feed.json`);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('[aria-busy=true]')).to.have.length(0);
      await until(() => el.shadowRoot!.querySelector('[aria-busy=true]'), 'the placeholder of the second wait');
      await until(() => cards(el).length === 7, 'cards of the second feed', 5000);
    });

    it('offers the search box while the feed downloads, and applies what the reader typed there when it comes', async () => {
      const el = await fixture<LibraryList>(
        html`<library-list feed=${mockUrl(`slow/1500/${token()}?file=library/feed.json`)}></library-list>`,
      );
      const box = await until(() => el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]'), 'the search box before the feed');
      expect(cards(el)).to.have.length(0);
      // Styled as ever: the bar's styles come with its code. A 2.75rem target, easy to hit by touch.
      expect(getComputedStyle(box).minHeight).to.equal('44px');
      box.focus();
      await sendKeys({ type: 'hotl' });
      await until(() => el.shadowRoot!.querySelector('[aria-busy=true]'), 'the placeholder under the controls');
      expect(el.shadowRoot!.querySelector('input[type=search]')).to.equal(box);
      await expect(el).to.be.accessible();
      await until(() => cards(el).length === 2, 'the matches once the feed has come', 5000);
      // The same box, still focused, with the words typed: the reader goes on typing.
      expect(el.shadowRoot!.querySelector('input[type=search]')).to.equal(box);
      expect(el.shadowRoot!.activeElement).to.equal(box);
      expect(box.value).to.equal('hotl');
      expect(cardTitles(el)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
    });

    it('says so when the feed has no publications yet', async () => {
      const el = await loaded(html`<library-list feed=${fixtureUrl('library/empty.json')}></library-list>`);
      expect(text(el.shadowRoot!.querySelector('[part=empty]'))).to.equal('There are no publications yet.');
      await expect(el).to.be.accessible();
    });

    const failures: [string, string, string, RegExp][] = [
      ['a missing feed (404)', 'library/nope.json', 'http', /The publications feed was not found \(404\).*Nothing was found at http.*library\/nope\.json/],
      ['a server error (500)', '', 'http', /The feed's server reported an error \(500\).*answered "500 Internal Server Error"/],
      ['a web page instead of a feed', 'library/page.html', 'not-json', /The feed address did not return a feed.*returned a web page/],
      ['a cut-off JSON file', 'library/truncated.json', 'not-json', /The feed file is not valid JSON.*The feed is not valid JSON: .*check it with a JSON validator/],
      ['JSON that is not a JSON Feed', 'library/not-a-feed.json', 'not-feed', /not a JSON Feed.*version is required/],
      ['a feed where no item can be read', 'library/all-bad.json', 'no-valid-items', /None of the feed's entries could be shown.*Item 1 \("1"\): title must be a string, not an array/],
    ];
    for (const [what, path, kind, message] of failures) {
      it(`explains ${what} in plain words, on the console and as an event`, async () => {
        const url = path ? fixtureUrl(path) : mockUrl('status/500');
        const el = document.createElement('library-list');
        const failed = oneEvent(el, 'library-error') as Promise<LibraryErrorEvent>;
        el.feed = url;
        const { result: event, errors } = await captureConsole(async () => {
          document.body.append(el);
          const ev = await failed;
          await errorOf(el);
          return ev;
        });
        expect(event.error.kind).to.equal(kind);
        const alert = await errorOf(el);
        expect(text(alert)).to.match(message);
        expect(getByRole(alert, 'button', 'Try again')).to.exist;
        expect(errors.join('\n')).to.contain('<library-list>');
        await expect(el).to.be.accessible();
        el.remove();
      });
    }

    it('shows no placeholder at all when the feed is already at hand', async () => {
      const feed = fixtureUrl('library/feed.json');
      const first = await fixture<LibraryList>(html`<library-list feed=${feed}></library-list>`);
      await until(() => cards(first).length === 7, 'the first list');
      // A second list on the same feed gets it from the first one's download.
      const second = document.createElement('library-list');
      second.feed = feed;
      document.body.append(second);
      let placeholders = 0;
      const watch = new MutationObserver(() => (placeholders += second.shadowRoot!.querySelectorAll('.loading').length));
      watch.observe(second.shadowRoot!, { childList: true, subtree: true });
      try {
        await until(() => cards(second).length === 7, 'the second list');
        // Past the moment after which a list still waiting would show its placeholder.
        await delay(400);
        expect(placeholders).to.equal(0);
        expect(cards(second)).to.have.length(7);
      } finally {
        watch.disconnect();
        second.remove();
        first.remove();
      }
    });

    it('gives up after the timeout with a message, and Retry loads it', async () => {
      const el = document.createElement('library-list');
      el.timeout = 300;
      el.feed = mockUrl(`slow/4000/${token()}?file=library/feed.json`);
      const { result: alert } = await captureConsole(async () => {
        document.body.append(el);
        return errorOf(el);
      });
      expect(text(alert)).to.contain('took too long to answer');
      expect(text(alert)).to.contain('within 0.3 seconds');
      el.remove();
    });

    it('Retry fetches the feed again after a failure', async () => {
      const el = document.createElement('library-list');
      el.feed = mockUrl(`flaky/${token()}?file=library/feed.json`);
      const { result: alert } = await captureConsole(async () => {
        document.body.append(el);
        return errorOf(el);
      });
      expect(text(alert)).to.contain('(503)');
      getByRole(alert, 'button', 'Try again').click();
      await until(() => cards(el).length === 7, 'the feed after retrying');
      el.remove();
    });

    it("says the library did not finish loading when the bundle's feed-reading chunk is missing, as when only virtual-library.js was uploaded", async () => {
      const page = bundlePage({
        title: 'A page with part of the library',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}"></library-list>`,
        script: '/mock/partial-dist/virtual-library.js',
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('script');
        const list = await page.element<LibraryList>('library-list');
        const alert = await until(() => list.shadowRoot?.querySelector<HTMLElement>('[role=alert]'), 'the error message');
        expect(text(alert)).to.match(/The library could not finish loading.*the files in "chunks" beside virtual-library\.js are needed too/);
        expect(getByRole(alert, 'button', 'Try again')).to.exist;
      } finally {
        page.close();
      }
    });

    it('recovers on Try again when the feed-reading chunk failed to download once', async () => {
      const page = bundlePage({
        title: 'A page on a connection that dropped a request',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}"></library-list>`,
        script: `/mock/flaky-dist/parse-feed/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('script');
        const list = await page.element<LibraryList>('library-list');
        const alert = await until(() => list.shadowRoot?.querySelector<HTMLElement>('[role=alert]'), 'the error message');
        getByRole(alert, 'button', 'Try again').click();
        await until(() => list.shadowRoot!.querySelectorAll('publication-card').length === 7, 'the cards after trying again', 10_000);
        expect(list.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
      } finally {
        page.close();
      }
    });

    it('shows its cards when the search and filters fail to download, says so, and brings them on Try again', async () => {
      const page = bundlePage({
        title: 'A page on a connection that dropped the reader tools',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}"></library-list>`,
        script: `/mock/flaky-dist/reader-tools/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('script');
        const list = await page.element<LibraryList>('library-list');
        await until(() => list.shadowRoot?.querySelectorAll('publication-card').length === 7, 'the cards', 10_000);
        expect(list.shadowRoot!.querySelectorAll('input[type=search], library-facets')).to.have.length(0);
        const alert = await until(() => list.shadowRoot!.querySelector<HTMLElement>('[role=alert]'), 'the message');
        expect(text(alert)).to.equal('Search and filters could not be loaded The list is shown without them. Check your connection, then try again. Try again');
        expect(await page.violations(list)).to.deep.equal([]);
        // A keyboard reader on "Try again" goes on in the search box that replaces it (in Firefox, from a second address of the same file).
        const retry = getByRole(alert, 'button', 'Try again');
        retry.focus();
        retry.click();
        const search = await until(
          () => list.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]'),
          'the search box after trying again',
          10_000,
        );
        expect(getByRole(list.shadowRoot!, 'searchbox', 'Search publications')).to.equal(search);
        await until(() => list.shadowRoot!.activeElement === search, 'focus in the search box');
        expect(list.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
        expect(list.shadowRoot!.querySelectorAll('publication-card')).to.have.length(7);
      } finally {
        page.close();
      }
    });

    it('shows the first page of a feed in pages when the code that follows its pages fails to download, and the rest on Try again', async () => {
      const page = bundlePage({
        title: 'A page on a connection that dropped the code for feeds in pages',
        body: `<library-list feed="${fixtureUrl('library/paged/feed.json')}" group="none" no-warnings></library-list>`,
        script: `/mock/flaky-dist/load-feed-pages/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('script');
        const list = await page.element<LibraryList>('library-list');
        const alert = await until(() => list.shadowRoot?.querySelector<HTMLElement>('[role=alert]'), 'the notice', 10_000);
        expect(text(alert)).to.match(/^Only the first 1 page of the library could be loaded .*a part of the library's script did not/);
        expect(cardTitles(list)).to.include('Keeping Crisis Channels Open');
        expect(cards(list)).to.have.length(3);
        // In Firefox, from a second address of the same file.
        getByRole(alert, 'button', 'Try again').click();
        await until(() => cardTitles(list).includes('Thirteen Days'), 'the last page after trying again', 10_000);
        expect(list.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
      } finally {
        page.close();
      }
    });

    it('explains a failure in short when the fuller words fail to download, and in full on Try again', async () => {
      const page = bundlePage({
        title: 'A page whose feed is missing, on a connection that dropped the explanations',
        body: `<library-list feed="${fixtureUrl('library/no-such-feed.json')}"></library-list>`,
        script: `/mock/flaky-dist/en-feed-errors/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('http');
        const list = await page.element<LibraryList>('library-list');
        const alert = await until(() => list.shadowRoot?.querySelector<HTMLElement>('[role=alert]'), 'the message');
        expect(text(alert)).to.equal('The publications feed could not be shown The server answered 404 Not Found. Try again. Try again');
        // In Firefox, from a second address of the same file.
        getByRole(alert, 'button', 'Try again').click();
        await until(
          () => text(list.shadowRoot!.querySelector('[role=alert] strong')) === 'The publications feed was not found (404)',
          'the full explanation',
          10_000,
        );
      } finally {
        page.close();
      }
    });

    it('explains an unreachable feed in full even when the fuller words fail to download too, as offline', async () => {
      const page = bundlePage({
        title: 'A page whose feed and explanations cannot be reached',
        body: `<library-list feed="http://127.0.0.1:1/feed.json"></library-list>`,
        script: `/mock/flaky-dist/en-feed-errors/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('network');
        const list = await page.element<LibraryList>('library-list');
        const alert = await until(() => list.shadowRoot?.querySelector<HTMLElement>('[role=alert]'), 'the message');
        expect(text(alert.querySelector('strong'))).to.equal('The publications feed could not be reached');
        expect(text(alert)).to.contain('Check the address and your connection.');
      } finally {
        page.close();
      }
    });

    it('downloads the words for a failed load only once a load fails', async () => {
      const page = bundlePage({
        title: 'A page whose feed loads',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}"></library-list>`,
        script: `/mock/flaky-dist/en-feed-errors/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        await until(() => list.shadowRoot?.querySelectorAll('publication-card').length === 7, 'the cards', 10_000);
        const files = () =>
          list.ownerDocument.defaultView!.performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop()!.replace(/-[\w-]{8}\.js.*/, ''));
        expect(files()).to.include('parse-feed');
        expect(files()).to.not.include('en-feed-errors');
        list.setAttribute('feed', fixtureUrl('library/no-such-feed.json'));
        await until(() => list.shadowRoot!.querySelector('[role=alert]'), 'the message');
        expect(files()).to.include('en-feed-errors');
      } finally {
        page.close();
      }
    });

    it('reads a long list in slices when the search code cannot be downloaded, saying it is searching, and keeps what the reader typed', async () => {
      const page = bundlePage({
        title: 'A long library whose search code cannot be downloaded',
        body: `<library-list feed="${mockUrl('big-feed?n=12000')}" group="none"></library-list>`,
        script: `/mock/flaky-dist/search-index/dead-${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        const search = await until(() => list.shadowRoot?.querySelector<HTMLInputElement>('input[type=search]'), 'the search box', 10_000);
        const count = () => list.shadowRoot!.querySelector('[part=count]');
        await until(() => text(count()) === '12,000 publications', 'the whole list', 10_000);
        // Every state the count line goes through while the reader types.
        const states: string[] = [];
        const observer = new MutationObserver(() => states.push(`${count()?.getAttribute('aria-busy') ?? ''} ${text(count())}`));
        observer.observe(list.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
        search.focus();
        await sendKeys({ type: 'number 1019' });
        // Without the search code, the words are looked for anywhere in the text: the numbers from 0 to 11,999
        // with "1019" in them, in the feed's order. (No key twice in a row: WebKit's driver drops the second.)
        const numbers = Array.from({ length: 12000 }, (_, i) => String(i));
        const matches = numbers.filter((n) => n.includes('1019'));
        await until(() => text(count()) === `${matches.length} of 12,000 publications`, 'the matches', 15_000);
        observer.disconnect();
        expect(states, 'the count line while the list was read').to.include('true Searching…');
        expect(cardTitles(list)).to.deep.equal(matches.map((n) => `Generated publication number ${n}`));
        expect(search.value).to.equal('number 1019');
        expect(list.shadowRoot!.activeElement).to.equal(search);
        expect(list.searchReady).to.equal(false);
        // A narrower query is read among these matches; a wider one reads the list again.
        await sendKeys({ type: '5' });
        await until(() => cardTitles(list).join() === 'Generated publication number 10195', 'the narrower match');
        for (let i = 0; i < 2; i++) await sendKeys({ press: 'Backspace' });
        const wider = numbers.filter((n) => n.includes('101')).length;
        await until(() => text(count()) === `${wider} of 12,000 publications`, 'the wider matches', 15_000);
        expect(search.value).to.equal('number 101');
        expect(await page.violations(list)).to.deep.equal([]);
        expect(page.unhandled()).to.equal(0);
      } finally {
        page.close();
      }
    });

    it("shows a shared link's search over a long list once it is read, never the whole list first", async () => {
      const page = bundlePage({
        title: 'A shared link into a long library whose search code cannot be downloaded',
        search: '?library.q=number%201019',
        body: `<library-list feed="${mockUrl('big-feed?n=12000')}" url-state group="none"></library-list>`,
        script: `/mock/flaky-dist/search-index/dead-${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        const root = await until(() => list.shadowRoot, 'the shadow root', 10_000);
        const counts = new Set<string>();
        let most = 0;
        const observer = new MutationObserver(() => {
          counts.add(text(root.querySelector('[part=count]')));
          most = Math.max(most, cards(list).length);
        });
        observer.observe(root, { subtree: true, childList: true, characterData: true });
        await until(() => cards(list).length === 12, 'the matches', 15_000);
        observer.disconnect();
        expect(text(root.querySelector('[part=count]'))).to.equal('12 of 12,000 publications');
        expect(root.querySelector<HTMLInputElement>('input[type=search]')!.value).to.equal('number 1019');
        expect([...counts], 'what the count line said').not.to.include('12,000 publications');
        expect(most, 'the most cards shown at once').to.equal(12);
        expect(list.searchReady).to.equal(false);
      } finally {
        page.close();
      }
    });

    it('asks again at once for the search code when a connection drops it, and builds the index', async () => {
      const page = bundlePage({
        title: 'A page on a connection that dropped the search code once',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}"></library-list>`,
        script: `/mock/flaky-dist/search-index/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        await until(() => list.searchReady, 'the index, on the second request', 10_000);
        const search = list.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
        search.focus();
        await sendKeys({ type: 'hotl' });
        await until(() => cards(list).length === 2, 'two matches');
        expect(cardTitles(list)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
        expect(page.unhandled()).to.equal(0);
      } finally {
        page.close();
      }
    });

    it('still searches when the search code cannot be downloaded at all, for the words anywhere in the text', async () => {
      const page = bundlePage({
        title: 'A page whose search code cannot be downloaded',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}"></library-list>`,
        script: `/mock/flaky-dist/search-index/dead-${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        const search = await until(() => list.shadowRoot?.querySelector<HTMLInputElement>('input[type=search]'), 'the search box', 10_000);
        // Long enough for the index to have been asked for twice, and to have failed.
        await delay(500);
        search.focus();
        // "otl": inside "Hotlines", which the index's rules would not find.
        await sendKeys({ type: 'otl' });
        await until(() => cards(list).length === 2, 'two matches');
        expect(cardTitles(list)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
        expect(list.searchReady).to.equal(false);
        expect(page.unhandled()).to.equal(0);
      } finally {
        page.close();
      }
    });

    it('searches the start of a large feed by the rules of the index before it is built, finding what it then finds', async () => {
      const el = await fixture<LibraryList>(html`<library-list feed=${mockUrl(`trickle/8000/${token()}?big=3000`)} group="none"></library-list>`);
      await until(() => cards(el).length > 0, 'the first screen', 5000);
      const busy = () => el.shadowRoot!.querySelector('[part=count]')?.getAttribute('aria-busy') === 'true';
      expect(busy(), 'the rest of the feed on its way').to.equal(true);
      el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!.focus();
      await sendKeys({ type: 'number 1' });
      // What "number 1" finds among the first n generated entries, by the index's rules, worked out from how the
      // server writes them: "1" must begin a word. The entries whose title has it come first (1, 10–19, 100…),
      // then those where only another field does (an author "Coauthor 1…", a tag "topic 1…" or "theme 1"), each in
      // the feed's order: 6, for its "theme 1", comes after 19.
      const found = (n: number) => {
        const numbers = Array.from({ length: n }, (_, i) => i);
        const inTitle = numbers.filter((i) => String(i).startsWith('1'));
        const elsewhere = numbers.filter((i) => !inTitle.includes(i) && [i % 17, i % 97, i % 13, i % 5].some((v) => String(v).startsWith('1')));
        return [...inTitle, ...elsewhere].map((i) => `Generated publication number ${i}`);
      };
      const start = found(50);
      expect(start.indexOf('Generated publication number 6')).to.be.above(start.indexOf('Generated publication number 19'));
      // The entries read so far are the first 50: what the scan finds among them, a page of 24.
      await until(() => cardTitles(el).join() === start.slice(0, 24).join(), 'the matches among the entries read so far');
      expect(busy(), 'answered before the feed was complete').to.equal(true);
      expect(el.searchReady).to.equal(false);
      // Once the feed is complete, the scan and then the index find the same by the same rules, with the rest of the feed's.
      const all = found(3000);
      const count = () => text(el.shadowRoot!.querySelector('[part=count]'));
      await until(() => count() === `${all.length.toLocaleString('en')} of 3,000 publications`, 'the matches in the whole feed', 15_000);
      expect(cardTitles(el)).to.deep.equal(all.slice(0, 24));
      await until(() => el.searchReady, 'the index');
      await el.updateComplete;
      expect(count()).to.equal(`${all.length.toLocaleString('en')} of 3,000 publications`);
      expect(cardTitles(el)).to.deep.equal(all.slice(0, 24));
      expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('input[type=search]'));
      await expect(el).to.be.accessible();
    });

    it("says so when a shared link's search cannot be restored, as the code for state in the URL fails to download", async () => {
      const page = bundlePage({
        title: 'A shared link, on a connection that dropped the code for state in the URL',
        search: '?library.q=hotlines&library.type=report',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}" url-state></library-list>`,
        script: `/mock/flaky-dist/reader-url-state/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        expect((await page.failed()).kind).to.equal('script');
        const list = await page.element<LibraryList>('library-list');
        await until(() => list.shadowRoot?.querySelectorAll('publication-card').length === 7, 'the whole list', 10_000);
        const alert = await until(() => list.shadowRoot!.querySelector<HTMLElement>('[role=alert]'), 'the message');
        expect(text(alert)).to.equal(
          'The search in this link could not be restored The list is shown in full, not as the link had it. Check your connection, then reload the page.',
        );
        expect(await page.violations(list)).to.deep.equal([]);
      } finally {
        page.close();
      }
    });

    it('says nothing when the code for state in the URL fails to download and the address holds none for the list', async () => {
      const page = bundlePage({
        title: 'A page without a shared search, on a connection that dropped the code for state in the URL',
        search: '?other.q=hotlines',
        body: `<library-list feed="${fixtureUrl('library/feed.json')}" url-state></library-list>`,
        script: `/mock/flaky-dist/reader-url-state/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        await until(() => list.shadowRoot?.querySelectorAll('publication-card').length === 7, 'the whole list', 10_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(list.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
        expect(list.ownerDocument.defaultView!.location.search).to.equal('?other.q=hotlines');
      } finally {
        page.close();
      }
    });

    it('shows pages of cards with "Show more" when the virtualizer fails to download', async () => {
      const page = bundlePage({
        title: 'A page on a connection that dropped the virtualizer',
        body: `<library-list feed="${mockUrl('big-feed?n=100')}" virtual group="none" no-controls></library-list>`,
        script: `/mock/flaky-dist/virtual-items/${token()}/virtual-library.js`,
        errorEvent: 'library-error',
      });
      try {
        const list = await page.element<LibraryList>('library-list');
        const more = await until(() => list.shadowRoot?.querySelector<HTMLElement>('button[part=more]'), 'the "Show more" button', 10_000);
        expect(text(more)).to.equal('Show more (76 more)');
        expect(list.shadowRoot!.querySelectorAll('publication-card')).to.have.length(24);
        expect(list.shadowRoot!.querySelectorAll('.items.virtual')).to.have.length(0);
      } finally {
        page.close();
      }
    });

    it('rejects a feed address that is not http(s) without fetching', async () => {
      const el = document.createElement('library-list');
      el.feed = 'javascript:alert(1)';
      const { result: alert } = await captureConsole(async () => {
        document.body.append(el);
        return errorOf(el);
      });
      expect(text(alert)).to.contain("The feed address isn't a web address");
      el.remove();
    });
  });

  describe('requests', () => {
    it('aborts the pending request when feed changes, and shows only the new feed', async () => {
      const slow = token();
      const el = await fixture<LibraryList>(
        html`<library-list feed=${mockUrl(`slow/3000/${slow}?file=library/broken-items.json`)}></library-list>`,
      );
      await delay(100);
      el.feed = FEED;
      await until(() => cards(el).length === 7, 'the second feed');
      await eventually(() => checkAborted(slow), 'the server to see the abort');
      await delay(3200);
      expect(cardTitles(el)).not.to.include('A Good Item');
    });

    it('aborts when removed from the page, and loads again when put back', async () => {
      const slow = token();
      const el = document.createElement('library-list');
      el.feed = mockUrl(`slow/2500/${slow}?file=library/feed.json`);
      document.body.append(el);
      // Remove it once the request has reached the server (on a busy machine that can take a while),
      // so that the server is there to see the abort.
      await eventually(async () => ((await (await fetch(mockUrl(`hits/${slow}`))).json()) as { hits: number }).hits > 0, 'the request to arrive');
      el.remove();
      await eventually(() => checkAborted(slow), 'the server to see the abort');
      document.body.append(el);
      await until(() => cards(el).length === 7, 'the feed after reconnecting', 8000);
      el.remove();
    });

    it('loads on when moved to another place in the page while its feed loads', async () => {
      const slow = token();
      const el = document.createElement('library-list');
      el.feed = mockUrl(`slow/600/${slow}?file=library/feed.json`);
      const [from, to] = [document.createElement('div'), document.createElement('div')];
      document.body.append(from, to);
      from.append(el);
      await eventually(async () => ((await (await fetch(mockUrl(`hits/${slow}`))).json()) as { hits: number }).hits > 0, 'the request to arrive');
      // As a framework moves a node: out and back into the page in one go.
      to.append(el);
      await until(() => cards(el).length === 7 || el.shadowRoot!.querySelector('[role=alert]'), 'the feed or an error', 8000);
      expect(el.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
      expect(cards(el)).to.have.length(7);
      from.remove();
      to.remove();
    });

    it('shares one request between elements that read the same feed', async () => {
      const key = token();
      const url = mockUrl(`slow/200/${key}?file=library/feed.json`);
      const box = await fixture(html`<div>
        <library-list feed=${url}></library-list>
        <library-list feed=${url} type="report"></library-list>
      </div>`);
      const lists = [...box.querySelectorAll('library-list')];
      await until(() => lists.every((l) => cards(l).length > 0));
      const answer = (await (await fetch(mockUrl(`hits/${key}`))).json()) as { hits: number };
      expect(answer.hits).to.equal(1);
    });
  });

  it('is accessible once loaded, in every layout', async () => {
    const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
    await expect(el).to.be.accessible();
    for (const layout of ['grid', 'compact'] as const) {
      el.layout = layout;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
  });
});

async function checkAborted(key: string): Promise<boolean> {
  const answer = (await (await fetch(mockUrl(`aborted/${key}`))).json()) as { aborted: boolean };
  return answer.aborted;
}
