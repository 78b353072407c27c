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
  /** The element's parameters as last read or written: a history step that leaves them so changes nothing. */
  private seen?: string;
  /**
   * True while the reader types: the first letter of a search pushes a history
   * entry and the letters after it rewrite that entry, so Back undoes the whole
   * search, not one letter. Focus moving anywhere, another kind of change, and
   * a history step each end it.
   */
  private typing = false;
  /** The URL's query before the entry the search being typed pushed: a search deleted back to it steps back there. */
  private before?: string;
  /** Set while that step back is under way; a write asked for meanwhile waits for it, so that it lands after it. */
  private steppingBack = false;
  private waiting?: [UrlState, 'push' | 'type'];
  private stepTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly options: UrlStateOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
    // `focusout` is composed, so it leaves the element's shadow root: the search box losing focus ends a search.
    this.host.addEventListener('focusout', this.endTyping);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.host.removeEventListener('focusout', this.endTyping);
    this.typing = this.steppingBack = false;
    this.waiting = undefined;
    clearTimeout(this.stepTimer);
  }

  /** The state in the current URL, or undefined when the element keeps none (no name). */
  read(): UrlState | undefined {
    const name = this.options.name();
    if (!name) return undefined;
    const state: Record<string, string[]> = {};
    for (const [key, value] of new URLSearchParams(location.search)) {
      const field = fieldOf(key, name);
      if (field && value) (state[field] ??= []).push(value);
    }
    this.seen = ownParams(name);
    return state;
  }

  /**
   * Writes `state` into the URL as a new history entry (`push`, for a choice
   * such as a filter), or as a letter typed (`type`): the first letter of a
   * search pushes an entry and the next ones rewrite it, so that Back undoes
   * the search as a whole rather than one letter at a time; a search deleted
   * back to the URL it started from steps back to the entry before it,
   * rather than leave a copy of that entry. Nothing happens when the URL
   * would not change. The page's own parameters stay exactly as
   * they are written (`?flag`, `ids=1,2`): only this element's are rewritten.
   */
  write(state: UrlState, mode: 'push' | 'type'): void {
    const name = this.options.name();
    if (!name) return;
    if (this.steppingBack) {
      this.waiting = [state, mode];
      return;
    }
    const replace = mode === 'type' && this.typing;
    // A choice ends a search; a letter that leaves the URL as it is (a leading space) neither starts nor ends one.
    if (mode === 'push') this.typing = false;
    const current = location.search.slice(1);
    const kept = current.split('&').filter((part) => part && !fieldOf(new URLSearchParams(part).keys().next().value ?? '', name));
    const ours = new URLSearchParams();
    for (const [key, values] of Object.entries(state)) for (const value of values) if (value) ours.append(`${name}.${key}`, value);
    const search = [...kept, ours.toString()].filter(Boolean).join('&');
    if (search === current) return;
    // A search typed and deleted again would leave a copy of the entry before it, and Back would seem to do nothing.
    if (replace && search === this.before) {
      try {
        history.back();
        this.typing = false;
        this.steppingBack = true;
        // Should the step never come (a browser that drops it), the writes waiting for it go on.
        this.stepTimer = setTimeout(this.onPopState, 1000);
        return;
      } catch {
        // A document that may not step (no longer active) rewrites the entry as before.
      }
    }
    if (!replace) this.before = mode === 'type' ? current : undefined;
    const url = new URL(location.href);
    url.search = search;
    try {
      if (replace) history.replaceState(history.state, '', url);
      else history.pushState(history.state, '', url);
    } catch (error) {
      // A sandboxed frame or an opaque origin may refuse; the listing still works.
      console.warn('<library-list> could not keep its state in the URL:', error);
    }
    this.typing = mode === 'type';
    this.seen = ownParams(name);
  }

  /**
   * Back and Forward, and any other history step of the page: the element's
   * state is applied only when its own parameters changed, so that a step of
   * another list, or a link to an anchor, leaves it as the reader has it
   * (with its "Show more" pages).
   */
  private endTyping = () => {
    this.typing = false;
  };

  private onPopState = () => {
    this.typing = false;
    const name = this.options.name();
    if (this.steppingBack) {
      clearTimeout(this.stepTimer);
      // Our own step back, to the state the reader has: then what they did meanwhile.
      this.steppingBack = false;
      if (name) this.seen = ownParams(name);
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) this.write(...waiting);
      return;
    }
    if (!name || ownParams(name) === this.seen) return;
    const state = this.read();
    if (state) this.options.apply(state);
  };
}

/**
 * The field a parameter holds for the element named `name` (`reports.q` → `q`),
 * or undefined when it is not the element's. Fields have no dots, so a list
 * named `a` never takes the parameters of one named `a.b`.
 */
function fieldOf(key: string, name: string): string | undefined {
  const field = key.startsWith(`${name}.`) ? key.slice(name.length + 1) : '';
  return field && !field.includes('.') ? field : undefined;
}

/** The element's parameters in the current URL, as one string to compare. */
function ownParams(name: string): string {
  return JSON.stringify([...new URLSearchParams(location.search)].filter(([key]) => fieldOf(key, name)));
}
