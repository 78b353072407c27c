/**
 * React components for the elements, made with `@lit/react`: `virtual-library-elements/react`.
 *
 * Each component renders the element's own tag, sets every prop the element
 * knows as a property (objects and numbers included), and adds a listener for
 * each `on…` event prop, typed with the element's event class. Importing this
 * module defines `<library-list>` and `<publication-card>`; the PDF reader has
 * its own entry, `virtual-library-elements/react/pdf-viewer.js`, so a listing
 * never pulls pdf.js into an application's bundle.
 *
 * React itself is the application's: `react` is an optional peer dependency,
 * imported here and never bundled.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '../components/library-list/define.js';
import '../components/publication-card/define.js';
import { LibraryList as LibraryListElement } from '../components/library-list/library-list.js';
import { PublicationCard as PublicationCardElement } from '../components/publication-card/publication-card.js';
import { LibraryLoadEvent } from '../events/library-load-event.js';
import { LibraryErrorEvent } from '../events/library-error-event.js';
import { PdfOpenEvent } from '../events/pdf-open-event.js';

export type { LibraryLoadEvent, LibraryErrorEvent, PdfOpenEvent };
export type { ListLayout } from '../components/library-list/library-list.js';
export type { CardVariant } from '../components/publication-card/publication-card.js';
export type { Publication } from '../feed/publication.js';

/**
 * `<library-list>` for React: the library's publications from a feed, with
 * search, filters, sort and grouping for readers.
 *
 * Props are the element's properties in camelCase (`feed`, `layout`, `limit`,
 * `noControls`, `pageSize`, `urlState`…). Events:
 * - `onLibraryLoad(event: LibraryLoadEvent)`: the feed loaded; `event.items` and `event.issues`.
 * - `onLibraryError(event: LibraryErrorEvent)`: the feed could not be shown; `event.error.kind` says why.
 * - `onPdfOpen(event: PdfOpenEvent)`: a reader chose "View PDF" on a card; call `event.preventDefault()` to show it yourself.
 *
 * @example
 * ```tsx
 * import { LibraryList } from 'virtual-library-elements/react';
 *
 * export function Library({ topic }: { topic: string }) {
 *   return (
 *     <LibraryList
 *       feed="/library/feed.json"
 *       tag={topic}
 *       layout="grid"
 *       limit={6}
 *       onLibraryLoad={(event) => console.log(`${event.items.length} publications`)}
 *       onLibraryError={(event) => console.warn(event.error.kind)}
 *     />
 *   );
 * }
 * ```
 */
export const LibraryList = createComponent({
  react: React,
  tagName: 'library-list',
  elementClass: LibraryListElement,
  displayName: 'LibraryList',
  events: {
    onLibraryLoad: LibraryLoadEvent.type as EventName<LibraryLoadEvent>,
    onLibraryError: LibraryErrorEvent.type as EventName<LibraryErrorEvent>,
    onPdfOpen: PdfOpenEvent.type as EventName<PdfOpenEvent>,
  },
});

/**
 * `<publication-card>` for React: one publication as a card. Give it a
 * `publication` object (one of `event.items` from `onLibraryLoad`, say), or a
 * `feed` URL and an `item` id to feature one publication on its own.
 *
 * Events:
 * - `onPdfOpen(event: PdfOpenEvent)`: the reader chose "View PDF"; call `event.preventDefault()` to show it yourself.
 * - `onLibraryLoad(event: LibraryLoadEvent)`: the card's own `feed` loaded (standalone use).
 * - `onLibraryError(event: LibraryErrorEvent)`: the card's own `feed` failed, or has no item with the `item` id.
 *
 * @example
 * ```tsx
 * import { PublicationCard } from 'virtual-library-elements/react';
 *
 * export function Featured() {
 *   return (
 *     <PublicationCard
 *       feed="/library/feed.json"
 *       item="report-2024-03"
 *       variant="featured"
 *       onPdfOpen={(event) => {
 *         event.preventDefault();
 *         openMyReader(event.pdf.url);
 *       }}
 *     />
 *   );
 * }
 * ```
 */
export const PublicationCard = createComponent({
  react: React,
  tagName: 'publication-card',
  elementClass: PublicationCardElement,
  displayName: 'PublicationCard',
  events: {
    onPdfOpen: PdfOpenEvent.type as EventName<PdfOpenEvent>,
    onLibraryLoad: LibraryLoadEvent.type as EventName<LibraryLoadEvent>,
    onLibraryError: LibraryErrorEvent.type as EventName<LibraryErrorEvent>,
  },
});

// The submission form has its own entry too, `virtual-library-elements/react/submit-form.js` (src/react/submit-form.ts).
