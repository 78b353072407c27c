/**
 * `npm run build:schema`: writes `dist/feed.schema.json`, the JSON Schema of
 * the feed format, from the zod schema the elements validate with
 * (`src/feed/feed-schema.ts`). Editors point a feed's `$schema` key at the
 * published copy and their text editor checks the feed as they type.
 *
 * The zod schema stays the one definition. This script only adds what a JSON
 * Schema reader needs on top of it: an `$id`, a title, a short description on
 * each field (shown when hovering a key in an editor), and names for the
 * shared parts (`author`, `item` …) so error messages can point at them.
 *
 * Two properties of the output matter:
 * - No object rejects keys it does not know. JSON Feed tells readers to ignore
 *   unknown keys and reserves `_`-prefixed ones for extensions; a feed that
 *   carries another publisher's extension, or a newer field, must still pass.
 *   `assertOpen` below fails the build if that ever stops being true.
 * - The same sources give the same bytes: keys follow the zod shapes, shared
 *   parts are named here rather than numbered, and nothing depends on time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as z from 'zod/mini';
import { feedSchema } from '../src/feed/feed-schema.js';
import {
  attachmentSchema,
  authorSchema,
  feedExtensionSchema,
  itemExtensionSchema,
  itemSchema,
  typeDeclarationSchema,
} from '../src/feed/schema.js';

/** Where the published schema lives; feeds name it in `$schema`. */
const SCHEMA_ID = 'https://unpkg.com/virtual-library-elements/dist/feed.schema.json';

const out = resolve(import.meta.dirname, '..', 'dist', 'feed.schema.json');

type Meta = { id?: string; title?: string; description?: string; deprecated?: boolean };

/**
 * Names and descriptions, kept in a registry of this script's own so that the
 * runtime schema carries no documentation strings into the bundle.
 */
const docs = z.registry<Meta>();

/** Describes each key of a zod object; every key must be described, so a new field cannot go undocumented. */
function describeShape(schema: { shape: Record<string, z.ZodMiniType> }, where: string, text: Record<string, string>) {
  for (const key of Object.keys(schema.shape)) {
    const description = text[key];
    if (!description) throw new Error(`build-feed-schema: no description for ${where}.${key}`);
    docs.add(schema.shape[key]!, { description });
  }
  for (const key of Object.keys(text)) {
    if (!(key in schema.shape)) throw new Error(`build-feed-schema: ${where}.${key} is described but not in the schema`);
  }
}

const URL_RULE = 'An http(s) URL, absolute or relative to the feed\'s own URL; other schemes are dropped with a warning.';
const DATE_RULE = 'RFC 3339, such as "2023-05-15" or "2023-05-15T09:00:00Z" (RFC 2822 is also read).';

docs.add(authorSchema, { id: 'author', title: 'Author', description: 'A person or organisation that wrote the work.' });
describeShape(authorSchema, 'author', {
  name: 'Full name as it should appear, such as "Dr. Tong Zhao".',
  url: `Page about the author. ${URL_RULE}`,
  avatar: 'Picture of the author (JSON Feed field; not shown by the elements).',
});

docs.add(attachmentSchema, {
  id: 'attachment',
  title: 'Attachment',
  description: 'A file that goes with the publication. The first PDF is the one "View PDF" and "Download PDF" open.',
});
describeShape(attachmentSchema, 'attachment', {
  url: `The file. ${URL_RULE}`,
  mime_type: 'Its media type, such as "application/pdf".',
  title: 'Name of the file, such as "Full report".',
  size_in_bytes: 'Size in bytes; shown next to "Download PDF".',
  duration_in_seconds: 'Length of audio or video (JSON Feed field; not shown by the elements).',
});

docs.add(itemExtensionSchema, {
  id: 'item-extension',
  title: 'Item _library extension',
  description: 'What the Virtual Library adds to a JSON Feed item. Every key is optional; a wrong value here makes the elements skip the item.',
});
describeShape(itemExtensionSchema, 'item._library', {
  about: 'A link to the extension\'s documentation; ignored by the elements.',
  type: 'Publication type, a slug such as "report" or "fact-sheet". Default: "publication".',
  origin: '"institute" for the institute\'s own work (the default), "external" for an outside work.',
  featured: 'true shows the item in the featured form, with the long summary and takeaways.',
  takeaways: 'Key points, one sentence each, shown as a numbered list on the featured form.',
  status: '"published" (the default), or "withdrawn" to keep a tombstone after a removal request.',
  withdrawn_reason: 'Why the work was withdrawn; shown on the tombstone.',
  withdrawn_date: `When it was withdrawn; shown on the tombstone. ${DATE_RULE}`,
  publisher: 'Who published an outside work, such as "Example Review"; shown after the date and on the "View at …" button.',
});

