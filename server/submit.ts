/**
 * `POST /submissions`: what `<submit-form>` sends. Checks, in order: origin
 * (403), content type (415), declared size (413), rate (429), a known
 * idempotency key (replayed), then the form itself as it streams in (413,
 * 422), the shared schema (422), the honeypot and the host's `verify` hook;
 * then the PDF is made durable, the row committed, and only then answered.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  inFormOrder,
  HONEYPOT_FIELD,
  IDEMPOTENCY_HEADER,
  messageFor,
  normalizeSubmission,
  validateSubmission,
  type FieldError,
  type RawFields,
  type Submission,
  type SubmissionKind,
} from '../src/submission/schema.js';
import { Refusal, refuse } from './errors.js';
import type { FileStore } from './files.js';
import { readMultipartForm, readUrlEncodedForm, type ReadForm } from './form.js';
import type { SubmissionRecord, SubmissionStore } from './store.js';
import type { RateLimit } from './config.js';

/** The header that marks an answer as a repeat of an earlier one. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** What a host's CAPTCHA (or any other) check is given. */
export interface VerifyInput {
  request: FastifyRequest;
  /** Every field as sent, including ones the schema does not know (such as `cf-turnstile-response`). */
  fields: RawFields;
  /** The submission as it passed the schema. */
  submission: Submission;
}

/**
 * A host's extra check, run after the schema passed and before anything is
 * stored: `true` to accept; `false` or `{ errors }` to refuse with 422;
 * `{ spam: true }` to answer like a success but store the submission as spam.
 */
export type VerifyHook = (input: VerifyInput) => VerifyVerdict | Promise<VerifyVerdict>;
export type VerifyVerdict = boolean | { spam: true } | { errors: FieldError[] };

export interface SubmissionRouteOptions {
  store: SubmissionStore;
  files: FileStore;
  origins: readonly string[];
  maxFileBytes: number;
  rateLimit: RateLimit | false;
  verify?: VerifyHook;
}

/** Room for the text fields next to the largest file, when judging a declared Content-Length. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

const NEXT_STEPS: Record<SubmissionKind, string> = {
  contribution:
    'Thank you: your suggestion has arrived. An editor at the institute will look at it, and if it is accepted it will appear in the library. We will write to you only if we have a question.',
  removal:
    'Thank you: your request has arrived. An editor at the institute will review it and write to you at the address you gave. Until then the publication stays listed.',
};

/** Registers `POST /submissions` on `app`. */
export function registerSubmissionRoute(app: FastifyInstance, options: SubmissionRouteOptions): void {
  const allowed = new Set(options.origins);
  const { store, files, maxFileBytes } = options;

  const checkOrigin = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      throw refuse(403, 'origin_not_allowed', 'This form cannot be sent from this website. Send your submission from the library’s own pages.');
    }
  };
  const checkContentType = async (request: FastifyRequest) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'multipart/form-data' && type !== 'application/x-www-form-urlencoded') {
      throw refuse(415, 'unsupported_media_type', 'Send the form as multipart/form-data, the way a browser sends a form with a file.');
    }
  };
  const checkDeclaredSize = async (request: FastifyRequest) => {
    const length = Number(request.headers['content-length']);
    if (Number.isFinite(length) && length > maxFileBytes + FORM_OVERHEAD_BYTES) {
      throw new Refusal(413, [{ field: 'file', code: 'file_too_big', message: messageFor('file', 'file_too_big', { maxFileBytes }) }]);
    }
  };

  app.post(
    '/submissions',
    {
      onRequest: [checkOrigin, checkContentType, checkDeclaredSize],
      config: options.rateLimit ? { rateLimit: { max: options.rateLimit.max, timeWindow: options.rateLimit.timeWindowMs } } : {},
    },
    async (request, reply) => {
      const key = idempotencyKey(request);
      const earlier = key ? store.findByKey(key) : undefined;
      if (earlier) {
        // Read the retry's body before answering: a browser still sending a large PDF may report a reset
        // connection instead of the answer when the server stops reading early.
        if (request.isMultipart()) await drain(request.raw, maxFileBytes + FORM_OVERHEAD_BYTES);
        return answer(reply, earlier, false);
      }

      const form: ReadForm = request.isMultipart()
        ? await readMultipartForm(request, files, maxFileBytes)
        : readUrlEncodedForm(request.body as URLSearchParams);
      let kept = false;
      try {
        const { submission, errors } = check(form, maxFileBytes);
        if (!submission) throw new Refusal(422, errors);

        let status: 'pending' | 'spam' = isHoneypotHit(form.fields) ? 'spam' : 'pending';
        if (status === 'pending' && options.verify) {
          const verdict = await options.verify({ request, fields: form.fields, submission });
          if (verdict === false) throw refuse(422, 'verification_failed', 'We could not confirm that a person sent this form. Please try again.');
          if (typeof verdict === 'object' && 'errors' in verdict) throw new Refusal(422, verdict.errors);
          if (typeof verdict === 'object' && 'spam' in verdict) status = 'spam';
        }

        // Only a contribution keeps its PDF; a file sent with a removal is dropped.
        const file = submission.kind === 'contribution' ? form.file : undefined;
        if (file) {
          await files.keep(file);
          kept = true;
        }
        const { record, created } = store.insert({
          idempotencyKey: key ?? null,
          status,
          data: submission,
          file: file ? { sha256: file.sha256, name: file.name, size: file.size } : null,
          origin: request.headers.origin ?? null,
          ip: request.ip,
        });
        return answer(reply, record, created);
      } finally {
        if (form.file && !kept) await files.discard(form.file);
      }
    },
  );
}

/** Reads and drops a request body, up to `limit` bytes (beyond that, the connection is left to close). */
async function drain(body: AsyncIterable<Buffer>, limit: number): Promise<void> {
  let read = 0;
  for await (const chunk of body) {
    read += chunk.length;
    if (read > limit) return;
  }
}

/** The form against the shared schema, plus the content check the schema cannot make: is the file really a PDF. */
function check(form: ReadForm, maxFileBytes: number): { submission?: Submission; errors: FieldError[] } {
  const normalized = normalizeSubmission(form.fields, form.file && { name: form.file.name, size: form.file.size });
  const result = validateSubmission(normalized, { maxFileBytes });
  let errors = result.errors;
  const kind = normalized.kind as SubmissionKind;
  if (kind === 'contribution' && form.file && form.file.size > 0 && !form.file.isPdf && !errors.some((e) => e.field === 'file')) {
    errors = inFormOrder(kind, [...errors, { field: 'file', code: 'not_pdf', message: messageFor('file', 'not_pdf') }]);
  }
  return result.success && errors.length === 0 ? { submission: result.data, errors } : { errors };
}

/** The honeypot field is hidden from people; anything in it was typed by software. */
function isHoneypotHit(fields: RawFields): boolean {
  const value = fields[HONEYPOT_FIELD];
  return typeof value === 'string' && value.trim() !== '';
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw refuse(400, 'invalid_idempotency_key', `The ${IDEMPOTENCY_HEADER} header must be one value of up to 200 visible characters, such as a UUID.`);
  }
  return value;
}

/** 201 for a new submission; 200 with `Idempotent-Replayed: true` for one already stored under the same key. Spam looks like any other. */
function answer(reply: FastifyReply, record: SubmissionRecord, created: boolean) {
  reply.code(created ? 201 : 200);
  if (!created) reply.header(REPLAYED_HEADER, 'true');
  return { id: record.id, kind: record.kind, status: 'received', message: NEXT_STEPS[record.kind] };
}
