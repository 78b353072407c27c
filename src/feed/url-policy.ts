/**
 * Which URLs the elements follow or link to: `http:` and `https:` only,
 * written absolute or relative. Relative URLs resolve against the feed's URL,
 * never the host page, because partners load the feed from another origin.
 */

const ALLOWED = new Set(['http:', 'https:']);

/** The absolute URL, or `undefined` when the value is not a URL or uses another scheme. */
export function resolveSafeUrl(value: string | undefined, base: string | URL): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return ALLOWED.has(url.protocol) ? url.href : undefined;
}

/** True when a URL (absolute or relative) may be followed. */
export function isSafeUrl(value: string, base: string | URL): boolean {
  return resolveSafeUrl(value, base) !== undefined;
}