docs.add(itemSchema, { id: 'item', title: 'Item', description: 'One publication.' });
describeShape(itemSchema, 'item', {
  id: 'Unique, stable identifier; `<publication-card item="…">` refers to it. Never reuse or change it.',
  url: `The publication's page on the institute's site; the title links to it. ${URL_RULE}`,
  external_url: `Where a work published elsewhere lives; shown as a "View" button, and the title links to it when there is no url. ${URL_RULE}`,
  title: 'Title of the work. Without it, the start of the summary or content is used; an item with no text at all is skipped.',
  content_html: 'The long summary as HTML, shown (cleaned) on the featured form. Its text stands in for a missing summary.',
  content_text: 'The text as plain text; it stands in for a missing summary (and a missing title), shortened.',
  summary: 'A short plain-text summary, shown on the card and searched.',
  image: `A picture for the publication (checked, not shown by the elements yet). ${URL_RULE}`,
  banner_image: 'A wide picture (JSON Feed field; not shown by the elements).',
  date_published: `Publication date: shown on the card and used by the newest/oldest sorts. ${DATE_RULE}`,
  date_modified: `Date of the last change (not shown). ${DATE_RULE}`,
  authors: 'Authors in the order they should be listed. Without it, the feed\'s own authors are used.',
  author: 'Deprecated (JSON Feed 1.0): a single author. Use "authors"; read only when "authors" is absent.',
  tags: 'Topics, such as "nuclear crisis communications"; searched, and a listing can be limited to some with its tag attribute.',
  language: 'Language of the work, such as "en" or "fr-CA"; sets the card\'s language and date format.',
  attachments: 'Files, such as the PDF of the work.',
  _library: 'The Virtual Library\'s additions: type, origin, featured, takeaways, withdrawal.',
});

// JSON Feed 1.0's single author: still read, but editors should see it struck through.
docs.add(itemSchema.shape.author, { ...docs.get(itemSchema.shape.author), deprecated: true });

docs.add(typeDeclarationSchema, {
  id: 'type-declaration',
  title: 'Publication type',
  description: 'A publication type: its slug, its label on a card and its heading in a listing.',
});
describeShape(typeDeclarationSchema, 'type', {
  id: 'The slug that items use in _library.type, such as "fact-sheet".',
  label: 'Label on a card, such as "Fact Sheet".',
  plural: 'Heading of its section in a listing, such as "Fact Sheets". Default: made from the id ("fact-sheet" gives "Fact Sheets").',
});

docs.add(feedExtensionSchema, {
  id: 'feed-extension',
  title: 'Feed _library extension',
  description: 'Settings for the whole library. Every key is optional; a wrong value here makes the elements ignore all of these settings.',
});
describeShape(feedExtensionSchema, 'feed._library', {
  about: 'A link to the extension\'s documentation; ignored by the elements.',
  format: 'Version of the Virtual Library feed format. Currently 1.',
  institute: 'Name of the institute that keeps the library (not shown by the elements).',
  types: 'Publication types with their labels, in the order their sections appear in a listing.',
});

describeShape(feedSchema, 'feed', {
  $schema: `Address of this JSON Schema, so text editors check the feed as you type: "${SCHEMA_ID}".`,
  version: 'The JSON Feed version: "https://jsonfeed.org/version/1.1".',
  title: 'Name of the feed, such as "Virtual Library".',
  home_page_url: `The page where the library is shown (JSON Feed field; not shown by the elements). ${URL_RULE}`,
  feed_url: 'The address of this file (JSON Feed field; relative URLs resolve against where the file was actually fetched from).',
  description: 'What the library holds (not shown by the elements).',
  next_url: `The next page of a feed split into pages (JSON Feed field). The elements follow it to the last page, stopping at a page seen before. ${URL_RULE}`,
  icon: 'A large icon for feed readers (JSON Feed field; not shown by the elements).',
  favicon: 'A small icon for feed readers (JSON Feed field; not shown by the elements).',
  language: 'Main language of the feed, such as "en".',
  authors: 'Default authors of every item that names none.',
  author: 'Deprecated (JSON Feed 1.0): a single default author. Use "authors".',
  items: 'The publications, in the order a listing shows them by default ("Library order").',
  _library: 'The Virtual Library\'s settings: format version, institute, publication types.',
});

docs.add(feedSchema.shape.author, { ...docs.get(feedSchema.shape.author), deprecated: true });

const generated = z.toJSONSchema(feedSchema, {
  target: 'draft-2020-12',
  // What an editor writes, not what the parser produces: optional fields
  // stay optional, and objects keep their extra keys.
  io: 'input',
  metadata: docs,
  reused: 'ref',
  unrepresentable: 'throw',
}) as Record<string, unknown>;

const { $schema, ...body } = generated;
const schema = {
  $schema,
  $id: SCHEMA_ID,
  title: 'Virtual Library feed, format 1',
  description:
    'A JSON Feed 1.1 document with the Virtual Library\'s `_library` extension. ' +
    'See docs/feed-format.md in the virtual-library-elements package.',
  ...body,
};

assertOpen(schema, '#');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${out}`);

/**
 * Fails when any object in the schema would reject keys it does not list:
 * JSON Feed readers ignore unknown keys, and so must our schema.
 */
function assertOpen(node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => assertOpen(child, `${path}/${i}`));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.additionalProperties === false || record.unevaluatedProperties === false) {
    throw new Error(`build-feed-schema: ${path} rejects unknown keys; JSON Feed allows them`);
  }
  for (const [key, child] of Object.entries(record)) assertOpen(child, `${path}/${key}`);
}
