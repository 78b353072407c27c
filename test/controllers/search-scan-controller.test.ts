// The scan a search uses before the index is built: by the index's rules, over a list too long to read in one task.
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SCAN_AT_ONCE, SCAN_KNOWN_AT_ONCE, SearchScanController, type Found } from '../../src/controllers/search-scan-controller.js';
import { readFeed } from '../../src/feed/parse-feed.js';
import type { Publication } from '../../src/feed/publication.js';
import { IndexRules } from '../../src/search/search-scan.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { delay, fixtureUrl, mockUrl, until } from '../helpers/fixtures.js';
import { publication } from '../helpers/publication.js';

/** A host that counts the updates it is asked for. */
function host() {
  const controllers: ReactiveController[] = [];
  const self = {
    updates: 0,
    controllers,
    addController: (controller: ReactiveController) => controllers.push(controller),
    removeController: () => undefined,
    requestUpdate: () => void self.updates++,
    updateComplete: Promise.resolve(true),
  };
  return self satisfies ReactiveControllerHost & { updates: number };
}

/** A controller whose search code has come (the first query waits for it, and the host is asked to update then). */
async function ready(h = host()) {
  const scan = new SearchScanController(h);
  const probe = [publication({ id: 'probe', title: 'Probe' })];
  expect(scan.matches(probe, 'probe'), 'before the search code has come').to.equal(undefined);
  await until(() => scan.matches(probe, 'probe'), 'the search code');
  h.updates = 0;
  return { scan, h };
}

const TOPICS = ['arms control', 'crisis hotlines', 'nuclear doctrine', 'Zhào Tong on deterrence', 'Саммит в Женеве', '核武器 战略'];
/** Too long to read at once, even once its words are known. */
const pubs = Array.from({ length: SCAN_KNOWN_AT_ONCE + SCAN_AT_ONCE }, (_, i) =>
  publication({ id: `p${i}`, title: `${TOPICS[i % TOPICS.length]}, part ${i}`, authors: [{ name: `Author ${i % 31}` }] }),
);
/** What the query finds, read in one go by the index's rules: those with more of its words in their title first, each part in the list's order. */
const atOnce = (query: string) => {
  const rules = new IndexRules(query);
  const scored = pubs.map((pub) => ({ pub, score: rules.score(pub) })).filter(({ score }) => score >= 0);
  return scored.sort((a, b) => b.score - a.score).map(({ pub }) => pub);
};
const titles = (found: Found | undefined) => found?.pubs.map((pub) => pub.title);

async function feedItems(url: string): Promise<Publication[]> {
  return readFeed(await (await fetch(url)).json(), url).items;
}

