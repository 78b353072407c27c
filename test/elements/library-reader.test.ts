// Reader tools of <library-list>: search ranking and highlighting, filters with
// counts, sort and grouping, state in the URL, virtualized long lists, and the
// keyboard path through them.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/components/library-list/define.js';
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import { clearFeedCache } from '../../src/feed/load-feed.js';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { delay, fixtureUrl, mockUrl, pagedFeed, pagesRead, token, until } from '../helpers/fixtures.js';
import type { LibraryErrorEvent } from '../../src/events/library-error-event.js';
import { captureConsole, cardTitles, cards, facetBox, facetGroup, facetOptions, facetsRoot, getByRole, groupHeadings, text } from '../helpers/dom.js';

const FEED = fixtureUrl('library/feed.json');
const ALL = 7;

/** A listing that has rendered its cards and, unless it has no reader tools, its filters. */
async function loaded(template: ReturnType<typeof html>): Promise<LibraryList> {
  const el = await fixture<LibraryList>(template);
  await until(() => el.shadowRoot!.querySelector('[part=items], [part=empty], [role=alert]'), 'the listing to settle');
  if (!el.noControls) await until(() => el.shadowRoot!.querySelector('library-facets')?.shadowRoot?.querySelector('details'), 'the filters');
  await Promise.all(cards(el).map((card) => card.updateComplete));
  return el;
}

