/**
 * Publications as the feed reader keeps them, sized for libraries of 100,000
 * items. What the listing reads for every publication on every keystroke (id,
 * title, authors, tags, type) stays an ordinary property. The rest is kept on
 * the feed's `Shelf`: the date, its year, the origin and flags in typed
 * arrays; the summary as a JSON string in UTF-8; and the rest a card shows
 * (links, files, content HTML …) as one JSON row per publication in a buffer
 * of UTF-8 bytes, each read back when asked for.
 *
 * At 10,000 items this halves the listing's JavaScript heap: each value kept
 * as a string or an object costs a header and a pointer besides its
 * characters, and a link resolved against the feed's address is a second
 * string beside the first (decision 9). The bytes take less room than the
 * strings did, outside the heap.
 *
 * To the code that reads them these are `Publication`s like any other. Two
 * things differ from a plain object: the shelved fields are accessors on the
 * prototype, so spreading a publication (`{ ...pub }`) copies only the kept
 * fields (`toJSON()` gives a plain copy of every field); and
 * they are read afresh after a while, so a date or attachment read twice is
 * equal but not always the same object.
 */
import type { Attachment, Person, Publication, PublicationType } from './publication.js';
import type { Origin, Status } from './schema.js';

/** An attachment as shelved: `[url as written, mimeType, title, sizeInBytes]`. */
export type ShelvedAttachment = [string, string, string | undefined, number | undefined];

/** Everything a publication keeps on the shelf. Every link has passed the URL policy and is kept as the feed wrote it. */
export interface ShelvedFields {
  summary?: string;
  url?: string;
  attachments: ShelvedAttachment[];
  /** Position of the first PDF among `attachments`. */
  pdf?: number;
  externalUrl?: string;
  image?: string;
  language?: string;
  publisher?: string;
  takeaways: string[];
  contentHtml?: string;
  dateModified?: Date;
  withdrawnReason?: string;
  withdrawnDate?: Date;
  datePublished?: Date;
  origin: Origin;
  featured: boolean;
  status: Status;
}

/** The JSON row, in this order; trailing empty places are left out. */
type Row = [
  url?: string | null,
  attachments?: ShelvedAttachment[] | null,
  pdf?: number | null,
  externalUrl?: string | null,
  image?: string | null,
  language?: string | null,
  publisher?: string | null,
  takeaways?: string[] | null,
  contentHtml?: string | null,
  dateModified?: number | null,
  withdrawnReason?: string | null,
  withdrawnDate?: number | null,
];

const FEATURED = 1;
const EXTERNAL = 2;
const WITHDRAWN = 4;
/** Whether the row holds these: the search reads them for every publication, and need not read a row without them. */
const PUBLISHER = 8;
const TAKEAWAYS = 16;
const CONTENT = 32;

/** Rows read back and kept, per shelf: more than a screen of cards in any listing. A power of two. */
const RECENT = 256;

/** The one empty list that publications without authors, tags or takeaways share. */
export const NONE: never[] = Object.freeze([]) as never[];

let encoder: TextEncoder | undefined;
let decoder: TextDecoder | undefined;

/** Doubles a typed array's room when `needed` does not fit. */
function roomFor<T extends Uint8Array | Int16Array | Int32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * One feed's shelved fields. Publication `n` has its row in
 * `bytes[starts[n]]` … `bytes[starts[n + 1] - 1]`.
 */
export class Shelf {
  private bytes = new Uint8Array(4096);
  private starts = new Int32Array(65);
  private flags = new Uint8Array(64);
  private times = new Float64Array(64);
  /** Summaries as JSON strings in UTF-8, publication `n`'s from `summaryStarts[n]` to `summaryStarts[n + 1]`. */
  private summaries = new Uint8Array(4096);
  private summaryStarts = new Int32Array(65);
  /** The UTC year of each publication's date, or 0. */
  private years = new Int16Array(64);
  private count = 0;
  /** Rows read back: publication `n`'s, if any, at `n % RECENT` (a cache with one place per row, which needs no bookkeeping). */
  private readonly recent: (ShelvedRow | undefined)[] = [];

