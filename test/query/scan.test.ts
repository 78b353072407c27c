// The scan a search uses until the index is built: it must read a query as the index does.
import { expect } from '@open-wc/testing';
import { queryWords } from '../../src/query/query.js';
import { matchesQuery } from '../../src/query/scan.js';
import { queryParts } from '../../src/search/terms.js';
import { publication } from '../helpers/publication.js';

const pub = (title: string, authors: string[] = []) => publication({ id: title, title, authors: authors.map((name) => ({ name })) });

describe('query: the scan before the index', () => {
  it('splits a query where the index does, and takes punctuation alone for no search', () => {
    for (const query of ['-', ' — ', '!!!', "'", '…', 'nuclear', 'crisis-management', "o'brien", 'Zhào  SØREN', '核武器 战略', 'a, b; c']) {
      expect(queryWords(query).length > 0, query).to.equal(queryParts(query).length > 0);
    }
    expect(queryWords('crisis-management')).to.deep.equal(['crisis', 'management']);
    expect(queryWords("O'Brien, Zhào")).to.deep.equal(["o'brien", 'zhao']);
  });

  it('folds as the index does: letters with a stroke match their plain form', () => {
    const authors = pub('Cold War archives', ['Søren Kierkegaard', 'Łukasz Nowak', 'Æsa Berg']);
    for (const query of ['soren', 'Søren', 'lukasz', 'aesa', 'SØREN łukasz']) {
      expect(matchesQuery(authors, queryWords(query)), query).to.equal(true);
    }
    expect(matchesQuery(pub('Zhào Tong on deterrence'), queryWords('zhao'))).to.equal(true);
    expect(matchesQuery(pub('Zhào Tong on deterrence'), queryWords('zhou'))).to.equal(false);
  });
});
