import type { Attachment, Publication } from '../feed/publication.js';

/**
 * Fired when a reader chooses "View PDF". Cancelable: a host (or the PDF
 * viewer) calls `preventDefault()` to show the PDF itself; otherwise the
 * browser opens the PDF in a new tab.
 */
export class PdfOpenEvent extends Event {
  static readonly type = 'pdf-open';

  constructor(
    readonly publication: Publication,
    readonly pdf: Attachment,
  ) {
    super(PdfOpenEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pdf-open': PdfOpenEvent;
  }
}
