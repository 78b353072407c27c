/**
 * How to fix a problem found in a feed, in words for the editor who keeps it:
 * used by the feed validator (and meant for the embed builder). Chosen by
 * the field that is wrong and what is wrong with it; `undefined` when there
 * is nothing more useful to say than the problem itself.
 */
import type { FeedIssue } from '../feed/publication.js';
import type { FeedError } from '../feed/errors.js';

const DATE = 'Write dates as in 2024-05-15 or 2024-05-15T09:00:00Z (RFC 3339).';
const LINK = 'Use an address that starts with https:// (or a path relative to the feed, such as pdfs/report.pdf).';

/** The last part of a field path: `authors[0].url` → `url`, `_library.type` → `type`. */
function leaf(field: string): string {
  return field.replace(/\[\d+\]/g, '').split('.').pop() ?? field;
}

export function fixForIssue(issue: FeedIssue): string | undefined {
  const field = issue.field ?? '';
  const name = leaf(field);
  const message = issue.message;
  if (!field && issue.index !== undefined && /must be an object/.test(message)) {
    return 'Write each entry of "items" as an object in braces: { "id": "…", "title": "…", … }.';
  }
  if (field === 'next_url') return `${LINK} Each page's next_url must point to a page not read before.`;
  if (name === 'id') {
    return /missing/.test(message)
      ? 'Give every item an "id": any text that never changes, such as its address or a slug ("2024-nuclear-risk-report").'
      : 'Make every "id" different: two items share this one.';
  }
  if (/date/.test(name) || /RFC 3339|not a date/.test(message)) return DATE;
  if (/url|image|banner_image/.test(name) || /only http\(s\)/.test(message)) return LINK;
  if (name === 'title') return 'Give the item a "title" written as text in quotes.';
  if (name === 'authors' || name === 'author') return 'Write authors as a list: "authors": [{ "name": "Ana Ruiz" }].';
  if (name === 'tags' || name === 'takeaways') return `Write ${name} as a list of texts: "${name}": ["first", "second"].`;
  if (name === 'type') return 'Use a type id in lowercase with hyphens, such as "report" or "fact-sheet", and declare its label in the feed\'s "_library" "types".';
  if (name === 'origin') return 'Use "institute" for the institute\'s own work or "external" for a work published elsewhere.';
  if (name === 'status') return 'Use "published", or "withdrawn" together with a "reason".';
  if (name === 'featured') return 'Write true or false, without quotes.';
  if (name === 'mime_type') return 'Give the file\'s type, such as "application/pdf".';
  if (name === 'size_in_bytes') return 'Write the file size as a whole number of bytes, without quotes.';
  if (/must be (a|an) /.test(message)) return 'Check the value\'s form against docs/feed-format.md: text in quotes, numbers and true/false without, lists in [ ].';
  return undefined;
}

export function fixForError(error: FeedError): string {
  switch (error.kind) {
    case 'not-json':
      return 'Check the file in a JSON checker (or an editor with the feed\'s "$schema"): a missing comma or quote, or a file cut short, makes it unreadable.';
    case 'not-feed':
      return 'Start the file with "version": "https://jsonfeed.org/version/1.1", a "title" and an "items" list.';
    case 'no-valid-items':
      return 'Fix the problems listed for the items: at least one must be readable for the library to show anything.';
    case 'http':
    case 'network':
    case 'timeout':
      return 'Check the address in a browser. If the feed is on another site than the page showing it, its server must send Access-Control-Allow-Origin.';
    case 'script':
      return 'Publish virtual-library.js together with the "chunks" folder beside it, unchanged.';
    default:
      return 'Check the address or the file name.';
  }
}
