// The search's last resort, should the search code fail to download: the words anywhere in the text.
import { expect } from '@open-wc/testing';
import { queryWords } from '../../src/query/query.js';
import { WordsAnywhere } from '../../src/query/scan.js';
import { IndexRules } from '../../src/search/search-scan.js';
import { queryParts } from '../../src/search/terms.js';
import { publication } from '../helpers/publication.js';

const pub = (title: string, authors: string[] = []) => publication({ id: title, title, authors: authors.map((name) => ({ name })) });
const finds = (query: string, p: ReturnType<typeof pub>) => new WordsAnywhere(query).score(p) >= 0;

describe('query: the words anywhere in the text (the last resort)', () => {
  it('splits a query where the index does, and takes punctuation alone for no search', () => {
    for (const query of ['-', ' — ', '!!!', "'", '…', 'nuclear', 'crisis-management', "o'brien", 'Zhào  SØREN', '核武器 战略', 'a, b; c']) {
      expect(queryWords(query).length > 0, query).to.equal(queryParts(query).length > 0);
    }
    expect(new WordsAnywhere('crisis-management').words).to.deep.equal(['crisis', 'management']);
    expect(new WordsAnywhere("O'Brien, Zhào").words).to.deep.equal(["o'brien", 'zhao']);
  });

  it('folds as the index does: letters with a stroke match their plain form', () => {
    const authors = pub('Cold War archives', ['Søren Kierkegaard', 'Łukasz Nowak', 'Æsa Berg']);
    for (const query of ['soren', 'Søren', 'lukasz', 'aesa', 'SØREN łukasz']) expect(finds(query, authors), query).to.equal(true);
    expect(finds('zhao', pub('Zhào Tong on deterrence'))).to.equal(true);
    expect(finds('zhou', pub('Zhào Tong on deterrence'))).to.equal(false);
  });

  it('finds a word inside another, which the index does not, and scores every match alike', () => {
    expect(finds('clear', pub('Nuclear doctrine'))).to.equal(true);
    expect(new WordsAnywhere('doctrine').score(pub('Nuclear doctrine'))).to.equal(0);
  });

  it('reads a query among the matches of one it adds to, and never among those of the index’s rules', () => {
    expect(new WordsAnywhere('nuclear doc').within(new WordsAnywhere('nuc'))).to.equal(true);
    expect(new WordsAnywhere('clear').within(new WordsAnywhere('nuclear'))).to.equal(false);
    expect(new WordsAnywhere('nuclear').within(new WordsAnywhere('clear')), 'a word inside a word').to.equal(true);
    expect(new WordsAnywhere('nuclear').within(new IndexRules('nuc'))).to.equal(false);
    expect(new IndexRules('nuclear').within(new WordsAnywhere('nuc'))).to.equal(false);
  });
});
