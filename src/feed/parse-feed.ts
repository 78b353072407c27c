/**
 * From the text of a response to a `Feed`: parse, validate against the
 * schema, and normalise. This is the only place where outside data becomes
 * the typed values the elements render.
 *
 * zod is not loaded: the build writes the schema down as rules
 * (`generated/feed-parsers.js`). Items are checked by those rules made into
 * closures (`check.ts`), and only an item that fails is walked again, by
 * `explain.ts`, to say why; the envelope and the feed's `_library` are
 * checked by `explain.ts` alone.
 *
 * `FeedReader` reads the items a slice at a time, so that a large feed can be
 * shown from its first entries while the rest is read (`load-feed.ts`);
 * `readFeed` reads them all at once.
 */
import { parseFeedDate } from './dates.js';
import { FeedError } from './errors.js';
import { compile, type Check } from './check.js';
import { explain, type Problem } from './explain.js';
import { FeedText } from './feed-text.js';
import { ENVELOPE, FEED_EXTENSION, ITEM } from './generated/feed-parsers.js';
import type { Feed, FeedIssue, Person, Publication, PublicationType } from './publication.js';
import type { RawAuthor, RawEnvelope, RawFeedExtension, RawItem } from './schema.js';
import { DEFAULT_TYPE_ID, describeType, pluralOf } from './types.js';
import { decodeEntities, htmlToText, squash, truncate } from './text.js';
import { NONE, Shelf, StoredPublication, type ShelvedAttachment } from './stored-publication.js';
import { resolveSafeUrl, safeUrlResolver } from './url-policy.js';

/**
 * The text helpers, for the search index and the sanitiser: taken from here,
 * the module every element has loaded before it shows a feed, they travel in
 * its chunk. Imported from `text.ts` by those too, they would make a chunk of
 * their own, fetched only once this one has been read: one more round trip
 * before the first card.
 */
export { decodeEntities, htmlToText, stripTags } from './text.js';

/** Whether zod would accept an entry; built on first use. */
let isItem: Check | undefined;

const SUMMARY_MAX = 320;
const TITLE_MAX = 120;

/**
 * Reads a feed document.
 * @param text the response body
 * @param url the feed's final URL, the base for relative URLs
 * @param contentType the response's Content-Type, which says whether a page that is not JSON was a web page
 * @throws FeedError when the document as a whole cannot be used
 */
export function parseFeed(text: string, url: string, contentType = ''): Feed {
  return readFeed(parseJson(text, url, contentType), url);
}

/** `JSON.parse`, failing with the `not-json` FeedError that says whether a web page came instead. */
export function parseJson(text: string, url: string, contentType = ''): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const looksHtml = /html/i.test(contentType) || /^\s*</.test(text);
    throw new FeedError(
      'not-json',
      url,
      looksHtml
        ? 'The address returned a web page, not a JSON feed.'
        : `The feed is not valid JSON: ${(error as Error).message}`,
      { contentType, webPage: looksHtml, cause: error },
    );
  }
}

/** Validates and normalises an already-parsed JSON value. */
export function readFeed(json: unknown, url: string): Feed {
  const reader = new FeedReader(json, url);
  reader.read(reader.unread);
  return reader.finish();
}

/**
 * A feed read a slice of items at a time: the envelope when constructed
 * (throwing the `not-feed` FeedError), then `read(n)` until `done`, then
 * `finish()`. Issues, ids and types are exactly those of `readFeed`, which is
 * this read in one go. Entries can also be handed over in batches
 * (`append`), as `FeedTextReader` does.
 */
export class FeedReader {
  private readonly raw: RawEnvelope;
  private readonly types: Map<string, PublicationType>;
  private readonly feedAuthors: RawAuthor[];
  private readonly items: Publication[] = [];
  private readonly issues: FeedIssue[] = [];
  private readonly seen = new Set<string>();
  private readonly base: URL;
  private readonly resolve: (value: string | undefined) => string | undefined;
  private readonly pool = new Pool();
  private readonly shelf: Shelf;
  /** Entries received, of which the first `taken` have been read. */
  private pending: unknown[];
  private taken = 0;
  /** The position in the feed's `items` of the next entry. */
  private next = 0;

