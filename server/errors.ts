/**
 * Every refusal the receiver sends has one shape: `{ errors: [{ field, code,
 * message }] }`, the shape `validateSubmission` already returns, so the form
 * can put each message next to its field (or above the form when `field` is
 * `null`).
 */
import type { FieldError } from '../src/submission/schema.js';

/** A refusal on its way to the client: the HTTP status and the problems to report. */
export class Refusal extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  /** Extra response headers, such as `WWW-Authenticate`. */
  readonly headers: Record<string, string>;

  constructor(status: number, errors: FieldError[], headers: Record<string, string> = {}) {
    super(errors.map((e) => e.message).join(' '));
    this.name = 'Refusal';
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

/** A refusal about the request as a whole (`field: null`). */
export function refuse(status: number, code: string, message: string, headers?: Record<string, string>): Refusal {
  return new Refusal(status, [{ field: null, code, message }], headers);
}

/** The JSON body of a refusal. */
export function errorBody(errors: FieldError[]): { errors: FieldError[] } {
  return { errors };
}
