/**
 * What both the npm entry (`index.ts`) and the all-in-one bundle
 * (`virtual-library.ts`) export: the elements' classes, event classes,
 * errors, `loadFeed` and the types.
 */
export { LibraryList, type ListLayout } from './components/library-list/library-list.js';
export { PublicationCard, type CardVariant } from './components/publication-card/publication-card.js';
// Type-only: the filters' element and its event load lazily with a listing's reader tools, so the
// all-in-one bundle (which re-exports this module) must not pull them in.
export type { LibraryFacets } from './components/library-facets/library-facets.js';
export type { FacetChangeEvent } from './events/facet-change-event.js';
export { LibraryLoadEvent } from './events/library-load-event.js';
export { LibraryErrorEvent } from './events/library-error-event.js';
export { PdfOpenEvent } from './events/pdf-open-event.js';
// The PDF reader's class, events and errors are exported by its own entry, `./pdf-viewer.js`: its module
// names the pdf.js worker with a Vite-style `?url` import, and the listing should not carry any of it.
// Likewise the submission form: `./submit-form.js` exports its class, events and rules.
export type { SubmitForm } from './components/submit-form/submit-form.js';
export { FeedError, type FeedErrorKind } from './feed/errors.js';
export { loadFeed, clearFeedCache, type LoadFeedOptions } from './feed/load-feed.js';
export type { LoadFeedPagesOptions, FeedPagesProgress } from './feed/load-feed-pages.js';
export type { Attachment, Feed, FeedIssue, Person, Publication, PublicationType, Severity } from './feed/publication.js';
export type { Sort, Grouping } from './query/query.js';
export type { Facet, FacetCounts, FacetSelection } from './query/facets.js';
