import type { PdfError } from '../pdf/pdf-error.js';

/** Fired by `<pdf-viewer>` when a PDF cannot be shown; `error.kind` says why. A password prompt fires it with `password-needed`. */
export class PdfErrorEvent extends Event {
  static readonly type = 'pdf-error';
  constructor(readonly error: PdfError) {
    super(PdfErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pdf-error': PdfErrorEvent;
  }
}
