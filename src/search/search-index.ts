/**
 * The readers' search: an inverted index over folded terms, built once after
 * the feed loads, in slices that leave the page free to answer input.
 *
 * Each distinct term (a word of a spaced script, or one character of an
 * unspaced script such as Chinese) has a posting list: the positions of the
 * publications that contain it, each with a bit that says "in the title".
 * Terms are kept sorted in small buckets by their first two code units, so a
 * prefix is a binary search and a walk. A query is AND-ed term by term, the
 * rarest first, on stamp arrays sized to the list (no allocation per doc);
 * runs of unspaced text longer than one character are confirmed against the
 * stored text of those scripts, so "核武器" needs the three characters in a row.
 *
 * See docs/decisions/0008-search-index.md for why this and not a library.
 */
import type { Publication } from '../feed/publication.js';
// From the feed reader's module, which a list has loaded before anyone can search.
import { decodeEntities, stripTags } from '../feed/parse-feed.js';
import { fold } from './fold.js';
import { IndexRules, forgetScannedTerms } from './search-scan.js';
import { eachTerm, queryParts } from './terms.js';

export interface SearchResult {
  /** Positions, in the array the index was built from, of the publications matching every word: best first (title hits first), stable otherwise. */
  hits: number[];
  /** The query's words, folded as the index folds text: what a card highlights. */
  words: string[];
}

export interface SearchIndex {
  /** The publications the index was built over: the positions in its results are positions in this array. */
  readonly publications: readonly Publication[];
  readonly size: number;
  search(query: string): SearchResult;
}

/** Content HTML beyond this many characters is not searched (bounds the work for one publication). */
export const MAX_CONTENT_CHARS = 200_000;

/** Separates runs of unspaced text so that a query never matches across two of them. */
const RUN_SEPARATOR = '\n';

/** The text a publication is found by, apart from its title. */
export function bodyText(pub: Publication): string {
  const parts: string[] = [];
  for (const author of pub.authors) parts.push(author.name);
  if (pub.summary) parts.push(pub.summary);
  parts.push(...pub.tags, pub.type.label);
  if (pub.publisher) parts.push(pub.publisher);
  parts.push(...pub.takeaways);
  if (pub.contentHtml) parts.push(contentText(pub.contentHtml.slice(0, MAX_CONTENT_CHARS)));
  return parts.join('\n');
}

const CODE = /<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi;

/**
 * The words of content HTML, cheaply: comments and code become spaces, tags
 * go as `stripTags` takes them, and character references are decoded. Never
 * rendered, so white space is left as it falls.
 */
export function contentText(html: string): string {
  if (!html.includes('<')) return decodeEntities(html);
  let text = html.includes('<!--') ? html.replace(/<!--[\s\S]*?-->/g, ' ') : html;
  CODE.lastIndex = 0;
  if (CODE.test(text)) text = text.replace(CODE, ' ');
  return decodeEntities(stripTags(text));
}

/**
 * Calls `term` for each term of folded text as search counts them: each word
 * of a spaced script (and each piece of a word with apostrophes), and each
 * character of an unspaced run. Returns the unspaced runs themselves, joined
 * by `RUN_SEPARATOR`, or undefined when there are none: a run of more than
 * one character is found only with its characters in a row.
 */
export function readTerms(folded: string, term: (term: string) => void): string | undefined {
  let runs: string | undefined;
  eachTerm(
    folded,
    (text, unspaced) => {
      if (!unspaced) {
        term(text);
        return;
      }
      runs = runs === undefined ? text : runs + RUN_SEPARATOR + text;
      for (const char of text) term(char);
    },
    true,
  );
  return runs;
}

/** Longest stretch of work between two yields to the page. */
const SLICE_MS = 8;

/**
 * Lets the page run input, rendering and other tasks, then continues. A
 * timer rather than `scheduler.yield()`: its continuation would jump ahead
 * of the page's own tasks (a fetch completing, an abort) until the build ends.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

interface Bucket {
  /** Terms sharing their first two code units (or the one-unit term itself), sorted. */
  terms: string[];
  /** Term ids, parallel to `terms`. */
  ids: Int32Array;
}

