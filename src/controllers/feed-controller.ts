/**
 * Loads a feed for an element: one `Task` per request, aborted when the
 * inputs change or the element leaves the page, and run again when it comes
 * back. Reports the outcome the same three ways everywhere: in the element
 * (through the task's state), on the console, and as a typed event.
 */
import { initialState, Task } from '@lit/task';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { whileConnected } from './connected-task-controller.js';
import { FeedError, isAbortError } from '../feed/errors.js';
import { loadFeed } from '../feed/load-feed.js';
import { importAgain } from '../lazy/import-again.js';
import type { Feed } from '../feed/publication.js';
import { LibraryErrorEvent } from '../events/library-error-event.js';
import { LibraryLoadEvent } from '../events/library-load-event.js';
import { en } from '../localize/en.js';

export interface FeedControllerOptions<T> {
  /** The feed URL; nothing loads while it is empty. */
  url(): string | undefined;
  /** Milliseconds before the request gives up. */
  timeout(): number;
  /** Picks what the element needs from the feed; may throw a `FeedError`. */
  select(feed: Feed): T;
  /** Other inputs that `select` depends on. */
  key?(): unknown;
  /** Whether the host shows the first entries of a large feed (`partial`, with `reading`) while the rest is read. */
  preview?: boolean;
  /** For a feed in pages (`next_url`): whether the pages read so far hold what the host shows, so that the rest are not fetched. Default: every page is read. */
  enough?(feed: Feed): boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

/** The code that follows a feed's pages, in the browser bundle, relative to this code: the build writes the content hash in place of the underscores. */
const PAGES_CHUNK = './chunks/load-feed-pages-________.js';

/** That code, requested only for a feed split with `next_url` (again after a failure). */
const loadPagesCode = importAgain(
  () => import('../feed/load-feed-pages.js'),
  typeof __VL_BUNDLE__ !== 'undefined' && __VL_BUNDLE__ ? (fragment) => import(/* @vite-ignore */ `${PAGES_CHUNK}${fragment}`) : undefined,
);

/**
 * A feed still arriving: a feed in pages (`next_url`) while its later pages
 * load, or the first entries of a large feed while the rest is read.
 */
export interface PartialFeed {
  feed: Feed;
  /** Pages loaded so far. */
  pages: number;
  /** Set for the first entries of a large feed, while the rest is read. */
  reading?: boolean;
}

/** The fuller explanations of a failed load (`localize/en-feed-errors.ts`), once they have loaded. */
let explanations: typeof import('../localize/en-feed-errors.js') | undefined;
/** Their file in the browser bundle, relative to this code (the build writes the hash in), for a second try. */
const EXPLANATIONS_CHUNK = './chunks/en-feed-errors-________.js';
const loadExplanations = importAgain(
  () => import('../localize/en-feed-errors.js'),
  typeof __VL_BUNDLE__ !== 'undefined' && __VL_BUNDLE__ ? (fragment) => import(/* @vite-ignore */ `${EXPLANATIONS_CHUNK}${fragment}`) : undefined,
);

/** Loads the fuller explanations, when a load has failed: until they arrive, or fail to, the failure is not shown. */
async function explanationsReady(): Promise<void> {
  explanations ??= await loadExplanations().catch(() => undefined);
}

/** A failed load in words: the fuller explanation, or the short one should it not have loaded. */
function explain(error: FeedError): { title: string; detail: string } {
  return explanations ? explanations.feedError(error) : en.feedErrorShort(error);
}

export class FeedController<T> {
  readonly task: Task<readonly [string | undefined, number, unknown], T>;
  /** The feed so far while a feed's later pages load, or while a large feed is read; undefined otherwise. */
  partial?: PartialFeed;
  private reload = false;

  constructor(
    private readonly host: Host,
    private readonly options: FeedControllerOptions<T>,
  ) {
    this.task = whileConnected(host, new Task(host, {
      args: () => [options.url()?.trim() || undefined, options.timeout(), options.key?.()] as const,
      task: async ([url, timeout], { signal }) => {
        if (!url) return initialState;
        try {
          const feed = await this.load(url, timeout, signal);
          // The notice of a later page that failed, like the message of a load that failed, waits for its words.
          if (feed.incomplete) await explanationsReady();
          const selected = options.select(feed);
          this.report(feed);
          return selected;
        } catch (error) {
          if (!isAbortError(error)) await explanationsReady();
          throw error;
        }
      },
      onError: (error) => this.fail(error),
    }));
  }

