import type { Feed, FeedIssue, Publication } from '../feed/publication.js';

/**
 * Fired by `<library-list>` and `<publication-card>` when their feed has been
 * loaded and validated. `issues` lists the items that were skipped or shown
 * without a bad field, so a host page can report them.
 */
export class LibraryLoadEvent extends Event {
  static readonly type = 'library-load';
  readonly items: readonly Publication[];
  readonly issues: readonly FeedIssue[];

  constructor(readonly feed: Feed) {
    super(LibraryLoadEvent.type, { bubbles: true, composed: true });
    this.items = feed.items;
    this.issues = feed.issues;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'library-load': LibraryLoadEvent;
  }
}
