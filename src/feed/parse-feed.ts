/**
 * From the text of a response to a `Feed`: parse, validate with the schema,
 * and normalise. This is the only place where outside data becomes the typed
 * values the elements render.
 */
import type * as z from 'zod/mini';
import { parseFeedDate } from './dates.js';
import { FeedError } from './errors.js';
import type { Attachment, Feed, FeedIssue, Person, Publication, PublicationType } from './publication.js';
import {
  envelopeSchema,
  feedExtensionSchema,
  itemSchema,
  type RawAuthor,
  type RawEnvelope,
  type RawItem,
} from './schema.js';
import { DEFAULT_TYPE_ID, describeType, pluralOf } from './types.js';
import { decodeEntities, htmlToText, squash, truncate } from './text.js';
import { resolveSafeUrl } from './url-policy.js';

/** zod's eval-based fast path would break a page whose CSP forbids `unsafe-eval`. */
const PARSE_OPTIONS = { jitless: true, reportInput: true } as const;

/** What checks one item: the schema itself, or the same schema with its compiled parser (`fast-item-schema.ts`). */
export type ItemSchema = typeof itemSchema;

const SUMMARY_MAX = 320;
const TITLE_MAX = 120;

/**
 * Reads a feed document.
 * @param text the response body
 * @param url the feed's final URL, the base for relative URLs
 * @param items the item schema to check with (the compiled one for large feeds)
 * @throws FeedError when the document as a whole cannot be used
 */
export function parseFeed(text: string, url: string, contentType = '', items: ItemSchema = itemSchema): Feed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const looksHtml = /html/i.test(contentType) || /^\s*</.test(text);
    throw new FeedError(
      'not-json',
      url,
      looksHtml
        ? 'The address returned a web page, not a JSON feed.'
        : `The feed is not valid JSON: ${(error as Error).message}`,
      { contentType, cause: error },
    );
  }
  return readFeed(json, url, items);
}

/** Validates and normalises an already-parsed JSON value. */
export function readFeed(json: unknown, url: string, itemSchemaToUse: ItemSchema = itemSchema): Feed {
  const envelope = envelopeSchema.safeParse(json, PARSE_OPTIONS);
  if (!envelope.success) {
    const problems = envelope.error.issues.map((issue) => describeIssue(issue));
    throw new FeedError(
      'not-feed',
      url,
      `This is JSON, but not a JSON Feed: ${problems.map((p) => `${p.field ?? 'the document'} ${p.message}`).join('; ')}.`,
      { issues: problems.map((p) => ({ severity: 'error', ...p })) },
    );
  }
  const raw = envelope.data;
  const issues: FeedIssue[] = [];
  const types = readDeclaredTypes(raw, issues);
  const feedAuthors = raw.authors ?? (raw.author ? [raw.author] : []);
  const items: Publication[] = [];
  const seen = new Set<string>();

  const base = new URL(url);
  raw.items.forEach((value, index) => {
    const item = readItem(itemSchemaToUse, value, index, base, types, feedAuthors, issues);
    if (!item) return;
    if (seen.has(item.id)) {
      issues.push({ severity: 'warning', index, id: item.id, field: 'id', message: 'repeats the id of an earlier item; ids must be unique' });
      item.id = `${item.id}#${index}`;
    }
    seen.add(item.id);
    items.push(item);
  });

  if (items.length === 0 && raw.items.length > 0) {
    throw new FeedError(
      'no-valid-items',
      url,
      `None of the feed's ${raw.items.length} items could be read.`,
      { issues },
    );
  }

  // A next_url that breaks the URL policy is left out, and said so: paging stops at this page.
  if (raw.next_url?.trim() && !resolveSafeUrl(raw.next_url, url)) {
    issues.push({
      severity: 'warning',
      field: 'next_url',
      message: 'was dropped: only http(s) and relative links are followed, so no page after this one is loaded',
    });
  }

  return {
    url,
    ...(raw.title !== undefined && { title: decodeEntities(squash(raw.title)) }),
    ...optionalUrl('homePageUrl', raw.home_page_url, url),
    ...optionalUrl('nextUrl', raw.next_url, url),
    ...(raw.description && { description: raw.description }),
    ...(raw.language && { language: raw.language }),
    types: orderTypes(types, items),
    items,
    issues,
  };
}

function optionalUrl<K extends string>(key: K, value: string | undefined, base: string) {
  const safe = resolveSafeUrl(value, base);
  return (safe ? { [key]: safe } : {}) as Partial<Record<K, string>>;
}

