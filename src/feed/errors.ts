/**
 * Why a feed could not be shown at all. Each kind has its own plain-words
 * explanation in `localize/`; the fields here carry the facts it needs.
 */
import type { FeedIssue } from './publication.js';

export type FeedErrorKind =
  /** The `feed` value is not an http(s) or relative URL. */
  | 'bad-url'
  /** No answer: offline, unknown host, or the server did not allow this origin (CORS). */
  | 'network'
  /** No answer within the time limit. */
  | 'timeout'
  /** The server answered with an error status (404, 500 …). */
  | 'http'
  /** The answer is not JSON. */
  | 'not-json'
  /** JSON, but not a JSON Feed. */
  | 'not-feed'
  /** A JSON Feed in which no item could be read. */
  | 'no-valid-items'
  /** `<publication-card item>` names an id the feed does not have, or (without `item`) the feed has no publication. */
  | 'item-not-found'
  /** The elements' own code (a file beside the script) did not load: for reading feeds, or a listing's search and filters.  */
  | 'script';

export class FeedError extends Error {
  override readonly name = 'FeedError';

  constructor(
    readonly kind: FeedErrorKind,
    /** The URL that was requested (absolute when it could be resolved). */
    readonly url: string,
    message: string,
    readonly details: {
      status?: number;
      statusText?: string;
      contentType?: string;
      /** For `not-json`: whether a web page came instead of the file, rather than a file that is not valid JSON. */
      webPage?: boolean;
      timeout?: number;
      issues?: FeedIssue[];
      item?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }
}

/** True for the error a fetch throws when its signal is aborted. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