  constructor(
    json: unknown,
    private readonly url: string,
  ) {
    const problems = explain(ENVELOPE, json);
    if (problems.length) {
      throw new FeedError(
        'not-feed',
        url,
        `This is JSON, but not a JSON Feed: ${problems.map((p) => `${p.field ?? 'the document'} ${p.message}`).join('; ')}.`,
        { issues: problems.map((p) => ({ severity: 'error', ...p })) },
      );
    }
    this.raw = json as RawEnvelope;
    this.pending = this.raw.items;
    this.types = readDeclaredTypes(this.raw, this.issues);
    this.feedAuthors = this.raw.authors ?? (this.raw.author ? [this.raw.author] : []);
    this.base = new URL(url);
    this.resolve = safeUrlResolver(this.base);
    this.shelf = new Shelf(this.base.href, this.resolve);
  }

  /** Entries received and not read yet. */
  get unread(): number {
    return this.pending.length - this.taken;
  }

  /** Whether every entry received has been read. */
  get done(): boolean {
    return this.unread === 0;
  }

  /** Hands over the feed's next entries (for a feed whose envelope came without them). */
  append(entries: unknown[]): void {
    this.pending = this.unread ? this.pending.slice(this.taken).concat(entries) : entries;
    this.taken = 0;
  }

  /** Reads the next `count` entries, or as many as there are. */
  read(count: number): void {
    const end = Math.min(this.unread, count);
    const fits = (isItem ??= compile(ITEM));
    for (let k = 0; k < end; k++) {
      const value = this.pending[this.taken++];
      const index = this.next++;
      const item = readItem(fits(value), value, index, this.shelf, this.resolve, this.types, this.feedAuthors, this.issues, this.pool);
      if (!item) continue;
      if (this.seen.has(item.id)) {
        this.issues.push({ severity: 'warning', index, id: item.id, field: 'id', message: 'repeats the id of an earlier item; ids must be unique' });
        item.id = `${item.id}#${index}`;
      }
      this.seen.add(item.id);
      this.items.push(item);
    }
  }

  /** The feed as read so far: the publications up to now, their types, no issues. */
  snapshot(): Feed {
    return { ...this.head(), types: orderTypes(this.types, this.items), items: [...this.items], issues: [] };
  }

  /**
   * The feed, once every entry is read.
   * @throws FeedError `no-valid-items` when there were entries and none could be read
   */
  finish(): Feed {
    const { raw, items, issues, url, next: entries } = this;
    this.shelf.trim();
    if (items.length === 0 && entries > 0) {
      throw new FeedError('no-valid-items', url, `None of the feed's ${entries} items could be read.`, { issues });
    }
    // A next_url that breaks the URL policy is left out, and said so: paging stops at this page.
    if (raw.next_url?.trim() && !resolveSafeUrl(raw.next_url, url)) {
      issues.push({
        severity: 'warning',
        field: 'next_url',
        message: 'was dropped: only http(s) and relative links are followed, so no page after this one is loaded',
      });
    }
    return { ...this.head(), types: orderTypes(this.types, items), items, issues };
  }

  private head() {
    const { raw, url } = this;
    return {
      url,
      ...(raw.title !== undefined && { title: decodeEntities(squash(raw.title)) }),
      ...optionalUrl('homePageUrl', raw.home_page_url, url),
      ...optionalUrl('nextUrl', raw.next_url, url),
      ...(raw.description && { description: raw.description }),
      ...(raw.language && { language: raw.language }),
    };
  }
}

/**
 * The feed's first `count` publications, read from the start of its text
 * while the rest downloads, or undefined when that start does not yet hold
 * them (or cannot be read that way: the whole text, once here, decides).
 * They are the publications the whole feed will give, unless the document
 * turns out not to be valid JSON or has members after `items`.
 */
