/**
 * The search before the index is built: a scan of each publication's folded
 * text for every word of the query. Loaded with the reader tools, as only a
 * reader can search.
 */
import type { Publication } from '../feed/publication.js';
import { fold } from '../search/fold.js';

/** The longest stretch of reading between two yields to the page. */
const SLICE_MS = 8;

const haystacks = new WeakMap<Publication, string>();

/** The text a search looks through, folded once per publication. */
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

/** Every word of the query must appear in the text; a substring match, so "nucl" finds "nuclear" and scripts without spaces work. */
export function matchesQuery(pub: Publication, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = haystack(pub);
  return words.every((word) => text.includes(word));
}

/**
 * The publications of `pubs` that match `words`, in their order, read in
 * slices of a few milliseconds with a yield to the page before each (as the
 * index is built), so that no slice runs in the task of the keystroke that
 * asked. Rejects with the signal's reason once it is aborted.
 */
export async function scanInSlices(pubs: readonly Publication[], words: readonly string[], signal: AbortSignal): Promise<Publication[]> {
  const result: Publication[] = [];
  let start = -Infinity;
  for (let i = 0; i < pubs.length; i++) {
    if ((i & 255) === 0 && performance.now() - start > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve));
      signal.throwIfAborted();
      start = performance.now();
    }
    if (matchesQuery(pubs[i]!, words)) result.push(pubs[i]!);
  }
  return result;
}