/** Types into the list's search box as a program would (an input event), and waits for the list to render. */
async function search(el: LibraryList, value: string) {
  const box = getByRole(el.shadowRoot!, 'searchbox', 'Search publications') as HTMLInputElement;
  box.value = value;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function tick(el: LibraryList, legend: string, label: string) {
  facetBox(el, legend, label).click();
  await el.updateComplete;
  await el.shadowRoot!.querySelector('library-facets')!.updateComplete;
}

const count = (el: LibraryList) => text(el.shadowRoot!.querySelector('[part=count]'));

describe('<library-list> reader tools', () => {
  beforeEach(() => clearFeedCache());
  // The virtualizer measures its cards with a ResizeObserver and moves them in its callback, and the browser
  // then reports "ResizeObserver loop completed with undelivered notifications": a notice that some resize
  // callbacks moved to the next frame, not a failure (lit/lit#3154, w3c/csswg-drafts#5488). WebKitGTK
  // reports it in every run of the `virtual` test here. The virtualizer's own helper keeps just that
  // message out of the runner's uncaught-error check. (The list's own width watch, which set it off about
  // once in ten runs, now watches an element of no height, whose size a render never changes.)
  setupIgnoreWindowResizeObserverLoopErrors(before, after);

  describe('filters', () => {
    it('lists each facet with counts, ORs values within a facet and ANDs across facets', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      expect(facetOptions(el, 'Type')).to.deep.equal(['Fact Sheets 1', 'Reports 2', 'Articles 3', 'Op-Eds 1']);
      expect(facetOptions(el, 'Year')).to.deep.equal(['2024 2', '2023 3', '2022 1', '1960 1']);
      expect(facetOptions(el, 'Origin')).to.deep.equal(['Outside works 1', 'Our work 6']);

      await tick(el, 'Type', 'Reports');
      expect(cardTitles(el)).to.deep.equal(['Resilient Channels for Nuclear Crises', 'Aligning Public and Private Technology Goals']);
      // Counts within Type stay what choosing each would add; other facets count only reports.
      expect(facetOptions(el, 'Type')).to.deep.equal(['Fact Sheets 1', 'Reports 2', 'Articles 3', 'Op-Eds 1']);
      expect(facetOptions(el, 'Year')).to.deep.equal(['2024 1', '2023 1']);

      await tick(el, 'Type', 'Articles'); // OR: reports or articles
      expect(count(el)).to.equal(`5 of ${ALL} publications`);
      await tick(el, 'Topic', 'crisis communications'); // AND: and about crisis communications
      expect(cardTitles(el)).to.deep.equal(['Resilient Channels for Nuclear Crises', 'Hotlines Between Capitals']);
      expect(facetGroup(el, 'Type').querySelectorAll('input:checked')).to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it('browses by filters alone, and Clear filters restores everything and returns focus to the search box', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      await tick(el, 'Year', '2024');
      await tick(el, 'Origin', 'Our work');
      expect(cardTitles(el)).to.deep.equal(['Our Work on AI: An Overview', 'Aligning Public and Private Technology Goals']);
      expect(text(facetsRoot(el).querySelector('[part=facets] summary'))).to.equal('Filters (2 chosen)');
      getByRole(facetsRoot(el), 'button', 'Clear filters').click();
      await el.updateComplete;
      expect(cards(el)).to.have.length(ALL);
      expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('input[type=search]'));
      expect(facetsRoot(el).querySelectorAll('input[type=checkbox]:checked')).to.have.length(0);
    });

    it('counts follow the search, and a filter with nothing left says so and offers Clear filters', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      await search(el, 'hotlines');
      expect(facetOptions(el, 'Type')).to.deep.equal(['Articles 1', 'Op-Eds 1']);
      await tick(el, 'Type', 'Articles');
      await search(el, 'messaging');
      expect(text(el.shadowRoot!.querySelector('[part=empty]'))).to.contain('No publications match.');
      // The reader's choice stays listed (with 0) so it can be undone.
      expect(facetOptions(el, 'Type')).to.deep.equal(['Articles 0', 'Op-Eds 1']);
      // A filter with no value left says so, rather than stand empty under its name.
      expect(facetOptions(el, 'Year')).to.deep.equal([]);
      expect(text(facetGroup(el, 'Year'))).to.equal('Year None among these results');
      expect(text(getByRole(facetsRoot(el), 'button', 'Clear'))).to.equal('Clear search and filters');
      expect(text(getByRole(el.shadowRoot!, 'button', 'Clear'))).to.equal('Clear search and filters');
      await expect(el).to.be.accessible();
    });

    it('takes every box a script ticks at once, not only the last', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      // Two changes before the listing draws the first.
      facetBox(el, 'Type', 'Reports').click();
      facetBox(el, 'Type', 'Articles').click();
      facetBox(el, 'Year', '2023').click();
      await el.updateComplete;
      await el.shadowRoot!.querySelector('library-facets')!.updateComplete;
      expect(text(facetsRoot(el).querySelector('[part=facets] summary'))).to.equal('Filters (3 chosen)');
      expect(facetGroup(el, 'Type').querySelectorAll('input:checked')).to.have.length(2);
      expect(count(el)).to.equal(`2 of ${ALL} publications`);
    });

    it('shows the first values of a long facet and "Show all" for the rest', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=300')} page-size="5"></library-list>`);
      const authors = facetGroup(el, 'Author');
      expect(authors.querySelectorAll('input')).to.have.length(8);
      const more = getByRole(authors, 'button', 'Show all');
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(text(more)).to.equal('Show all 110');
      more.click();
      await el.shadowRoot!.querySelector('library-facets')!.updateComplete;
      expect(facetGroup(el, 'Author').querySelectorAll('input')).to.have.length(110);
      expect(getByRole(facetGroup(el, 'Author'), 'button', 'Show fewer').getAttribute('aria-expanded')).to.equal('true');
    });

    it('offers only the facets the editor lists, and none with no-controls', async () => {
      const el = await loaded(html`<library-list feed=${FEED} facets="year, type"></library-list>`);
      const legends = [...facetsRoot(el).querySelectorAll('fieldset legend')].map(text);
      expect(legends).to.deep.equal(['Year', 'Type']);
      const bare = await loaded(html`<library-list feed=${FEED} no-controls></library-list>`);
      expect(bare.shadowRoot!.querySelector('library-facets')).to.equal(null);
    });

    it('gives the results the whole width when no filter has two values to offer', async () => {
      // jsonfeed.org's feed: one post, so one type, author, year and origin.
      const el = await fixture<LibraryList>(html`<library-list feed=${fixtureUrl('feeds/jsonfeed-org-v1.json')} style="width: 1000px"></library-list>`);
      await until(() => el.shadowRoot!.querySelector('[part=items]'), 'the card');
      expect(el.shadowRoot!.querySelectorAll('library-facets')).to.have.length(0);
      const results = el.shadowRoot!.querySelector('.results')!.getBoundingClientRect();
      const list = el.getBoundingClientRect();
      expect(results.left).to.be.closeTo(list.left, 1);
      expect(results.width).to.be.closeTo(list.width, 1);
    });

    it('takes the dark theme into the filters, "Clear filters" included', async () => {
      const el = await loaded(html`<library-list feed=${FEED} theme="dark"></library-list>`);
      await tick(el, 'Type', 'Reports');
      const clear = getByRole(facetsRoot(el), 'button', 'Clear filters');
      expect(getComputedStyle(clear).color).to.equal('rgb(156, 195, 255)');
      await expect(el).to.be.accessible();
    });

    it('folds the filters into a closed disclosure on a narrow screen', async () => {
      const el = await loaded(html`<library-list feed=${FEED} style="width: 360px; display: block"></library-list>`);
      const details = facetsRoot(el).querySelector<HTMLDetailsElement>('[part=facets]')!;
      await until(() => !details.open, 'closed when narrow');
      const summary = details.querySelector('summary')!;
      summary.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => details.open, 'opened by the keyboard');
      await expect(el).to.be.accessible();
    });
  });

  describe('search', () => {
    it('ranks title matches first while searching, with "Best match" as the order', async () => {
      const el = await loaded(html`<library-list feed=${FEED} group="none"></library-list>`);
      await search(el, 'crises');
      await until(() => el.searchReady, 'the index');
      await search(el, 'crises');
      expect(cardTitles(el)).to.deep.equal([
        'Resilient Channels for Nuclear Crises',
        'Hotlines Between Capitals',
        'Why Messaging Apps Are Not Hotlines',
      ]);
      const sort = getByRole(el.shadowRoot!, 'combobox', 'Sort by') as HTMLSelectElement;
      expect(sort.value).to.equal('relevance');
      expect(sort.selectedOptions[0]!.text).to.equal('Best match');
      await search(el, '');
      expect([...sort.options].map((o) => o.value)).to.not.include('relevance');
    });

    it('finds by the beginning of a word, without accents, and marks what matched in the cards', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      await until(() => el.searchReady, 'the index');
      await search(el, 'resil');
      expect(cardTitles(el)).to.deep.equal(['Resilient Channels for Nuclear Crises']);
      const card = cards(el)[0]!;
      await card.updateComplete;
      expect([...card.shadowRoot!.querySelectorAll('mark')].map(text)).to.deep.equal(['Resil']);
      await search(el, 'schélling');
      await until(() => cardTitles(el).join() === 'The Strategy of Conflict', 'Schelling');
      await cards(el)[0]!.updateComplete;
      expect([...cards(el)[0]!.shadowRoot!.querySelectorAll('mark')].map(text)).to.deep.equal(['Schelling']);
      // An outside work found by its publisher, marked in the date line.
      await search(el, 'harvard');
      await until(() => cardTitles(el).join() === 'The Strategy of Conflict', 'Harvard');
      await cards(el)[0]!.updateComplete;
      expect([...cards(el)[0]!.shadowRoot!.querySelectorAll('[part=meta] mark')].map(text)).to.deep.equal(['Harvard']);
      expect(text(cards(el)[0]!.shadowRoot!.querySelector('[part=meta]'))).to.include('Harvard University Press');
    });

    it('marks what matched in a featured publication\'s long summary and takeaways, the summary\'s markup and links kept', async () => {
      const el = await loaded(html`<library-list feed=${FEED} group="none"></library-list>`);
      await until(() => el.searchReady, 'the index');
      await search(el, 'workshop');
      expect(cardTitles(el)).to.deep.equal(['Resilient Channels for Nuclear Crises']);
      const card = cards(el)[0]!;
      const content = () => card.shadowRoot!.querySelector('[part=content]');
      await until(() => content()?.querySelector('mark'), 'a mark in the long summary');
      // Inside the feed's <strong>, which stays.
      expect([...content()!.querySelectorAll('strong > mark[part=match]')].map(text)).to.deep.equal(['workshop']);
      await search(el, 'crisis chan');
      await until(() => content()!.querySelectorAll('mark').length === 2, 'two marks in the long summary');
      expect([...content()!.querySelectorAll('mark')].map(text)).to.deep.equal(['crisis', 'chan']);
      expect([...card.shadowRoot!.querySelectorAll('[part=title] mark')].map(text)).to.deep.equal(['Chan']);
      expect([...card.shadowRoot!.querySelectorAll('[part=takeaways] mark')].map(text)).to.deep.equal(['Chan', 'crisis']);
      expect(text(content())).to.equal('A workshop met in 2023 to look at crisis channels. See the annex.');
      expect(content()!.querySelector('a')!.href).to.equal(new URL('publications/report-one-annex.html', FEED).href);
      await expect(el).to.be.accessible();
      await search(el, '');
      await until(() => !content()?.querySelector('mark'), 'no marks once the search is cleared');
    });

    it('searches titles in Chinese, Russian and Arabic', async () => {
      const el = await loaded(html`<library-list feed=${fixtureUrl('library/scripts.json')} group="none"></library-list>`);
      await until(() => el.searchReady, 'the index');
      for (const [query, title] of [
        ['核武器', '核武器控制与危机沟通'],
        ['ядерн', 'Ядерные риски и каналы связи'],
        ['النووي', 'الحد من الخطر النووي'],
      ]) {
        await search(el, query!);
        expect(cardTitles(el), query).to.deep.equal([title]);
      }
    });
    it("never answers a search with the last feed's index while a new feed loads", async () => {
      const el = await loaded(html`<library-list feed=${FEED} group="none"></library-list>`);
      await until(() => el.searchReady, 'the index');
      await search(el, 'messaging');
      expect(cardTitles(el)).to.deep.equal(['Why Messaging Apps Are Not Hotlines']);
      // Every list of cards shown from the swap until the new feed's index is built.
      const shown: string[][] = [];
      const observer = new MutationObserver(() => shown.push(cardTitles(el)));
      observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
      const loadedAgain = oneEvent(el, 'library-load');
      el.feed = mockUrl('big-feed?n=10');
      await el.updateComplete;
      expect(el.searchReady, 'while the new feed loads').to.equal(false);
      await loadedAgain;
      await until(() => el.searchReady, "the new feed's index");
      await el.updateComplete;
      observer.disconnect();
      // No generated publication is about messaging.
      expect(shown.flat()).to.not.include.members(['Generated publication number 4']);
      expect(shown.every((titles) => titles.every((title) => title === 'Why Messaging Apps Are Not Hotlines'))).to.equal(true);
      expect(cardTitles(el)).to.deep.equal([]);
      expect(count(el)).to.equal('0 of 10 publications');
    });
  });

  describe('out of the page', () => {
    it('stops building its index when taken out of the page, and builds it when put back', async () => {
      const el = document.createElement('library-list') as LibraryList;
      el.feed = mockUrl('big-feed?n=3000');
      const loaded = oneEvent(el, 'library-load');
      document.body.append(el);
      await loaded;
      // The update after the feed starts the index; taken out now, the list is building it.
      await el.updateComplete;
      expect(el.searchReady).to.equal(false);
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(el.searchReady, 'built while out of the page').to.equal(false);
      document.body.append(el);
      await until(() => el.searchReady, 'the index once back', 10_000);
      el.remove();
    });
  });

  describe('sort and grouping', () => {
    it('keeps a search’s results in the order the reader chose as the query changes', async () => {
      const el = await loaded(html`<library-list feed=${FEED} group="none"></library-list>`);
      const feedOrder = cardTitles(el);
      const sort = getByRole(el.shadowRoot!, 'combobox', 'Sort by') as HTMLSelectElement;
      sort.value = 'title';
      sort.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const byTitle = (titles: string[]) => [...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
      expect(cardTitles(el)).to.have.length(ALL);
      expect(cardTitles(el)).to.deep.equal(byTitle(cardTitles(el)));
      await search(el, 'hotlines');
      expect(sort.value).to.equal('title');
      expect(cardTitles(el)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
      await search(el, 'on');
      const matches = cardTitles(el);
      expect(matches.length).to.be.within(2, ALL - 1);
      expect(matches).to.deep.equal(byTitle(matches));
      // Not merely the feed's order, which would pass by chance.
      expect(matches).to.not.deep.equal(feedOrder.filter((title) => matches.includes(title)));
      await search(el, 'a');
      expect(cardTitles(el)).to.have.length(ALL);
      sort.value = 'oldest';
      sort.dispatchEvent(new Event('change'));
      await el.updateComplete;
      await Promise.all(cards(el).map((card) => card.updateComplete));
      expect(cardTitles(el)).to.deep.equal([
        'The Strategy of Conflict',
        'An Early Draft on Backchannels',
        'Hotlines Between Capitals',
        'Resilient Channels for Nuclear Crises',
        'Why Messaging Apps Are Not Hotlines',
        'Our Work on AI: An Overview',
        'Aligning Public and Private Technology Goals',
      ]);
      await expect(el).to.be.accessible();
    });

    it("keeps the editor's order for a query of punctuation alone, which is no search", async () => {
      const el = await loaded(html`<library-list feed=${FEED} group="none" sort="newest"></library-list>`);
      await until(() => el.searchReady, 'the index');
      const newest = cardTitles(el);
      const sort = getByRole(el.shadowRoot!, 'combobox', 'Sort by') as HTMLSelectElement;
      for (const query of ['-', ' – ', '...']) {
        await search(el, query);
        expect(cardTitles(el), query).to.deep.equal(newest);
        expect(sort.value, query).to.equal('newest');
        expect(count(el)).to.equal(`${ALL} publications`);
      }
    });

    it('lets the reader group by year or not at all', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      const group = getByRole(el.shadowRoot!, 'combobox', 'Group by') as HTMLSelectElement;
      group.value = 'year';
      group.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(groupHeadings(el)).to.deep.equal(['2024', '2023', '2022', '1960']);
      // Oldest first: the sections run the way the cards in them do.
      const sort = getByRole(el.shadowRoot!, 'combobox', 'Sort by') as HTMLSelectElement;
      sort.value = 'oldest';
      sort.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(groupHeadings(el)).to.deep.equal(['1960', '2022', '2023', '2024']);
      expect(cardTitles(el)[0]).to.equal('The Strategy of Conflict');
      group.value = 'none';
      group.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(groupHeadings(el)).to.deep.equal([]);
      expect(cards(el)).to.have.length(ALL);
      await expect(el).to.be.accessible();
    });
  });

  it('puts authors in order of their names, titles such as "Dr." aside', async () => {
    const el = await loaded(html`<library-list feed="/demo/feed.json"></library-list>`);
    expect(facetOptions(el, 'Author')).to.deep.equal([
      'Albert Wohlstetter 1',
      'Alexa Wehsener 1',
      'Ben Purser 1',
      'Daniil Zhukov 1',
      'Dmitry Stefanovich 1',
      'Dr. Manpreet Sethi 1',
      'Pavneet Singh 1',
      'Dr. Rabia Akhtar 1',
    ]);
  });

  it('types a query in its own direction on a right-to-left page', async () => {
    const page = await fixture(html`<div dir="rtl"><library-list feed=${FEED}></library-list></div>`);
    const el = page.querySelector('library-list') as LibraryList;
    await until(() => el.shadowRoot!.querySelector('input[type=search]'), 'the search box');
    const box = getByRole(el.shadowRoot!, 'searchbox', 'Search publications') as HTMLInputElement;
    box.focus();
    await sendKeys({ type: 'hotlines' });
    await el.updateComplete;
    expect(getComputedStyle(box).direction).to.equal('ltr');
    await el.updateComplete;
    await search(el, '');
    await sendKeys({ type: 'خط' });
    await el.updateComplete;
    expect(box.value).to.equal('خط');
    expect(getComputedStyle(box).direction).to.equal('rtl');
  });

  describe('state in the URL', () => {
    let original: string;
    beforeEach(() => (original = location.href));
    afterEach(() => history.replaceState(null, '', original));

    it('is off by default: the page URL never changes', async () => {
      const el = await loaded(html`<library-list feed=${FEED}></library-list>`);
      await search(el, 'hotlines');
      await tick(el, 'Type', 'Articles');
      expect(location.href).to.equal(original);
    });

    it('keeps search, filters and sort under its own name, restores them on load, and Back undoes a filter', async () => {
      const el = await loaded(html`<library-list feed=${FEED} url-state="lib"></library-list>`);
      await search(el, 'hotlines');
      expect(new URL(location.href).searchParams.get('lib.q')).to.equal('hotlines');
      await tick(el, 'Type', 'Op-Eds');
      expect(new URL(location.href).searchParams.getAll('lib.type')).to.deep.equal(['op-ed']);
      expect(cardTitles(el)).to.deep.equal(['Why Messaging Apps Are Not Hotlines']);

      history.back();
      await until(() => !new URL(location.href).searchParams.has('lib.type'), 'the URL before the filter');
      await until(() => cards(el).length === 2, 'both hotlines again');
      expect(facetBox(el, 'Type', 'Op-Eds').checked).to.equal(false);

      // A colleague opens the shared link: the same view.
      const shared = new URL(original);
      shared.searchParams.set('lib.q', 'hotlines');
      shared.searchParams.append('lib.type', 'article');
      shared.searchParams.set('lib.sort', 'title');
      history.replaceState(null, '', shared);
      clearFeedCache();
      const again = await loaded(html`<library-list feed=${FEED} url-state="lib"></library-list>`);
      expect(cardTitles(again)).to.deep.equal(['Hotlines Between Capitals']);
      expect((getByRole(again.shadowRoot!, 'searchbox', 'Search') as HTMLInputElement).value).to.equal('hotlines');
      expect((getByRole(again.shadowRoot!, 'combobox', 'Sort by') as HTMLSelectElement).value).to.equal('title');
    });

    it('is ignored by a list without controls, which says so: a link cannot hide publications its readers cannot bring back', async () => {
      history.replaceState(null, '', `${location.pathname}?lib.q=hotlines&lib.type=report`);
      const { result: el, warnings } = await captureConsole(async () => {
        const list = await loaded(html`<library-list feed=${FEED} url-state="lib" no-controls></library-list>`);
        await until(() => cards(list).length === ALL, 'every card');
        return list;
      });
      expect(cards(el)).to.have.length(ALL);
      expect(warnings.join()).to.contain('url-state is ignored on a list with no-controls');
      history.pushState(null, '', `${location.pathname}?lib.q=channels`);
      history.back();
      await new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
      await el.updateComplete;
      expect(cards(el)).to.have.length(ALL);
    });

    it('makes one history entry per search typed, so Back undoes the search, not a letter', async () => {
      const el = await loaded(html`<library-list feed=${FEED} url-state="lib"></library-list>`);
      const box = getByRole(el.shadowRoot!, 'searchbox', 'Search publications') as HTMLInputElement;
      // Earlier tests' Back left entries ahead of this one; a push drops them, so that counting entries counts ours.
      history.pushState(null, '', location.href);
      const entries = history.length;
      box.focus();
      await sendKeys({ type: 'hotlines' });
      await until(() => new URL(location.href).searchParams.get('lib.q') === 'hotlines', 'the whole query in the URL');
      expect(history.length).to.equal(entries + 1);
      expect(cards(el)).to.have.length(2);

      history.back();
      await until(() => box.value === '' && cards(el).length === ALL, 'the list before the search');
      history.forward();
      await until(() => box.value === 'hotlines' && cards(el).length === 2, 'the search again');

      // After a history step (or focus moving away) the next search is a step of its own.
      box.focus();
      await sendKeys({ press: 'End' });
      // (No doubled letters: WebKit's driver can drop the second of two.)
      await sendKeys({ type: ' capitals' });
      await until(() => new URL(location.href).searchParams.get('lib.q') === 'hotlines capitals', 'the longer query in the URL');
      expect(cardTitles(el)).to.deep.equal(['Hotlines Between Capitals']);
      expect(history.length).to.equal(entries + 2);
      history.back();
      await until(() => box.value === 'hotlines' && cards(el).length === 2, 'the first search again');
    });

    it('steps back rather than leave a copy of the entry before a search typed and deleted, and keeps what is typed meanwhile', async () => {
      const el = await loaded(html`<library-list feed=${FEED} url-state="lib"></library-list>`);
      const box = getByRole(el.shadowRoot!, 'searchbox', 'Search publications') as HTMLInputElement;
      // Two entries of the page's own, with none of the list's state.
      history.pushState(null, '', `${location.pathname}?page=1`);
      history.pushState(null, '', `${location.pathname}?page=2`);
      box.focus();
      await sendKeys({ type: 'hot' });
      await until(() => location.search === '?page=2&lib.q=hot', 'the search in the URL');
      for (let i = 0; i < 3; i++) await sendKeys({ press: 'Backspace' });
      await until(() => location.search === '?page=2' && cards(el).length === ALL, 'the entry before the search');
      history.back();
      await until(() => location.search === '?page=1', 'the page’s first entry, in one step');
      history.forward();
      await until(() => location.search === '?page=2', 'the entry before the search again');

      // Letters typed while the list steps back land after the step, as a search of their own.
      box.focus();
      await sendKeys({ type: 'hot' });
      await until(() => location.search === '?page=2&lib.q=hot', 'the second search in the URL');
      // Deleted and typed again in one task, before the step back can have happened.
      for (const value of ['', 'ch']) {
        box.value = value;
        box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      await until(() => location.search === '?page=2&lib.q=ch', 'the letters typed meanwhile');
      await delay(100);
      expect(location.search, 'after the step back').to.equal('?page=2&lib.q=ch');
      expect(box.value).to.equal('ch');
      history.back();
      await until(() => location.search === '?page=2' && box.value === '', 'the entry before that search');
    });

    it('with virtual, Back that regroups the list moves focus from the card and list it took away to the first list, not the page', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=2000')} virtual url-state="lib"></library-list>`);
      const drawn = () => el.shadowRoot!.querySelector('.items.virtual li publication-card');
      await until(drawn, 'the virtualized cards');
      const group = getByRole(el.shadowRoot!, 'combobox', 'Group by') as HTMLSelectElement;
      group.value = 'none';
      group.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => new URL(location.href).searchParams.get('lib.group') === 'none', 'the grouping in the URL');
      await until(() => drawn() && groupHeadings(el).length === 0, 'one list, without sections');
      const list = el.shadowRoot!.querySelector('.items.virtual')!;
      const card = cards(el)[0]!;
      await card.updateComplete;
      card.shadowRoot!.querySelector<HTMLElement>('a[href]')!.focus();
      expect(el.shadowRoot!.activeElement).to.equal(card);

      // Back brings the sections by type: the card's list, and the card, leave the page.
      history.back();
      await until(() => !new URL(location.href).searchParams.has('lib.group'), 'the URL before the grouping');
      await until(() => el.shadowRoot!.activeElement?.matches('.items.virtual'), 'focus on a list');
      expect(card.isConnected || list.isConnected).to.equal(false);
      expect(groupHeadings(el).length).to.be.above(1);
      expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.items.virtual'));
      expect(document.activeElement).to.equal(el);
      await until(drawn, 'the cards by type');
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.localName, 'Tab goes on among the cards').to.equal('publication-card');
    });

    it('makes a search that starts with a space one history entry too, after a filter\'s own', async () => {
      const el = await loaded(html`<library-list feed=${FEED} url-state="lib"></library-list>`);
      history.pushState(null, '', location.href);
      const entries = history.length;
      await tick(el, 'Type', 'Articles');
      const box = getByRole(el.shadowRoot!, 'searchbox', 'Search publications') as HTMLInputElement;
      box.focus();
      await sendKeys({ type: ' hotlines' });
      await until(() => new URL(location.href).searchParams.get('lib.q') === ' hotlines', 'the query in the URL');
      expect(history.length).to.equal(entries + 2);
      history.back();
      await until(() => box.value === '' && new URL(location.href).searchParams.get('lib.type') === 'article', 'the filter alone');
      expect(cards(el)).to.have.length(3);
    });

    it('applies only the filters it offers: a link\'s choice in another, or one the editor takes away, narrows nothing', async () => {
      history.replaceState(null, '', `${location.pathname}?lib.origin=external&lib.type=report`);
      const el = await loaded(html`<library-list feed=${FEED} url-state="lib" facets="type, tag"></library-list>`);
      expect(count(el)).to.equal(`2 of ${ALL} publications`);
      expect(text(facetsRoot(el).querySelector('[part=facets] summary'))).to.equal('Filters (1 chosen)');
      await tick(el, 'Topic', 'crisis communications');
      expect(count(el)).to.equal(`1 of ${ALL} publications`);
      el.facets = 'type';
      await el.updateComplete;
      await el.shadowRoot!.querySelector('library-facets')!.updateComplete;
      expect(count(el)).to.equal(`2 of ${ALL} publications`);
      expect(text(facetsRoot(el).querySelector('[part=facets] summary'))).to.equal('Filters (1 chosen)');
    });

    it("keeps the reader's pages through history steps that leave its state alone (an anchor, another list)", async () => {
      const el = await loaded(html`<library-list feed=${FEED} url-state="lib" page-size="3"></library-list>`);
      getByRole(el.shadowRoot!, 'button', 'Show more').click();
      await until(() => cards(el).length === 6, '6 cards');
      const stepped = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
      location.hash = '#further-down';
      await stepped;
      await el.updateComplete;
      expect(cards(el)).to.have.length(6);
      // Another list's Back: this list's parameters are the same before and after.
      history.pushState(null, '', `${location.pathname}?other.q=x`);
      history.back();
      await new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
      await el.updateComplete;
      expect(cards(el)).to.have.length(6);
    });

    it("writes only its own parameters: the page's stay exactly as written, and a list named a.b is not list a's", async () => {
      history.replaceState(null, '', `${location.pathname}?flag&ids=1,2&a.b.q=hotlines`);
      const box = await fixture(html`<div>
        <library-list feed=${FEED} url-state="a"></library-list>
        <library-list feed=${FEED} url-state="a.b"></library-list>
      </div>`);
      const [a, b] = [...box.querySelectorAll('library-list')] as LibraryList[];
      await until(() => [a!, b!].every((list) => list.shadowRoot!.querySelector('library-facets')?.shadowRoot?.querySelector('fieldset')), 'both filters');
      expect(cards(a!)).to.have.length(ALL);
      expect(cardTitles(b!)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
      await search(a!, 'channels');
      expect(location.search).to.equal('?flag&ids=1,2&a.b.q=hotlines&a.q=channels');
      await search(a!, '');
      // The search deleted, the list steps back to the entry before it (a history step, so not at once).
      await until(() => location.search === '?flag&ids=1,2&a.b.q=hotlines', 'the address before the search');
      expect(cardTitles(b!)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
    });

    it('two lists on one page keep to their own parameters, and the page keeps its own', async () => {
      history.replaceState(null, '', `${location.pathname}?page=7#top`);
      const box = await fixture(html`<div>
        <library-list id="reports" feed=${FEED} url-state></library-list>
        <library-list feed=${FEED} url-state="partner"></library-list>
      </div>`);
      const [a, b] = [...box.querySelectorAll('library-list')] as LibraryList[];
      await until(() => a!.searchReady && b!.searchReady, 'both lists and their indexes');
      await until(() => [a!, b!].every((list) => list.shadowRoot!.querySelector('library-facets')?.shadowRoot?.querySelector('fieldset')), 'both filters');
      await search(a!, 'channels');
      await tick(b!, 'Year', '1960');
      const params = new URL(location.href).searchParams;
      expect(params.get('reports.q')).to.equal('channels');
      expect(params.get('partner.year')).to.equal('1960');
      expect(params.get('page')).to.equal('7');
      expect(location.hash).to.equal('#top');
      expect(cardTitles(a!)).to.deep.equal(['Resilient Channels for Nuclear Crises']);
      expect(cardTitles(b!)).to.deep.equal(['The Strategy of Conflict']);
    });
    it('names each list\'s search landmark after the list, so that two on a page differ', async () => {
      const box = await fixture(html`<div>
        <library-list feed=${FEED} label="Our reports"></library-list>
        <library-list feed=${FEED} label="Partner reading"></library-list>
        <library-list feed=${FEED}></library-list>
      </div>`);
      const lists = [...box.querySelectorAll('library-list')] as LibraryList[];
      await until(() => lists.every((list) => list.shadowRoot!.querySelector('library-facets')?.shadowRoot?.querySelector('fieldset')), 'the filters');
      const names = lists.map((list) => getByRole(list.shadowRoot!, 'search', /Find/).getAttribute('aria-label'));
      expect(names).to.deep.equal(['Find in Our reports', 'Find in Partner reading', 'Find in Test Library']);
      await expect(box).to.be.accessible();
    });
  });

  describe('long lists', () => {
    it('with virtual, keeps only the cards near the screen in the page and reaches the last one by scrolling', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=2000')} virtual group="none"></library-list>`);
      await until(() => el.shadowRoot!.querySelector('.items.virtual'), 'the virtualizer');
      await until(() => cards(el).length > 0, 'cards');
      expect(text(el.shadowRoot!.querySelector('[part=count]'))).to.equal('2,000 publications');
      expect(cards(el).length).to.be.below(100);
      expect(el.shadowRoot!.querySelector('[part=more]')).to.equal(null);
      const last = 'Generated publication number 1999';
      await until(
        () => {
          window.scrollTo(0, document.documentElement.scrollHeight);
          return cardTitles(el).includes(last);
        },
        'the last publication',
        20_000,
      );
      expect(cards(el).length).to.be.below(100);
      const item = cards(el).find((card) => cardTitles(el)[cards(el).indexOf(card)] === last)!.closest('li')!;
      expect(item.getAttribute('aria-setsize')).to.equal('2000');
      expect(item.getAttribute('aria-posinset')).to.equal('2000');
      window.scrollTo(0, 0);
    });

    it('with virtual and sections, each section is virtualized under its heading', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=2000')} virtual></library-list>`);
      await until(() => el.shadowRoot!.querySelectorAll('.items.virtual').length === 4, 'four virtualized sections');
      await until(() => cards(el).length > 0, 'the first cards');
      expect(groupHeadings(el)).to.have.length(4);
      expect(cards(el).length).to.be.below(100);
      // Sections far below the screen have no cards yet; those drawn know their section's full length.
      const sizes = new Set([...el.shadowRoot!.querySelectorAll('.items.virtual li')].map((li) => li.getAttribute('aria-setsize')));
      expect([...sizes]).to.deep.equal(['500']);
      // The virtualizer first places cards at estimated heights, then moves them once measured: check
      // accessibility (colour contrast included) on the settled layout, where no two cards overlap.
      await until(() => {
        const boxes = [...el.shadowRoot!.querySelectorAll('.items.virtual li')].map((li) => li.getBoundingClientRect());
        return boxes.every((box, i) => i === 0 || boxes[i - 1]!.bottom <= box.top + 1);
      }, 'the settled layout');
      await expect(el).to.be.accessible();
    });

    it('with virtual and sections, one jump to the bottom reaches the last card: sections not yet reached take the measured height', async () => {
      // Without controls: no filters arrive to make every section lay out again, which hid that the others kept their first guess.
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=2000')} virtual no-controls></library-list>`);
      await until(() => el.shadowRoot!.querySelectorAll('.items.virtual').length === 4, 'four virtualized sections');
      await until(() => cards(el).length > 0, 'the first cards');
      const lists = () => [...el.shadowRoot!.querySelectorAll('.items.virtual')];
      // Once the first section's cards are measured, the page is as long as 2,000 of them, give or take.
      await until(() => {
        const items = [...lists()[0]!.children].filter((li) => li.localName === 'li');
        const average = items.reduce((sum, li) => sum + li.getBoundingClientRect().height, 0) / items.length;
        const height = lists().reduce((sum, list) => sum + list.getBoundingClientRect().height, 0);
        return items.length > 0 && height > 0.85 * 2000 * average && height < 1.15 * 2000 * average;
      }, 'a page as long as its 2,000 cards', 5000);

      // One jump to the bottom, as End or a drag of the scroll bar makes. (WebKit's driver does not send End to the page.)
      window.scrollTo(0, document.documentElement.scrollHeight);
      const lastCard = () => [...lists().at(-1)!.querySelectorAll('li')].find((li) => li.getAttribute('aria-posinset') === li.getAttribute('aria-setsize'));
      // The virtualizer places the card, measures it and places it again: it ends on screen, with no second jump.
      await until(() => {
        const top = lastCard()?.getBoundingClientRect().top;
        return top !== undefined && top >= 0 && top < window.innerHeight;
      }, 'the last card on screen after one jump', 5000);
      window.scrollTo(0, 0);
    });

    it('with virtual, focus on a card scrolled out of the page stays in the list, and Tab goes on from the cards on screen', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=2000')} virtual group="none" no-controls></library-list>`);
      await until(() => el.shadowRoot!.querySelector('.items.virtual li publication-card'), 'the virtualized cards');
      const first = cards(el)[0]!;
      await first.updateComplete;
      // A click on a card's words focuses nothing (the list takes focus only in place of a card that left).
      const words = first.shadowRoot!.querySelector<HTMLElement>('[part~=summary]')!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(words.left + 10), Math.round(words.top + words.height / 2)] });
      expect(el.shadowRoot!.activeElement).to.equal(null);
      const link = first.shadowRoot!.querySelector<HTMLElement>('a[href]')!;
      link.focus();
      expect(el.shadowRoot!.activeElement).to.equal(first);

      // Scrolled far down (again while the virtualizer sizes the page).
      await until(() => {
        window.scrollTo(0, document.documentElement.scrollHeight / 2);
        return !first.isConnected;
      }, 'the first card taken out of the page');
      const list = getByRole(el.shadowRoot!, 'list', /./);
      await until(() => el.shadowRoot!.activeElement === list, 'focus on the list');
      expect(document.activeElement).to.equal(el);

      await sendKeys({ press: 'Tab' });
      const focused = el.shadowRoot!.activeElement;
      expect(focused?.localName).to.equal('publication-card');
      expect(Number(focused!.closest('li')!.getAttribute('aria-posinset'))).to.be.above(100);
      window.scrollTo(0, 0);
    });

    it('with virtual, searching still narrows the whole list', async () => {
      const el = await loaded(html`<library-list feed=${mockUrl('big-feed?n=2000')} virtual group="none"></library-list>`);
      await until(() => el.searchReady, 'the index', 15_000);
      await search(el, 'number 1999');
      await until(() => cardTitles(el).join() === 'Generated publication number 1999', 'one match');
      expect(el.resultCount).to.equal(1);
    });
  });

  describe('feeds in pages (next_url)', () => {
    it('shows each page as it arrives, says more is loading, and ends with every page', async () => {
      const third = fixtureUrl('library/paged/pages/3.json');
      const second = mockUrl(`page/${token()}?file=library/paged/pages/2.json&ms=1500&next=${encodeURIComponent(third)}`);
      const first = mockUrl(`page/${token()}?file=library/paged/feed.json&next=${encodeURIComponent(second)}`);
      const el = await fixture<LibraryList>(html`<library-list feed=${first} group="none" no-warnings></library-list>`);
      const paging = await until(() => el.shadowRoot!.querySelector('[part=paging]'), 'the first page, with more to come');
      expect(text(paging)).to.equal('Loading more… (1 page, 3 publications so far)');
      expect(cardTitles(el)).to.include('Keeping Crisis Channels Open');
      await until(() => !el.shadowRoot!.querySelector('[part=paging]'), 'every page', 10_000);
      await until(() => cardTitles(el).includes('Thirteen Days'), 'the last page');
      expect(cardTitles(el)).to.include('What the Hotline Was For');
      await expect(el).to.be.accessible();
    });

    it('reads only the pages it shows when readers cannot change it and it shows the first `limit` in the feed’s order', async () => {
      const [few, more, sorted, searchable] = [token(), token(), token(), token()];
      const el = await fixture<LibraryList>(html`<div>
        <library-list id="few" feed=${pagedFeed(few)} no-controls limit="2" group="none"></library-list>
        <library-list id="more" feed=${pagedFeed(more)} no-controls limit="4" group="none" no-warnings></library-list>
        <library-list id="sorted" feed=${pagedFeed(sorted)} no-controls limit="2" sort="oldest" group="none" no-warnings></library-list>
        <library-list id="searchable" feed=${pagedFeed(searchable)} limit="2" group="none" no-warnings></library-list>
      </div>`);
      const list = (id: string) => el.querySelector<LibraryList>(`#${id}`)!;
      await until(() => cards(list('few')).length === 2 && cards(list('more')).length === 4, 'the boxes');
      expect(cardTitles(list('few'))).to.deep.equal(['Keeping Crisis Channels Open', 'What the Hotline Was For']);
      expect(cardTitles(list('more'))).to.deep.equal([
        'Keeping Crisis Channels Open',
        'What the Hotline Was For',
        'Backchannels and Their Limits',
        'Our Work on AI: An Overview',
      ]);
      // The oldest two, and a reader's search, need every page.
      await until(() => list('sorted').items.length === 7 && list('searchable').items.length === 7, 'every page of the other two', 10_000);
      expect(await pagesRead(few)).to.deep.equal([1, 0, 0]);
      expect(await pagesRead(more)).to.deep.equal([1, 1, 0]);
      expect(await pagesRead(sorted)).to.deep.equal([1, 1, 1]);
      expect(await pagesRead(searchable)).to.deep.equal([1, 1, 1]);
      await expect(list('more')).to.be.accessible();
    });

    it('reads further pages when its limit grows', async () => {
      const key = token();
      const el = await fixture<LibraryList>(html`<library-list feed=${pagedFeed(key)} no-controls limit="2" group="none" no-warnings></library-list>`);
      await until(() => cards(el).length === 2, 'two cards');
      el.limit = 7;
      await until(() => cardTitles(el).includes('Thirteen Days'), 'the last page');
      expect(cards(el)).to.have.length(7);
      expect(await pagesRead(key)).to.deep.equal([1, 1, 1]);
    });

    it('reads further pages when the editor narrows its selection', async () => {
      const key = token();
      const el = await fixture<LibraryList>(html`<library-list feed=${pagedFeed(key)} no-controls limit="2" group="none" no-warnings></library-list>`);
      await until(() => cards(el).length === 2, 'two cards');
      expect(await pagesRead(key)).to.deep.equal([1, 0, 0]);
      // The only op-ed is on the last page.
      el.type = 'op-ed';
      await until(() => cards(el).length === 1, 'the op-ed');
      expect(cardTitles(el)).to.deep.equal(['Why Messaging Apps Are Not Hotlines']);
      expect(await pagesRead(key)).to.deep.equal([1, 1, 1]);
    });

    it('keeps the pages it has when a later one fails, says so, reports it, and can try again', async () => {
      const { result, errors } = await captureConsole(async () => {
        const el = await fixture<LibraryList>(html`<library-list feed=${fixtureUrl('library/paged/fails/1.json')}></library-list>`);
        const failed = oneEvent(el, 'library-error');
        const alert = await until(() => el.shadowRoot!.querySelector('[role=alert]'), 'the notice');
        return { el, alert, event: (await failed) as unknown as LibraryErrorEvent };
      });
      const { el, alert, event } = result;
      expect(text(alert)).to.contain('Only the first 1 page of the library could be loaded');
      expect(text(alert)).to.contain('500');
      expect(cardTitles(el)).to.deep.equal(['Nuclear Risk Reduction After New START', 'Verification Without Inspectors']);
      expect(event.error.kind).to.equal('http');
      expect(errors.join('\n')).to.contain('page 2');
      expect(getByRole(alert, 'button', 'Try again')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('keyboard', () => {
    it('goes search → sort → grouping → filters → results with Tab, and Space ticks a filter', async () => {
      const before = document.createElement('button');
      before.textContent = 'before';
      document.body.append(before);
      const el = await loaded(html`<library-list feed=${FEED} facets="type"></library-list>`);
      before.focus();
      const stops: string[] = [];
      const active = () => {
        let node: Element | null = document.activeElement;
        while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
        return node;
      };
      for (let i = 0; i < 5; i++) {
        await sendKeys({ press: 'Tab' });
        const node = active();
        stops.push(node?.localName === 'input' ? `input:${(node as HTMLInputElement).type}` : (node?.localName ?? 'none'));
      }
      expect(stops).to.deep.equal(['input:search', 'select', 'select', 'summary', 'input:checkbox']);
      await sendKeys({ press: ' ' });
      await until(() => cards(el).length === 1, 'only the fact sheet');
      expect(cardTitles(el)).to.deep.equal(['Our Work on AI: An Overview']);
      expect(active()).to.equal(facetBox(el, 'Type', 'Fact Sheets'));
      before.remove();
    });
  });
});
