/**
 * Keeps an element's reader state (query, facets, sort …) in the page's URL,
 * so that a reader can send a colleague a link to what they found, reload
 * without losing it, and use Back and Forward.
 *
 * The state lives under a namespace: keys are written as `<name>.<key>`
 * (`library.q=nuclear&library.type=report`), so two elements on one page with
 * different names never touch each other's parameters, and the host page's
 * own parameters and hash are left alone.
 *
 * Off until the host gives a name: the element lives in someone else's page,
 * and changing that page's URL must be the page's choice.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Each key's values; a key with no values is not written. */
export type UrlState = Record<string, readonly string[]>;

export interface UrlStateOptions {
  /** The namespace, or undefined to keep the URL untouched. */
  name(): string | undefined;
  /** Called when the URL's state changes under the element (Back, Forward). */
  apply(state: UrlState): void;
}

export class UrlStateController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly options: UrlStateOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** The state in the current URL, or undefined when the element keeps none (no name). */
  read(): UrlState | undefined {
    const name = this.options.name();
    if (!name) return undefined;
    const prefix = `${name}.`;
    const state: Record<string, string[]> = {};
    for (const [key, value] of new URLSearchParams(location.search)) {
      if (!key.startsWith(prefix) || !value) continue;
      (state[key.slice(prefix.length)] ??= []).push(value);
    }
    return state;
  }

  /**
   * Writes `state` into the URL: a new history entry (`push`), or in place
   * (for typing, so Back does not step through every letter). Nothing happens
   * when the URL would not change.
   */
  write(state: UrlState, mode: 'push' | 'replace'): void {
    const name = this.options.name();
    if (!name) return;
    const prefix = `${name}.`;
    const url = new URL(location.href);
    const params = new URLSearchParams();
    for (const [key, value] of url.searchParams) if (!key.startsWith(prefix)) params.append(key, value);
    for (const [key, values] of Object.entries(state)) for (const value of values) if (value) params.append(prefix + key, value);
    const search = params.toString();
    if (search === url.search.slice(1)) return;
    url.search = search;
    try {
      if (mode === 'push') history.pushState(history.state, '', url);
      else history.replaceState(history.state, '', url);
    } catch (error) {
      // A sandboxed frame or an opaque origin may refuse; the listing still works.
      console.warn('<library-list> could not keep its state in the URL:', error);
    }
  }

  private onPopState = () => {
    const state = this.read();
    if (state) this.options.apply(state);
  };
}
