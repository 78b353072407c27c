/**
 * `npm run submissions -- <command> [options]`: moderation from a terminal,
 * working directly on the receiver's SQLite file and the feed file (the
 * receiver may keep running meanwhile).
 *
 *   list [--status pending|approved|rejected|spam|all]
 *   show <id>
 *   approve <id> [--note "…"] [--reason "…"] [--item <feed item id>]
 *   reject <id> [--note "…"]
 *
 * Options: --data <folder> (RECEIVER_DATA, default .data/receiver),
 * --feed <file> (RECEIVER_FEED, default <data>/feed.json), --public-url
 * (RECEIVER_PUBLIC_URL, default: the address the receiver last ran under),
 * --json. Exit code 0 when done, 1 when the command could not be carried
 * out, 2 for a wrong command line.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FIELD_LABELS, FIELD_ORDER, formatBytes } from '../src/submission/schema.js';
import { ConfigError, DEFAULT_DATA_DIR, DEFAULT_PORT, databaseFile, defaultFeedFile, filesDir, parsePublicUrl } from './config.js';
import { FileStore } from './files.js';
import { approveSubmission, DecisionError, rejectSubmission, type Decision, type ModerationContext } from './moderation.js';
import { STATUSES, SubmissionStore, type SubmissionRecord, type SubmissionStatus } from './store.js';

const USAGE = `Usage: npm run submissions -- <command> [options]

Commands:
  list [--status pending]       submissions waiting for a decision (or: approved, rejected, spam, all)
  show <id>                     everything a submission holds
  approve <id> [--note "…"]     a contribution becomes a feed item; a removal withdraws its item
          [--reason "…"]        (removal) the reason shown on the tombstone
          [--item <item id>]    (removal) the feed item to withdraw, if the request is unclear
  reject <id> [--note "…"]      decline it; the feed is not touched

Options:
  --data <folder>     the receiver's data folder (default ${DEFAULT_DATA_DIR})      RECEIVER_DATA
  --feed <file>       the feed to change (default <data>/feed.json)             RECEIVER_FEED
  --public-url <URL>  the receiver's public address, for PDF links               RECEIVER_PUBLIC_URL
                      (default: the address the receiver last ran under)
  --json              print JSON instead of text`;

class UsageError extends Error {}

interface Command {
  name: 'list' | 'show' | 'approve' | 'reject';
  id?: string;
  status: SubmissionStatus | 'all';
  note?: string;
  reason?: string;
  item?: string;
  json: boolean;
  dataDir: string;
  feedFile: string;
  publicUrl?: string;
}

function parseCommand(argv: string[]): Command | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      note: { type: 'string' },
      reason: { type: 'string' },
      item: { type: 'string' },
      data: { type: 'string' },
      feed: { type: 'string' },
      'public-url': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] === 'help') return 'help';
  const [name, id, ...rest] = positionals;
  if (!name) throw new UsageError('Which command? list, show, approve or reject.');
  if (!['list', 'show', 'approve', 'reject'].includes(name)) throw new UsageError(`Unknown command "${name}".`);
  if (name !== 'list' && !id) throw new UsageError(`"${name}" needs the id of a submission (see "list").`);
  if (name === 'list' && id) throw new UsageError(`"list" takes no id; use "show ${id}".`);
  if (rest.length) throw new UsageError(`Unexpected "${rest.join(' ')}". Put text with spaces in quotes: --note "…".`);
  const status = (values.status ?? 'pending') as Command['status'];
  if (status !== 'all' && !STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')} or all.`);
  const dataDir = resolve(values.data ?? (process.env.RECEIVER_DATA || DEFAULT_DATA_DIR));
  const publicText = values['public-url'] ?? (process.env.RECEIVER_PUBLIC_URL || undefined);
  return {
    name: name as Command['name'],
    id,
    status,
    note: values.note,
    reason: values.reason,
    item: values.item,
    json: values.json ?? false,
    dataDir,
    feedFile: resolve(values.feed ?? (process.env.RECEIVER_FEED || defaultFeedFile(dataDir))),
    publicUrl: publicText === undefined ? undefined : parsePublicUrl(publicText, '--public-url / RECEIVER_PUBLIC_URL'),
  };
}

// ---------------------------------------------------------------------------
// Plain text

const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '');

function headline(record: SubmissionRecord): string {
  const data = record.data;
  if (data.kind === 'contribution') {
    const pdf = record.file ? ` · PDF ${formatBytes(record.file.size)}` : '';
    return `"${data.title}" — ${data.authors.join(', ')}${pdf}`;
  }
  const what = data.publicationId ?? data.publication ?? '';
  return `remove "${what}" (${data.relation})`;
}

function listText(records: SubmissionRecord[], status: Command['status'], dataDir: string): string {
  const which = status === 'all' ? '' : `${status} `;
  if (records.length === 0) return `No ${which}submissions in ${dataDir}.`;
  const lines = [`${records.length} ${which}submission${records.length === 1 ? '' : 's'} in ${dataDir}:`, ''];
  for (const record of records) {
    const from = `${record.data.name} <${record.data.email}>`;
    const state = status === 'all' ? `  ${record.status.padEnd(8)}` : '';
    lines.push(`  ${record.id}  ${when(record.createdAt)}  ${record.kind.padEnd(12)}${state}  ${headline(record)}`, `  ${' '.repeat(record.id.length)}  from ${from}`);
  }
  lines.push('', 'Read one with: npm run submissions -- show <id>');
  return lines.join('\n');
}

function showText(record: SubmissionRecord, files: FileStore): string {
  const data = record.data as unknown as Record<string, unknown>;
  const lines = [`Submission ${record.id}: ${record.kind}, ${record.status}`, ''];
  const row = (label: string, value: string) => lines.push(`  ${`${label}:`.padEnd(30)} ${value}`);
  row('Received', `${when(record.createdAt)} from ${record.ip ?? 'an unknown address'}${record.origin ? ` via ${record.origin}` : ''}`);
  for (const field of FIELD_ORDER[record.kind]) {
    const value = data[field];
    if (value === undefined) continue;
    if (field === 'file' && record.file) {
      row(FIELD_LABELS.file!, `${record.file.name}, ${formatBytes(record.file.size)}\n${' '.repeat(33)}${files.pathOf(record.file.sha256)}`);
    } else if (Array.isArray(value)) row(FIELD_LABELS[field] ?? field, value.join('; '));
    else if (typeof value === 'boolean') row(FIELD_LABELS[field] ?? field, value ? 'yes' : 'no');
    else row(FIELD_LABELS[field] ?? field, String(value));
  }
  if (record.decidedAt) {
    row('Decided', `${record.status} on ${when(record.decidedAt)}${record.decisionNote ? `: ${record.decisionNote}` : ''}`);
    if (record.feedItemId) row('Feed item', record.feedItemId);
  } else {
    lines.push('', `Approve: npm run submissions -- approve ${record.id}`, `Reject:  npm run submissions -- reject ${record.id} --note "why"`);
  }
  return lines.join('\n');
}

function decisionText(decision: Decision, feedFile: string): string {
  const { record, change } = decision;
  if (record.status === 'rejected') return `Rejected ${record.id}. The feed was not changed.`;
  if (!change) return `Approved ${record.id}.`;
  const already = change.changed ? '' : ' (the feed already had this change)';
  if (record.kind === 'contribution') return `Approved ${record.id}: "${change.item.title}" is now item ${change.itemId} in ${feedFile}${already}.`;
  const reason = (change.item._library as { withdrawn_reason?: string } | undefined)?.withdrawn_reason;
  return `Approved ${record.id}: item ${change.itemId} ("${change.item.title}") is withdrawn in ${feedFile}${reason ? `, reason: ${reason}` : ''}${already}.`;
}

// ---------------------------------------------------------------------------

function run(command: Command): number {
  const database = databaseFile(command.dataDir);
  if (!existsSync(database)) {
    console.error(`There is no receiver database at ${database}. Start the receiver once (npm run receiver), or give --data.`);
    return 1;
  }
  const store = new SubmissionStore(database);
  const print = (value: unknown, text: string) => console.log(command.json ? JSON.stringify(value, null, 2) : text);
  try {
    const files = new FileStore(filesDir(command.dataDir));
    if (command.name === 'list') {
      const records = store.list(command.status === 'all' ? {} : { status: command.status });
      print({ submissions: records, counts: store.counts() }, listText(records, command.status, command.dataDir));
      return 0;
    }
    const id = command.id!;
    if (command.name === 'show') {
      const record = store.get(id);
      if (!record) throw new DecisionError('not_found', `There is no submission with the id "${id}".`);
      print({ submission: record }, showText(record, files));
      return 0;
    }
    const context: ModerationContext = {
      store,
      files,
      feedFile: command.feedFile,
      publicUrl: command.publicUrl ?? store.getSetting('public_url') ?? `http://localhost:${DEFAULT_PORT}`,
    };
    const decision =
      command.name === 'approve'
        ? approveSubmission(context, id, { note: command.note, reason: command.reason, itemId: command.item })
        : rejectSubmission(context, id, { note: command.note });
    const { record, change } = decision;
    print({ submission: record, ...(change && { feedItem: change.item, feedChanged: change.changed }) }, decisionText(decision, command.feedFile));
    return 0;
  } catch (error) {
    if (!(error instanceof DecisionError)) throw error;
    if (command.json) console.log(JSON.stringify({ errors: [{ field: null, code: error.code, message: error.message }] }, null, 2));
    else console.error(`Cannot ${command.name} ${command.id}: ${error.message}`);
    return 1;
  } finally {
    store.close();
  }
}

try {
  const command = parseCommand(process.argv.slice(2));
  if (command === 'help') console.log(USAGE);
  else process.exitCode = run(command);
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
