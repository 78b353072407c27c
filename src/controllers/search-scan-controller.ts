/**
 * A search typed before the search index is built reads the list itself.
 * Over a long list (a first read folds every publication's text: 300 ms and
 * more at 100,000 items) that read is done in slices, so that typing, the
 * page and the index's own build go on meanwhile; the host is asked to
 * update once the matches are known.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Publication } from '../feed/publication.js';
import { matchesQuery, scanInSlices } from '../query/scan.js';

/** Lists up to this long are read at once: 15–30 ms the first time here (each text is folded then, 3–6 µs a publication), a few after. */
export const SCAN_AT_ONCE = 5000;
/** Reads of one list kept once done, latest first: a reader who deletes back to a query typed lately gets its matches at once. */
const KEPT = 8;

interface Scan {
  pubs: readonly Publication[];
  words: readonly string[];
  abort: AbortController;
  /** The matches, once every publication has been read. */
  result?: Publication[];
}

export class SearchScanController implements ReactiveController {
  /** The scan of the latest query, done or under way. */
  private current?: Scan;
  /** The latest scans of the list that were read to the end, latest first. */
  private done: Scan[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * The publications of `pubs` that hold every one of `words`, in their
   * order; or undefined while they are being read, after which the host
   * updates. Asking again with the same list and words gives the same answer;
   * another query stops the read under way.
   */
  matches(pubs: readonly Publication[], words: readonly string[]): Publication[] | undefined {
    const current = this.current;
    if (current && current.pubs === pubs && sameWords(current.words, words)) return current.result;
    current?.abort.abort();
    const known = this.done.find((done) => done.pubs === pubs && sameWords(done.words, words));
    if (known) return (this.current = known).result;
    const scan: Scan = { pubs, words, abort: new AbortController() };
    this.current = scan;
    // A query that only adds to one read lately ("nucl" after "nuc") can only match among its matches: the fewest such.
    let from: readonly Publication[] = pubs;
    for (const done of this.done) {
      if (done.pubs === pubs && done.result!.length < from.length && done.words.every((word) => words.some((w) => w.includes(word)))) from = done.result!;
    }
    if (from.length <= SCAN_AT_ONCE) {
      this.finish(scan, from.filter((pub) => matchesQuery(pub, words)));
      return scan.result;
    }
    scanInSlices(from, words, scan.abort.signal).then(
      (result) => {
        if (this.current !== scan) return;
        this.finish(scan, result);
        this.host.requestUpdate();
      },
      // Stopped by a newer query, or by the host leaving the page.
      () => undefined,
    );
    return undefined;
  }

  /** Stops the read under way, if any: the index has come, or the search was cleared. What was read to the end is kept. */
  stop(): void {
    if (this.current?.result) return;
    this.current?.abort.abort();
    this.current = undefined;
  }

  private finish(scan: Scan, result: Publication[]): void {
    scan.result = result;
    this.done = [scan, ...this.done.filter((done) => done.pubs === scan.pubs)].slice(0, KEPT);
  }

  hostDisconnected(): void {
    this.current?.abort.abort();
    this.current = undefined;
    this.done = [];
  }
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}