export function previewFeed(start: string, url: string, count: number): Feed | undefined {
  try {
    const text = FeedText.open(start);
    if (!text) return undefined;
    const entries = text.complete(count);
    if (entries.length < count) return undefined;
    const reader = new FeedReader(text.head, url);
    reader.append(entries);
    reader.read(count);
    const feed = reader.snapshot();
    return feed.items.length ? feed : undefined;
  } catch {
    // Not a feed, or not yet one: left to the reading of the whole text.
    return undefined;
  }
}

/** Entries parsed at a time from a large feed's text. */
const BATCH = 100;

/**
 * A feed read from its text a slice at a time: the envelope at once, then
 * its entries as `read(n)` asks for them, parsed from the text in batches
 * (`feed-text.ts`), so that no single step parses the whole document. Where
 * the text cannot be cut that way, the whole text is parsed instead, with the
 * same result: the same feed, or the same FeedError. For large feeds
 * (`load-feed.ts`); `parseFeed` gives the same feed in one step.
 */
export class FeedTextReader {
  private reader: FeedReader;
  private text?: FeedText;

  /** @throws FeedError `not-json` or `not-feed`, as `parseFeed` would */
  constructor(
    private readonly source: string,
    private readonly url: string,
    private readonly contentType = '',
  ) {
    try {
      const text = FeedText.open(source);
      if (text) {
        this.reader = new FeedReader(text.head, url);
        this.text = text;
        return;
      }
    } catch {
      // Whatever is wrong, the whole text says it as parseFeed would: below.
    }
    this.reader = this.whole();
  }

  /** Whether every entry has been read. */
  get done(): boolean {
    return this.reader.done && (!this.text || this.text.done);
  }

  /** Reads the next `count` entries, or as many as are left. */
  read(count: number): void {
    let left = count;
    while (left > 0) {
      if (this.reader.done) {
        if (!this.text || this.text.done) return;
        try {
          this.reader.append(this.text.next(BATCH));
        } catch {
          // The text goes on in a way the cutter does not follow: read it again from a parse of the whole.
          this.reader = this.whole();
        }
        continue;
      }
      const now = Math.min(left, this.reader.unread);
      this.reader.read(now);
      left -= now;
    }
  }

  snapshot(): Feed {
    return this.reader.snapshot();
  }

  finish(): Feed {
    return this.reader.finish();
  }

  private whole(): FeedReader {
    this.text = undefined;
    return new FeedReader(parseJson(this.source, this.url, this.contentType), this.url);
  }
}

/** The problems explain.ts found, or one saying the value is wrong (should it ever find none where zod's check failed). */
function atLeastOne(problems: Problem[]): Problem[] {
  return problems.length ? problems : [{ message: 'has a value of the wrong form' }];
}

function optionalUrl<K extends string>(key: K, value: string | undefined, base: string) {
  const safe = resolveSafeUrl(value, base);
  return (safe ? { [key]: safe } : {}) as Partial<Record<K, string>>;
}

function readDeclaredTypes(raw: RawEnvelope, issues: FeedIssue[]): Map<string, PublicationType> {
  const types = new Map<string, PublicationType>();
  if (raw._library === undefined) return types;
  const problems = explain(FEED_EXTENSION, raw._library, '_library');
  if (problems.length) {
    for (const { field, message } of problems) {
      issues.push({ severity: 'warning', field, message: `${message} (the feed's _library settings were ignored)` });
    }
    return types;
  }
  for (const declared of (raw._library as RawFeedExtension).types ?? []) {
    types.set(declared.id, {
      id: declared.id,
      label: declared.label,
      plural: declared.plural ?? pluralOf(declared.label),
    });
  }
  return types;
}

