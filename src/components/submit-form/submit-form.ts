import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { DraftController } from '../../controllers/draft-controller.js';
import type { Feed } from '../../feed/publication.js';
import { enSubmit } from '../../localize/en-submit.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  inFormOrder,
  FILE_FIELD,
  HONEYPOT_FIELD,
  LIMITS,
  RELATIONS,
  formatBytes,
  looksLikePdf,
  messageFor,
  normalizeSubmission,
  validateSubmission,
  PDF_HEADER_WINDOW,
  type FieldError,
  type Submission,
  type SubmissionKind,
  type ValidationResult,
} from '../../submission/schema.js';
import { sendSubmission, type Receipt } from '../../submission/send-submission.js';
import { SubmissionError } from '../../submission/submission-error.js';
import { SubmissionSendEvent } from '../../events/submission-send-event.js';
import { SubmissionSuccessEvent } from '../../events/submission-success-event.js';
import { SubmissionErrorEvent } from '../../events/submission-error-event.js';
import { hostStyles } from '../../styles/host.js';
import { warnOnce } from '../../diagnostics/warn.js';
import { checkboxField, hintAndError, labelText, selectField, textField, describedBy } from './fields.js';
import { submitFormStyles } from './submit-form.styles.js';

export type SubmitMode = 'contribute' | 'removal';

const MODES: readonly SubmitMode[] = ['contribute', 'removal'];

/** Types offered when no feed names its own. */
const DEFAULT_TYPES = [
  ['report', 'Report'],
  ['paper', 'Paper'],
  ['article', 'Article'],
  ['book', 'Book'],
  ['fact-sheet', 'Fact sheet'],
  ['briefing', 'Briefing'],
  ['op-ed', 'Op-ed'],
  ['other', 'Other'],
] as const;

/** Default wait without progress (between pieces of the upload, then for the answer). */
const DEFAULT_TIMEOUT = 60_000;

type Phase = 'editing' | 'sending' | 'sent';

/** `20MB`, `500 KB`, `1.5mb` or a number of bytes → bytes; `undefined` when unreadable. */
export function parseSize(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(String(value));
  if (!match) return undefined;
  const scale = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  const bytes = Math.round(Number(match[1]) * scale);
  return bytes > 0 ? bytes : undefined;
}

/**
 * A form for readers to suggest a work for the library (`mode="contribute"`,
 * the default) or to ask for one to be taken down (`mode="removal"`). It
 * checks every answer with the same rules as the receiver, lists the
 * problems in a summary that takes focus, sends `multipart/form-data` with
 * upload progress to `action`, and never loses what the reader typed: the
 * answers and the PDF are kept in the browser until the receiver confirms,
 * across failures, reloads and closed tabs.
 *
 * @summary A contribution or removal-request form that keeps its draft until it is delivered.
 *
 * @fires submission-send - `SubmissionSendEvent`, cancelable, before sending: `submission`, `formData`, `idempotencyKey`; `respondWith(promise)` lets the page send it itself.
 * @fires submission-success - `SubmissionSuccessEvent`: the receiver confirmed; `receipt.id`, `receipt.message`.
 * @fires submission-error - `SubmissionErrorEvent`: answers to fix, or a failed send; `error.kind`, `error.errors`.
 *
 * @csspart form - The form.
 * @csspart summary - The list of problems shown when sending is refused.
 * @csspart field-error - A problem shown next to its field.
 * @csspart notice - The note that an unsent draft was restored.
 * @csspart progress - The upload progress bar.
 * @csspart submit - The send button.
 * @csspart failure - The message shown when sending failed, with "Try again".
 * @csspart confirmation - The thanks shown once the submission arrived.
 *
 * @cssprop --vl-font-family - Font of all text. Default: inherited from the page.
 * @cssprop --vl-color-text - Text colour. Default: inherited from the page.
 * @cssprop --vl-color-accent - Buttons, focus and links. Default: `#0b5394`.
 * @cssprop --vl-color-accent-contrast - Text on the send button. Default: `#ffffff`.
 * @cssprop --vl-color-border - Field borders. Default: the text colour at 22%.
 * @cssprop --vl-color-surface - Field background. Default: `transparent`.
 * @cssprop --vl-color-danger - Problems and their borders. Default: `#b3261e`.
 * @cssprop --vl-radius - Corner radius. Default: `0.5rem`.
 * @cssprop --vl-space - Base spacing unit. Default: `1rem`.
 * @cssprop --vl-focus-ring - Outline of the focused control. Default: `2px solid` the accent colour.
 */
