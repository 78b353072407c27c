import type { Submission } from '../submission/schema.js';

/**
 * Fired by `<submit-form>` just before it sends, cancelable. A page that
 * sends submissions its own way (to its CMS, say) calls `preventDefault()`
 * and then `respondWith(promise)`: the form shows its progress while the
 * promise runs, its confirmation when it resolves (with `{ id?, message? }`
 * if the page has them), and keeps the draft and says so when it rejects.
 * Without `respondWith`, a cancelled send leaves the form as it was.
 */
export class SubmissionSendEvent extends Event {
  static readonly type = 'submission-send';
  /** @internal */
  response?: Promise<{ id?: string; message?: string } | void>;

  constructor(
    /** The checked submission. */
    readonly submission: Submission,
    /** The body the form would send: the fields, the honeypot and the PDF. */
    readonly formData: FormData,
    /** The key every attempt at this draft carries. */
    readonly idempotencyKey: string,
  ) {
    super(SubmissionSendEvent.type, { bubbles: true, composed: true, cancelable: true });
  }

  /** Takes over sending: `promise` settles when the page has delivered the submission. */
  respondWith(promise: Promise<{ id?: string; message?: string } | void>): void {
    this.preventDefault();
    this.response = promise;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'submission-send': SubmissionSendEvent;
  }
}
