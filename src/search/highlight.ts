/**
 * Marking what a search found, in the original text: the text is folded as
 * the index folds it, piece by piece, remembering where each folded
 * character came from, so that "zhao" marks "Zhào" and "obrien" marks
 * "O’Brien" without changing a character of what is shown.
 */
import { fold } from './fold.js';
import { APOSTROPHES, WORD_CHAR, abbreviationDots, eachTerm, isUnspaced } from './terms.js';

export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * A character with the marks that belong to it (and a Hangul syllable
 * spelled in jamo, and half-width kana with its voicing mark): the smallest
 * piece that folds the same alone as inside the whole text.
 */
const CLUSTER = /[\u1100-\u115f]+[\u1160-\u11a7]+[\u11a8-\u11ff]*|\P{M}[\p{M}\uff9e\uff9f]*|[\p{M}\uff9e\uff9f]+/gu;
const ASCII = /^[\x00-\x7f]*$/;

interface Folded {
  text: string;
  /** For each code unit of `text`: where its piece starts in the original. */
  from: number[];
  /** For each code unit of `text`: where its piece ends in the original. */
  to: number[];
  /** Positions in `text` that follow an apostrophe (taken out): a piece of a word starts there. */
  pieces: Set<number>;
}

function foldWithMap(text: string): Folded {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  if (ASCII.test(text)) {
    const lower = text.toLowerCase();
    for (let i = 0; i < lower.length; i++) {
      chars.push(lower[i]!);
      from.push(i);
      to.push(i + 1);
    }
  } else {
    CLUSTER.lastIndex = 0;
    for (let m = CLUSTER.exec(text); m; m = CLUSTER.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const folded = fold(m[0]);
      for (let i = 0; i < folded.length; i++) {
        chars.push(folded[i]!);
        from.push(start);
        to.push(end);
      }
    }
  }
  // Apostrophes are not part of any term: "O'Brien" is "obrien", and "brien" starts a piece. Nor are
  // the dots of an abbreviation: "U.S." is "us".
  const kept: Folded = { text: '', from: [], to: [], pieces: new Set() };
  const out: string[] = [];
  const dots = abbreviationDots(chars.join(''));
  let afterApostrophe = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (dots.has(i)) continue;
    if (APOSTROPHES.test(char)) {
      afterApostrophe = true;
      continue;
    }
    if (afterApostrophe) kept.pieces.add(out.length);
    afterApostrophe = false;
    out.push(char);
    kept.from.push(from[i]!);
    kept.to.push(to[i]!);
  }
  kept.text = out.join('');
  return kept;
}

/** The code point that ends just before `index`. */
function charBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text[index - 1]!;
}

/** Whether a word of a spaced script may start at `index`, as the tokenizer would split there. */
function startsWord(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = charBefore(text, index);
  return !WORD_CHAR.test(before) || isUnspaced(before);
}

/**
 * Splits `text` into runs, marking those that match a query word (folded
 * comparison, diacritics-insensitive, so "Zhao" marks "Zhào" in the original
 * text). Word-start matches for spaced scripts; any position for CJK.
 * The runs, joined, are `text`; an empty text gives no runs.
 */
export function highlightParts(text: string, words: readonly string[]): HighlightPart[] {
  if (!text) return [];
  const terms = new Map<string, boolean>();
  for (const word of words) eachTerm(fold(word), (term, unspaced) => terms.set(term, unspaced));
  if (terms.size === 0) return [{ text, match: false }];

  const folded = foldWithMap(text);
  const haystack = folded.text;
  const ranges: [number, number][] = [];
  for (const [term, unspaced] of terms) {
    for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
      if (unspaced || startsWord(haystack, at) || folded.pieces.has(at)) ranges.push([folded.from[at]!, folded.to[at + term.length - 1]!]);
    }
  }
  if (ranges.length === 0) return [{ text, match: false }];

  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const parts: HighlightPart[] = [];
  let shown = 0;
  let [start, end] = ranges[0]!;
  const flush = () => {
    if (start > shown) parts.push({ text: text.slice(shown, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    shown = end;
  };
  for (const [s, e] of ranges.slice(1)) {
    if (s <= end) end = Math.max(end, e);
    else {
      flush();
      [start, end] = [s, e];
    }
  }
  flush();
  if (shown < text.length) parts.push({ text: text.slice(shown), match: false });
  return parts;
}

/**
 * How much of a long summary's text is searched for marks, in characters: a
 * whole article in a feed's `content_html` would otherwise cost a featured
 * card some 10 ms per 100 KB at every keystroke. Past it, the text is shown
 * unmarked.
 */
export const MARKED_TEXT_LIMIT = 20_000;

/**
 * Marks the query words in the text of `root`, which is changed in place and
 * returned: each match, as `highlightParts` finds it, is wrapped in
 * `<mark part="match">` around the original characters. Matches are looked
 * for within each run of text, so a word split by markup (`<b>nu</b>clear`)
 * stays unmarked; elements, links and attributes are left as they are. Only
 * the runs that start within the first `MARKED_TEXT_LIMIT` characters are
 * marked.
 */
export function highlightNodes<T extends Node>(root: T, words: readonly string[]): T {
  const doc = root.ownerDocument!;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node && length < MARKED_TEXT_LIMIT; node = walker.nextNode()) {
    texts.push(node as Text);
    length += (node as Text).length;
  }
  for (const node of texts) {
    const parts = highlightParts(node.data, words);
    if (!parts.some((part) => part.match)) continue;
    node.replaceWith(
      ...parts.map((part) => {
        if (!part.match) return part.text;
        const mark = doc.createElement('mark');
        mark.setAttribute('part', 'match');
        mark.textContent = part.text;
        return mark;
      }),
    );
  }
  return root;
}