/** Declared types first, in the feed's order; then the rest in order of first use. */
function orderTypes(declared: Map<string, PublicationType>, items: Publication[]): PublicationType[] {
  const order = new Map(declared);
  for (const item of items) if (!order.has(item.type.id)) order.set(item.type.id, item.type);
  const used = new Set(items.map((item) => item.type.id));
  return [...order.values()].filter((type) => used.has(type.id));
}

/**
 * One copy of each value that recurs from entry to entry: the same authors,
 * tags and lists of them come back thousands of times in a
 * large feed, and JSON.parse makes each occurrence a value of its own.
 * Publications read from one feed therefore share their `Person` objects,
 * and their lists of authors and tags (frozen): they are data to read, not to
 * change.
 */
class Pool {
  private readonly strings = new Map<string, string>();
  private readonly people = new Map<string, Person>();
  private readonly lists = new Map<string, readonly unknown[]>();

  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  person(name: string, url: string | undefined): Person {
    const key = url === undefined ? name : `${name}\n${url}`;
    let person = this.people.get(key);
    if (!person) {
      person = url === undefined ? { name: this.string(name) } : { name: this.string(name), url };
      this.people.set(key, person);
    }
    return person;
  }

  /** One frozen copy of each list of authors or tags (`key` names its contents). */
  list<T>(values: T[], key: (value: T) => string): T[] {
    if (values.length === 0) return NONE;
    // As JSON, so that no character inside a name can make two lists look alike.
    const name = JSON.stringify(values.map(key));
    let list = this.lists.get(name);
    if (!list) {
      list = Object.freeze(values);
      this.lists.set(name, list);
    }
    return list as T[];
  }
}

/** The item's title, summary and body as plain text. */
function textsOf(raw: RawItem) {
  const contentText = raw.content_text && squash(raw.content_text);
  const htmlText = raw.content_html ? htmlToText(raw.content_html) : '';
  const bodyText = contentText || htmlText;
  const summaryText = raw.summary !== undefined ? squash(decodeEntities(raw.summary)) : '';
  const titleText = raw.title !== undefined ? squash(decodeEntities(raw.title)) : '';
  return { title: titleText || truncate(summaryText || bodyText, TITLE_MAX), summaryText, bodyText };
}

/**
 * One entry as a publication, or `undefined` (with its errors in `issues`).
 * @param valid whether the entry passed the schema (the check from `check.ts`)
 */
