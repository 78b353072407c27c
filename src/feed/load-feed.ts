/**
 * Fetching feeds. Several elements on one page often read the same feed (a
 * listing and a featured card); they share one request and one parsed result.
 *
 * A large feed is read a slice at a time, between which the page stays
 * responsive; its first entries are offered as a preview (`onPreview`) as
 * soon as they have downloaded, before the rest has, so a listing can show
 * its first screen at once.
 *
 * The reader itself (parsing, checking against the schema, normalising:
 * `parse-feed.ts` and what it needs) is a module of its own, fetched beside
 * the first feed request rather than before the elements can start: a page
 * whose cards are given their publications never loads it.
 */
import { importAgain } from '../lazy/import-again.js';
import { FeedError, isAbortError } from './errors.js';
import type { Feed } from './publication.js';
import { resolveSafeUrl } from './url-policy.js';

export interface LoadFeedOptions {
  /** Aborts this caller's wait; the request itself stops when no caller is left. */
  signal?: AbortSignal;
  /** Milliseconds before giving up. Default 15 000. */
  timeout?: number;
  /** Fetch again even when the feed is already loaded (Retry). */
  reload?: boolean;
  /** What relative feed URLs resolve against. Default: the page's base URL. */
  base?: string;
  /**
   * Called at most once, before the promise settles, when the feed is large
   * (more than 200,000 characters) and the rest is still downloading or being
   * read: with the feed's first publications (`items`, in the feed's order,
   * with their `types`; no `issues` yet). The promise then brings the
   * complete feed.
   */
  onPreview?(start: Feed): void;
}

export const DEFAULT_TIMEOUT = 15_000;

/** Feeds longer than this (in characters; some 500 entries) are read in slices, and previewed. Smaller ones are read at once (a few milliseconds). */
const LARGE_FEED = 200_000;
/** Characters of a feed still downloading before its first entries are looked for (then each time what has come doubles). */
const FIRST_LOOK = 16_384;
/** Entries read for the preview: a listing's first page (24 by default), and then some. */
const PREVIEW_ENTRIES = 50;
/** Milliseconds of reading between two yields to the page. */
const SLICE = 12;

interface Pending {
  promise: Promise<Feed>;
  controller: AbortController;
  waiting: number;
  settled: boolean;
  /** Who wants the preview, and the preview once made. */
  previewers: Set<(preview: Feed) => void>;
  preview?: Feed;
}

const shared = new Map<string, Pending>();

/**
 * Loads, validates and normalises the feed at `url`.
 * @throws FeedError for anything that stops the feed from being shown;
 *   a DOMException named `AbortError` when `signal` aborts.
 */
export function loadFeed(url: string, options: LoadFeedOptions = {}): Promise<Feed> {
  const base = options.base ?? document.baseURI;
  const absolute = resolveSafeUrl(url, base);
  if (!absolute) {
    return Promise.reject(
      new FeedError('bad-url', url, `"${url}" is not a web address the library can load. Use an http(s) or relative URL.`),
    );
  }
  let entry = shared.get(absolute);
  if (options.reload && entry?.settled) {
    shared.delete(absolute);
    entry = undefined;
  }
  if (!entry) {
    const controller = new AbortController();
    const previewers = new Set<(preview: Feed) => void>();
    const created: Pending = {
      controller,
      waiting: 0,
      settled: false,
      previewers,
      promise: request(absolute, options.timeout ?? DEFAULT_TIMEOUT, controller.signal, (preview) => {
        created.preview = preview;
        // A copy: a caller that joins from one of these callbacks is shown the preview once, as any later joiner.
        for (const show of [...previewers]) show(preview);
        previewers.clear();
      }),
    };
    created.promise.then(
      () => {
        created.settled = true;
        // Callers from now on get the complete feed at once.
        created.preview = undefined;
      },
      () => {
        // Failures are not kept: the next caller (or Retry) asks again.
        created.settled = true;
        created.preview = undefined;
        if (shared.get(absolute) === created) shared.delete(absolute);
      },
    );
    shared.set(absolute, created);
    entry = created;
  }
  const { onPreview } = options;
  if (onPreview && !entry.settled) {
    const pending = entry;
    const show = (preview: Feed) => pending.settled || options.signal?.aborted || onPreview(preview);
    const { preview } = pending;
    // A caller that joins a feed already previewed sees the preview too, as the others did: just after this call.
    if (preview) queueMicrotask(() => show(preview));
    else {
      pending.previewers.add(show);
      const forget = () => pending.previewers.delete(show);
      pending.promise.then(forget, forget);
    }
  }
  return wait(absolute, entry, options.signal);
}