  /**
   * @param baseUrl the feed's final URL
   * @param resolve resolves a link kept as written against the feed's URL (`safeUrlResolver`)
   */
  constructor(
    readonly baseUrl: string,
    readonly resolve: (value: string | undefined) => string | undefined,
  ) {}

  /** Stores one publication's fields; returns its number on the shelf. */
  put(fields: ShelvedFields): number {
    const f = fields;
    const row: Row = [f.url, f.attachments.length ? f.attachments : undefined, f.pdf, f.externalUrl, f.image, f.language, f.publisher,
      f.takeaways.length ? f.takeaways : undefined, f.contentHtml, f.dateModified?.getTime(), f.withdrawnReason, f.withdrawnDate?.getTime()];
    while (row.length && row[row.length - 1] === undefined) row.pop();
    const text = JSON.stringify(row);
    const n = this.count++;
    const at = this.starts[n]!;
    // UTF-8 takes at most three bytes per UTF-16 unit.
    this.bytes = roomFor(this.bytes, at + text.length * 3);
    const { written } = (encoder ??= new TextEncoder()).encodeInto(text, this.bytes.subarray(at));
    this.starts = roomFor(this.starts, n + 2);
    this.starts[n + 1] = at + written;
    this.flags = roomFor(this.flags, n + 1);
    this.flags[n] =
      (f.featured ? FEATURED : 0) | (f.origin === 'external' ? EXTERNAL : 0) | (f.status === 'withdrawn' ? WITHDRAWN : 0) |
      (f.publisher ? PUBLISHER : 0) | (f.takeaways.length ? TAKEAWAYS : 0) | (f.contentHtml ? CONTENT : 0);
    // The summary apart from the row: the search's scan reads it for every publication. As a JSON string,
    // which escapes what UTF-8 cannot hold (a lone surrogate).
    const summary = f.summary === undefined ? '' : JSON.stringify(f.summary);
    const from = this.summaryStarts[n]!;
    this.summaries = roomFor(this.summaries, from + summary.length * 3);
    const stored = summary ? (encoder ??= new TextEncoder()).encodeInto(summary, this.summaries.subarray(from)).written : 0;
    this.summaryStarts = roomFor(this.summaryStarts, n + 2);
    this.summaryStarts[n + 1] = from + stored;
    this.times = roomFor(this.times, n + 1);
    this.times[n] = f.datePublished?.getTime() ?? NaN;
    this.years = roomFor(this.years, n + 1);
    this.years[n] = f.datePublished?.getUTCFullYear() ?? 0;
    // The first rows are the first cards drawn: kept as they are, they need no reading back.
    if (n < RECENT) this.recent[n] = new ShelvedRow(n, row, this.resolve);
    return n;
  }

  /** Gives back the room kept for publications to come: for a feed that is fully read. */
  trim(): void {
    const n = this.count;
    this.bytes = this.bytes.slice(0, this.starts[n]);
    this.starts = this.starts.slice(0, n + 1);
    this.flags = this.flags.slice(0, n);
    this.times = this.times.slice(0, n);
    this.years = this.years.slice(0, n);
    this.summaries = this.summaries.slice(0, this.summaryStarts[n]);
    this.summaryStarts = this.summaryStarts.slice(0, n + 1);
  }

  flag(n: number, flag: number): boolean {
    return (this.flags[n]! & flag) !== 0;
  }

  time(n: number): number {
    return this.times[n]!;
  }

  year(n: number): number | undefined {
    return this.years[n] || undefined;
  }

  summary(n: number): string | undefined {
    const from = this.summaryStarts[n]!;
    const to = this.summaryStarts[n + 1]!;
    return from === to ? undefined : (JSON.parse((decoder ??= new TextDecoder()).decode(this.summaries.subarray(from, to))) as string);
  }

  /** Publication `n`'s row. */
  row(n: number): ShelvedRow {
    const place = n & (RECENT - 1);
    const known = this.recent[place];
    if (known?.n === n) return known;
    const text = (decoder ??= new TextDecoder()).decode(this.bytes.subarray(this.starts[n], this.starts[n + 1]));
    return (this.recent[place] = new ShelvedRow(n, JSON.parse(text) as Row, this.resolve));
  }
}

/** One row read back: links resolved, and attachments made, when first asked for. */
class ShelvedRow {
  private files?: Attachment[];

