/**
 * Where an unsent submission waits: its text in `localStorage` (small,
 * synchronous, so it can be written as the page closes) and its PDF in
 * IndexedDB (files do not fit in `localStorage`). Both survive a reload, a
 * closed tab and a crash, and both are cleared only once the receiver has
 * confirmed the submission.
 *
 * Storage can be missing or refused (a sandboxed frame, private browsing,
 * a full disk): every function then quietly does nothing, and the form keeps
 * working without drafts.
 */

/** What is kept of a form. */
export interface Draft {
  version: 1;
  /** The form's values, by field name; repeated fields (authors) as lists. */
  fields: Record<string, string | string[] | boolean>;
  /** When it was saved (ms since 1970). */
  savedAt: number;
  /** The key every attempt to send this draft carries. */
  idempotencyKey: string;
  /** The chosen PDF, when there is one (its bytes are in IndexedDB). */
  file?: { name: string; size: number; type: string };
  /**
   * Fingerprint of the answers sent with `idempotencyKey` in an attempt not
   * yet confirmed: it may have arrived, so the same answers must go with the
   * same key, and changed answers with a new one.
   */
  sent?: string;
}

const PREFIX = 'virtual-library:draft:';
const DB_NAME = 'virtual-library-drafts';
const STORE = 'files';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function loadDraft(key: string): Draft | undefined {
  try {
    const text = storage()?.getItem(PREFIX + key);
    if (!text) return undefined;
    const draft = JSON.parse(text) as Draft;
    return draft && draft.version === 1 && typeof draft.idempotencyKey === 'string' && draft.fields ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** @returns false when the draft could not be stored. */
export function saveDraft(key: string, draft: Draft): boolean {
  try {
    const store = storage();
    if (!store) return false;
    store.setItem(PREFIX + key, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab.'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T | undefined> {
  if (typeof indexedDB === 'undefined') return undefined;
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/**
 * PDFs still being written, by draft key. A form made while one is written
 * (the same form mounted again by a framework, a moment after the reader
 * chose the file) reads the draft's PDF after it, not before: reading the
 * file's bytes comes before the write, and takes long enough for a new
 * form's read to overtake it.
 */
const writing = new Map<string, Promise<boolean>>();

/** Keeps the draft's PDF (or removes it, given `undefined`). @returns false when it could not be stored. */
export function saveDraftFile(key: string, file: File | undefined): Promise<boolean> {
  const write = (async () => {
    try {
      if (file) {
        // Stored as bytes with its name and type: some engines refuse to store a File or Blob from a form field.
        const bytes = await file.arrayBuffer();
        await withStore('readwrite', (store) => store.put({ name: file.name, type: file.type, lastModified: file.lastModified, bytes }, key));
      } else {
        await withStore('readwrite', (store) => store.delete(key));
      }
      return true;
    } catch {
      return false;
    }
  })();
  writing.set(key, write);
  void write.then(() => writing.get(key) === write && writing.delete(key));
  return write;
}

export async function loadDraftFile(key: string): Promise<File | undefined> {
  await writing.get(key);
  try {
    const entry = await withStore<{ name: string; type: string; lastModified: number; bytes: ArrayBuffer }>('readonly', (store) => store.get(key));
    if (!entry?.bytes) return undefined;
    return new File([entry.bytes], entry.name, { type: entry.type || 'application/pdf', lastModified: entry.lastModified });
  } catch {
    return undefined;
  }
}

/** Forgets the draft and its PDF. */
export async function clearDraft(key: string): Promise<void> {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // Nothing to clear where nothing could be stored.
  }
  await saveDraftFile(key, undefined);
}

/** A new random key for a new draft (a UUID where the browser makes them; only secure pages do). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
