/**
 * For the Loading stories only. A static Storybook cannot keep a request
 * open, so to show the pending state honestly the story's `beforeEach` swaps
 * `window.fetch` for one that never answers requests to exactly one URL (and
 * rejects them when their signal aborts, as the real `fetch` does). Every
 * other request goes to the real `fetch`, the element's own loading code runs
 * unchanged, and the returned cleanup puts the real `fetch` back when the
 * story unmounts.
 */
/** The address the Loading stories give their element. Nothing is ever served there. */
export const NEVER_ANSWERED_FEED = 'story-fixtures/never-answered.json';

/** The longest delay `setTimeout` accepts (about 24 days): the element's own timeout never fires while one looks at the story. */
export const LONGEST_TIMEOUT = 2 ** 31 - 1;

/** A story `beforeEach` that holds requests to `url` until the story unmounts. */
export const holdRequestsTo =
  (url: string) =>
  (): (() => void) => {
    const held = new URL(url, document.baseURI).href;
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const request = input instanceof Request ? input : undefined;
      const address = new URL(request ? request.url : String(input), document.baseURI).href;
      if (address !== held) return realFetch(input, init);
      const signal = init?.signal ?? request?.signal;
      return new Promise<Response>((_, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    };
    return () => {
      window.fetch = realFetch;
    };
  };
