/**
 * Keeps a form's unsent answers: saved a moment after each change, at once
 * when the page is hidden or closed, restored when the form comes back, and
 * cleared only when the receiver has confirmed. Holds the draft's
 * idempotency key, so every attempt to send the same answers carries the same
 * key, across reloads too.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clearDraft, loadDraft, loadDraftFile, newIdempotencyKey, saveDraft, saveDraftFile, type Draft } from '../submission/draft-store.js';

export type DraftContent = Pick<Draft, 'fields' | 'file'>;

export class DraftController implements ReactiveController {
  /** The key the next send carries. */
  idempotencyKey = newIdempotencyKey();
  /** False once storing was refused: the form then says the answers are not kept. */
  available = true;
  private sending = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly flushNow = () => this.flush();
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  constructor(
    host: ReactiveControllerHost,
    /** Where this form's draft is kept (one per form mode and receiver). */
    private readonly key: () => string,
    /** The answers as they are now. */
    private readonly content: () => DraftContent,
    private readonly delay = 300,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.flushNow);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    this.flush();
    removeEventListener('pagehide', this.flushNow);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  /** The stored draft, if any; adopts its idempotency key. */
  restore(): Draft | undefined {
    const draft = loadDraft(this.key());
    if (draft) {
      this.idempotencyKey = draft.idempotencyKey;
      this.sending = Boolean(draft.sending);
    }
    return draft;
  }

  /** The stored PDF, if the draft had one. */
  restoreFile(): Promise<File | undefined> {
    return loadDraftFile(this.key());
  }

  /** Saves soon: call after every change. */
  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.flushNow, this.delay);
  }

  /** Saves now. Nothing is stored for a form with no answers. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const content = this.content();
    const empty = !content.file && Object.values(content.fields).every((v) => v === '' || v === false || (Array.isArray(v) && v.every((s) => !s)));
    if (empty && !this.sending) return;
    this.available = saveDraft(this.key(), { version: 1, ...content, savedAt: Date.now(), idempotencyKey: this.idempotencyKey, sending: this.sending || undefined });
  }

  /** Stores (or, given `undefined`, removes) the draft's PDF. */
  async saveFile(file: File | undefined): Promise<void> {
    const stored = await saveDraftFile(this.key(), file);
    if (file && !stored) this.available = false;
    this.flush();
  }

  /** Records that a send started (or ended without a confirmation); kept with the draft. */
  markSending(sending: boolean): void {
    this.sending = sending;
    this.flush();
  }

  /** Forgets the draft after a confirmed send; the next draft gets a new key. */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.sending = false;
    this.idempotencyKey = newIdempotencyKey();
    await clearDraft(this.key());
  }
}
