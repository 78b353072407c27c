/**
 * How search sees text: one folding (case and diacritics removed) and one
 * tokenizer, shared by the index, the query and the highlighter so that the
 * three always agree on what a word is.
 */

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Combining marks that are diacritics, dropped when folding: the accents of
 * Latin, Greek and Cyrillic (and the combining blocks around them), Arabic
 * harakat, hamza and Quranic marks, Hebrew points, and the Arabic tatweel
 * (a stretching stroke, not a letter). Other marks are kept: in Devanagari,
 * Thai or Japanese they are part of the spelling.
 */
const DIACRITICS =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/**
 * Letters that carry their "accent" as part of the letter, so that no
 * decomposition removes it, written as readers without the key type them.
 */
const LETTERS: Record<string, string> = {
  '\u00f8': 'o', // ø
  '\u0142': 'l', // ł
  '\u0111': 'd', // đ
  '\u00f0': 'd', // ð
  '\u0127': 'h', // ħ
  '\u0131': 'i', // ı
  '\u0167': 't', // ŧ
  '\u00e6': 'ae', // æ
  '\u0153': 'oe', // œ
  '\u00df': 'ss', // ß
  '\u00fe': 'th', // þ
  '\u03c2': '\u03c3', // final sigma, as the ordinary one
};
const LETTER = /[\u00f8\u0142\u0111\u00f0\u0127\u0131\u0167\u00e6\u0153\u00df\u00fe\u03c2]/g;

/**
 * Lower case, compatibility forms unified (full-width letters, ligatures,
 * Arabic presentation forms) and diacritics removed: "Zhào" and "ZHAO" both
 * fold to "zhao", "Résumé" to "resume", "Søren" to "soren", "أ" to "ا",
 * "Ядерный" to "ядерныи".
 */
export function fold(value: string): string {
  if (!NON_ASCII.test(value)) return value.toLowerCase();
  const folded = value.normalize('NFKD').replace(DIACRITICS, '').normalize('NFC').toLowerCase();
  LETTER.lastIndex = 0;
  return LETTER.test(folded) ? folded.replace(LETTER, (letter) => LETTERS[letter]!) : folded;
}

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, …)
 * and Korean, whose words carry attached particles. Their text is matched at
 * any position; other scripts at the start of a word.
 */
const UNSPACED_SET = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmer}\\p{scx=Myanmar}\\p{scx=Yi}';
const UNSPACED_CHAR = new RegExp(`[${UNSPACED_SET}]`, 'u');
const UNSPACED_RUN = new RegExp(`[${UNSPACED_SET}]+`, 'gu');

/** What separates words: anything but letters, digits, marks and apostrophes. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}'\u2019]+/u;
/** Apostrophes, which join the pieces of a word ("o'brien", "l’énergie", "don't") rather than separate words. */
export const APOSTROPHES = /['\u2019\u02bc]+/;
const HAS_APOSTROPHE = /['\u2019\u02bc]/;

/** Whether a (folded) character belongs to a script matched at any position. */
export function isUnspaced(char: string): boolean {
  return UNSPACED_CHAR.test(char);
}

/** Letters, digits and marks: the characters words are made of. */
export const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

type Visit = (term: string, unspaced: boolean) => void;

/**
 * Calls `visit` for each term of already folded text, in order: words of
 * spaced scripts, and runs of unspaced scripts (`unspaced` true), which the
 * caller may split further. A word with apostrophes is visited without them
 * ("o'brien" as "obrien"); with `pieces` (for indexing text, not for
 * queries) its pieces are visited too, so that "energie" finds "l’énergie"
 * and "brien" finds "O'Brien".
 */
export function eachTerm(folded: string, visit: Visit, pieces = false): void {
  const tokens = folded.split(SEPARATORS);
  const mixed = UNSPACED_CHAR.test(folded);
  const apostrophes = HAS_APOSTROPHE.test(folded);
  if (!mixed && !apostrophes) {
    for (const token of tokens) if (token) visit(token, false);
    return;
  }
  const emit = mixed ? (term: string) => splitRuns(term, visit) : (term: string) => visit(term, false);
  for (const token of tokens) {
    if (!token) continue;
    if (!apostrophes || !HAS_APOSTROPHE.test(token)) {
      emit(token);
      continue;
    }
    const parts = token.split(APOSTROPHES).filter(Boolean);
    if (parts.length === 0) continue;
    emit(parts.join(''));
    if (pieces && parts.length > 1) for (const part of parts) emit(part);
  }
}

/** Visits a term, split where it passes between spaced and unspaced scripts. */
function splitRuns(token: string, visit: Visit): void {
  if (!UNSPACED_CHAR.test(token)) {
    visit(token, false);
    return;
  }
  let last = 0;
  UNSPACED_RUN.lastIndex = 0;
  for (let run = UNSPACED_RUN.exec(token); run; run = UNSPACED_RUN.exec(token)) {
    if (run.index > last) visit(token.slice(last, run.index), false);
    visit(run[0], true);
    last = run.index + run[0].length;
  }
  if (last < token.length) visit(token.slice(last), false);
}

export interface QueryPart {
  /** Folded text: a word's beginning, or a run of an unspaced script. */
  text: string;
  unspaced: boolean;
}

/** The distinct terms of a query, in the order typed. Punctuation separates words, as in the text. */
export function queryParts(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  const seen = new Set<string>();
  eachTerm(fold(query), (text, unspaced) => {
    if (seen.has(text)) return;
    seen.add(text);
    parts.push({ text, unspaced });
  });
  return parts;
}