  constructor(
    readonly n: number,
    readonly row: Row,
    private readonly resolve: (value: string | undefined) => string | undefined,
  ) {}

  text(i: 5 | 6 | 8 | 10): string | undefined {
    return (this.row[i] as string | null | undefined) ?? undefined;
  }

  link(i: 0 | 3 | 4): string | undefined {
    return this.resolve((this.row[i] as string | null | undefined) ?? undefined);
  }

  date(i: 9 | 11): Date | undefined {
    const time = this.row[i] as number | null | undefined;
    return time == null ? undefined : new Date(time);
  }

  get attachments(): Attachment[] {
    return (this.files ??= (this.row[1] ?? []).map(([url, mimeType, title, sizeInBytes]) => ({
      url: this.resolve(url)!,
      mimeType,
      title: title ?? undefined,
      sizeInBytes: sizeInBytes ?? undefined,
    })));
  }

  get pdf(): Attachment | undefined {
    const i = this.row[2];
    return i == null ? undefined : this.attachments[i];
  }

  get takeaways(): string[] {
    return this.row[7] ?? NONE;
  }
}

/** The fields kept as properties. */
export interface KeptFields {
  id: string;
  title: string;
  authors: Person[];
  tags: string[];
  type: PublicationType;
}

/** A publication read from a feed. See the module's comment. */
export class StoredPublication implements Publication {
  id: string;
  title: string;
  authors: Person[];
  tags: string[];
  type: PublicationType;
  /** The shelf and the publication's number on it. */
  readonly shelf: Shelf;
  readonly n: number;

  constructor(kept: KeptFields, shelf: Shelf, n: number) {
    // Every field assigned, in one order, so that all publications share one shape.
    this.id = kept.id;
    this.title = kept.title;
    this.authors = kept.authors;
    this.tags = kept.tags;
    this.type = kept.type;
    this.shelf = shelf;
    this.n = n;
  }

  private get row(): ShelvedRow {
    return this.shelf.row(this.n);
  }

  get datePublished() {
    const time = this.shelf.time(this.n);
    return Number.isNaN(time) ? undefined : new Date(time);
  }
  /** The UTC year of `datePublished`, without making a Date: for the filters, which ask for every publication at once. */
  get publishedYear() {
    return this.shelf.year(this.n);
  }
  get origin(): Origin {
    return this.shelf.flag(this.n, EXTERNAL) ? 'external' : 'institute';
  }
  get featured() {
    return this.shelf.flag(this.n, FEATURED);
  }
  get status(): Status {
    return this.shelf.flag(this.n, WITHDRAWN) ? 'withdrawn' : 'published';
  }
  get summary() {
    return this.shelf.summary(this.n);
  }
  get url() {
    return this.row.link(0);
  }
  get attachments() {
    return this.row.attachments;
  }
  get pdf() {
    return this.row.pdf;
  }
  get externalUrl() {
    return this.row.link(3);
  }
  get image() {
    return this.row.link(4);
  }
  get language() {
    return this.row.text(5);
  }
  get publisher() {
    return this.shelf.flag(this.n, PUBLISHER) ? this.row.text(6) : undefined;
  }
  get takeaways() {
    return this.shelf.flag(this.n, TAKEAWAYS) ? this.row.takeaways : NONE;
  }
  get contentHtml() {
    return this.shelf.flag(this.n, CONTENT) ? this.row.text(8) : undefined;
  }
  get dateModified() {
    return this.row.date(9);
  }
  get withdrawnReason() {
    return this.row.text(10);
  }
  get withdrawnDate() {
    return this.row.date(11);
  }
  get baseUrl() {
    return this.shelf.baseUrl;
  }

  /** A plain object with every field, for `JSON.stringify` and for copying. */
  toJSON(): Publication {
    const { id, title, authors, tags, type, datePublished, origin, featured, status, summary, url, attachments, pdf, externalUrl, image } = this;
    const { language, publisher, takeaways, contentHtml, dateModified, withdrawnReason, withdrawnDate, baseUrl } = this;
    return { id, title, authors, tags, type, datePublished, origin, featured, status, summary, url, attachments, pdf, externalUrl, image,
      language, publisher, takeaways, contentHtml, dateModified, withdrawnReason, withdrawnDate, baseUrl };
  }
}
