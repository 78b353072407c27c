/** Plain-text helpers for feed values. None of them produces HTML. */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019',
  ldquo: '\u201c', rdquo: '\u201d', laquo: '\u00ab', raquo: '\u00bb', copy: '\u00a9',
  reg: '\u00ae', trade: '\u2122', middot: '\u00b7', bull: '\u2022', eacute: '\u00e9',
};

/**
 * Decodes HTML character references. Feeds from WordPress put them in plain
 * text fields (`Blog &#8211; InfluxData`); the result is still rendered as text.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Collapses runs of white space and trims. */
export function squash(value: string): string {
  // Most feed strings are already clean; skip the rewrite for them.
  return /\s\s|[\t\n\r\f\v\u00a0]|^\s|\s$/.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
}

/** Elements inside a line of text, whose tags do not part words: `<b>Fire</b>ball` is one word, and `<a>link</a>.` ends a sentence. */
const INLINE = new Set('a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong sub sup time tt u var wbr'.split(' '));

/**
 * An HTML fragment's tags taken out: an inline element's tags leave nothing,
 * any other tag (a paragraph, a line break, an image) a space, so that the
 * words on either side of it stay apart. Comments and code are left to the
 * caller.
 */
export function stripTags(html: string): string {
  return html.replace(/<\/?([a-z][\w-]*)?[^>]*>?/gi, (_, name?: string) => (name && INLINE.has(name.toLowerCase()) ? '' : ' '));
}

/**
 * Text of an HTML fragment, for excerpts and search. Tags, comments, and the
 * contents of script and style elements are dropped; the result is text, never
 * markup, so it is safe however hostile the input was.
 */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  return squash(decodeEntities(stripTags(withoutCode)));
}

/** Shortens text at a word boundary, adding an ellipsis. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}\u2026`;
}
