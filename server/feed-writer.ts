/**
 * Changes to the library's feed file that moderation makes: a new item for an
 * approved contribution, a withdrawn item for an approved removal.
 *
 * Every change is checked with the elements' own reader (`parseFeed`, the
 * same rules `virtual-library validate` applies) before the file is
 * replaced; a change that would make the feed worse is refused and the old
 * file stays. The new file is written next to the old one, fsynced and
 * renamed over it, so a reader sees the old feed or the new one, never half.
 *
 * Everything here is synchronous on purpose: it runs inside the database's
 * write lock (see `SubmissionStore.exclusively`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FeedError } from '../src/feed/errors.js';
import { parseFeed } from '../src/feed/parse-feed.js';
import type { Feed } from '../src/feed/publication.js';
import { isWebAddress, type Contribution, type Relation, type Removal } from '../src/submission/schema.js';
import type { StoredFile } from './store.js';

/** Why a feed change was refused; `code` goes into the `{ errors }` answer. */
export class FeedChangeError extends Error {
  constructor(
    readonly code: 'feed_unreadable' | 'feed_invalid' | 'publication_not_found' | 'publication_ambiguous',
    message: string,
  ) {
    super(message);
    this.name = 'FeedChangeError';
  }
}

/** A JSON Feed item as written to the file. */
export interface FeedItem {
  id: string;
  title?: string;
  url?: string;
  external_url?: string;
  summary?: string;
  date_published?: string;
  authors?: { name: string }[];
  attachments?: { url: string; mime_type: string; title?: string; size_in_bytes?: number }[];
  _library?: Record<string, unknown>;
  [field: string]: unknown;
}

interface FeedDocument {
  feed_url?: unknown;
  items: FeedItem[];
  [field: string]: unknown;
}

/** The feed item id an approved contribution gets. */
export function itemIdFor(submissionId: string): string {
  return `submission-${submissionId}`;
}

