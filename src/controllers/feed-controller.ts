/**
 * Loads a feed for an element: one `Task` per request, aborted when the
 * inputs change or the element leaves the page, and run again when it comes
 * back. Reports the outcome the same three ways everywhere: in the element
 * (through the task's state), on the console, and as a typed event.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { FeedError, isAbortError } from '../feed/errors.js';
import { loadFeed } from '../feed/load-feed.js';
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
}

type Host = ReactiveControllerHost & HTMLElement;

export class FeedController<T> implements ReactiveController {
  readonly task: Task<readonly [string | undefined, number, unknown], T>;
  private reload = false;

  constructor(
    private readonly host: Host,
    options: FeedControllerOptions<T>,
  ) {
    host.addController(this);
    this.task = new Task(host, {
      args: () => [options.url()?.trim() || undefined, options.timeout(), options.key?.()] as const,
      task: async ([url, timeout], { signal }) => {
        if (!url) return initialState;
        const reload = this.reload;
        this.reload = false;
        const feed = await loadFeed(url, { signal, timeout, reload });
        const selected = options.select(feed);
        this.report(feed);
        return selected;
      },
      onError: (error) => this.fail(error),
    });
  }

  /** Fetches the feed again, bypassing what is already loaded. */
  retry(): void {
    this.reload = true;
    void this.task.run();
  }

  /** The explanation of a failed load, with a button that retries it. Both elements show failures this way. */
  renderError(error: unknown) {
    const { title, detail } = en.feedError(asFeedError(error, this.host.getAttribute('feed') ?? ''));
    return html`<div part="error" class="error" role="alert">
      <strong>${title}</strong>
      <p>${detail}</p>
      <button class="button secondary" @click=${() => this.retry()}>${en.retry}</button>
    </div>`;
  }

  hostConnected(): void {
    // A request cut short by disconnection starts again on reconnection.
    if (this.task.status === TaskStatus.ERROR && isAbortError(this.task.error)) void this.task.run();
  }

  hostDisconnected(): void {
    this.task.abort();
  }

  private report(feed: Feed): void {
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
    const { title, detail } = en.feedError(feedError);
    console.error(`${this.label()} ${title}. ${detail}`, this.host);
    this.host.dispatchEvent(new LibraryErrorEvent(feedError));
  }

  private label(): string {
    return `<${this.host.localName}>`;
  }
}

/** The error a task failed with, as a `FeedError`. */
export function asFeedError(error: unknown, url: string): FeedError {
  return error instanceof FeedError ? error : new FeedError('not-feed', url, String(error), { cause: error });
}
