/**
 * Submissions in SQLite (better-sqlite3, WAL mode, `synchronous = FULL`): a
 * row is on disk when `insert` returns. The receiver and the moderation
 * command open the same file; WAL lets one write while the other reads, and
 * `busy_timeout` makes a writer wait its turn instead of failing.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Submission, SubmissionKind } from '../src/submission/schema.js';

/** Where a submission stands. `spam` is a honeypot hit, kept for a moderator to look at. */
export const STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type SubmissionStatus = (typeof STATUSES)[number];

/** What is known about a stored PDF. */
export interface StoredFile {
  sha256: string;
  name: string;
  size: number;
}

/** One submission as stored. */
export interface SubmissionRecord {
  id: string;
  idempotencyKey: string | null;
  kind: SubmissionKind;
  status: SubmissionStatus;
  /** The validated submission, exactly as `validateSubmission` returned it. */
  data: Submission;
  file: StoredFile | null;
  /** The `Origin` header the submission came with, if any. */
  origin: string | null;
  ip: string | null;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The feed item an approval added or withdrew. */
  feedItemId: string | null;
  /** When an approved removal withdrew this contribution's item (its PDF is then no longer served). */
  withdrawnAt: string | null;
}

/** What the receiver hands over for a new row. */
export interface NewSubmission {
  idempotencyKey: string | null;
  status: 'pending' | 'spam';
  data: Submission;
  file: StoredFile | null;
  origin: string | null;
  ip: string | null;
}

interface Row {
  id: string;
  idempotency_key: string | null;
  kind: SubmissionKind;
  status: SubmissionStatus;
  data: string;
  file_sha256: string | null;
  file_name: string | null;
  file_size: number | null;
  origin: string | null;
  ip: string | null;
  created_at: string;
  decided_at: string | null;
  decision_note: string | null;
  feed_item_id: string | null;
  withdrawn_at: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS submissions (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('contribution', 'removal')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
  data TEXT NOT NULL CHECK (json_valid(data)),
  file_sha256 TEXT,
  file_name TEXT,
  file_size INTEGER,
  origin TEXT,
  ip TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decision_note TEXT,
  feed_item_id TEXT,
  withdrawn_at TEXT
);
CREATE INDEX IF NOT EXISTS submissions_by_status ON submissions (status, created_at);
CREATE INDEX IF NOT EXISTS submissions_by_file ON submissions (file_sha256);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

// Crockford's base 32: no I, L, O or U, so an id read aloud or retyped survives.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new submission id: 10 characters of time (milliseconds, as in a ULID) and
 * 6 random ones, so ids sort by arrival and cannot be guessed from one another.
 */
export function newSubmissionId(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const random = [...randomBytes(6)].map((byte) => ALPHABET[byte % 32]).join('');
  return time + random;
}

function toRecord(row: Row): SubmissionRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    status: row.status,
    data: JSON.parse(row.data) as Submission,
    file: row.file_sha256 ? { sha256: row.file_sha256, name: row.file_name ?? '', size: row.file_size ?? 0 } : null,
    origin: row.origin,
    ip: row.ip,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    feedItemId: row.feed_item_id,
    withdrawnAt: row.withdrawn_at,
  };
}

/** The submissions database. */
export class SubmissionStore {
  readonly db: Database.Database;

  /** Opens (creating if needed) the database file. */
  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is fsynced before it returns, so an answered submission survives a power cut too.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /**
   * Stores a new submission. When another one already holds the idempotency
   * key (a retry, even one racing the first), nothing is stored and that
   * one is returned with `created: false`.
   */
  insert(input: NewSubmission, now = new Date()): { record: SubmissionRecord; created: boolean } {
    const insert = this.db.prepare(
      `INSERT INTO submissions (id, idempotency_key, kind, status, data, file_sha256, file_name, file_size, origin, ip, created_at)
       VALUES (@id, @key, @kind, @status, @data, @sha, @name, @size, @origin, @ip, @created)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    for (let attempt = 0; ; attempt++) {
      const id = newSubmissionId(now.getTime());
      try {
        const result = insert.run({
          id,
          key: input.idempotencyKey,
          kind: input.data.kind,
          status: input.status,
          data: JSON.stringify(input.data),
          sha: input.file?.sha256 ?? null,
          name: input.file?.name ?? null,
          size: input.file?.size ?? null,
          origin: input.origin,
          ip: input.ip,
          created: now.toISOString(),
        });
        if (result.changes === 1) return { record: this.get(id)!, created: true };
        return { record: this.findByKey(input.idempotencyKey!)!, created: false };
      } catch (error) {
        // Two ids drawn in the same millisecond with the same 30 random bits: draw again.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** The submission with this id. */
  get(id: string): SubmissionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** The submission stored under this idempotency key. */
  findByKey(key: string): SubmissionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM submissions WHERE idempotency_key = ?').get(key) as Row | undefined;
    return row && toRecord(row);
  }

  /** Submissions, oldest first, optionally of one status. */
  list(options: { status?: SubmissionStatus; limit?: number } = {}): SubmissionRecord[] {
    const limit = options.limit ?? 1000;
    const rows = options.status
      ? this.db.prepare('SELECT * FROM submissions WHERE status = ? ORDER BY created_at, id LIMIT ?').all(options.status, limit)
      : this.db.prepare('SELECT * FROM submissions ORDER BY created_at, id LIMIT ?').all(limit);
    return (rows as Row[]).map(toRecord);
  }

  /** How many submissions there are in each status. */
  counts(): Record<SubmissionStatus, number> {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SubmissionStatus, number>;
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status').all() as { status: SubmissionStatus; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /**
   * Whether the public may download this file: it belongs to an approved
   * contribution whose item has not been withdrawn since.
   */
  isPublicFile(sha256: string): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM submissions
         WHERE file_sha256 = ? AND kind = 'contribution' AND status = 'approved' AND withdrawn_at IS NULL LIMIT 1`,
      )
      .get(sha256);
    return row !== undefined;
  }

  /**
   * Runs `work` holding the database's write lock (`BEGIN IMMEDIATE`), so
   * that one decision at a time, across processes, reads and rewrites the
   * feed. If `work` throws, nothing it did in the database is kept.
   */
  exclusively<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Records a decision on a submission that is still undecided (pending or spam). Returns false when it was decided meanwhile. */
  decide(id: string, decision: { status: 'approved' | 'rejected'; note: string | null; feedItemId?: string | null }, now = new Date()): boolean {
    const result = this.db
      .prepare(
        `UPDATE submissions SET status = @status, decided_at = @at, decision_note = @note, feed_item_id = @item
         WHERE id = @id AND status IN ('pending', 'spam')`,
      )
      .run({ id, status: decision.status, at: now.toISOString(), note: decision.note, item: decision.feedItemId ?? null });
    return result.changes === 1;
  }

  /** Marks the approved contribution behind a feed item as withdrawn, so its PDF is no longer served. */
  markWithdrawn(feedItemId: string, now = new Date()): void {
    this.db
      .prepare(`UPDATE submissions SET withdrawn_at = ? WHERE feed_item_id = ? AND kind = 'contribution' AND status = 'approved' AND withdrawn_at IS NULL`)
      .run(now.toISOString(), feedItemId);
  }

  /** A stored setting, such as the public URL the receiver last ran under. */
  getSetting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
