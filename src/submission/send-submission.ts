/**
 * Sends a submission to a receiver: a `multipart/form-data` POST with
 * `Accept: application/json` and an idempotency key, answered the way
 * Formspree-style endpoints answer (2xx = accepted; 4xx with
 * `{ errors: [{ field, code, message }] }`). XMLHttpRequest rather than
 * fetch, because only it reports upload progress in every browser.
 */
import { IDEMPOTENCY_HEADER, messageFor, type FieldError } from './schema.js';
import { SubmissionError } from './submission-error.js';
import { enSubmit } from '../localize/en-submit.js';

export interface SendOptions {
  /** The receiver's address. */
  action: string;
  body: FormData;
  /** The same for every attempt at the same draft, so that the receiver stores it once. */
  idempotencyKey: string;
  /** Milliseconds to wait without progress: for the next piece of the upload to go, then for the answer. */
  timeout: number;
  signal?: AbortSignal;
  /** Called as the body is uploaded. */
  onProgress?: (loaded: number, total: number) => void;
  /** The largest PDF the form allows, for the receiver's "too big" message. */
  maxFileBytes?: number;
}

/** The receiver's confirmation. */
export interface Receipt {
  /** HTTP status, 2xx. */
  status: number;
  /** The receiver's reference for the submission, when it gives one. */
  id?: string;
  /** What happens next, in the receiver's words, when it says. */
  message?: string;
  /** The whole JSON answer (or `undefined` when it was not JSON). */
  body: unknown;
  /** The receiver had stored this submission before (a repeated idempotency key). */
  replayed: boolean;
}

function readJson(xhr: XMLHttpRequest): unknown {
  try {
    return xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
  } catch {
    return undefined;
  }
}

/** The `errors` of a Formspree-style answer, kept only where they have the expected shape. */
function fieldErrors(body: unknown, maxFileBytes?: number): FieldError[] {
  const list = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry): FieldError[] => {
    if (!entry || typeof entry !== 'object') return [];
    const { field, code, message } = entry as Record<string, unknown>;
    const name = typeof field === 'string' && field ? field : null;
    const kind = typeof code === 'string' ? code : 'invalid';
    const text = typeof message === 'string' && message.trim() ? message.trim() : messageFor(name, kind, { maxFileBytes });
    return [{ field: name, code: kind, message: text }];
  });
}

function failure(xhr: XMLHttpRequest, maxFileBytes?: number): SubmissionError {
  const status = xhr.status;
  const body = readJson(xhr);
  const errors = fieldErrors(body, maxFileBytes);
  if (status === 413 && !errors.some((e) => e.field === 'file')) {
    errors.push({ field: 'file', code: 'file_too_big', message: messageFor('file', 'file_too_big', { maxFileBytes }) });
  }
  if (status === 429) {
    const retryAfter = Number(xhr.getResponseHeader('Retry-After')) || undefined;
    return new SubmissionError('rate-limited', enSubmit.rateLimited(retryAfter), { status, retryAfter, errors });
  }
  if (status >= 500) return new SubmissionError('server', enSubmit.serverFailed(status), { status });
  if (errors.some((e) => e.field !== null)) return new SubmissionError('invalid', enSubmit.receiverFound(errors.length), { status, errors });
  const said = errors[0]?.message;
  return new SubmissionError('rejected', enSubmit.rejected(status, said), { status, errors });
}

/** Sends once. Resolves with the receiver's confirmation; rejects with a `SubmissionError` (or an `AbortError` when `signal` aborts). */
export function sendSubmission(options: SendOptions): Promise<Receipt> {
  const { action, body, idempotencyKey, timeout, signal, onProgress, maxFileBytes } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    };
    // A timer restarted by every piece of the upload: a large PDF on a slow line is not "no answer".
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const wait = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        xhr.abort();
      }, timeout);
    };
    xhr.open('POST', action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(IDEMPOTENCY_HEADER, idempotencyKey);
    xhr.upload.addEventListener('progress', (event) => {
      wait();
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      settle();
      // A web page is not a confirmation, whatever its status: a static host or a login page answers 200 too.
      const page = /text\/html/i.test(xhr.getResponseHeader('Content-Type') ?? '');
      if (xhr.status >= 200 && xhr.status < 300 && page) {
        reject(new SubmissionError('server', enSubmit.notConfirmed, { status: xhr.status }));
      } else if (xhr.status >= 200 && xhr.status < 300) {
        const json = readJson(xhr) as { id?: unknown; message?: unknown } | undefined;
        resolve({
          status: xhr.status,
          id: typeof json?.id === 'string' || typeof json?.id === 'number' ? String(json.id) : undefined,
          message: typeof json?.message === 'string' ? json.message : undefined,
          body: json,
          replayed: xhr.getResponseHeader('Idempotent-Replayed') === 'true',
        });
      } else {
        reject(failure(xhr, maxFileBytes));
      }
    });
    xhr.addEventListener('error', () => {
      settle();
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      reject(offline ? new SubmissionError('offline', enSubmit.offline) : new SubmissionError('network', enSubmit.network));
    });
    xhr.addEventListener('abort', () => {
      settle();
      if (timedOut) reject(new SubmissionError('timeout', enSubmit.timeout(timeout)));
      else reject(signal?.reason ?? new DOMException('The submission was cancelled.', 'AbortError'));
    });
    xhr.send(body);
    wait();
  });
}