/** Tells a loop when its slice of work has run long enough, and yields. */
class Pause {
  private start = performance.now();
  constructor(private readonly signal?: AbortSignal) {}

  due(): boolean {
    return performance.now() - this.start >= SLICE_MS;
  }

  async now(): Promise<void> {
    await yieldToPage();
    this.signal?.throwIfAborted();
    this.start = performance.now();
  }
}

/** A growable Int32Array. */
function grown(array: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= array.length) return array;
  const bigger = new Int32Array(Math.max(need, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Each term's documents, as doc * 2 + (1 if in the title), by term. */
type Postings = Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
/** The most documents whose postings fit in 16 bits. */
const SMALL_INDEX = 1 << 15;

const CHUNK = 1 << 18;
const CHUNK_MASK = CHUNK - 1;

class Builder {
  private readonly dict = new Map<string, number>();
  private readonly termList: string[] = [];
  /**
   * Postings in the order they were met, as (term id, posting) pairs in
   * fixed-size chunks (never copied to grow); sorted by term at the end.
   */
  private readonly pairTerms: Int32Array[] = [];
  private readonly pairPostings: Int32Array[] = [];
  private pairs = 0;
  /** Per term: how many postings, and the last document that had it. */
  private counts = new Int32Array(1 << 12);
  private lastDoc = new Int32Array(1 << 12);
  readonly unspacedTitle: (string | undefined)[];
  readonly unspacedBody: (string | undefined)[];

  constructor(size: number) {
    this.unspacedTitle = new Array<string | undefined>(size);
    this.unspacedBody = new Array<string | undefined>(size);
  }

  addDocument(doc: number, pub: Publication): void {
    this.unspacedTitle[doc] = this.addText(doc, fold(pub.title), 1);
    this.unspacedBody[doc] = this.addText(doc, fold(bodyText(pub)), 0);
  }

  /** Adds the terms of folded text; returns its unspaced runs, joined, if any. */
  private addText(doc: number, text: string, title: 0 | 1): string | undefined {
    return readTerms(text, (term) => this.addTerm(term, doc, title));
  }

  private addTerm(term: string, doc: number, title: 0 | 1): void {
    let id = this.dict.get(term);
    if (id === undefined) {
      id = this.termList.length;
      this.dict.set(term, id);
      this.termList.push(term);
      if (id === this.counts.length) {
        this.counts = grown(this.counts, id + 1);
        this.lastDoc = grown(this.lastDoc, id + 1);
      }
      this.lastDoc[id] = -1;
    }
    // The title is added first, so a term's first posting for a document
    // already says whether the title has it.
    if (this.lastDoc[id] === doc) return;
    this.lastDoc[id] = doc;
    this.counts[id]!++;
    const at = this.pairs++ & CHUNK_MASK;
    if (at === 0) {
      this.pairTerms.push(new Int32Array(CHUNK));
      this.pairPostings.push(new Int32Array(CHUNK));
    }
    this.pairTerms.at(-1)![at] = id;
    this.pairPostings.at(-1)![at] = doc * 2 + title;
  }

  /** Packs the postings by term and sorts the terms, yielding between slices. */
  async finish(publications: readonly Publication[], pause: Pause): Promise<Index> {
    const size = publications.length;
    const { termList, dict, counts, pairTerms, pairPostings, pairs } = this;
    const count = termList.length;
    const offsets = new Int32Array(count + 1);
    for (let id = 0; id < count; id++) offsets[id + 1] = offsets[id]! + counts[id]!;
    // Documents were added in order, so each term's postings come out ascending.
    const cursor = offsets.slice(0, count);
    // A posting is doc * 2 + title: two bytes each while the documents number 32,768 or fewer.
    const postings: Postings = size <= SMALL_INDEX ? new Uint16Array(pairs) : new Int32Array(pairs);
    // Touch the new array's memory in order first: scattered first touches would each fault a page.
    for (let at = 0; at < pairs; at += 1 << 20) {
      postings.fill(0, at, at + (1 << 20));
      if (pause.due()) await pause.now();
    }
    for (let c = 0; c < pairTerms.length; c++) {
      const terms = pairTerms[c]!;
      const values = pairPostings[c]!;
      const end = Math.min(CHUNK, pairs - c * CHUNK);
      // Scattered writes (cache misses): check the clock often.
      for (let block = 0; block < end; block += 1 << 14) {
        const stop = Math.min(end, block + (1 << 14));
        for (let i = block; i < stop; i++) postings[cursor[terms[i]!]!++] = values[i]!;
        if (pause.due()) await pause.now();
      }
    }
    pairTerms.length = pairPostings.length = 0;
    this.counts = this.lastDoc = new Int32Array(0);

    const grouped = new Map<string, string[]>();
    for (let id = 0; id < count; id++) {
      const term = termList[id]!;
      const key = term.length > 2 ? term.slice(0, 2) : term;
      const group = grouped.get(key);
      if (group) group.push(term);
      else grouped.set(key, [term]);
      if ((id & 8191) === 8191 && pause.due()) await pause.now();
    }
    const buckets = new Map<string, Bucket>();
    const byFirst = new Map<string, Bucket[]>();
    let done = 0;
    for (const [key, terms] of grouped) {
      terms.sort();
      const ids = new Int32Array(terms.length);
      for (let i = 0; i < terms.length; i++) ids[i] = dict.get(terms[i]!)!;
      const bucket: Bucket = { terms, ids };
      buckets.set(key, bucket);
      const first = key[0]!;
      const siblings = byFirst.get(first);
      if (siblings) siblings.push(bucket);
      else byFirst.set(first, [bucket]);
      done += terms.length;
      if (done > 4096 && pause.due()) {
        done = 0;
        await pause.now();
      }
    }
    return new Index(publications, size, offsets, postings, buckets, byFirst, this.unspacedTitle, this.unspacedBody);
  }
}

/** First position in sorted `terms` not less than `value`. */
function lowerBound(terms: readonly string[], value: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One AND step of a query: publications having any of these terms. */
interface Step {
  ids: number[];
  cost: number;
  /** Whether a title posting counts towards ranking (not for the single characters of a longer unspaced run). */
  ranks: boolean;
}

class Index implements SearchIndex {
  /** Per publication: the stamp of the last step it passed. */
  private readonly level: Int32Array;
  /** Per publication: the stamp of the last step whose title posting was counted. */
  private readonly titleMark: Int32Array;
  /** Per publication: query words found in its title, for the current query. */
  private readonly titleHits: Uint16Array;
  private stamp = 1;
  private last?: { query: string; result: SearchResult };

  constructor(
    readonly publications: readonly Publication[],
    readonly size: number,
    private readonly offsets: Int32Array,
    private readonly postings: Postings,
    private readonly buckets: Map<string, Bucket>,
    private readonly byFirst: Map<string, Bucket[]>,
    private readonly unspacedTitle: readonly (string | undefined)[],
    private readonly unspacedBody: readonly (string | undefined)[],
  ) {
    this.level = new Int32Array(size);
    this.titleMark = new Int32Array(size);
    this.titleHits = new Uint16Array(size);
  }

  search(query: string): SearchResult {
    if (this.last?.query === query) return { hits: this.last.result.hits.slice(), words: this.last.result.words.slice() };
    const result = this.run(query);
    this.last = { query, result };
    return { hits: result.hits.slice(), words: result.words.slice() };
  }

  private run(query: string): SearchResult {
    const parts = queryParts(query);
    const words = parts.map((part) => part.text);
    if (parts.length === 0) return { hits: Array.from({ length: this.size }, (_, i) => i), words };

    const steps: Step[] = [];
    const runs: string[] = [];
    for (const part of parts) {
      if (!part.unspaced) {
        const ids = this.prefixed(part.text);
        if (ids.length === 0) return { hits: [], words };
        steps.push({ ids, cost: this.cost(ids), ranks: true });
        continue;
      }
      const chars = [...new Set(part.text)];
      // One character is a term like any other; a longer run is AND-ed by
      // character, then confirmed in order against the stored text.
      const single = chars.length === 1 && chars[0] === part.text;
      if (!single) runs.push(part.text);
      for (const char of chars) {
        const id = this.exact(char);
        if (id < 0) return { hits: [], words };
        steps.push({ ids: [id], cost: this.cost([id]), ranks: single });
      }
    }
    steps.sort((a, b) => a.cost - b.cost);

    const { level, titleMark, titleHits, offsets, postings, size } = this;
    if (this.stamp > 0x3fff_0000) {
      level.fill(0);
      titleMark.fill(0);
      this.stamp = 1;
    }
    const base = this.stamp;
    this.stamp += steps.length + 1;

    for (let k = 0; k < steps.length; k++) {
      const { ids, ranks } = steps[k]!;
      const before = base + k;
      const after = before + 1;
      let passed = 0;
      for (const id of ids) {
        const end = offsets[id + 1]!;
        for (let p = offsets[id]!; p < end; p++) {
          const posting = postings[p]!;
          const doc = posting >>> 1;
          const current = level[doc]!;
          if (current !== after) {
            if (k === 0) titleHits[doc] = 0;
            else if (current !== before) continue;
            level[doc] = after;
            passed++;
          }
          if (ranks && posting & 1 && titleMark[doc] !== after) {
            titleMark[doc] = after;
            titleHits[doc]!++;
          }
        }
      }
      if (passed === 0) return { hits: [], words };
    }

    const final = base + steps.length;
    // Buckets by the number of words found in the title; filled in list order, so stable.
    const ranked: number[][] = Array.from({ length: parts.length + 1 }, () => []);
    for (let doc = 0; doc < size; doc++) {
      if (level[doc] !== final) continue;
      let score = titleHits[doc]!;
      if (runs.length > 0) {
        const title = this.unspacedTitle[doc];
        const body = this.unspacedBody[doc];
        let ok = true;
        for (const run of runs) {
          if (title?.includes(run)) score++;
          else if (!body?.includes(run)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      ranked[score]!.push(doc);
    }
    const hits: number[] = [];
    for (let score = ranked.length - 1; score >= 0; score--) for (const doc of ranked[score]!) hits.push(doc);
    return { hits, words };
  }

  private cost(ids: readonly number[]): number {
    let cost = 0;
    for (const id of ids) cost += this.offsets[id + 1]! - this.offsets[id]!;
    return cost;
  }

  /** Ids of the terms that begin with `prefix`. */
  private prefixed(prefix: string): number[] {
    const ids: number[] = [];
    if (prefix.length === 1) {
      for (const bucket of this.byFirst.get(prefix) ?? []) for (const id of bucket.ids) ids.push(id);
      return ids;
    }
    const bucket = this.buckets.get(prefix.slice(0, 2));
    if (!bucket) return ids;
    const { terms } = bucket;
    for (let i = lowerBound(terms, prefix); i < terms.length && terms[i]!.startsWith(prefix); i++) ids.push(bucket.ids[i]!);
    return ids;
  }

  /** Id of exactly this term, or -1. */
  private exact(term: string): number {
    const bucket = this.buckets.get(term.length > 2 ? term.slice(0, 2) : term);
    if (!bucket) return -1;
    const i = lowerBound(bucket.terms, term);
    return bucket.terms[i] === term ? bucket.ids[i]! : -1;
  }
}

/** Builds the index in slices that never block the page for long; rejects with the signal's reason when aborted. */
export async function buildSearchIndex(
  publications: readonly Publication[],
  options: { signal?: AbortSignal } = {},
): Promise<SearchIndex> {
  const { signal } = options;
  signal?.throwIfAborted();
  const size = publications.length;
  const pause = new Pause(signal);
  const builder = new Builder(size);
  for (let doc = 0; doc < size; doc++) {
    builder.addDocument(doc, publications[doc]!);
    if (pause.due()) await pause.now();
  }
  const index = await builder.finish(publications, pause);
  signal?.throwIfAborted();
  forgetScannedTerms();
  return index;
}

// The scan by the same rules, for the searches typed before the index is built: loaded with it.
export { IndexRules };
