/**
 * Fetching feeds. Several elements on one page often read the same feed (a
 * listing and a featured card); they share one request and one parsed result.
 */
import { FeedError, isAbortError } from './errors.js';
import { parseFeed } from './parse-feed.js';
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
}

export const DEFAULT_TIMEOUT = 15_000;

interface Pending {
  promise: Promise<Feed>;
  controller: AbortController;
  waiting: number;
  settled: boolean;
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
    const created: Pending = {
      controller,
      waiting: 0,
      settled: false,
      promise: request(absolute, options.timeout ?? DEFAULT_TIMEOUT, controller.signal),
    };
    created.promise.then(
      () => (created.settled = true),
      () => {
        // Failures are not kept: the next caller (or Retry) asks again.
        created.settled = true;
        if (shared.get(absolute) === created) shared.delete(absolute);
      },
    );
    shared.set(absolute, created);
    entry = created;
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

async function request(url: string, timeout: number, signal: AbortSignal): Promise<Feed> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
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
    try {
      text = await response.text();
    } catch (error) {
      if (timedOut) throw timeoutError(url, timeout);
      throw error;
    }
    return parseFeed(text, response.url || url, response.headers.get('content-type') ?? '');
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

function timeoutError(url: string, timeout: number): FeedError {
  return new FeedError('timeout', url, `The feed at ${url} did not answer within ${timeout / 1000} seconds.`, { timeout });
}

/** Forgets every loaded feed, so the next call fetches again. For tests and long-lived pages. */
export function clearFeedCache(): void {
  shared.clear();
}
