/** Fired by `<pdf-viewer>` when a PDF has opened: how many pages it has. */
export class PdfLoadEvent extends Event {
  static readonly type = 'pdf-load';
  constructor(
    readonly url: string,
    readonly pageCount: number,
  ) {
    super(PdfLoadEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pdf-load': PdfLoadEvent;
  }
}
