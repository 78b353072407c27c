import { expect } from '@open-wc/testing';
import { byLabel, groupPublications, inOrder, newestYearFirst, sortPublications } from '../../src/query/query.js';
import { publication } from '../helpers/publication.js';

const pub = (title: string, date?: string) => publication({ id: title, title, datePublished: date ? new Date(date) : undefined });

describe('query: the reader’s orders', () => {
  const items = [
    pub('zebra crossings', '2020-05-01'),
    pub('Élan vital', '2024-01-01'),
    pub('apples', undefined),
    pub('Ärzte ohne Grenzen', '2019-01-01'),
    pub('Ядерный век', '2021-07-07'),
    pub('Banana', '2024-01-01'),
    pub('elan', '2018-03-03'),
    pub('Zürich accords', undefined),
  ];

  it('orders titles as the browser’s collator does, ignoring case and accents', () => {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
    const expected = [...items].sort((a, b) => collator.compare(a.title, b.title)).map((p) => p.title);
    expect(sortPublications(items, 'title').map((p) => p.title)).to.deep.equal(expected);
    const titles = sortPublications(items, 'title').map((p) => p.title);
    // Accented initials sit with their letters, not after "z".
    expect(titles.indexOf('Ärzte ohne Grenzen')).to.be.lessThan(titles.indexOf('Banana'));
    expect(titles.indexOf('Élan vital')).to.be.lessThan(titles.indexOf('zebra crossings'));
  });

  it('orders by date either way, undated last, equal dates in feed order, and leaves the input alone', () => {
    const before = items.map((p) => p.title);
    expect(sortPublications(items, 'newest').map((p) => p.title)).to.deep.equal([
      'Élan vital', 'Banana', 'Ядерный век', 'zebra crossings', 'Ärzte ohne Grenzen', 'elan', 'apples', 'Zürich accords',
    ]);
    expect(sortPublications(items, 'oldest').map((p) => p.title)).to.deep.equal([
      'elan', 'Ärzte ohne Grenzen', 'zebra crossings', 'Ядерный век', 'Élan vital', 'Banana', 'apples', 'Zürich accords',
    ]);
    expect(items.map((p) => p.title)).to.deep.equal(before);
    expect(sortPublications(items, 'feed')).to.equal(items);
  });

  it('puts matches in the sorted selection’s order, whatever order they came in', () => {
    // Any order of the whole selection will do: the matches must follow it.
    const sorted = [5, 3, 7, 1, 0, 2, 4, 6].map((i) => items[i]!);
    const matches = [items[7]!, items[0]!, items[3]!];
    expect(inOrder(sorted, matches)).to.deep.equal([items[3], items[7], items[0]]);
    expect(inOrder(sorted, [])).to.deep.equal([]);
    expect(inOrder(sorted, [...items].reverse())).to.equal(sorted);
  });

  it('orders labels by their letters, case and accents aside, then as written, and years newest first', () => {
    const labels = ['zebra', 'Émile', 'apple', 'Ärzte', 'emile', 'Zhào', 'zhao', 'Oslo', 'Ядерный', 'атом'];
    expect([...labels].sort(byLabel(labels))).to.deep.equal(['apple', 'Ärzte', 'emile', 'Émile', 'Oslo', 'zebra', 'Zhào', 'zhao', 'атом', 'Ядерный']);
    // A label it was not given up front is folded when compared.
    expect(byLabel([])('Ärzte', 'Banana')).to.equal(-1);
    expect(['1999', '', '2024', '987', '2003'].sort(newestYearFirst)).to.deep.equal(['2024', '2003', '1999', '987', '']);
  });

  it('runs year sections newest first, or oldest first, with the undated last either way', () => {
    const years = (oldestFirst: boolean) => groupPublications(items, 'year', [], 'Undated', oldestFirst).map((group) => group.heading);
    expect(years(false)).to.deep.equal(['2024', '2021', '2020', '2019', '2018', 'Undated']);
    expect(years(true)).to.deep.equal(['2018', '2019', '2020', '2021', '2024', 'Undated']);
  });
});
