/**
 * Approving and rejecting submissions: the one implementation behind the
 * admin endpoints and `npm run submissions`.
 *
 * An approval changes the feed and records the decision while holding the
 * database's write lock, so two moderators (or the command and the service)
 * never rewrite the feed at the same time. The feed is written first and the
 * decision committed after; if the process dies in between, the submission
 * is still undecided and approving it again finds its change already in the
 * feed and does not repeat it.
 */
import { existsSync } from 'node:fs';
import { addItem, defaultWithdrawalReason, FeedChangeError, itemForContribution, withdrawItem, type FeedChange } from './feed-writer.js';
import type { FileStore } from './files.js';
import type { SubmissionRecord, SubmissionStore } from './store.js';

/** Why a decision could not be made. `code` is what the admin endpoints answer with. */
export class DecisionError extends Error {
  constructor(
    readonly code: 'not_found' | 'already_decided' | 'file_missing' | FeedChangeError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'DecisionError';
  }
}

/** What moderation works on. */
export interface ModerationContext {
  store: SubmissionStore;
  files: Pick<FileStore, 'pathOf'>;
  feedFile: string;
  /** Where the receiver is reached from outside, for the PDF links it adds to the feed. */
  publicUrl: string;
}

export interface ApproveOptions {
  /** A note for the record (not published). */
  note?: string | null;
  /** For a removal: the reason shown on the tombstone. Default: a sentence naming who asked. */
  reason?: string;
  /** For a removal: the feed item to withdraw, when the request does not name it clearly. */
  itemId?: string;
  now?: Date;
}

export interface Decision {
  record: SubmissionRecord;
  /** The feed change an approval made (or found already made). */
  change?: FeedChange;
}

function undecided(store: SubmissionStore, id: string): SubmissionRecord {
  const record = store.get(id);
  if (!record) throw new DecisionError('not_found', `There is no submission with the id "${id}".`);
  if (record.status === 'approved' || record.status === 'rejected') {
    throw new DecisionError('already_decided', `Submission ${id} was already ${record.status} on ${record.decidedAt?.slice(0, 10) ?? 'an earlier day'}.`);
  }
  return record;
}

/**
 * Approves a pending (or spam) submission: a contribution becomes a new
 * feed item, a removal withdraws the item it names.
 * @throws DecisionError when it cannot be approved; nothing is changed then
 */
export function approveSubmission(context: ModerationContext, id: string, options: ApproveOptions = {}): Decision {
  const { store } = context;
  const now = options.now ?? new Date();
  try {
    return store.exclusively(() => {
      const record = undecided(store, id);
      let change: FeedChange;
      if (record.data.kind === 'contribution') {
        if (record.file && !existsSync(context.files.pathOf(record.file.sha256))) {
          throw new DecisionError('file_missing', `The PDF of submission ${id} (${record.file.sha256}.pdf) is missing from the files folder.`);
        }
        change = addItem(context.feedFile, itemForContribution(record.id, record.data, record.file, context.publicUrl));
      } else {
        change = withdrawItem(context.feedFile, {
          removal: record.data,
          itemId: options.itemId,
          reason: options.reason?.trim() || defaultWithdrawalReason(record.data.relation),
          date: now.toISOString().slice(0, 10),
        });
        store.markWithdrawn(change.itemId, now);
      }
      store.decide(id, { status: 'approved', note: options.note?.trim() || null, feedItemId: change.itemId }, now);
      return { record: store.get(id)!, change };
    });
  } catch (error) {
    if (error instanceof FeedChangeError) throw new DecisionError(error.code, error.message);
    throw error;
  }
}

/**
 * Rejects a pending (or spam) submission. The feed is not touched.
 * @throws DecisionError when there is no such submission or it was already decided
 */
export function rejectSubmission(context: Pick<ModerationContext, 'store'>, id: string, options: { note?: string | null; now?: Date } = {}): Decision {
  const { store } = context;
  return store.exclusively(() => {
    undecided(store, id);
    store.decide(id, { status: 'rejected', note: options.note?.trim() || null }, options.now);
    return { record: store.get(id)! };
  });
}
