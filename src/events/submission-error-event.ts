import type { SubmissionError } from '../submission/submission-error.js';

/**
 * Fired by `<submit-form>` when a submission cannot go: fields to fix
 * (`error.kind` `invalid`, with `error.errors`), or a failed send (offline,
 * network, timeout, server …). The form shows the same explanation, and the
 * draft is kept.
 */
export class SubmissionErrorEvent extends Event {
  static readonly type = 'submission-error';

  constructor(readonly error: SubmissionError) {
    super(SubmissionErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'submission-error': SubmissionErrorEvent;
  }
}
