/**
 * The PDF reader for React: `virtual-library-elements/react/pdf-viewer.js`.
 *
 * A separate entry from `virtual-library-elements/react` because the reader's
 * module names pdf.js's worker with a `?url` import (which the application's
 * bundler resolves, as for `virtual-library-elements/pdf-viewer.js`), and a
 * listing should not carry any of it. Importing this module defines `<pdf-viewer>`.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PdfViewer as PdfViewerElement, PdfLoadEvent, PdfErrorEvent } from '../components/pdf-viewer/define.js';

export type { PdfLoadEvent, PdfErrorEvent };
export type { PdfError, PdfErrorKind } from '../components/pdf-viewer/define.js';
/** The element's class, for its static `pdfjsBase`: `PdfViewerElement.pdfjsBase = '/assets/pdfjs/'`. */
export { PdfViewerElement };

/**
 * `<pdf-viewer>` for React: reads a PDF in the page with pdf.js, which is
 * downloaded only when a PDF opens.
 *
 * Props: `src` (the PDF's URL; its server must let the page read it), `label`
 * (the reading area's accessible name) and `page` (the page in view; setting
 * it scrolls there). Events:
 * - `onPdfLoad(event: PdfLoadEvent)`: the PDF opened; `event.pageCount`.
 * - `onPdfError(event: PdfErrorEvent)`: it cannot be shown, or needs a password; `event.error.kind` says why.
 *
 * An application that bundles the reader serves its own copy of pdfjs-dist's
 * files and says where before the first PDF opens, on the element's class:
 * `PdfViewerElement.pdfjsBase = '/assets/pdfjs/'`.
 *
 * @example
 * ```tsx
 * import { PdfViewer } from 'virtual-library-elements/react/pdf-viewer.js';
 *
 * export function Reader({ url }: { url: string }) {
 *   const [pages, setPages] = useState(0);
 *   return (
 *     <>
 *       <p>{pages ? `${pages} pages` : 'Opening…'}</p>
 *       <PdfViewer src={url} label="Annual report" onPdfLoad={(event) => setPages(event.pageCount)} />
 *     </>
 *   );
 * }
 * ```
 */
export const PdfViewer = createComponent({
  react: React,
  tagName: 'pdf-viewer',
  elementClass: PdfViewerElement,
  displayName: 'PdfViewer',
  events: {
    onPdfLoad: PdfLoadEvent.type as EventName<PdfLoadEvent>,
    onPdfError: PdfErrorEvent.type as EventName<PdfErrorEvent>,
  },
});