/** A submitted date (`2024`, `2024-05`, `2024-05-15`) as the calendar day the feed format reads: the first day of a year or month. */
export function feedDate(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

/**
 * The feed item for an approved contribution: an outside work (`origin:
 * external`), its link as `external_url` (the card's title link and its
 * "View at …" button), and its PDF, if one was uploaded, served by the
 * receiver at `<publicUrl>/files/<sha256>.pdf`.
 */
export function itemForContribution(submissionId: string, data: Contribution, file: StoredFile | null, publicUrl: string): FeedItem {
  return {
    id: itemIdFor(submissionId),
    title: data.title,
    ...(data.url && { external_url: data.url }),
    summary: data.summary,
    ...(data.date && { date_published: feedDate(data.date) }),
    authors: data.authors.map((name) => ({ name })),
    ...(file && {
      attachments: [
        {
          url: `${publicUrl.replace(/\/+$/, '')}/files/${file.sha256}.pdf`,
          mime_type: 'application/pdf',
          title: data.title,
          size_in_bytes: file.size,
        },
      ],
    }),
    _library: {
      type: data.type,
      origin: 'external',
      ...(data.publisher && { publisher: data.publisher }),
    },
  };
}

const REASON_BY_RELATION: Record<Relation, string> = {
  author: "Withdrawn at the author's request.",
  'rights-holder': "Withdrawn at the rights holder's request.",
  publisher: "Withdrawn at the publisher's request.",
  employer: "Withdrawn at the request of the author's employer.",
  other: 'Withdrawn after a removal request.',
};

/** The public reason shown on the tombstone when the moderator gives none. The requester's own words stay private. */
export function defaultWithdrawalReason(relation: Relation): string {
  return REASON_BY_RELATION[relation];
}

/** The result of a change: which item, and whether the file changed. */
export interface FeedChange {
  itemId: string;
  item: FeedItem;
  /** False when the feed already had the change (an approval repeated after a crash). */
  changed: boolean;
}

/** Appends the item (unless an item with its id is already there) and writes the feed. */
export function addItem(feedFile: string, item: FeedItem): FeedChange {
  return changeFeed(feedFile, item.id, (doc) => {
    const existing = doc.items.find((candidate) => String(candidate.id) === item.id);
    if (existing) return { item: existing, changed: false };
    doc.items.push(item);
    return { item, changed: true };
  });
}

/** How a removal names the publication, and the moderator's say. */
export interface Withdrawal {
  removal: Removal;
  /** A feed item id chosen by the moderator, overriding what the request names. */
  itemId?: string;
  /** The reason shown on the tombstone. */
  reason: string;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** Marks the publication a removal names as withdrawn and writes the feed. */
export function withdrawItem(feedFile: string, withdrawal: Withdrawal): FeedChange {
  let target = '';
  return changeFeed(
    feedFile,
    () => target,
    (doc, base) => {
      const item = findPublication(doc.items, withdrawal, base);
      target = String(item.id);
      const extension = item._library ?? {};
      if (extension.status === 'withdrawn') return { item, changed: false };
      item._library = { ...extension, status: 'withdrawn', withdrawn_reason: withdrawal.reason, withdrawn_date: withdrawal.date };
      return { item, changed: true };
    },
  );
}

/** The one item a removal names: by the moderator's choice, else by id, else by link, else by title. */
function findPublication(items: FeedItem[], withdrawal: Withdrawal, base: string): FeedItem {
  const { removal, itemId } = withdrawal;
  const byId = (id: string) => items.filter((item) => item.id !== undefined && String(item.id) === id);
  if (itemId) {
    const [item] = byId(itemId);
    if (!item) throw new FeedChangeError('publication_not_found', `The feed has no item with the id "${itemId}".`);
    return item;
  }
  const candidates: FeedItem[][] = [];
  if (removal.publicationId) candidates.push(byId(removal.publicationId));
  const named = removal.publication;
  if (named) {
    if (isWebAddress(named)) {
      const wanted = absolute(named, base);
      candidates.push(items.filter((item) => [item.url, item.external_url].some((link) => typeof link === 'string' && absolute(link, base) === wanted)));
    }
    const title = squash(named);
    candidates.push(items.filter((item) => typeof item.title === 'string' && squash(item.title) === title));
  }
  for (const found of candidates) {
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new FeedChangeError(
        'publication_ambiguous',
        `The request matches ${found.length} items (${found.map((item) => `"${item.id}"`).join(', ')}). Choose one with its item id.`,
      );
    }
  }
  const asked = [removal.publicationId && `id "${removal.publicationId}"`, named && `"${named}"`].filter(Boolean).join(' or ');
  throw new FeedChangeError('publication_not_found', `No item in the feed matches ${asked}. Find the item and approve with its id, or reject the request.`);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

function absolute(link: string, base: string): string {
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

/**
 * Reads the feed, applies `edit` to its JSON, checks the result with the
 * elements' reader and writes it atomically. Refuses (leaving the file as it
 * was) when the feed cannot be read, or when the edit would add an error,
 * or when the changed item would not be shown.
 */
function changeFeed(
  feedFile: string,
  itemId: string | (() => string),
  edit: (doc: FeedDocument, base: string) => { item: FeedItem; changed: boolean },
): FeedChange {
  let text: string;
  try {
    text = readFileSync(feedFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedChangeError('feed_unreadable', code === 'ENOENT' ? `There is no feed file at ${feedFile}.` : `The feed file ${feedFile} cannot be read (${code}).`);
  }
  let doc: FeedDocument;
  try {
    doc = JSON.parse(text) as FeedDocument;
  } catch (error) {
    throw new FeedChangeError('feed_unreadable', `The feed file ${feedFile} is not valid JSON (${(error as Error).message}); fix it first.`);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.items)) {
    throw new FeedChangeError('feed_unreadable', `The feed file ${feedFile} has no "items" list; fix it first.`);
  }
  const base = typeof doc.feed_url === 'string' && isWebAddress(doc.feed_url) ? doc.feed_url : 'https://feed.invalid/feed.json';
  const before = read(text, base, feedFile, 'feed_unreadable', 'The feed file cannot be read as it is');

  const { item, changed } = edit(doc, base);
  const id = typeof itemId === 'function' ? itemId() : itemId;
  if (!changed) return { itemId: id, item, changed };

  const next = `${JSON.stringify(doc, null, 2)}\n`;
  const after = read(next, base, feedFile, 'feed_invalid', 'The change would break the feed');
  const errors = (feed: Feed) => feed.issues.filter((issue) => issue.severity === 'error');
  const itemErrors = errors(after).filter((issue) => issue.id === id);
  if (errors(after).length > errors(before).length || itemErrors.length > 0 || !after.items.some((shown) => shown.id === id)) {
    const why = itemErrors.map((issue) => `${issue.field ?? 'the item'} ${issue.message}`).join('; ');
    throw new FeedChangeError('feed_invalid', `The feed was left unchanged: with this change item "${id}" could not be shown${why ? ` (${why})` : ''}.`);
  }
  writeFileAtomically(feedFile, next);
  return { itemId: id, item, changed };
}

function read(text: string, base: string, feedFile: string, code: FeedChangeError['code'], what: string): Feed {
  try {
    return parseFeed(text, base, 'application/feed+json');
  } catch (error) {
    if (error instanceof FeedError) throw new FeedChangeError(code, `${what} (${feedFile}): ${error.message}`);
    throw error;
  }
}

/**
 * Replaces a file so that readers and crashes see either the old content or
 * the new, never a mix: a temporary file in the same folder, fsynced, renamed
 * over the old one, and the folder fsynced so the rename itself is kept.
 */
export function writeFileAtomically(file: string, text: string): void {
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const dir = openSync(folder, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