function readDeclaredTypes(raw: RawEnvelope, issues: FeedIssue[]): Map<string, PublicationType> {
  const types = new Map<string, PublicationType>();
  if (raw._library === undefined) return types;
  const parsed = feedExtensionSchema.safeParse(raw._library, PARSE_OPTIONS);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { field, message } = describeIssue(issue, '_library');
      issues.push({ severity: 'warning', field, message: `${message} (the feed's _library settings were ignored)` });
    }
    return types;
  }
  for (const declared of parsed.data.types ?? []) {
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

function readItem(
  schema: ItemSchema,
  value: unknown,
  index: number,
  baseUrl: URL,
  types: Map<string, PublicationType>,
  feedAuthors: RawAuthor[],
  issues: FeedIssue[],
): Publication | undefined {
  const parsed = schema.safeParse(value, PARSE_OPTIONS);
  const rawId = idOf(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ severity: 'error', index, ...(rawId && { id: rawId }), ...describeIssue(issue) });
    }
    return undefined;
  }
  const raw: RawItem = parsed.data;
  const warn = (field: string, message: string) =>
    issues.push({ severity: 'warning', index, ...(rawId && { id: rawId }), field, message });
  const url = (field: string, input: string | undefined) => {
    const safe = resolveSafeUrl(input, baseUrl);
    if (input !== undefined && input.trim() !== '' && !safe) {
      warn(field, 'was dropped: only http(s) and relative links are followed');
    }
    return safe;
  };

  const contentText = raw.content_text && squash(raw.content_text);
  const htmlText = raw.content_html ? htmlToText(raw.content_html) : '';
  const bodyText = contentText || htmlText;
  const summaryText = raw.summary !== undefined ? squash(decodeEntities(raw.summary)) : '';
  const titleText = raw.title !== undefined ? squash(decodeEntities(raw.title)) : '';
  const title = titleText || truncate(summaryText || bodyText, TITLE_MAX);
  if (!title) {
    issues.push({ severity: 'error', index, ...(rawId && { id: rawId }), field: 'title', message: 'is missing, and the item has no text to show instead' });
    return undefined;
  }

  const landing = url('url', raw.url);
  const externalUrl = url('external_url', raw.external_url);
  let id = raw.id !== undefined ? String(raw.id) : '';
  if (!id) {
    id = landing ?? externalUrl ?? `item-${index + 1}`;
    warn('id', 'is missing; every item needs a unique, stable id');
  }

  const extension = raw._library ?? {};
  const attachments: Attachment[] = [];
  (raw.attachments ?? []).forEach((attachment, i) => {
    const href = url(`attachments[${i}].url`, attachment.url);
    if (!href) return;
    attachments.push({
      url: href,
      mimeType: attachment.mime_type,
      title: attachment.title && decodeEntities(attachment.title),
      sizeInBytes: attachment.size_in_bytes,
    });
  });

  const authors: Person[] = [];
  const rawAuthors = raw.authors ?? (raw.author ? [raw.author] : feedAuthors);
  rawAuthors.forEach((author, i) => {
    const name = author.name && squash(decodeEntities(author.name));
    if (!name) return;
    const href = url(`authors[${i}].url`, author.url);
    authors.push(href ? { name, url: href } : { name });
  });

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
  const image = url('image', raw.image);

  return {
    id,
    title,
    url: landing,
    externalUrl,
    summary: summary || undefined,
    contentHtml: raw.content_html?.trim() ? raw.content_html : undefined,
    datePublished,
    dateModified,
    authors,
    tags: raw.tags ? [...new Set(raw.tags.map((tag) => squash(decodeEntities(tag))).filter(Boolean))] : [],
    language: raw.language || undefined,
    image,
    attachments,
    pdf: pdfOf(attachments),
    type,
    origin: extension.origin ?? 'institute',
    featured: extension.featured ?? false,
    takeaways: extension.takeaways ? extension.takeaways.map((line) => squash(decodeEntities(line))).filter(Boolean) : [],
    status,
    withdrawnReason: withdrawnReason || undefined,
    withdrawnDate,
    publisher: extension.publisher ? squash(decodeEntities(extension.publisher)) || undefined : undefined,
    baseUrl: baseUrl.href,
  };
}

function pdfOf(attachments: Attachment[]): Attachment | undefined {
  return attachments.find((a) => a.mimeType.toLowerCase() === 'application/pdf' || /\.pdf(?:[?#]|$)/i.test(a.url));
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** A zod issue as a field path and a sentence an editor can act on. */
export function describeIssue(issue: z.core.$ZodIssue, prefix = ''): { field?: string; message: string } {
  const field = formatPath(prefix, issue.path);
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message =
        issue.input === undefined
          ? `is required and must be ${article(issue.expected)}`
          : `must be ${article(issue.expected)}, not ${article(kindOf(issue.input))}`;
      break;
    case 'invalid_value':
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(issue.input)}`;
      break;
    default:
      message = issue.message && issue.message !== 'Invalid input' ? issue.message : 'has a value of the wrong form';
  }
  return { ...(field && { field }), message };
}

function formatPath(prefix: string, path: PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    prefix,
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(kind: string): string {
  return kind === 'array' || kind === 'object' ? `an ${kind}` : kind === 'null' ? 'null' : `a ${kind}`;
}
