/**
 * How the benchmarks learn that a page has its figures, without touching the
 * page meanwhile. Playwright's `waitForFunction` polls by evaluating code in
 * the page, and its first poll injects and compiles Playwright's own script
 * there (some 15 ms on these machines): landing between a feed's response and
 * the first card, that would be counted as the page's work, for one
 * contender and not another. Instead, a setter installed before the page's
 * own scripts run reports the value through a binding the moment the page
 * sets it.
 */
import type { Page } from 'playwright-core';

/**
 * Watches for the page to assign `window[name]`: `value` resolves with what it
 * assigns (passed as JSON). Await this before navigating, then await `value`.
 */
export async function whenPageSets<T>(tab: Page, name: string, timeout: number): Promise<{ value: Promise<T> }> {
  const binding = `__benchReport_${name}`;
  let report!: (value: T) => void;
  const reported = new Promise<T>((resolve) => (report = resolve));
  await tab.exposeFunction(binding, (value: T) => report(value));
  // A string, not a function: tsx's compiled functions call helpers that the page does not have.
  await tab.addInitScript(`(() => {
    let stored;
    Object.defineProperty(window, ${JSON.stringify(name)}, {
      configurable: true,
      get: () => stored,
      set: (value) => { stored = value; window[${JSON.stringify(binding)}](value); },
    });
  })();`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The clock starts now, before navigating: the timeout covers the whole load.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page did not set window.${name} within ${timeout / 1000} s`)), timeout);
  });
  const value = Promise.race([reported, late]).finally(() => clearTimeout(timer));
  // Not awaited until the page has been opened: keep an early timeout from being an unhandled rejection.
  value.catch(() => {});
  return { value };
}