function wait(key: string, entry: Pending, signal: AbortSignal | undefined): Promise<Feed> {
  if (!signal) return entry.promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  entry.waiting++;
  return new Promise<Feed>((resolve, reject) => {
    const onAbort = () => {
      entry.waiting--;
      if (entry.waiting === 0 && !entry.settled) {
        entry.controller.abort();
        if (shared.get(key) === entry) shared.delete(key);
      }
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.promise.then(
      (feed) => {
        signal.removeEventListener('abort', onAbort);
        entry.waiting--;
        resolve(feed);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        entry.waiting--;
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

async function request(url: string, timeout: number, signal: AbortSignal, preview: (preview: Feed) => void): Promise<Feed> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  // Fetched while the feed is: by the time the feed has arrived, so has the code that reads it.
  const reader = loadReader();
  let loaded: ReaderModule | undefined;
  reader.then((module) => (loaded = module)).catch(() => {});
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        signal: controller.signal,
        credentials: 'omit',
        headers: { Accept: 'application/feed+json, application/json;q=0.9, */*;q=0.1' },
      });
    } catch (error) {
      if (timedOut) throw timeoutError(url, timeout);
      if (isAbortError(error) || signal.aborted) throw error;
      throw new FeedError('network', url, `The feed at ${url} could not be reached.`, { cause: error });
    }
    if (!response.ok) {
      throw new FeedError('http', url, `The server answered ${response.status} ${response.statusText}`.trim() + '.', {
        status: response.status,
        statusText: response.statusText,
      });
    }
    let text: string;
    let previewed = false;
    // A large feed (by its length, or by what has come so far) is previewed from its first entries
    // as soon as they have arrived, while the rest downloads.
    const length = Number(response.headers.get('content-length'));
    const finalUrl = response.url || url;
    const look = (received: number, soFar: () => string): Look => {
      // Not yet: the reader's code has not come, or the feed may yet prove small.
      if (!loaded || (!(length > LARGE_FEED) && received <= LARGE_FEED)) return 'later';
      const start = loaded.previewFeed(soFar(), finalUrl, PREVIEW_ENTRIES);
      if (!start) return 'more';
      previewed = true;
      preview(start);
      return 'done';
    };
    try {
      text = await readText(response, look);
    } catch (error) {
      if (timedOut) throw timeoutError(url, timeout);
      throw error;
    }
    // The time limit is for the network; reading is ours.
    clearTimeout(timer);
    let parse: Awaited<typeof reader>;
    try {
      parse = await reader;
    } catch (error) {
      throw new FeedError('script', url, 'The code that reads feeds could not be loaded.', { cause: error });
    }
    return await read(parse, text, finalUrl, response.headers.get('content-type') ?? '', signal, previewed ? undefined : preview);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

/**
 * Reads the feed: at once when it is small; else its first entries as a
 * preview, then the rest a slice at a time, the page given a turn between
 * slices. A large feed's text is parsed piece by piece as it is read
 * (`FeedTextReader`), so neither the preview nor any slice waits for a parse
 * of the whole document.
 */
async function read(
  { FeedTextReader, parseFeed }: ReaderModule,
  text: string,
  url: string,
  contentType: string,
  signal: AbortSignal,
  preview: ((start: Feed) => void) | undefined,
): Promise<Feed> {
  if (text.length <= LARGE_FEED) return parseFeed(text, url, contentType);
  const reader = new FeedTextReader(text, url, contentType);
  reader.read(PREVIEW_ENTRIES);
  // Unless the feed was previewed while it downloaded.
  const start = preview && reader.snapshot();
  if (start?.items.length) {
    preview!(start);
    // Let the page paint what it made of the preview before reading on.
    await afterNextPaint();
  }
  while (!reader.done) {
    if (signal.aborted) throw signal.reason;
    const end = performance.now() + SLICE;
    do reader.read(50);
    while (!reader.done && performance.now() < end);
    if (!reader.done) await nextTask();
  }
  return reader.finish();
}

/** What looking at a feed's start gave: its preview (`done`), not enough of it (`more`), or nothing yet (`later`). */
type Look = 'done' | 'more' | 'later';

/**
 * The response's text. While it downloads, `look` is told how many
 * characters have come and can ask for them: from 16,384 characters, at every
 * piece while it answers `later`, and each time the text has doubled while it
 * answers `more`, until it answers `done`.
 */
async function readText(response: Response, look: (received: number, soFar: () => string) => Look): Promise<string> {
  if (!response.body) return response.text();
  const body = response.body.getReader();
  // As response.text() decodes: UTF-8, a byte-order mark dropped, bad bytes as U+FFFD.
  const decoder = new TextDecoder();
  let parts: string[] = [];
  let length = 0;
  let nextLook = FIRST_LOOK;
  for (;;) {
    const { done, value } = await body.read();
    if (done) break;
    const part = decoder.decode(value, { stream: true });
    parts.push(part);
    length += part.length;
    if (length >= nextLook) {
      const looked = look(length, () => {
        const soFar = parts.join('');
        parts = [soFar];
        return soFar;
      });
      if (looked === 'done') {
        nextLook = Infinity;
        // What came fast is queued: let the page paint the preview before reading on.
        await afterNextPaint();
      } else if (looked === 'more') nextLook = length * 2;
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

type ReaderModule = typeof import('./parse-feed.js');

/** The feed reader's file in the browser bundle, relative to this code: the build writes the content hash in place of the underscores. */
const READER_CHUNK = './chunks/parse-feed-________.js';

/** The feed reader module, requested once (again after a failure). */
const loadReader = importAgain(
  () => import('./parse-feed.js'),
  typeof __VL_BUNDLE__ !== 'undefined' && __VL_BUNDLE__ ? (fragment) => import(/* @vite-ignore */ `${READER_CHUNK}${fragment}`) : undefined,
);

/** A new task, without the clamping of nested `setTimeout`s. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Once the next frame is painted (a task queued from its animation frame), or after 50 ms in a page that is not rendering. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 50);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      void nextTask().then(resolve);
    });
  });
}

function timeoutError(url: string, timeout: number): FeedError {
  return new FeedError('timeout', url, `The feed at ${url} did not answer within ${timeout / 1000} seconds.`, { timeout });
}

/** Forgets every loaded feed, so the next call fetches again. For tests and long-lived pages. */
export function clearFeedCache(): void {
  shared.clear();
}
