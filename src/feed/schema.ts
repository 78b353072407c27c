/**
 * The feed format, v1: JSON Feed 1.1 plus a `_library` extension.
 *
 * This module is the single definition of what a valid feed looks like. It is
 * used at runtime (with `zod/mini`, to keep the shipped bundle small), to
 * generate `feed.schema.json` for editors' text editors, and by the later
 * validator command. `docs/feed-format.md` documents every field.
 *
 * Validation happens in two steps so that one broken entry never hides the
 * rest: the envelope is checked first (with `items` left as unknown values),
 * then each item on its own.
 */
import * as z from 'zod/mini';

/** The JSON Feed versions we read: 1.0 (`/version/1`) and 1.1. */
export const JSON_FEED_VERSION = /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/;

/** The version string new feeds should carry. */
export const CURRENT_JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

const nonEmpty = () => z.string().check(z.minLength(1, 'must not be empty'));

/** Every URL is a string here; which schemes are allowed is decided in `url-policy.ts`. */
const urlString = () => z.string();

export const authorSchema = z.object({
  name: z.optional(z.string()),
  url: z.optional(urlString()),
  avatar: z.optional(urlString()),
});

export const attachmentSchema = z.object({
  url: nonEmpty(),
  mime_type: nonEmpty(),
  title: z.optional(z.string()),
  size_in_bytes: z.optional(z.number().check(z.nonnegative('must be 0 or more'))),
  duration_in_seconds: z.optional(z.number()),
});

/** Who produced a work: the institute itself, or someone else (a work that influenced it). */
export const ORIGINS = ['institute', 'external'] as const;

/** Whether a work is listed normally, or kept as a tombstone after a removal request. */
export const STATUSES = ['published', 'withdrawn'] as const;

/** A slug such as `report`, `fact-sheet` or `op-ed`: lower case letters, digits and hyphens. */
const typeSlug = () =>
  z
    .string()
    .check(
      z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug such as "report" or "fact-sheet"'),
    );

/** The `_library` object on an item. */
export const itemExtensionSchema = z.object({
  about: z.optional(z.string()),
  type: z.optional(typeSlug()),
  origin: z.optional(z.enum(ORIGINS)),
  featured: z.optional(z.boolean()),
  takeaways: z.optional(z.array(nonEmpty())),
  status: z.optional(z.enum(STATUSES)),
  withdrawn_reason: z.optional(z.string()),
  withdrawn_date: z.optional(z.string()),
  publisher: z.optional(z.string()),
});

/** One item of the feed: a publication. */
export const itemSchema = z.object({
  id: z.optional(z.union([nonEmpty(), z.number()])),
  url: z.optional(urlString()),
  external_url: z.optional(urlString()),
  title: z.optional(z.string()),
  content_html: z.optional(z.string()),
  content_text: z.optional(z.string()),
  summary: z.optional(z.string()),
  image: z.optional(urlString()),
  banner_image: z.optional(urlString()),
  date_published: z.optional(z.string()),
  date_modified: z.optional(z.string()),
  authors: z.optional(z.array(authorSchema)),
  /** JSON Feed 1.0's single author: deprecated, still read when `authors` is absent. */
  author: z.optional(authorSchema),
  tags: z.optional(z.array(z.string())),
  language: z.optional(z.string()),
  attachments: z.optional(z.array(attachmentSchema)),
  _library: z.optional(itemExtensionSchema),
});

/** A publication type declared by the feed: its label, plural heading and place in the order. */
export const typeDeclarationSchema = z.object({
  id: typeSlug(),
  label: nonEmpty(),
  plural: z.optional(nonEmpty()),
});

/** The `_library` object at the top of the feed. */
export const feedExtensionSchema = z.object({
  about: z.optional(z.string()),
  format: z.optional(z.literal(1)),
  institute: z.optional(z.string()),
  types: z.optional(z.array(typeDeclarationSchema)),
});

/** The feed envelope. Items are checked one at a time by `itemSchema`. */
export const envelopeSchema = z.object({
  version: z.string().check(z.regex(JSON_FEED_VERSION, 'must be a JSON Feed version URL')),
  title: z.optional(z.string()),
  home_page_url: z.optional(urlString()),
  feed_url: z.optional(urlString()),
  description: z.optional(z.string()),
  next_url: z.optional(urlString()),
  icon: z.optional(urlString()),
  favicon: z.optional(urlString()),
  language: z.optional(z.string()),
  authors: z.optional(z.array(authorSchema)),
  author: z.optional(authorSchema),
  items: z.array(z.unknown()),
  _library: z.optional(z.unknown()),
});

export type RawItem = z.infer<typeof itemSchema>;
export type RawAuthor = z.infer<typeof authorSchema>;
export type RawEnvelope = z.infer<typeof envelopeSchema>;
export type RawFeedExtension = z.infer<typeof feedExtensionSchema>;
export type Origin = (typeof ORIGINS)[number];
export type Status = (typeof STATUSES)[number];