  /** The feed at `url`, with as many of its pages as the host needs when it is split into pages. */
  private async load(url: string, timeout: number, signal: AbortSignal): Promise<Feed> {
    const reload = this.reload;
    this.reload = false;
    this.partial = undefined;
    const first = await loadFeed(url, {
      signal,
      timeout,
      reload,
      onPreview: this.options.preview
        ? (start) => {
            if (signal.aborted) return;
            this.partial = { feed: start, pages: 1, reading: true };
            this.host.requestUpdate();
          }
        : undefined,
    });
    const next = first.nextUrl;
    if (!next) {
      this.partial = undefined;
      return first;
    }
    // A feed split with next_url: the code that follows the pages loads only for such feeds. Page 1
    // comes from the cache; the host keeps the preview until the pages replace it, and shows each page
    // as it arrives. Without that code, page 1 is shown as a feed whose later pages failed, and
    // "Try again" asks for the code again.
    return loadPagesCode()
      .then(
        ({ loadFeedPages }) =>
          loadFeedPages(url, {
            signal,
            timeout,
            enough: this.options.enough,
            onPage: (merged, { pages, more }) => {
              if (!more || signal.aborted) return;
              this.partial = { feed: merged, pages };
              this.host.requestUpdate();
            },
          }),
        (cause: unknown): Feed => ({
          ...first,
          incomplete: { page: 2, url: next, error: new FeedError('script', url, 'The code that follows the pages of a feed could not be loaded.', { cause }) },
        }),
      )
      // Unless a newer load has taken over, whose start may be showing by now.
      .finally(() => signal.aborted || (this.partial = undefined));
  }

  /** Fetches the feed again, bypassing what is already loaded. */
  retry(): void {
    this.reload = true;
    void this.task.run();
  }

  /** The explanation of a failed load, with a button that retries it. Both elements show failures this way. */
  renderError(error: unknown) {
    const { title, detail } = explain(asFeedError(error, this.host.getAttribute('feed') ?? ''));
    return renderAlert(title, detail, () => this.retry());
  }

  /** The notice for a feed whose later pages could not be loaded: what was shown, why the rest is missing, and Retry. */
  renderIncomplete(feed: Feed) {
    const missing = feed.incomplete;
    if (!missing) return nothing;
    return renderAlert(en.incomplete(missing.page - 1), explain(missing.error).detail, () => this.retry());
  }

  private report(feed: Feed): void {
    if (feed.incomplete) {
      const { title, detail } = explain(feed.incomplete.error);
      console.error(`${this.label()} ${feed.url}: page ${feed.incomplete.page} (${feed.incomplete.url}) could not be loaded. ${title}. ${detail}`, this.host);
      this.host.dispatchEvent(new LibraryErrorEvent(feed.incomplete.error));
    }
    if (feed.issues.length > 0) {
      const lines = feed.issues.map(
        (i) => `${i.severity === 'error' ? 'skipped' : 'warning'} – ${en.itemName(i)}: ${i.field ?? ''} ${i.message}`,
      );
      console.warn(`${this.label()} ${feed.url} has problems:\n${lines.join('\n')}`);
    }
    this.host.dispatchEvent(new LibraryLoadEvent(feed));
  }

  private fail(error: unknown): void {
    if (isAbortError(error)) return;
    const feedError = asFeedError(error, this.host.getAttribute('feed') ?? '');
    const { title, detail } = explain(feedError);
    console.error(`${this.label()} ${title}. ${detail}`, this.host);
    this.host.dispatchEvent(new LibraryErrorEvent(feedError));
  }

  private label(): string {
    return `<${this.host.localName}>`;
  }
}

/**
 * How the elements' failures read: a headline, a sentence, and "Try again"
 * when there is something to try again. `name` is a class that tells one
 * message from another.
 */
export function renderAlert(title: string, detail: string, retry?: () => void, name = '') {
  return html`<div part="error" class="error ${name}" role="alert">
    <strong>${title}</strong>
    <p>${detail}</p>
    ${retry ? html`<button class="button secondary" @click=${retry}>${en.retry}</button>` : nothing}
  </div>`;
}

/** The error a task failed with, as a `FeedError`. */
export function asFeedError(error: unknown, url: string): FeedError {
  return error instanceof FeedError ? error : new FeedError('not-feed', url, String(error), { cause: error });
}