describe('SearchScanController', () => {
  it('finds what the index finds, in the same order and with the same words, on real feeds', async () => {
    for (const [path, queries] of [
      ['library/feed.json', ['crisis', 'crisis communications', 'ruiz', 'deterrence', 'hotlines capitals', 'ai', 'report', 'clear', 'otl', 'u.s.', 'us', "o'brien", 'brien', 'nuclear risk']],
      ['feeds/daringfireball-v1.1.json', ['apple', 'nasa', 'nasa mars', 'mail privacy', 'track', 'self host', 'the', 'gruber', '2021', 'zzz', 'a', 'pple']],
      ['feeds/timetable-podcast-v1.json', ['episode', 'episode 4', 'launch', 'default themes', 'pisode']],
      ['feeds/influxdata-wordpress-v1.1.json', ['influxdb', 'time series', 'elastic', 'fake', 'flux']],
    ] as const) {
      const items = await feedItems(fixtureUrl(path));
      const index = await buildSearchIndex(items);
      const { scan } = await ready();
      for (const query of queries) {
        const found = scan.matches(items, query)!;
        const result = index.search(query);
        expect(found.pubs.map((pub) => pub.id), `${path}: ${query}`).to.deep.equal(result.hits.map((i) => items[i]!.id));
        expect(found.words, `${path}: ${query}`).to.deep.equal(result.words);
      }
    }
  });

  it('finds what the index finds in Chinese, Russian and Arabic text, and hostile text as text', async () => {
    const items = [
      ...(await feedItems(mockUrl('xss-feed'))),
      ...readFeed(
        {
          version: 'https://jsonfeed.org/version/1.1',
          items: [
            { id: 'zh', title: '核武器控制与危机沟通', summary: '关于热线与危机沟通渠道的研究。' },
            { id: 'ru', title: 'Ядерный риск и каналы связи', summary: 'Обзор каналов связи между столицами.' },
            { id: 'ar', title: 'الحد من الخطر النووي', summary: 'دِرَاسَة عن الأَمْن النَّوَوِيّ.' },
            { id: 'mixed', title: 'Hotlines 热线 in Asia', content_html: '<p>危机沟通 and <b>crisis</b>-management</p>' },
          ],
        },
        'https://library.example/feed.json',
      ).items,
    ];
    const index = await buildSearchIndex(items);
    const { scan } = await ready();
    for (const query of ['核武器', '危机', '热线', '沟通 crisis', '武核', 'ядерн', 'СВЯЗИ', 'вязи', 'الامن', 'النووي', 'alert', 'script', 'onerror img', 'management', 'anagement']) {
      const found = scan.matches(items, query)!;
      expect(found.pubs.map((pub) => pub.id), query).to.deep.equal(index.search(query).hits.map((i) => items[i]!.id));
    }
    expect(scan.matches(items, '危机')!.pubs.map((pub) => pub.id)).to.deep.equal(['zh', 'mixed']);
    expect(scan.matches(items, 'вязи')!.pubs, 'the middle of a Russian word').to.deep.equal([]);
  });

  it('waits for the search code before its first answer, then asks the host to update', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    expect(scan.matches(pubs.slice(0, 10), 'arms')).to.equal(undefined);
    await until(() => h.updates === 1, 'the update');
    expect(titles(scan.matches(pubs.slice(0, 10), 'arms'))).to.deep.equal(['arms control, part 0', 'arms control, part 6']);
  });

  it('reads a long list after the keystroke, then asks for an update with the matches, title hits first', async () => {
    const { scan, h } = await ready();
    expect(scan.matches(pubs, 'zhao 1'), 'in the task that asked').to.equal(undefined);
    await until(() => h.updates === 1, 'the update');
    const found = scan.matches(pubs, 'zhao 1')!;
    // "Zhào … part 1…" has both words in its title; the matches whose author is "Author 1…" only one.
    const both = atOnce('zhao 1').filter((pub) => /part 1/.test(pub.title));
    expect(both.length).to.be.above(100);
    expect(found.pubs).to.deep.equal([...both, ...atOnce('zhao 1').filter((pub) => !both.includes(pub))]);
    expect(found.words).to.deep.equal(['zhao', '1']);
    expect(scan.matches(pubs, 'Zhào 1 '), 'asked again, typed otherwise').to.equal(found);
  });

  it('reads non-Latin text, folded, by the beginnings of words', async () => {
    const { scan } = await ready();
    for (const [query, topic] of [['женеве', 4], ['核武器', 5], ['ZHAO', 3]] as const) {
      await until(() => scan.matches(pubs, query), query);
      expect(titles(scan.matches(pubs, query)), query).to.deep.equal(pubs.filter((_, i) => i % TOPICS.length === topic).map((pub) => pub.title));
    }
    await until(() => scan.matches(pubs, 'еневе'), 'the middle of a word');
    expect(scan.matches(pubs, 'еневе')!.pubs).to.deep.equal([]);
  });

  it('stops reading for a query the reader has typed past', async () => {
    const { scan, h } = await ready();
    expect(scan.matches(pubs, 'crisis')).to.equal(undefined);
    expect(scan.matches(pubs, 'nuclear')).to.equal(undefined);
    await until(() => h.updates > 0, 'the update');
    await delay(100);
    expect(h.updates, 'one update, for the latest query').to.equal(1);
    expect(scan.matches(pubs, 'nuclear')!.pubs).to.deep.equal(atOnce('nuclear'));
  });

  it('reads a query that adds to the last one among its matches, at once when they are few', async () => {
    const { scan } = await ready();
    scan.matches(pubs, 'part 1');
    await until(() => scan.matches(pubs, 'part 1'), 'the first matches');
    expect(atOnce('part 1').length, 'more than one task reads').to.be.above(SCAN_AT_ONCE);
    scan.matches(pubs, 'part 12');
    await until(() => scan.matches(pubs, 'part 12'), 'the narrower matches');
    expect(atOnce('part 12').length).to.be.at.most(SCAN_AT_ONCE);
    // Within the last matches, which are few enough to read at once.
    expect(scan.matches(pubs, 'part 123 arms')!.pubs).to.deep.equal(atOnce('part 123 arms'));
    // "part 13" adds to "part 1": read among its matches, at once, since their words are known now.
    expect(scan.matches(pubs, 'part 13')!.pubs).to.deep.equal(atOnce('part 13'));
    // Within none of them: the whole list again, after the keystroke.
    expect(scan.matches(pubs, 'arms 13')).to.equal(undefined);
    await until(() => scan.matches(pubs, 'arms 13'), 'the other matches');
    expect(scan.matches(pubs, 'arms 13')!.pubs).to.deep.equal(atOnce('arms 13'));
  });

  it('answers at once a query read lately, as when the reader deletes back to it', async () => {
    const { scan, h } = await ready();
    expect(scan.matches(pubs, 'crisis')).to.equal(undefined);
    await until(() => h.updates === 1, 'the first read');
    expect(atOnce('crisis').length, 'fewer than a read in slices').to.be.at.most(SCAN_AT_ONCE);
    expect(scan.matches(pubs, 'crisis hot')!.pubs).to.deep.equal(atOnce('crisis hot'));
    expect(scan.matches(pubs, 'nuclear'), 'another query, in slices').to.equal(undefined);
    await until(() => h.updates === 2, 'the other read');
    // Back to the first query, and to the one after it: both known, in the task that asks.
    expect(scan.matches(pubs, 'crisis')!.pubs).to.deep.equal(atOnce('crisis'));
    expect(scan.matches(pubs, 'crisis hot')!.pubs).to.deep.equal(atOnce('crisis hot'));
    // A query that adds to an older read is read among its matches, not the whole list.
    expect(scan.matches(pubs, 'nuclear doc')!.pubs).to.deep.equal(atOnce('nuclear doc'));
    await delay(100);
    expect(h.updates, 'no read in slices since').to.equal(2);
  });

  it('reads a short list at once, and another list afresh', async () => {
    const { scan } = await ready();
    const short = pubs.slice(0, SCAN_AT_ONCE);
    expect(scan.matches(short, 'arms')!.pubs).to.deep.equal(short.filter((pub) => pub.title.startsWith('arms')));
    expect(scan.matches(pubs, 'arms'), 'the whole list').to.equal(undefined);
  });

  it('reads at once a longer list whose words it has read before', async () => {
    const { scan, h } = await ready();
    const longer = pubs.slice(0, SCAN_KNOWN_AT_ONCE);
    expect(scan.matches(longer, 'arms'), 'the first time, in slices').to.equal(undefined);
    await until(() => h.updates === 1, 'the first read');
    const rules = new IndexRules('crisis');
    expect(scan.matches(longer, 'crisis')!.pubs, 'another query, at once').to.deep.equal(longer.filter((pub) => rules.score(pub) >= 0));
  });

  it('stops a read when told (the index came, or the search was cleared), and keeps one read to the end', async () => {
    const { scan, h } = await ready();
    scan.matches(pubs, 'nuclear');
    scan.stop();
    await delay(300);
    expect(h.updates, 'no update for a stopped read').to.equal(0);
    expect(scan.matches(pubs, 'nuclear'), 'asked again').to.equal(undefined);
    await until(() => h.updates === 1, 'the update');
    scan.stop();
    expect(scan.matches(pubs, 'nuclear')!.pubs, 'after a stop with nothing under way').to.deep.equal(atOnce('nuclear'));
  });

  it('stops when its host leaves the page', async () => {
    const { scan, h } = await ready();
    scan.matches(pubs, 'nuclear');
    for (const controller of h.controllers) controller.hostDisconnected?.();
    await delay(300);
    expect(h.updates).to.equal(0);
    expect(scan.matches(pubs, 'nuclear'), 'asked again once back').to.equal(undefined);
  });
});