function readItem(
  valid: boolean,
  value: unknown,
  index: number,
  shelf: Shelf,
  resolve: (value: string | undefined) => string | undefined,
  types: Map<string, PublicationType>,
  feedAuthors: RawAuthor[],
  issues: FeedIssue[],
  pool: Pool,
): Publication | undefined {
  const rawId = idOf(value);
  if (!valid) {
    for (const problem of atLeastOne(explain(ITEM, value))) {
      issues.push({ severity: 'error', index, ...(rawId && { id: rawId }), ...problem });
    }
    return undefined;
  }
  // The schema's check passed, so the value has the schema's shape (with, perhaps, other keys, which are not read).
  const raw = value as RawItem;
  const warn = (field: string, message: string) =>
    issues.push({ severity: 'warning', index, ...(rawId && { id: rawId }), field, message });
  const url = (field: string, input: string | undefined) => {
    const safe = resolve(input);
    if (input !== undefined && input.trim() !== '' && !safe) {
      warn(field, 'was dropped: only http(s) and relative links are followed');
    }
    return safe;
  };
  // Links kept on the shelf are kept as written, once they have passed: the shelf resolves them again when a card reads them.
  const link = (field: string, input: string | undefined) => (url(field, input) ? input : undefined);

  const { title, summaryText, bodyText } = textsOf(raw);
  if (!title) {
    issues.push({ severity: 'error', index, ...(rawId && { id: rawId }), field: 'title', message: 'is missing, and the item has no text to show instead' });
    return undefined;
  }

  const landing = link('url', raw.url);
  const externalUrl = link('external_url', raw.external_url);
  let id = raw.id !== undefined ? String(raw.id) : '';
  if (!id) {
    id = resolve(landing ?? externalUrl) ?? `item-${index + 1}`;
    warn('id', 'is missing; every item needs a unique, stable id');
  }

  const extension = raw._library ?? {};
  const attachments = mapDefined(raw.attachments ?? [], (attachment, i): ShelvedAttachment | undefined => {
    const href = link(`attachments[${i}].url`, attachment.url);
    return href ? [href, attachment.mime_type, attachment.title && decodeEntities(attachment.title), attachment.size_in_bytes] : undefined;
  });

  const rawAuthors = raw.authors ?? (raw.author ? [raw.author] : feedAuthors);
  const authors = mapDefined(rawAuthors, (author, i) => {
    const name = author.name && squash(decodeEntities(author.name));
    return name ? pool.person(name, url(`authors[${i}].url`, author.url)) : undefined;
  });
  const tags = raw.tags ? [...new Set(raw.tags.map((tag) => pool.string(squash(decodeEntities(tag)))).filter(Boolean))] : [];

  const date = (field: string, input: string | undefined) => {
    const parsedDate = parseFeedDate(input);
    if (input && !parsedDate) warn(field, `"${input}" is not a date in RFC 3339 form, such as 2023-05-15 or 2023-05-15T09:00:00Z`);
    return parsedDate;
  };
  const datePublished = date('date_published', raw.date_published);
  const dateModified = date('date_modified', raw.date_modified);
  const withdrawnDate = date('_library.withdrawn_date', extension.withdrawn_date);
  const status = extension.status ?? 'published';
  const withdrawnReason = extension.withdrawn_reason && squash(decodeEntities(extension.withdrawn_reason));
  if (status === 'withdrawn' && !withdrawnReason) {
    warn('_library.withdrawn_reason', 'is missing; say why the work was withdrawn');
  }

  const typeId = extension.type ?? DEFAULT_TYPE_ID;
  let type = types.get(typeId);
  if (!type) {
    type = describeType(typeId);
    types.set(typeId, type);
  }
  const summary = summaryText || (bodyText && bodyText !== title ? truncate(bodyText, SUMMARY_MAX) : '');
  const image = link('image', raw.image);
  const pdf = attachments.findIndex(([href, mimeType]) => isPdf(mimeType, href.trim()));

  const takeaways = mapDefined(extension.takeaways ?? [], (line) => squash(decodeEntities(line)) || undefined);
  const n = shelf.put({
    summary: summary || undefined,
    url: landing,
    attachments,
    pdf: pdf < 0 ? undefined : pdf,
    externalUrl,
    image,
    language: raw.language || undefined,
    publisher: extension.publisher ? squash(decodeEntities(extension.publisher)) || undefined : undefined,
    takeaways,
    contentHtml: raw.content_html?.trim() ? raw.content_html : undefined,
    dateModified,
    withdrawnReason: withdrawnReason || undefined,
    withdrawnDate,
    datePublished,
    origin: extension.origin ?? 'institute',
    featured: extension.featured ?? false,
    status,
  });
  return new StoredPublication(
    {
      id,
      title,
      authors: pool.list(authors, (person) => `${person.name}\n${person.url ?? ''}`),
      tags: pool.list(tags, String),
      type,
    },
    shelf,
    n,
  );
}

/**
 * `values` read one by one, leaving out those `read` returns undefined for,
 * in an array of exactly the length needed: an array grown by `push` (or
 * `filter`) keeps room for 17 entries, which over the lists of 100,000
 * publications is megabytes of empty slots.
 */
function mapDefined<T, U>(values: readonly T[], read: (value: T, index: number) => U | undefined): U[] {
  const all = values.map(read);
  return all.includes(undefined) ? all.filter((value): value is U => value !== undefined).slice() : (all as U[]);
}

/** Whether an attachment is a PDF, by its type or, failing that, its name. */
function isPdf(mimeType: string, url: string): boolean {
  return mimeType.toLowerCase() === 'application/pdf' || /\.pdf(?:[?#]|$)/i.test(url);
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
