/**
 * The shapes the elements render. They are produced only by `parse-feed.ts`,
 * from data that has passed the schema; every URL in them has passed the URL
 * policy and is absolute. The publications it produces are
 * `StoredPublication`s (`stored-publication.ts`): read-only, with most fields
 * read back from compact storage when asked for.
 */
import type { FeedError } from './errors.js';
import type { Origin, Status } from './schema.js';

export interface Person {
  name: string;
  /** Absolute http(s) URL, if the feed gave a safe one. */
  url?: string;
}

export interface Attachment {
  url: string;
  mimeType: string;
  title?: string;
  sizeInBytes?: number;
}

/** A publication type with the words used to show it. */
export interface PublicationType {
  /** Slug, such as `fact-sheet`. */
  id: string;
  /** Singular label on a card, such as "Fact Sheet". */
  label: string;
  /** Group heading, such as "Fact Sheets". */
  plural: string;
}

export interface Publication {
  /** Stable id from the feed (or, when the feed has none, derived from the URL or position). */
  id: string;
  title: string;
  /** Landing page on the institute's site. */
  url?: string;
  /** Where a work published elsewhere lives. */
  externalUrl?: string;
  /** Plain text for the card: the feed's `summary`, or an excerpt of the content. */
  summary?: string;
  /** Untrusted HTML, exactly as in the feed. Sanitise before rendering. */
  contentHtml?: string;
  datePublished?: Date;
  dateModified?: Date;
  /** The same person in several publications of one feed is one shared object: read it, do not change it. */
  authors: Person[];
  tags: string[];
  language?: string;
  image?: string;
  attachments: Attachment[];
  /** The first PDF attachment, which "View PDF" and "Download PDF" open. */
  pdf?: Attachment;
  type: PublicationType;
  origin: Origin;
  featured: boolean;
  takeaways: string[];
  status: Status;
  withdrawnReason?: string;
  withdrawnDate?: Date;
  publisher?: string;
  /** The feed's final URL: the base that relative URLs in `contentHtml` resolve against. */
  baseUrl: string;
  /**
   * A plain object with every field. Publications read from a feed keep most
   * fields as accessors (to keep large feeds small in memory), which a spread
   * (`{ ...pub }`) does not copy, and `structuredClone` cannot: write
   * `{ ...pub.toJSON(), title }`, or clone `pub.toJSON()`, instead.
   * Present on every publication the elements give out.
   */
  toJSON?(): Publication;
}

export type Severity = 'error' | 'warning';

/** A problem found in a feed. `error` means the item was skipped; `warning` means it was shown without the bad part. */
export interface FeedIssue {
  severity: Severity;
  /** Position of the item in `items`, counting from 0; absent for feed-level problems. */
  index?: number;
  /** The item's id, when it has one. */
  id?: string;
  /** Path of the field, such as `authors[0].name` or `_library.type`. */
  field?: string;
  /** What is wrong, in plain words. */
  message: string;
}

export interface Feed {
  /** Final URL of the feed after redirects. */
  url: string;
  title?: string;
  homePageUrl?: string;
  description?: string;
  language?: string;
  /** Types in display order: those the feed declares first, then others as they appear. */
  types: PublicationType[];
  items: Publication[];
  issues: FeedIssue[];
  nextUrl?: string;
  /**
   * Set by `loadFeedPages` when a page after the first could not be loaded:
   * the feed holds the pages before it, and this says what went wrong.
   * `page` counts from 1; `url` is the address of the page that failed.
   */
  incomplete?: { error: FeedError; page: number; url: string };
}
