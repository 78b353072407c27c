import { PdfViewer } from './pdf-viewer.js';
import { define } from '../../define-element.js';

define('pdf-viewer', PdfViewer);

export { PdfViewer };
export { PdfLoadEvent } from '../../events/pdf-load-event.js';
export { PdfErrorEvent } from '../../events/pdf-error-event.js';
export { PdfError, type PdfErrorKind } from '../../pdf/pdf-error.js';

declare global {
  interface HTMLElementTagNameMap {
    'pdf-viewer': PdfViewer;
  }
}
