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

/**
 * Characters a URL's path keeps exactly as written in every engine: no
 * percent sign, no colon (a scheme), no `?`, `#` or backslash, nothing the
 * parser encodes, removes or treats specially.
 */
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&()*+,;=@/]*$/;
/** A `.` or `..` segment, which the parser removes. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
/** `http(s)://host` in the form the parser writes it: lower-case letters, digits and inner hyphens, ending in a name (not a number). */
const PLAIN_ORIGIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?(?=\/|$)/;

/**
 * `resolveSafeUrl` for many values against one base, as when reading a feed:
 * the same answers, but links already written the way the URL parser would
 * write them (the usual `publications/report.pdf` or
 * `https://example.org/report`) are resolved by joining strings, without
 * parsing each one (tens of thousands of `new URL`s dominated reading a large
 * feed). Anything else goes through `resolveSafeUrl`.
 */
export function safeUrlResolver(base: string | URL): (value: string | undefined) => string | undefined {
  let folder: string | undefined;
  let origin: string | undefined;
  try {
    const url = new URL(base);
    if (ALLOWED.has(url.protocol)) {
      folder = new URL('./', url).href;
      origin = new URL('/', url).href.slice(0, -1);
    }
  } catch {
    // An unusable base: every value takes the slow path, which answers as it always has.
  }
  return (value) => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (folder !== undefined && origin !== undefined && trimmed !== '' && !trimmed.includes('xn--')) {
      if (trimmed.charCodeAt(0) === 47 /* / */) {
        if (trimmed.charCodeAt(1) !== 47 && PLAIN_PATH.test(trimmed) && !DOT_SEGMENT.test(trimmed)) return origin + trimmed;
      } else if (PLAIN_PATH.test(trimmed)) {
        if (!DOT_SEGMENT.test(trimmed)) return folder + trimmed;
      } else {
        const host = PLAIN_ORIGIN.exec(trimmed)?.[0];
        if (host !== undefined) {
          const path = trimmed.slice(host.length);
          if (path === '') return `${trimmed}/`;
          if (PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path)) return trimmed;
        }
      }
    }
    return resolveSafeUrl(value, base);
  };
}
