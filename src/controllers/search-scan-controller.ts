/**
 * A search typed before the search index is built reads the list itself, by
 * the index's rules (`search/search-scan.ts`), so that it finds what the
 * index will find, in the same order. Those rules come with the index's code,
 * loaded at the first such search (until then the host shows the search as
 * under way, and is asked to update when it has come). Should that code fail
 * to download, the words are looked for anywhere in the text instead
 * (`query/scan.ts`), and the code is asked for again at the next query.
 *
 * Over a long list (a first read folds every publication's text and splits it
 * into words: about a second at 100,000 items) the read is done in slices,
 * so that typing, the page and the index's own build go on meanwhile; the
 * host is asked to update once the matches are known.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Publication } from '../feed/publication.js';
import { WordsAnywhere } from '../query/scan.js';
import { loadSearch } from '../search/load-search.js';
import type { IndexRules, Matcher } from '../search/search-scan.js';

/** Lists up to this long are read at once the first time: each publication's text is folded and split into words then (about 10 µs each: 20–25 ms here). */
export const SCAN_AT_ONCE = 2000;
/** Lists read once already are read at once up to this long: their words are known, and a read takes well under a microsecond a publication. */
export const SCAN_KNOWN_AT_ONCE = 10_000;
/** Reads of one list kept once done, latest first: a reader who deletes back to a query typed lately gets its matches at once. */
const KEPT = 8;
/** The longest stretch of reading between two yields to the page. */
const SLICE_MS = 8;

/** What a search found: the publications, best first, and the words the cards mark. */
export interface Found {
  pubs: Publication[];
  words: string[];
}

interface Scan {
  pubs: readonly Publication[];
  matcher: Matcher;
  abort: AbortController;
  /** The matches in the list's order, once every publication has been read: a narrower query is read among them. */
  matched?: Publication[];
  /** The matches best first. */
  found?: Found;
}

export class SearchScanController implements ReactiveController {
  /** The scan of the latest query, done or under way. */
  private current?: Scan;
  /** The latest scans of the list that were read to the end, latest first. */
  private done: Scan[] = [];
  /** The index's rules, once their code has come. */
  private rules?: typeof IndexRules;
  private loading = false;
  /** The query at which the search code last failed to download: another query asks for it again. */
  private failedAt?: string;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * The publications of `pubs` that `query` finds, best first (those with
   * more of its words in their title), otherwise in the list's order; or
   * undefined while they are being read, after which the host updates.
   * Asking again with the same list and query gives the same answer; another
   * query stops the read under way.
   */
  matches(pubs: readonly Publication[], query: string): Found | undefined {
    const matcher = this.matcher(query);
    if (!matcher) return undefined;
    const current = this.current;
    if (current && current.pubs === pubs && current.matcher.key === matcher.key) return current.found;
    current?.abort.abort();
    const known = this.done.find((done) => done.pubs === pubs && done.matcher.key === matcher.key);
    if (known) return (this.current = known).found;
    const scan: Scan = { pubs, matcher, abort: new AbortController() };
    this.current = scan;
    // A query that only adds to one read lately ("nucl" after "nuc") can only match among its matches: the fewest such.
    let from: readonly Publication[] = pubs;
    for (const done of this.done) {
      if (done.pubs === pubs && done.matched!.length < from.length && matcher.within(done.matcher)) from = done.matched!;
    }
    // A list read to the end by the same rules has its words known.
    const readBefore = this.done.some((done) => done.pubs === pubs && done.matcher.constructor === matcher.constructor);
    if (from.length <= (readBefore ? SCAN_KNOWN_AT_ONCE : SCAN_AT_ONCE)) {
      this.finish(scan, read(from, matcher));
      return scan.found;
    }
    readInSlices(from, matcher, scan.abort.signal).then(
      (reading) => {
        if (this.current !== scan) return;
        this.finish(scan, reading);
        this.host.requestUpdate();
      },
      // Stopped by a newer query, or by the host leaving the page.
      () => undefined,
    );
    return undefined;
  }

  /** Stops the read under way, if any: the index has come, or the search was cleared. What was read to the end is kept. */
  stop(): void {
    if (this.current?.found) return;
    this.current?.abort.abort();
    this.current = undefined;
  }

  hostDisconnected(): void {
    this.current?.abort.abort();
    this.current = undefined;
    this.done = [];
  }

  /** The query as the scan asks it: by the index's rules once their code has come; until then none, unless that code failed. */
  private matcher(query: string): Matcher | undefined {
    if (this.rules) return new this.rules(query);
    if (!this.loading && this.failedAt !== query) {
      this.loading = true;
      loadSearch()
        .then(
          ({ IndexRules }) => {
            this.rules = IndexRules;
          },
          (error: unknown) => {
            this.failedAt = query;
            console.warn('<library-list> the search code could not be loaded; searching for the words anywhere in the text instead.', error);
          },
        )
        .finally(() => {
          this.loading = false;
          this.host.requestUpdate();
        });
    }
    return this.failedAt === undefined ? undefined : new WordsAnywhere(query);
  }

  private finish(scan: Scan, reading: Reading): void {
    scan.matched = reading.matched;
    scan.found = { pubs: reading.best(), words: scan.matcher.words };
    this.done = [scan, ...this.done.filter((done) => done.pubs === scan.pubs)].slice(0, KEPT);
  }
}

/** The matches of one read: in the list's order, and by score. */
class Reading {
  readonly matched: Publication[] = [];
  private readonly byScore: Publication[][] = [];

  constructor(private readonly matcher: Matcher) {}

  add(pub: Publication): void {
    const score = this.matcher.score(pub);
    if (score < 0) return;
    this.matched.push(pub);
    (this.byScore[score] ??= []).push(pub);
  }

  /** Best first, in the list's order among equals. */
  best(): Publication[] {
    if (this.byScore.length <= 1) return this.matched;
    const best: Publication[] = [];
    for (let score = this.byScore.length - 1; score >= 0; score--) for (const pub of this.byScore[score] ?? []) best.push(pub);
    return best;
  }
}

function read(pubs: readonly Publication[], matcher: Matcher): Reading {
  const reading = new Reading(matcher);
  for (const pub of pubs) reading.add(pub);
  return reading;
}

/**
 * As `read`, in slices of a few milliseconds with a yield to the page before
 * each (as the index is built), so that no slice runs in the task of the
 * keystroke that asked. Rejects with the signal's reason once it is aborted.
 */
async function readInSlices(pubs: readonly Publication[], matcher: Matcher, signal: AbortSignal): Promise<Reading> {
  const reading = new Reading(matcher);
  let start = -Infinity;
  for (let i = 0; i < pubs.length; i++) {
    if ((i & 255) === 0 && performance.now() - start > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve));
      signal.throwIfAborted();
      start = performance.now();
    }
    reading.add(pubs[i]!);
  }
  return reading;
}