export class SubmitForm extends LitElement {
  static override styles = [hostStyles, submitFormStyles];

  static override properties = {
    action: {},
    mode: { reflect: true },
    feed: {},
    maxFileSize: { attribute: 'max-file-size' },
    timeout: { type: Number },
    draftKey: { attribute: 'draft-key' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    label: {},
    theme: { reflect: true },
    values: { state: true },
    authors: { state: true },
    file: { state: true },
    phase: { state: true },
    progress: { state: true },
    failure: { state: true },
    receipt: { state: true },
    touched: { state: true },
    showAll: { state: true },
    serverErrors: { state: true },
    fileError: { state: true },
    restored: { state: true },
    fileStatus: { state: true },
  };

  /** The receiver's address: where the form is POSTed. */
  action = '';

  /** `contribute` (suggest a work, the default) or `removal` (ask for one to be taken down). */
  mode: SubmitMode = 'contribute';

  /** A Virtual Library feed: its types fill the "Type" list, and in removal mode its publications fill the picker. */
  feed?: string;

  /** The largest PDF accepted, such as `10MB` or a number of bytes. Default: 20 MB. */
  maxFileSize?: string;

  /** Milliseconds to wait without progress: for each piece of the upload, then for the receiver's answer. Default: 60 000. */
  timeout?: number;

  /** Where the draft is kept in this browser. Set it when one page has two forms of the same mode and action. */
  draftKey?: string;

  /** Level of the headings of the problem summary and the confirmation. Default 2. */
  headingLevel = 2;

  /** The form's accessible name. Default: "Suggest a work" or "Ask for a work to be removed". */
  label?: string;

  /** `light` (default), `dark`, or `auto` to follow the reader's system. */
  theme?: 'light' | 'dark' | 'auto';

  /** @internal */ values: Record<string, string | boolean> = {};
  /** @internal */ authors: string[] = [''];
  /** @internal */ file?: File;
  /** @internal */ phase: Phase = 'editing';
  /** @internal */ progress?: number;
  /** @internal */ failure?: SubmissionError;
  /** @internal */ receipt?: Receipt;
  /** @internal */ touched = new Set<string>();
  /** @internal */ showAll = false;
  /** @internal */ serverErrors = new Map<string, FieldError>();
  /** @internal */ fileError?: FieldError;
  /** @internal */ restored?: { savedAt: number; file: boolean; fileMissing?: string };
  /** @internal */ fileStatus = '';

  private readonly draft = new DraftController(
    this,
    () => ({
      fields: { ...this.values, authors: this.authors },
      file: this.file ? { name: this.file.name, size: this.file.size, type: this.file.type } : undefined,
    }),
  );

  private restoredKey?: string;
  private focusAfterRender?: string;
  /** The PDF on its way back from IndexedDB, with the draft it belongs to. */
  private fileRestore?: Promise<void>;
  private restoreGeneration = 0;
  /** Between a press of the send button and the start of sending (the checks, a PDF still being restored). */
  private starting = false;

  private readonly feedTask = new Task(this, {
    // The feed's reader loads only for forms that name a feed.
    task: async ([feed], { signal }) => (feed ? (await import('../../feed/load-feed.js')).loadFeed(feed, { signal }) : undefined),
    args: () => [this.feed] as const,
  });

  private readonly sendTask = new Task(this, {
    autoRun: false,
    task: async ([submission, body, key]: readonly [Submission, FormData, string], { signal }) => this.deliver(submission, body, key, signal),
  });

  /** Where this form's draft is kept: one per form mode and receiver, unless `draft-key` says otherwise. */
  private get storageKey(): string {
    return this.draftKey || `${this.kind}:${this.action || location.pathname}`;
  }

  /** The kind of submission this form makes. */
  get kind(): SubmissionKind {
    return this.mode === 'removal' ? 'removal' : 'contribution';
  }

  private get maxFileBytes(): number {
    const parsed = parseSize(this.maxFileSize);
    if (this.maxFileSize && parsed === undefined) {
      warnOnce(this, 'max-file-size', this.maxFileSize, ['a size such as 10MB or 500KB', 'a number of bytes']);
    }
    return parsed ?? DEFAULT_MAX_FILE_BYTES;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.restoreDraft();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode') && !warnOnce(this, 'mode', this.mode, MODES)) this.mode = 'contribute';
    // A different form (mode, receiver or key) has a different draft.
    if (this.isConnected && (changed.has('mode') || changed.has('action') || changed.has('draftKey'))) this.restoreDraft();
  }

  protected override updated(): void {
    if (this.focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
      this.focusAfterRender = undefined;
      target?.focus();
    }
  }

  /** Fills the form from the draft kept in this browser for this form, if there is one. */
  private restoreDraft(): void {
    const key = this.storageKey;
    if (this.restoredKey === key) return;
    this.restoredKey = key;
    const generation = ++this.restoreGeneration;
    const draft = this.draft.restore(key);
    if (!draft) return;
    const { authors, ...fields } = draft.fields;
    this.values = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')) as Record<string, string | boolean>;
    this.authors = Array.isArray(authors) && authors.length ? [...authors] : [''];
    this.file = undefined;
    this.restored = { savedAt: draft.savedAt, file: false };
    const kept = draft.file;
    if (kept) {
      this.fileRestore = this.draft.restoreFile().then((file) => {
        // A later draft, a new choice or a discard wins over a PDF that arrives late.
        if (generation !== this.restoreGeneration || this.file || !this.restored) return;
        if (file && file.name === kept.name && file.size === kept.size) {
          this.file = file;
          this.restored = { ...this.restored, file: true };
        } else {
          this.restored = { ...this.restored, fileMissing: kept.name };
        }
      });
    }
  }

  // ---- Reading and checking the answers -------------------------------------------------------

  private raw(): Record<string, string | boolean | string[]> {
    return { ...this.values, kind: this.kind, authors: this.authors };
  }

  /** The answers as they are now, against the shared rules. */
  private check(): ValidationResult {
    const file = this.file ? { name: this.file.name, size: this.file.size } : undefined;
    return validateSubmission(normalizeSubmission(this.raw(), file), { maxFileBytes: this.maxFileBytes });
  }

  /** Problems to show now: the form's own for fields left (or all, after a send was tried), then the receiver's. */
  private visibleErrors(): Map<string, FieldError> {
    const shown = new Map<string, FieldError>();
    for (const error of this.check().errors) {
      const field = error.field ?? '';
      if (this.showAll || this.touched.has(field)) shown.set(field, error);
    }
    if (this.fileError) shown.set(FILE_FIELD, this.fileError);
    for (const [field, error] of this.serverErrors) if (!shown.has(field)) shown.set(field, error);
    return shown;
  }

  private setValue(name: string, value: string | boolean): void {
    this.values = { ...this.values, [name]: value };
    this.changedField(name);
  }

  private changedField(name: string): void {
    if (this.serverErrors.has(name)) {
      const next = new Map(this.serverErrors);
      next.delete(name);
      this.serverErrors = next;
    }
    if (this.failure && this.failure.kind !== 'invalid') this.failure = undefined;
    this.draft.changed();
  }

  private touch(name: string): void {
    if (this.touched.has(name)) return;
    this.touched = new Set(this.touched).add(name);
  }

  private readonly onInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    if (!target.name || target.name === HONEYPOT_FIELD) {
      if (target.name === HONEYPOT_FIELD) this.values = { ...this.values, [HONEYPOT_FIELD]: target.value };
      return;
    }
    if (target.name === 'authors') {
      const index = Number(target.dataset.index);
      const authors = [...this.authors];
      authors[index] = target.value;
      this.authors = authors;
      this.changedField('authors');
      return;
    }
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      this.setValue(target.name, target.checked);
      this.touch(target.name);
      return;
    }
    this.setValue(target.name, target.value);
    if (target instanceof HTMLSelectElement) this.touch(target.name);
  };

  private readonly onFocusOut = (event: FocusEvent) => {
    const target = event.target as HTMLInputElement;
    if (!target.name || target.name === HONEYPOT_FIELD) return;
    // Leaving one author field for the next is not leaving the list of authors.
    const next = event.relatedTarget as HTMLInputElement | null;
    if (target.name === 'authors' && next?.name === 'authors') return;
    this.touch(target.name);
    this.draft.flush();
  };

  private async onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    const max = this.maxFileBytes;
    let code: string | undefined;
    if (chosen.size === 0) code = 'empty_file';
    else if (chosen.size > max) code = 'file_too_big';
    else if (!looksLikePdf(new Uint8Array(await chosen.slice(0, PDF_HEADER_WINDOW).arrayBuffer()))) code = 'not_pdf';
    if (code) {
      this.fileError = { field: FILE_FIELD, code, message: messageFor(FILE_FIELD, code, { maxFileBytes: max }) };
      this.fileStatus = this.fileError.message;
      console.warn(`<submit-form> ${chosen.name}: ${this.fileError.message}`);
      return;
    }
    this.fileError = undefined;
    this.fileStatus = enSubmit.fileAdded(chosen.name);
    this.restoreGeneration += 1;
    this.file = chosen;
    this.touch(FILE_FIELD);
    this.changedField(FILE_FIELD);
    await this.draft.saveFile(chosen);
    this.requestUpdate();
  }

  private async removeFile(): Promise<void> {
    this.file = undefined;
    this.fileError = undefined;
    this.fileStatus = enSubmit.fileRemoved;
    this.changedField(FILE_FIELD);
    this.focusAfterRender = '#f-file';
    await this.draft.saveFile(undefined);
  }

  private addAuthor(): void {
    this.authors = [...this.authors, ''];
    this.focusAfterRender = `#f-authors-${this.authors.length - 1}`;
    this.draft.changed();
  }

  private removeAuthor(index: number): void {
    this.authors = this.authors.filter((_, i) => i !== index);
    this.focusAfterRender = `#f-authors-${Math.max(0, index - 1)}`;
    this.draft.changed();
  }

  private async discardDraft(): Promise<void> {
    this.clearAnswers();
    this.restored = undefined;
    this.restoreGeneration += 1;
    await this.draft.clear();
    this.focusAfterRender = 'form';
  }

  // ---- Sending ----------------------------------------------------------------------------------

  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  /**
   * Checks the answers and sends them, as the send button does. Resolves once
   * the attempt is over (check `submission-success`/`submission-error`).
   * Ignored while a send is already under way.
   */
  async submit(): Promise<void> {
    if (this.phase !== 'editing' || this.starting) return;
    this.starting = true;
    try {
      // A PDF still coming back from the draft store goes with the answers.
      await this.fileRestore;
      await this.checkAndSend();
    } finally {
      this.starting = false;
    }
  }

  private async checkAndSend(): Promise<void> {
    this.showAll = true;
    this.serverErrors = new Map();
    // A refused pick is history once the reader sends: only what is attached now counts.
    this.fileError = undefined;
    const result = this.check();
    if (!result.success) {
      this.reportFailure(new SubmissionError('invalid', enSubmit.summaryIntro(result.errors.length), { errors: result.errors }), '.error-summary');
      return;
    }
    if (!this.action) {
      this.reportFailure(new SubmissionError('rejected', enSubmit.noAction), '.failure');
      return;
    }
    this.failure = undefined;
    this.progress = undefined;
    this.phase = 'sending';
    // Nothing can be changed while it sends, so what arrives is what the reader sees.
    if (this.renderRoot.querySelector('.fields')?.contains((this.renderRoot as ShadowRoot).activeElement)) this.focusAfterRender = '[part=submit]';
    const body = this.formData();
    const key = this.draft.keyForSending(JSON.stringify({ ...normalizeSubmission(this.raw()), file: this.file && [this.file.name, this.file.size, this.file.lastModified] }));
    await this.sendTask.run([result.data, body, key]);
  }

  /** The body sent to the receiver: the normalized fields, the honeypot, and the PDF. */
  private formData(): FormData {
    const body = new FormData();
    const normalized = normalizeSubmission(this.raw());
    for (const [name, value] of Object.entries(normalized)) {
      if (Array.isArray(value)) for (const item of value) body.append(name, String(item));
      else if (typeof value === 'boolean') body.append(name, value ? 'on' : '');
      else if (typeof value === 'string') body.append(name, value);
    }
    body.append(HONEYPOT_FIELD, String(this.values[HONEYPOT_FIELD] ?? ''));
    if (this.kind === 'contribution' && this.file) body.append(FILE_FIELD, this.file, this.file.name);
    return body;
  }

  private async deliver(submission: Submission, body: FormData, key: string, signal: AbortSignal): Promise<void> {
    try {
      const event = new SubmissionSendEvent(submission, body, key);
      const proceed = this.dispatchEvent(event);
      let receipt: Receipt;
      if (!proceed) {
        if (!event.response) {
          this.phase = 'editing';
          return;
        }
        const answer = await event.response.catch((cause: unknown) => {
          throw new SubmissionError('host', cause instanceof Error && cause.message ? cause.message : enSubmit.hostFailed, { cause });
        });
        receipt = { status: 200, id: answer?.id, message: answer?.message, body: answer, replayed: false };
      } else {
        receipt = await sendSubmission({
          action: new URL(this.action, document.baseURI).href,
          body,
          idempotencyKey: key,
          timeout: this.timeout ?? DEFAULT_TIMEOUT,
          signal,
          maxFileBytes: this.maxFileBytes,
          onProgress: (loaded, total) => {
            this.progress = total ? Math.round((loaded / total) * 100) : undefined;
          },
        });
      }
      this.clearAnswers();
      await this.draft.clear();
      this.receipt = receipt;
      this.phase = 'sent';
      this.restored = undefined;
      this.focusAfterRender = '.confirmation';
      this.dispatchEvent(new SubmissionSuccessEvent(submission, receipt));
    } catch (cause) {
      // Taken out of the page mid-send: said when it comes back; the draft is kept either way.
      const error = signal.aborted
        ? new SubmissionError('network', enSubmit.interrupted, { cause })
        : cause instanceof SubmissionError
          ? cause
          : new SubmissionError('network', enSubmit.network, { cause });
      this.phase = 'editing';
      if (error.errors.length) {
        this.serverErrors = new Map(error.errors.filter((e) => e.field).map((e) => [e.field as string, e]));
      }
      this.reportFailure(error, error.kind === 'invalid' ? '.error-summary' : '.failure');
    }
  }

  private reportFailure(error: SubmissionError, focus: string): void {
    this.failure = error;
    this.focusAfterRender = focus;
    const fields = error.errors.map((e) => `${e.field ?? 'form'}: ${e.message}`).join('; ');
    console.warn(`<submit-form> ${error.message}${fields ? ` (${fields})` : ''}`);
    this.dispatchEvent(new SubmissionErrorEvent(error));
  }

  /** Empties the form (the stored draft is cleared separately). */
  private clearAnswers(): void {
    this.values = {};
    this.authors = [''];
    this.file = undefined;
    this.fileError = undefined;
    this.touched = new Set();
    this.showAll = false;
    this.serverErrors = new Map();
    this.failure = undefined;
  }

  private sendAnother(): void {
    this.receipt = undefined;
    this.phase = 'editing';
    this.focusAfterRender = this.kind === 'removal' ? '#f-publicationId, #f-publication' : '#f-title';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The task's signal aborts an upload under way when the element leaves the page; the draft stays.
    if (this.sendTask.status === TaskStatus.PENDING) this.sendTask.abort();
  }

  // ---- Rendering ------------------------------------------------------------------------------

  private heading(text: string, id: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2));
    return html`<div role="heading" aria-level=${level} class="heading" id=${id}>${text}</div>`;
  }

  private fieldId(field: string): string {
    if (field === 'authors') return 'f-authors-0';
    if (field === 'publication' && this.kind === 'removal' && this.feed && this.feedTask.status === TaskStatus.COMPLETE) return 'f-publicationId';
    return `f-${field}`;
  }

  private focusField(event: Event, field: string | null): void {
    event.preventDefault();
    if (!field) return;
    const target = this.renderRoot.querySelector<HTMLElement>(`#${this.fieldId(field)}`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }

  private renderSummary(errors: Map<string, FieldError>): TemplateResult | typeof nothing {
    if (!this.showAll || this.failure?.kind !== 'invalid') return nothing;
    const list = inFormOrder(this.kind, [...errors.values(), ...this.failure.errors.filter((e) => e.field === null)]);
    if (list.length === 0) return nothing;
    return html`<div class="error-summary" part="summary" tabindex="-1" aria-labelledby="summary-title" role="group">
      ${this.heading(enSubmit.summaryTitle, 'summary-title')}
      <p>${this.failure.status ? this.failure.message : enSubmit.summaryIntro(list.length)}</p>
      <ul>
        ${list.map((e) =>
          e.field
            ? html`<li><a href="#${this.fieldId(e.field)}" @click=${(ev: Event) => this.focusField(ev, e.field)}>${e.message}</a></li>`
            : html`<li>${e.message}</li>`,
        )}
      </ul>
    </div>`;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    const parts: TemplateResult[] = [];
    if (this.restored) {
      const when = new Date(this.restored.savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      parts.push(html`<p>
          ${enSubmit.restored(when)} ${this.restored.file ? enSubmit.restoredFile : nothing}
          ${this.restored.fileMissing ? enSubmit.fileNotKept(this.restored.fileMissing) : nothing}
        </p>
        <button type="button" class="link-button" @click=${this.discardDraft}>${enSubmit.discardDraft}</button>`);
    }
    if (!this.draft.available) parts.push(html`<p>${enSubmit.draftUnavailable}</p>`);
    return parts.length ? html`<div class="notice" part="notice" role="status">${parts}</div>` : nothing;
  }

  private renderFailure(): TemplateResult | typeof nothing {
    if (!this.failure || this.failure.kind === 'invalid') return nothing;
    return html`<div class="failure" part="failure" role="alert" tabindex="-1">
      <p><strong>${this.failure.message}</strong></p>
      ${this.failure.kind === 'rejected' && !this.action ? nothing : html`<p>${enSubmit.keptDraft}</p>
        <button type="button" class="button" @click=${() => void this.submit()}>${enSubmit.retry}</button>`}
    </div>`;
  }

  private text(errors: Map<string, FieldError>, name: string, label: string, options: Partial<Parameters<typeof textField>[0]> = {}): TemplateResult {
    return textField({
      name,
      id: `f-${name}`,
      label,
      value: String(this.values[name] ?? ''),
      error: errors.get(name),
      ...options,
    });
  }

  private checkbox(errors: Map<string, FieldError>, name: string, label: string, required = true): TemplateResult {
    return checkboxField({ name, id: `f-${name}`, label, required, checked: this.values[name] === true, error: errors.get(name) });
  }

  private renderAuthors(errors: Map<string, FieldError>): TemplateResult {
    const error = errors.get('authors');
    const p = { name: 'authors', id: 'f-authors', label: enSubmit.authorsLegend, required: true, hint: enSubmit.authorsHint, error };
    return html`<fieldset class="field-group ${error ? 'field--error' : ''}" aria-describedby=${describedBy(p) ?? nothing}>
      <legend>${labelText(p)}</legend>
      ${hintAndError(p)}
      <ol class="authors">
        ${this.authors.map(
          (author, i) => html`<li>
            <label for="f-authors-${i}" class="visually-hidden">${enSubmit.authorLabel(i + 1)}</label>
            <input
              id="f-authors-${i}"
              name="authors"
              data-index=${i}
              .value=${author}
              autocomplete="off"
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'f-authors-error' : nothing}
            />
            ${this.authors.length > 1
              ? html`<button type="button" class="link-button" @click=${() => this.removeAuthor(i)}>${enSubmit.removeAuthor(i + 1)}</button>`
              : nothing}
          </li>`,
        )}
      </ol>
      <button type="button" class="button secondary" ?disabled=${this.authors.length >= LIMITS.authors} @click=${this.addAuthor}>
        ${enSubmit.addAuthor}
      </button>
    </fieldset>`;
  }

  private renderFile(errors: Map<string, FieldError>): TemplateResult {
    const max = this.maxFileBytes;
    const p = { name: FILE_FIELD, id: 'f-file', label: enSubmit.fileLabel, hint: enSubmit.fileHint(max), error: errors.get(FILE_FIELD) };
    return html`<div class="field ${p.error ? 'field--error' : ''}">
      <label for="f-file">${labelText(p)}</label>
      ${hintAndError(p)}
      ${this.file
        ? html`<p class="file-chosen" id="f-file-chosen">
            ${enSubmit.fileChosen} <strong>${this.file.name}</strong> (${formatBytes(this.file.size)})
            <button type="button" class="link-button" @click=${this.removeFile}>${enSubmit.fileRemove}</button>
          </p>`
        : nothing}
      <input
        id="f-file"
        type="file"
        accept="application/pdf,.pdf"
        aria-invalid=${p.error ? 'true' : 'false'}
        aria-describedby=${[describedBy(p), this.file ? 'f-file-chosen' : ''].filter(Boolean).join(' ')}
        @change=${this.onFileChosen}
      />
    </div>`;
  }

  private typeOptions(feed: Feed | undefined): { value: string; label: string }[] {
    const fromFeed = feed?.types.filter((t) => t.id !== 'other' && t.id !== '').map((t) => ({ value: t.id, label: t.label }));
    const options = fromFeed?.length ? fromFeed : DEFAULT_TYPES.map(([value, label]) => ({ value, label }));
    return options.some((o) => o.value === 'other') ? options : [...options, { value: 'other', label: 'Other' }];
  }

  private renderContribution(errors: Map<string, FieldError>): TemplateResult {
    const feed = this.feedTask.value;
    return html`
      ${this.text(errors, 'title', enSubmit.titleLabel, { required: true, hint: enSubmit.titleHint })} ${this.renderAuthors(errors)}
      ${selectField({
        name: 'type',
        id: 'f-type',
        label: enSubmit.typeLabel,
        required: true,
        value: String(this.values.type ?? ''),
        placeholder: enSubmit.typeChoose,
        options: this.typeOptions(feed),
        error: errors.get('type'),
      })}
      ${this.text(errors, 'url', enSubmit.linkLabel, { type: 'url', inputmode: 'url', hint: enSubmit.linkHint })} ${this.renderFile(errors)}
      ${this.text(errors, 'date', enSubmit.dateLabel, { hint: enSubmit.dateHint })}
      ${this.text(errors, 'publisher', enSubmit.publisherLabel, { hint: enSubmit.publisherHint })}
      ${this.text(errors, 'summary', enSubmit.summaryLabel, { required: true, multiline: true, hint: enSubmit.limitHint(LIMITS.summary) })}
      ${this.text(errors, 'why', enSubmit.whyLabel, { required: true, multiline: true, hint: enSubmit.limitHint(LIMITS.why) })}
      ${this.text(errors, 'name', enSubmit.nameLabel, { required: true, autocomplete: 'name' })}
      ${this.text(errors, 'email', enSubmit.emailLabel, { required: true, type: 'email', autocomplete: 'email', hint: enSubmit.emailHint })}
      ${this.checkbox(errors, 'consentContact', enSubmit.consentContact)}
      ${this.file || errors.has('consentHost') ? this.checkbox(errors, 'consentHost', enSubmit.consentHost) : nothing}
    `;
  }

  private readonly pickerOptions = new WeakMap<Feed, { value: string; label: string }[]>();

  /** The feed's publications that can be asked about, by title: worked out once per feed. */
  private publicationOptions(feed: Feed): { value: string; label: string }[] {
    let options = this.pickerOptions.get(feed);
    if (!options) {
      options = feed.items
        .filter((item) => item.status !== 'withdrawn')
        .map((item) => ({ value: item.id, label: item.datePublished ? `${item.title} (${item.datePublished.getUTCFullYear()})` : item.title }))
        .sort((a, b) => a.label.localeCompare(b.label));
      this.pickerOptions.set(feed, options);
    }
    return options;
  }

  private renderPublicationPicker(errors: Map<string, FieldError>): TemplateResult {
    const error = errors.get('publication');
    const feed = this.feedTask.value;
    const picker = !this.feed
      ? nothing
      : this.feedTask.render({
          pending: () => html`<p class="hint" role="status">${enSubmit.publicationLoading}</p>`,
          error: () => html`<p class="hint">${enSubmit.publicationUnavailable}</p>`,
          complete: () =>
            selectField({
              name: 'publicationId',
              id: 'f-publicationId',
              label: enSubmit.publicationChoose,
              value: String(this.values.publicationId ?? ''),
              placeholder: '—',
              errorRef: error ? 'f-publication-group-error' : undefined,
              options: feed ? this.publicationOptions(feed) : [],
            }),
        });
    const p = { name: 'publication', id: 'f-publication-group', label: enSubmit.publicationLabel, required: true, error };
    return html`<fieldset class="field-group ${error ? 'field--error' : ''}" aria-describedby=${describedBy(p) ?? nothing}>
      <legend>${labelText(p)}</legend>
      ${hintAndError(p)} ${picker}
      ${this.text(new Map(), 'publication', this.feed ? enSubmit.publicationTextLabel : enSubmit.publicationOnlyLabel, {
        hint: this.feed ? enSubmit.publicationTextHint : undefined,
        errorRef: error ? 'f-publication-group-error' : undefined,
      })}
    </fieldset>`;
  }

  private renderRemoval(errors: Map<string, FieldError>): TemplateResult {
    return html`
      ${this.renderPublicationPicker(errors)}
      ${this.text(errors, 'name', enSubmit.nameLabel, { required: true, autocomplete: 'name' })}
      ${this.text(errors, 'email', enSubmit.emailLabel, { required: true, type: 'email', autocomplete: 'email', hint: enSubmit.emailHint })}
      ${selectField({
        name: 'relation',
        id: 'f-relation',
        label: enSubmit.relationLabel,
        required: true,
        value: String(this.values.relation ?? ''),
        placeholder: enSubmit.relationChoose,
        options: RELATIONS.map((value) => ({ value, label: enSubmit.relations[value] ?? value })),
        error: errors.get('relation'),
      })}
      ${this.text(errors, 'reason', enSubmit.reasonLabel, { required: true, multiline: true, hint: enSubmit.limitHint(LIMITS.reason) })}
      ${this.checkbox(errors, 'confirm', enSubmit.confirm)}
    `;
  }

  private renderConfirmation(): TemplateResult {
    const removal = this.kind === 'removal';
    return html`<div class="confirmation" part="confirmation" tabindex="-1" aria-labelledby="thanks-title">
      ${this.heading(removal ? enSubmit.thanksRemoval : enSubmit.thanksContribution, 'thanks-title')}
      <p>${this.receipt?.message ?? (removal ? enSubmit.nextRemoval : enSubmit.nextContribution)}</p>
      ${this.receipt?.id ? html`<p>${enSubmit.reference(this.receipt.id)}</p>` : nothing}
      <button type="button" class="button secondary" @click=${this.sendAnother}>${enSubmit.another}</button>
    </div>`;
  }

  override render() {
    if (this.phase === 'sent') return this.renderConfirmation();
    const errors = this.visibleErrors();
    const sending = this.phase === 'sending';
    const name = this.label || (this.kind === 'removal' ? enSubmit.removalTitle : enSubmit.contributeTitle);
    return html`
      ${this.renderNotice()} ${this.renderSummary(errors)} ${this.renderFailure()}
      <form part="form" novalidate aria-label=${name} tabindex="-1" @submit=${this.onSubmit} @input=${this.onInput} @focusout=${this.onFocusOut}>
        <div class="fields" ?inert=${sending}>${this.kind === 'removal' ? this.renderRemoval(errors) : this.renderContribution(errors)}</div>
        <div class="honeypot" aria-hidden="true">
          <label for="f-${HONEYPOT_FIELD}">${enSubmit.honeypot}</label>
          <input id="f-${HONEYPOT_FIELD}" name=${HONEYPOT_FIELD} tabindex="-1" autocomplete="off" .value=${String(this.values[HONEYPOT_FIELD] ?? '')} />
        </div>
        <div class="actions">
          <button type="submit" class="button" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
            ${this.kind === 'removal' ? enSubmit.sendRemoval : enSubmit.sendContribution}
          </button>
          ${sending
            ? html`<div class="progress" part="progress">
                <progress id="f-progress" max="100" value=${this.progress ?? nothing} aria-label=${enSubmit.sendingLabel}></progress>
                <span aria-hidden="true">${this.progress === undefined ? enSubmit.sending : enSubmit.sendingPercent(this.progress)}</span>
              </div>`
            : nothing}
          <p class="visually-hidden" role="status">${sending ? enSubmit.sending : this.fileStatus}</p>
        </div>
      </form>
    `;
  }
}
