import { PdfViewer } from './pdf-viewer.js';
import { define } from '../../define-element.js';

define('pdf-viewer', PdfViewer);

export { PdfViewer };

declare global {
  interface HTMLElementTagNameMap {
    'pdf-viewer': PdfViewer;
  }
}
