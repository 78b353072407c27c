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
  /** The latest scan that was read to the end. */
  private done?: Scan;

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
    const scan: Scan = { pubs, words, abort: new AbortController() };
    this.current = scan;
    // A query that only adds to the last one read ("nucl" after "nuc") can only match among its matches.
    const last = this.done;
    const from = last?.pubs === pubs && last.words.every((word) => words.some((w) => w.includes(word))) ? last.result! : pubs;
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
    this.done = scan;
  }

  hostDisconnected(): void {
    this.current?.abort.abort();
    this.current = this.done = undefined;
  }
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}
