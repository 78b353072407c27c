/**
 * Virtual Library elements: classes, event classes and types. Importing this
 * module registers no tag; import `./components/<tag>/define.js` (or the
 * all-in-one `virtual-library.js`) for that.
 */
export { LibraryList, type ListLayout } from './components/library-list/library-list.js';
export { PublicationCard, type CardVariant } from './components/publication-card/publication-card.js';
export { LibraryLoadEvent } from './events/library-load-event.js';
export { LibraryErrorEvent } from './events/library-error-event.js';
export { PdfOpenEvent } from './events/pdf-open-event.js';
// PdfViewer itself is exported by './pdf-viewer.js' (the define entry): its module names the pdf.js worker
// with a Vite-style `?url` import, which this side-effect-free entry keeps away from other bundlers.
export { PdfLoadEvent } from './events/pdf-load-event.js';
export { PdfErrorEvent } from './events/pdf-error-event.js';
export { PdfError, type PdfErrorKind } from './pdf/pdf-error.js';
export { FeedError, type FeedErrorKind } from './feed/errors.js';
export { loadFeed, clearFeedCache, type LoadFeedOptions } from './feed/load-feed.js';
export { parseFeed, readFeed } from './feed/parse-feed.js';
export type { Attachment, Feed, FeedIssue, Person, Publication, PublicationType, Severity } from './feed/publication.js';
export type { Sort, Grouping } from './query/query.js';
