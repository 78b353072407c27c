import type { FieldError } from './schema.js';

/**
 * Why a submission did not arrive:
 * - `invalid`: fields are missing or wrong (found by the form, or by the receiver: then `status` is set);
 * - `offline`: the browser is offline;
 * - `network`: the receiver could not be reached (also a CORS refusal, which browsers do not tell apart);
 * - `timeout`: no answer in time;
 * - `rate-limited`: too many submissions from this network for now (`retryAfter` seconds, when known);
 * - `rejected`: the receiver refused it for another reason (a 4xx, such as an origin it does not accept);
 * - `server`: the receiver failed (a 5xx) or answered something that was not a confirmation;
 * - `host`: the page took over sending (`SubmissionSendEvent.respondWith`) and its promise failed.
 */
export type SubmissionErrorKind = 'invalid' | 'offline' | 'network' | 'timeout' | 'rate-limited' | 'rejected' | 'server' | 'host';

/** A failed submission. The draft is kept in every case. */
export class SubmissionError extends Error {
  override readonly name = 'SubmissionError';

  constructor(
    readonly kind: SubmissionErrorKind,
    message: string,
    readonly details: { status?: number; errors?: FieldError[]; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }

  /** Problems with single fields, from the form's checks or the receiver's answer. */
  get errors(): FieldError[] {
    return this.details.errors ?? [];
  }

  /** The HTTP status of the receiver's answer, if there was one. */
  get status(): number | undefined {
    return this.details.status;
  }
}
