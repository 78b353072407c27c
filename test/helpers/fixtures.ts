/** Addresses of the fixture files the test server serves, and small waiting helpers. */

/** A fixture on the page's own origin. */
export const fixtureUrl = (path: string) => new URL(`/test/fixtures/${path}`, location.origin).href;

/**
 * The same fixture on another origin: the test server answers on both
 * `localhost` and `127.0.0.1`, which browsers treat as different origins.
 */
export function otherOriginUrl(path: string): string {
  const url = new URL(`/test/fixtures/${path}`, location.origin);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.href;
}

export const mockUrl = (path: string) => new URL(`/mock/${path}`, location.origin).href;

/** Polls until `check` returns a truthy value (the DOM settles after tasks and events). */
export async function until<T>(check: () => T | undefined | null | false, what = 'condition', timeout = 8000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let tokens = 0;
/**
 * A unique token, so the server can say whether one particular request was aborted. The browsers run
 * the same tests against one server at the same time: the time and a count alone were sometimes the
 * same in two of them, which then counted each other's requests.
 */
export const token = () => `t${Date.now().toString(36)}${(tokens++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Like `until`, for checks that must await (asking the test server). */
export async function eventually(check: () => Promise<boolean>, what = 'condition', timeout = 8000): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The paged fixture (library/paged: three pages chained by next_url), each page counted under `<key>-<page>` by the test server. */
export function pagedFeed(key: string): string {
  const third = mockUrl(`page/${key}-3?file=library/paged/pages/3.json`);
  const second = mockUrl(`page/${key}-2?file=library/paged/pages/2.json&next=${encodeURIComponent(third)}`);
  return mockUrl(`page/${key}-1?file=library/paged/feed.json&next=${encodeURIComponent(second)}`);
}

/** How many times each page of `pagedFeed(key)` was requested. */
export async function pagesRead(key: string): Promise<number[]> {
  const hits = async (page: number) => ((await (await fetch(mockUrl(`hits/${key}-${page}`))).json()) as { hits: number }).hits;
  return [await hits(1), await hits(2), await hits(3)];
}
