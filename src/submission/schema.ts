/**
 * What a submission is: a suggested work (a contribution) or a request to take
 * one down (a removal). This one module is imported by `<submit-form>` in the
 * browser and by the receiver in `server/`, so the reader sees exactly the
 * rules the receiver enforces, and the receiver's answers land on the same
 * fields.
 *
 * The schemas speak in short codes (`required`, `too_long` …). `messageFor`
 * turns a code into plain words for a field; `validateSubmission` returns
 * `{ field, code, message }` problems, the same shape the receiver sends back
 * in `{ errors: [...] }` and the shape of Formspree-style endpoints.
 *
 * Input comes from a form, so `normalizeSubmission` first turns raw form
 * values (strings, repeated fields, checkbox values) into the plain object the
 * schemas check: text trimmed, empty text dropped, blank author rows removed.
 */
import * as z from 'zod/mini';

/** The two kinds of submission. */
export const SUBMISSION_KINDS = ['contribution', 'removal'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** How a person asking for a removal relates to the work. */
export const RELATIONS = ['author', 'rights-holder', 'publisher', 'employer', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Longest accepted text, per field, in characters. */
export const LIMITS = {
  title: 300,
  author: 200,
  authors: 20,
  type: 40,
  url: 2000,
  publisher: 200,
  summary: 1500,
  why: 1500,
  name: 200,
  email: 254,
  publication: 500,
  reason: 4000,
  fileName: 255,
} as const;

/** Shortest accepted reason for a removal, in characters: a few words. */
export const MIN_REASON = 10;

/** The largest PDF accepted unless the form or the receiver is told otherwise: 20 MB. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The first bytes of every PDF file. Files are checked by content, never by name. */
export const PDF_MAGIC = '%PDF-';

/** A field people never see; software that fills every field fills it too. */
export const HONEYPOT_FIELD = 'website';

/** The request header that lets a retry be recognised and stored once. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The multipart field that carries the PDF. */
export const FILE_FIELD = 'file';

/** What is known about an attached PDF when the text fields are checked. */
export interface FileInfo {
  name: string;
  size: number;
}

/** One problem with one field (`field` is `null` for the submission as a whole). */
export interface FieldError {
  field: string | null;
  code: string;
  message: string;
}

// The HTML standard's rule for a valid e-mail address, with a dot required in the domain.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `http:` or `https:` with a host, nothing else. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** `2024`, `2024-05` or `2024-05-15`, a real calendar date, not after tomorrow (time zones). */
export function dateProblem(value: string, now = new Date()): 'invalid_date' | 'future_date' | undefined {
  const match = DATE.exec(value);
  if (!match) return 'invalid_date';
  const [year, month = 1, day = 1] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'invalid_date';
  return date.getTime() > now.getTime() + 86_400_000 ? 'future_date' : undefined;
}

// Control characters (escape sequences, NUL …) have no place in a form's answers: they could reach a moderator's
// terminal or the feed. Line breaks are allowed only in the long answers.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\r\n]/;
const MULTILINE = new Set(['summary', 'why', 'reason']);
const plain = (multiline: boolean) =>
  z.refine<string>((value) => !CONTROL.test(value) && (multiline || !LINE_BREAK.test(value)), 'invalid_characters');

const text = (max: number, multiline = false) =>
  z.string('required').check(z.minLength(1, 'required'), z.maxLength(max, 'too_long'), plain(multiline));
const optionalText = (max: number) => z.optional(z.string().check(z.maxLength(max, 'too_long'), plain(false)));
const email = () => text(LIMITS.email).check(z.regex(EMAIL, 'invalid_email'));
const webAddress = () =>
  z.string().check(z.maxLength(LIMITS.url, 'too_long'), z.refine(isWebAddress, 'invalid_url'));
const agreed = () => z.literal(true, 'consent_required');

const fileInfo = z.object({
  name: z.string().check(z.maxLength(LIMITS.fileName, 'too_long')),
  size: z.number().check(z.positive('empty_file')),
});

/** Checks that must see several fields at once run even when single fields failed, so every problem shows at once. */
const always = { when: () => true };

/** A suggested work, as the receiver stores it. */
export const contributionSchema = z
  .object({
    kind: z.literal('contribution'),
    title: text(LIMITS.title),
    authors: z
      .array(z.string().check(z.maxLength(LIMITS.author, 'too_long'), plain(false)), 'required')
      .check(z.minLength(1, 'required'), z.maxLength(LIMITS.authors, 'too_many')),
    type: text(LIMITS.type).check(z.regex(SLUG, 'invalid_choice')),
    url: z.optional(webAddress()),
    file: z.optional(fileInfo),
    date: z.optional(z.string().check(z.refine((value) => dateProblem(value) !== 'invalid_date', 'invalid_date'), z.refine((value) => dateProblem(value) !== 'future_date', 'future_date'))),
    publisher: optionalText(LIMITS.publisher),
    summary: text(LIMITS.summary, true),
    why: text(LIMITS.why, true),
    name: text(LIMITS.name),
    email: email(),
    consentContact: agreed(),
    consentHost: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((value, ctx) => {
      const v = value as Partial<{ url: unknown; file: unknown; consentHost: unknown }>;
      if (!v.url && !v.file) ctx.addIssue({ code: 'custom', message: 'link_or_file', path: ['url'], input: v.url });
      if (v.file && v.consentHost !== true) {
        ctx.addIssue({ code: 'custom', message: 'consent_required', path: ['consentHost'], input: v.consentHost });
      }
    }, always),
  );

/** A request to take a work down, as the receiver stores it. */
export const removalSchema = z
  .object({
    kind: z.literal('removal'),
    publicationId: optionalText(LIMITS.publication),
    publication: optionalText(LIMITS.publication),
    name: text(LIMITS.name),
    email: email(),
    relation: z.enum(RELATIONS, 'required'),
    reason: text(LIMITS.reason, true).check(z.minLength(MIN_REASON, 'too_short')),
    confirm: z.literal(true, 'confirm_required'),
  })
  .check(
    z.superRefine((value, ctx) => {
      const v = value as Partial<{ publicationId: unknown; publication: unknown }>;
      if (!v.publicationId && !v.publication) {
        ctx.addIssue({ code: 'custom', message: 'required', path: ['publication'], input: v.publication });
      }
    }, always),
  );

export const submissionSchema = z.discriminatedUnion('kind', [contributionSchema, removalSchema]);

export type Contribution = z.infer<typeof contributionSchema>;
export type Removal = z.infer<typeof removalSchema>;
export type Submission = z.infer<typeof submissionSchema>;

/** The fields of each kind, in the order a form shows them (and an error summary lists them). */
export const FIELD_ORDER: Record<SubmissionKind, readonly string[]> = {
  contribution: ['title', 'authors', 'type', 'url', 'file', 'date', 'publisher', 'summary', 'why', 'name', 'email', 'consentContact', 'consentHost'],
  removal: ['publicationId', 'publication', 'name', 'email', 'relation', 'reason', 'confirm'],
};

/** What each field is called in messages. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  authors: 'Authors',
  type: 'Type',
  url: 'Link',
  file: 'PDF file',
  date: 'Date',
  publisher: 'Publisher or outlet',
  summary: 'Summary',
  why: 'Why it belongs',
  name: 'Your name',
  email: 'Your email',
  consentContact: 'Consent to be contacted',
  consentHost: 'Permission to host the PDF',
  publicationId: 'Publication',
  publication: 'Publication',
  relation: 'Your relation to the work',
  reason: 'Reason',
  confirm: 'Confirmation',
};

/** What to ask for when a required field is empty. */
const REQUIRED: Record<string, string> = {
  title: 'Enter the title of the work.',
  authors: 'Enter at least one author.',
  type: 'Choose a type.',
  summary: 'Enter a short summary.',
  why: 'Say why the work belongs in the library.',
  name: 'Enter your name.',
  email: 'Enter your email address.',
  publication: 'Choose the publication, or enter its title or link.',
  relation: 'Choose your relation to the work.',
  reason: 'Enter the reason for your request.',
};

const TOO_LONG_LIMIT: Record<string, number> = {
  authors: LIMITS.author,
  publicationId: LIMITS.publication,
  file: LIMITS.fileName,
};

/** A problem code in plain words, for one field. */
export function messageFor(field: string | null, code: string, options: { maxFileBytes?: number } = {}): string {
  const label = (field && FIELD_LABELS[field]) ?? 'This field';
  const limit = field ? (TOO_LONG_LIMIT[field] ?? LIMITS[field as keyof typeof LIMITS]) : undefined;
  switch (code) {
    case 'required':
      return (field && REQUIRED[field]) ?? `Enter ${label.toLowerCase()}.`;
    case 'too_long':
      if (field === 'authors') return `Each author's name must be ${limit} characters or fewer.`;
      return `${label} must be ${limit ?? 'fewer'} characters or fewer.`;
    case 'too_short':
      return `${label} must be at least ${MIN_REASON} characters: a sentence or two is enough.`;
    case 'too_many':
      return `List at most ${LIMITS.authors} authors; add "et al." to the last one if there are more.`;
    case 'invalid_email':
      return 'Enter an email address such as name@example.org.';
    case 'invalid_url':
      return 'Enter a web address that starts with https:// or http://.';
    case 'invalid_date':
      return 'Enter the date as a year (2024), a month (2024-05) or a day (2024-05-15).';
    case 'future_date':
      return 'The date is in the future: enter when the work was published.';
    case 'invalid_choice':
      return `Choose ${label.toLowerCase()} from the list.`;
    case 'link_or_file':
      return 'Give a link to the work or attach its PDF (or both).';
    case 'consent_required':
      return field === 'consentHost'
        ? 'Allow us to host the PDF, or remove the file and give a link instead.'
        : 'Tick the box to let us contact you about this suggestion.';
    case 'invalid_characters':
      return field && MULTILINE.has(field)
        ? `${label} contains control characters that cannot be stored. Retype it rather than pasting it.`
        : `${label} must be one line of ordinary text. Retype it rather than pasting it.`;
    case 'confirm_required':
      return 'Tick the box to confirm the request is yours and accurate.';
    case 'not_pdf':
      return 'This file is not a PDF. Choose a PDF file (its content must start with %PDF-).';
    case 'empty_file':
      return 'This file is empty. Choose the PDF again.';
    case 'file_too_big': {
      const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      return `This file is larger than ${formatBytes(max)}. Give a link to the work instead, or a smaller PDF.`;
    }
    case 'too_many_files':
      return 'Attach one PDF only.';
    default:
      return `${label} is not valid.`;
  }
}

/** `20971520` → `20 MB`, `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
}

/** Raw form values: one string per field, or several for a repeated field (authors). */
export type RawFields = Record<string, string | readonly string[] | boolean | undefined>;

const BOOLEAN_FIELDS = new Set(['consentContact', 'consentHost', 'confirm']);

/**
 * Raw form values → the object the schemas check. Unknown fields are left
 * out, text is trimmed, empty text is dropped (so a missing field reads as
 * "required"), and checkbox values (`on`, `true`, `yes`, `1`) become `true`.
 */
export function normalizeSubmission(raw: RawFields, file?: FileInfo): Record<string, unknown> {
  const kind = raw.kind === 'removal' ? 'removal' : 'contribution';
  const out: Record<string, unknown> = { kind };
  for (const field of FIELD_ORDER[kind]) {
    if (field === 'file') continue;
    const value = raw[field];
    if (BOOLEAN_FIELDS.has(field)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first === true || (typeof first === 'string' && /^(on|true|yes|1)$/i.test(first))) out[field] = true;
      continue;
    }
    if (field === 'authors') {
      const rows = (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) as string[];
      out.authors = rows.map((row) => row.trim()).filter(Boolean);
      continue;
    }
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.trim() !== '') out[field] = first.trim();
  }
  if (kind === 'contribution' && file) out.file = { name: file.name, size: file.size };
  return out;
}

export type ValidationResult =
  | { success: true; data: Submission; errors: [] }
  | { success: false; data?: undefined; errors: FieldError[] };

/**
 * Checks a normalized submission. Every problem is reported, at most one per
 * field, in the order the form shows the fields.
 */
export function validateSubmission(value: unknown, options: { maxFileBytes?: number } = {}): ValidationResult {
  const result = submissionSchema.safeParse(value);
  const errors: FieldError[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.length ? String(issue.path[0]) : null;
      if (errors.some((e) => e.field === field)) continue;
      const code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid';
      errors.push({ field, code, message: messageFor(field, code, options) });
    }
  }
  const file = (value as { file?: FileInfo } | null)?.file;
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (file && file.size > max && !errors.some((e) => e.field === 'file')) {
    errors.push({ field: 'file', code: 'file_too_big', message: messageFor('file', 'file_too_big', options) });
  }
  if (errors.length === 0 && result.success) return { success: true, data: result.data, errors: [] };
  const kind = (value as { kind?: string } | null)?.kind === 'removal' ? 'removal' : 'contribution';
  return { success: false, errors: inFormOrder(kind, errors) };
}

/**
 * Problems in the order the form shows its fields: those about the whole
 * submission first, fields the form does not show last. The form's summary,
 * the checks and the receiver all list problems in this order.
 */
export function inFormOrder(kind: SubmissionKind, errors: readonly FieldError[]): FieldError[] {
  const order = FIELD_ORDER[kind];
  const rank = (field: string | null) => (field === null ? -1 : order.indexOf(field) === -1 ? order.length : order.indexOf(field));
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** How many leading bytes may come before `%PDF-`: readers accept a little junk first, as the PDF standard's notes allow. */
export const PDF_HEADER_WINDOW = 1024;

/** Whether a file's first bytes (at least the first {@link PDF_HEADER_WINDOW}, or the whole file if shorter) are those of a PDF. */
export function looksLikePdf(firstBytes: Uint8Array): boolean {
  const end = Math.min(firstBytes.length, PDF_HEADER_WINDOW) - PDF_MAGIC.length;
  outer: for (let start = 0; start <= end; start += 1) {
    for (let i = 0; i < PDF_MAGIC.length; i += 1) if (firstBytes[start + i] !== PDF_MAGIC.charCodeAt(i)) continue outer;
    return true;
  }
  return false;
}
