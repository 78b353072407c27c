/**
 * `virtual-library validate <file or URL> [--json] [--strict]`
 *
 * Checks a library feed exactly as the elements read it (the same schema and
 * rules, `src/feed/parse-feed.ts`) and prints every problem: which item (its
 * position and id), which field, what is wrong, and how to fix it. Errors
 * (items that cannot be shown, or a feed that cannot be read at all) are
 * listed apart from warnings (shown without the bad part).
 *
 * Exit code: 0 when every item can be shown (warnings allowed, unless
 * `--strict`), 1 when something cannot, 2 for a wrong command line.
 * `--json` prints one JSON object instead, for CI.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { FeedError } from '../feed/errors.js';
import { parseFeed } from '../feed/parse-feed.js';
import type { Feed, FeedIssue } from '../feed/publication.js';
import { fixForError, fixForIssue } from '../localize/en-fixes.js';

const USAGE = `Usage: virtual-library validate <feed file or URL> [--json] [--strict] [--base <URL>]

  --json     print the result as JSON (for CI)
  --strict   fail on warnings too
  --base     the address the feed will be served from, for relative links
             (default for a file: https://feed.invalid/<file name>)`;

const TIMEOUT_MS = 15_000;

interface Options {
  source: string;
  json: boolean;
  strict: boolean;
  base?: string;
}

interface Problem extends FeedIssue {
  fix?: string;
}

interface Report {
  source: string;
  ok: boolean;
  /** Entries in the feed's items list, and how many of them can be shown. */
  items?: number;
  shown?: number;
  errors: Problem[];
  warnings: Problem[];
  /** Set when the feed cannot be read at all. */
  failure?: { kind: string; message: string; fix: string };
}

function parseArgs(args: string[]): Options | string {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') return USAGE;
  if (command !== 'validate') return `Unknown command${command ? ` "${command}"` : ''}.\n\n${USAGE}`;
  const options: Options = { source: '', json: false, strict: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--strict') options.strict = true;
    else if (arg === '--base') options.base = rest[++i];
    else if (arg.startsWith('--')) return `Unknown option "${arg}".\n\n${USAGE}`;
    else if (!options.source) options.source = arg;
    else return `One feed at a time: "${arg}" is one too many.\n\n${USAGE}`;
  }
  if (!options.source) return `Which feed? Give a file or an http(s) address.\n\n${USAGE}`;
  if (options.base !== undefined && !/^https?:\/\//i.test(options.base)) return `--base must be an http(s) address.\n\n${USAGE}`;
  return options;
}

/** The feed's text and the address its relative links resolve against. */
async function load(options: Options): Promise<{ text: string; url: string; contentType: string }> {
  if (/^https?:\/\//i.test(options.source)) {
    let response: Response;
    try {
      response = await fetch(options.source, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { Accept: 'application/feed+json, application/json;q=0.9, */*;q=0.1' },
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new FeedError(timedOut ? 'timeout' : 'network', options.source, timedOut ? `No answer within ${TIMEOUT_MS / 1000} seconds.` : `The address could not be reached (${(error as Error).message}).`);
    }
    if (!response.ok) {
      throw new FeedError('http', options.source, `The server answered ${response.status} ${response.statusText}`.trim() + '.', { status: response.status });
    }
    return { text: await response.text(), url: options.base ?? response.url, contentType: response.headers.get('content-type') ?? '' };
  }
  const path = resolve(options.source);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FeedError('bad-url', options.source, `The file could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  return { text, url: options.base ?? `https://feed.invalid/${encodeURIComponent(basename(path))}`, contentType: '' };
}

function withFix(issue: FeedIssue): Problem {
  const fix = fixForIssue(issue);
  return fix ? { ...issue, fix } : { ...issue };
}

async function check(options: Options): Promise<Report> {
  const report: Report = { source: options.source, ok: false, errors: [], warnings: [] };
  let feed: Feed;
  try {
    const { text, url, contentType } = await load(options);
    feed = parseFeed(text, url, contentType);
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    const issues = (error.details.issues ?? []) as FeedIssue[];
    report.errors = issues.filter((i) => i.severity === 'error').map(withFix);
    report.warnings = issues.filter((i) => i.severity === 'warning').map(withFix);
    report.failure = { kind: error.kind, message: error.message, fix: fixForError(error) };
    return report;
  }
  report.errors = feed.issues.filter((i) => i.severity === 'error').map(withFix);
  report.warnings = feed.issues.filter((i) => i.severity === 'warning').map(withFix);
  report.shown = feed.items.length;
  report.items = feed.items.length + new Set(report.errors.map((i) => i.index)).size;
  report.ok = report.errors.length === 0 && !(options.strict && report.warnings.length > 0);
  return report;
}

function where(issue: FeedIssue): string {
  const item = issue.index === undefined ? 'feed' : `item ${issue.index + 1}${issue.id ? ` ("${issue.id}")` : ''}`;
  return issue.field ? `${item} · ${issue.field}` : item;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function print(report: Report): string {
  const lines: string[] = [];
  if (report.failure) {
    lines.push(`✗ ${report.source}: ${report.failure.message}`, `  fix: ${report.failure.fix}`);
  } else {
    const summary = `${plural(report.items ?? 0, 'item', 'items')}, ${report.shown} can be shown; ${plural(report.errors.length, 'error', 'errors')}, ${plural(report.warnings.length, 'warning', 'warnings')}`;
    lines.push(`${report.ok ? '✓' : '✗'} ${report.source}: ${summary}`);
  }
  for (const [title, problems] of [
    ['Errors (these items are not shown):', report.errors],
    ['Warnings (shown without the bad part):', report.warnings],
  ] as const) {
    if (!problems.length) continue;
    lines.push('', title);
    for (const problem of problems) {
      lines.push(`  ${where(problem)}: ${problem.message}`);
      if (problem.fix) lines.push(`    fix: ${problem.fix}`);
    }
  }
  return lines.join('\n');
}

/** Runs the command line; returns the exit code. */
export async function main(args: string[], out = (text: string) => console.log(text), err = (text: string) => console.error(text)): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    (options === USAGE ? out : err)(options);
    return options === USAGE ? 0 : 2;
  }
  const report = await check(options);
  out(options.json ? JSON.stringify(report, null, 2) : print(report));
  return report.ok ? 0 : 1;
}
