/**
 * Keeps a form's unsent answers: saved a moment after each change, at once
 * when the page is hidden or closed, restored when the form comes back, and
 * cleared only when the receiver has confirmed.
 *
 * It also owns the draft's idempotency key. Every attempt to send the same
 * answers carries the same key, across reloads too, so the receiver stores
 * them once. Answers that changed since an attempt whose outcome is unknown
 * (a timeout, a closed tab) get a new key: the receiver answers a known key
 * with what it stored the first time, and the changes would be lost.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clearDraft, loadDraft, loadDraftFile, newIdempotencyKey, saveDraft, saveDraftFile, type Draft } from '../submission/draft-store.js';

export type DraftContent = Pick<Draft, 'fields' | 'file'>;

/** A short fingerprint of a text (FNV-1a, 32 bits): enough to tell whether answers changed. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export class DraftController implements ReactiveController {
  /** The key the next send carries. */
  idempotencyKey = newIdempotencyKey();
  /** False once storing was refused: the form then says the answers are not kept. */
  available = true;
  /** Where the draft now lives; set by `restore`. */
  private storageKey?: string;
  /** Fingerprint of the answers last sent with `idempotencyKey`, if any were. */
  private sent?: string;
  private timer?: ReturnType<typeof setTimeout>;
  /** File saves run one after another, so the last PDF chosen is the one kept. */
  private fileSaves: Promise<unknown> = Promise.resolve();
  private readonly flushNow = () => this.flush();
  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  constructor(
    host: ReactiveControllerHost,
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

  /**
   * Moves to the draft kept under `key` (one per form mode and receiver):
   * what was typed so far is saved under the previous key first. Returns the
   * stored draft, if any, and adopts its idempotency key; otherwise a new
   * draft starts with a new key.
   */
  restore(key: string): Draft | undefined {
    if (this.storageKey !== undefined && this.storageKey !== key) this.flush();
    this.storageKey = key;
    const draft = loadDraft(key);
    this.idempotencyKey = draft?.idempotencyKey ?? newIdempotencyKey();
    this.sent = draft?.sent;
    return draft;
  }

  /** The stored PDF, if the draft had one. */
  restoreFile(): Promise<File | undefined> {
    const key = this.storageKey;
    return key === undefined ? Promise.resolve(undefined) : this.fileSaves.then(() => loadDraftFile(key));
  }

  /** Saves soon: call after every change. */
  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.flushNow, this.delay);
  }

  /** Saves now. A form emptied by the reader leaves no draft behind. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.storageKey;
    if (key === undefined) return;
    const content = this.content();
    const empty = !content.file && Object.values(content.fields).every((v) => v === '' || v === false || (Array.isArray(v) && v.every((s) => !s)));
    if (empty && !this.sent) {
      void clearDraft(key);
      return;
    }
    this.available = saveDraft(key, { version: 1, ...content, savedAt: Date.now(), idempotencyKey: this.idempotencyKey, sent: this.sent });
  }

  /** Stores (or, given `undefined`, removes) the draft's PDF. */
  saveFile(file: File | undefined): Promise<void> {
    const key = this.storageKey;
    if (key === undefined) return Promise.resolve();
    const save = this.fileSaves.then(() => saveDraftFile(key, file));
    this.fileSaves = save;
    return save.then((stored) => {
      if (file && !stored) this.available = false;
      this.flush();
    });
  }

  /**
   * The key for sending these answers now: the same as for the last attempt
   * when they have not changed since (a retry), a new one when they have.
   * Recorded with the draft before anything is sent.
   */
  keyForSending(answers: string): string {
    const print = fingerprint(answers);
    if (this.sent !== undefined && this.sent !== print) this.idempotencyKey = newIdempotencyKey();
    this.sent = print;
    this.flush();
    return this.idempotencyKey;
  }

  /** Forgets the draft after a confirmed send; the next draft gets a new key. */
  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.sent = undefined;
    this.idempotencyKey = newIdempotencyKey();
    const key = this.storageKey;
    if (key === undefined) return;
    await this.fileSaves;
    await clearDraft(key);
  }
}
