// The scan a search uses before the index is built, over a list too long to read in one task.
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SCAN_AT_ONCE, SearchScanController } from '../../src/controllers/search-scan-controller.js';
import { queryWords } from '../../src/query/query.js';
import { matchesQuery } from '../../src/query/scan.js';
import { delay, until } from '../helpers/fixtures.js';
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

const TOPICS = ['arms control', 'crisis hotlines', 'nuclear doctrine', 'Zhào Tong on deterrence', 'Саммит в Женеве', '核武器 战略'];
const pubs = Array.from({ length: SCAN_AT_ONCE * 3 }, (_, i) =>
  publication({ id: `p${i}`, title: `${TOPICS[i % TOPICS.length]}, part ${i}`, authors: [{ name: `Author ${i % 31}` }] }),
);
const atOnce = (words: string[]) => pubs.filter((pub) => matchesQuery(pub, words));

describe('SearchScanController', () => {
  it('reads a long list after the keystroke, then asks for an update with the matches, in the list’s order', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    const words = queryWords('zhao part 1');
    expect(scan.matches(pubs, words), 'in the task that asked').to.equal(undefined);
    await until(() => h.updates === 1, 'the update');
    const found = scan.matches(pubs, words)!;
    expect(found.length).to.be.above(100);
    expect(found).to.deep.equal(atOnce(words));
    expect(scan.matches(pubs, [...words]), 'asked again').to.equal(found);
  });

  it('reads non-Latin text, folded', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    for (const [query, topic] of [['женеве', 4], ['核武器', 5], ['ZHAO', 3]] as const) {
      const words = queryWords(query);
      scan.matches(pubs, words);
      await until(() => scan.matches(pubs, words), query);
      expect(scan.matches(pubs, words)!.map((pub) => pub.title), query).to.deep.equal(pubs.filter((_, i) => i % TOPICS.length === topic).map((pub) => pub.title));
    }
  });

  it('stops reading for a query the reader has typed past', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    expect(scan.matches(pubs, queryWords('crisis'))).to.equal(undefined);
    expect(scan.matches(pubs, queryWords('nuclear'))).to.equal(undefined);
    await until(() => h.updates > 0, 'the update');
    await delay(100);
    expect(h.updates, 'one update, for the latest query').to.equal(1);
    expect(scan.matches(pubs, queryWords('nuclear'))).to.deep.equal(atOnce(['nuclear']));
  });

  it('reads a query that adds to the last one among its matches, at once when they are few', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    scan.matches(pubs, queryWords('part 1'));
    await until(() => scan.matches(pubs, queryWords('part 1')), 'the first matches');
    expect(atOnce(['part', '1']).length, 'more than one task reads').to.be.above(SCAN_AT_ONCE);
    scan.matches(pubs, queryWords('part 12'));
    await until(() => scan.matches(pubs, queryWords('part 12')), 'the narrower matches');
    expect(atOnce(['part', '12']).length).to.be.at.most(SCAN_AT_ONCE);
    // Within the last matches, which are few enough to read at once.
    expect(scan.matches(pubs, queryWords('part 123 arms'))).to.deep.equal(atOnce(['part', '123', 'arms']));
    // Not within them: the whole list again, after the keystroke.
    expect(scan.matches(pubs, queryWords('part 13'))).to.equal(undefined);
    await until(() => scan.matches(pubs, queryWords('part 13')), 'the other matches');
    expect(scan.matches(pubs, queryWords('part 13'))).to.deep.equal(atOnce(['part', '13']));
  });

  it('answers at once a query read lately, as when the reader deletes back to it', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    expect(scan.matches(pubs, queryWords('crisis'))).to.equal(undefined);
    await until(() => h.updates === 1, 'the first read');
    expect(atOnce(['crisis']).length, 'fewer than a read in slices').to.be.at.most(SCAN_AT_ONCE);
    expect(scan.matches(pubs, queryWords('crisis hot'))).to.deep.equal(atOnce(['crisis', 'hot']));
    expect(scan.matches(pubs, queryWords('nuclear')), 'another query, in slices').to.equal(undefined);
    await until(() => h.updates === 2, 'the other read');
    // Back to the first query, and to the one after it: both known, in the task that asks.
    expect(scan.matches(pubs, queryWords('crisis'))).to.deep.equal(atOnce(['crisis']));
    expect(scan.matches(pubs, queryWords('crisis hot'))).to.deep.equal(atOnce(['crisis', 'hot']));
    // A query that adds to an older read is read among its matches, not the whole list.
    expect(scan.matches(pubs, queryWords('nuclear doc'))).to.deep.equal(atOnce(['nuclear', 'doc']));
    await delay(100);
    expect(h.updates, 'no read in slices since').to.equal(2);
  });

  it('reads a short list at once, and another list afresh', () => {
    const scan = new SearchScanController(host());
    const short = pubs.slice(0, SCAN_AT_ONCE);
    expect(scan.matches(short, ['arms'])).to.deep.equal(short.filter((pub) => pub.title.startsWith('arms')));
    expect(scan.matches(pubs, ['arms']), 'the whole list').to.equal(undefined);
  });

  it('stops a read when told (the index came, or the search was cleared), and keeps one read to the end', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    scan.matches(pubs, ['nuclear']);
    scan.stop();
    await delay(300);
    expect(h.updates, 'no update for a stopped read').to.equal(0);
    expect(scan.matches(pubs, ['nuclear']), 'asked again').to.equal(undefined);
    await until(() => h.updates === 1, 'the update');
    scan.stop();
    expect(scan.matches(pubs, ['nuclear']), 'after a stop with nothing under way').to.deep.equal(atOnce(['nuclear']));
  });

  it('stops when its host leaves the page', async () => {
    const h = host();
    const scan = new SearchScanController(h);
    scan.matches(pubs, ['nuclear']);
    for (const controller of h.controllers) controller.hostDisconnected?.();
    await delay(300);
    expect(h.updates).to.equal(0);
    expect(scan.matches(pubs, ['nuclear']), 'asked again once back').to.equal(undefined);
  });
});
