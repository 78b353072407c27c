/**
 * The search before the index is built, by the index's rules: each
 * publication's terms are read as the index reads them (`search-index.ts`),
 * once, and kept as two strings (title, and the rest) in which every term
 * follows a mark. A query word then matches where the mark and the word
 * stand together, that is at the beginning of a term; an unspaced run
 * (Chinese, Thai…) anywhere in the publication's runs. A publication's score
 * is the number of the query's words its title has, as the index ranks. So a
 * query gives the same publications, in the same order, before and after the
 * index is built: "clear" does not find "nuclear" at either time.
 */
import type { Publication } from '../feed/publication.js';
import { fold } from './fold.js';
import { bodyText, readTerms } from './search-index.js';
import { queryParts, type QueryPart } from './terms.js';

/** Comes before each term: a control character, which folding and `eachTerm` never leave inside a term. */
const MARK = '\u0001';

interface Terms {
  /** The title's distinct terms, each after a mark. */
  title: string;
  /** The other text's distinct terms, each after a mark. */
  body: string;
  /** The unspaced runs of the title and of the other text, if any. */
  titleRuns?: string;
  bodyRuns?: string;
}

/** Each publication's terms, once read: kept while searches are scanned, some 250 bytes a publication. */
let read = new WeakMap<Publication, Terms>();

/** Lets go of the terms read so far: an index has been built, which answers from now on (a list scanned again reads afresh). */
export function forgetScannedTerms(): void {
  read = new WeakMap();
}

function termsOf(pub: Publication): Terms {
  let terms = read.get(pub);
  if (!terms) {
    const title = new Set<string>();
    const body = new Set<string>();
    const titleRuns = readTerms(fold(pub.title), (term) => title.add(term));
    const bodyRuns = readTerms(fold(bodyText(pub)), (term) => body.add(term));
    terms = { title: MARK + [...title].join(MARK), body: MARK + [...body].join(MARK), titleRuns, bodyRuns };
    read.set(pub, terms);
  }
  return terms;
}

/** A query as a scan asks it of each publication. */
export interface Matcher {
  /** The query's words as the search reads them: what the cards mark. */
  readonly words: string[];
  /** The same for two queries that find the same publications ("Nucl" and "nucl "). */
  readonly key: string;
  /** How many of the query's words the publication's title has (publications with more come first), or -1 when it does not match. */
  score(pub: Publication): number;
  /** Whether every publication this query finds is found by `wider` too, so that it may be asked only of `wider`'s matches. */
  within(wider: Matcher): boolean;
}

/** A query read by the index's rules. */
export class IndexRules implements Matcher {
  readonly words: string[];
  readonly key: string;
  private readonly parts: readonly QueryPart[];

  constructor(query: string) {
    this.parts = queryParts(query);
    this.words = this.parts.map((part) => part.text);
    this.key = this.parts.map(({ text, unspaced }) => (unspaced ? `~${text}` : ` ${text}`)).join('');
  }

  score(pub: Publication): number {
    return score(termsOf(pub), this.parts);
  }

  within(wider: Matcher): boolean {
    // Each of the wider query's words begins one of these (a word of a spaced script) or is inside one (an unspaced run).
    return (
      wider instanceof IndexRules &&
      wider.parts.every((other) =>
        this.parts.some((part) => part.unspaced === other.unspaced && (part.unspaced ? part.text.includes(other.text) : part.text.startsWith(other.text))),
      )
    );
  }
}

function score(terms: Terms, parts: readonly QueryPart[]): number {
  let inTitle = 0;
  for (const { text, unspaced } of parts) {
    if (unspaced) {
      if (terms.titleRuns?.includes(text)) inTitle++;
      else if (!terms.bodyRuns?.includes(text)) return -1;
    } else {
      const start = MARK + text;
      if (terms.title.includes(start)) inTitle++;
      else if (!terms.body.includes(start)) return -1;
    }
  }
  return inTitle;
}
