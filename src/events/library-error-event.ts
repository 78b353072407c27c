import type { FeedError } from '../feed/errors.js';

/**
 * Fired when a feed cannot be shown: unreachable, not a feed, no readable
 * item, or (for a card) no item with the requested id. The element shows the
 * same explanation to the reader. A listing also fires it while still showing
 * its list, when a later page of the feed failed, its search and filters
 * could not be loaded, or a link's search could not be restored (both kind
 * `script`): `items` of the listing are then not empty.
 */
export class LibraryErrorEvent extends Event {
  static readonly type = 'library-error';

  constructor(readonly error: FeedError) {
    super(LibraryErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'library-error': LibraryErrorEvent;
  }
}
