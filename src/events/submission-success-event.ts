import type { Submission } from '../submission/schema.js';
import type { Receipt } from '../submission/send-submission.js';

/** Fired by `<submit-form>` once the receiver (or the page, through `respondWith`) has confirmed a submission. The draft is then cleared. */
export class SubmissionSuccessEvent extends Event {
  static readonly type = 'submission-success';

  constructor(
    readonly submission: Submission,
    /** The receiver's confirmation: `id`, `message`, `status` and the whole `body`. */
    readonly receipt: Receipt,
  ) {
    super(SubmissionSuccessEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'submission-success': SubmissionSuccessEvent;
  }
}
