/**
 * The search's last resort, should the search code (`search/search.ts`) fail
 * to download: each word of the query is looked for anywhere in a
 * publication's folded text, which finds a little more than the index's rules
 * ("clear" finds "nuclear"). Loaded with the reader tools.
 */
import type { Publication } from '../feed/publication.js';
import { fold } from '../search/fold.js';
import type { Matcher } from '../search/search-scan.js';
import { queryWords } from './query.js';

const haystacks = new WeakMap<Publication, string>();

/** The text looked through, folded once per publication. */
function haystack(pub: Publication): string {
  let text = haystacks.get(pub);
  if (text === undefined) {
    text = fold(
      [pub.title, pub.authors.map((a) => a.name).join(' '), pub.summary ?? '', pub.tags.join(' '), pub.type.label, pub.publisher ?? ''].join('\n'),
    );
    haystacks.set(pub, text);
  }
  return text;
}

/** A query whose every word must appear somewhere in the text; every match scores the same, so they stay in the list's order. */
export class WordsAnywhere implements Matcher {
  readonly words: string[];
  readonly key: string;

  constructor(query: string) {
    this.words = queryWords(query);
    this.key = this.words.join('\n');
  }

  score(pub: Publication): number {
    const text = haystack(pub);
    return this.words.every((word) => text.includes(word)) ? 0 : -1;
  }

  within(wider: Matcher): boolean {
    return wider instanceof WordsAnywhere && wider.words.every((word) => this.words.some((w) => w.includes(word)));
  }
}
