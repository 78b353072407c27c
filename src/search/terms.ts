/**
 * What a word is, for search: one tokenizer of folded text (`fold.ts`),
 * shared by the index, the query and the highlighter so that the three always
 * agree.
 */
import { fold } from './fold.js';

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

/**
 * Abbreviations written with a dot after each single letter ("U.S.", "e.g.",
 * "J.R.R."): one word without its dots, so that "US" finds "U.S.", and
 * "u.s." finds it rather than every text with a word in u and one in s. An
 * initial before a space ("J. Smith") is a word of its own, as before.
 */
const ABBREVIATION = /(?<![\p{L}\p{N}.])\p{L}(?:\.\p{L})+(?![\p{L}\p{N}])\.?/gu;

/** The positions of the dots that `eachTerm` leaves out of abbreviations in folded text. */
export function abbreviationDots(folded: string): Set<number> {
  const dots = new Set<number>();
  if (!folded.includes('.')) return dots;
  for (const run of folded.matchAll(ABBREVIATION)) {
    for (let i = 0; i < run[0].length; i++) if (run[0][i] === '.') dots.add(run.index + i);
  }
  return dots;
}

type Visit = (term: string, unspaced: boolean) => void;

/**
 * Calls `visit` for each term of already folded text, in order: words of
 * spaced scripts (an abbreviation's letters as one word), and runs of
 * unspaced scripts (`unspaced` true), which the caller may split further. A
 * word with apostrophes is visited without them
 * ("o'brien" as "obrien"); with `pieces` (for indexing text, not for
 * queries) its pieces are visited too, so that "energie" finds "l’énergie"
 * and "brien" finds "O'Brien".
 */
export function eachTerm(folded: string, visit: Visit, pieces = false): void {
  if (folded.includes('.')) folded = folded.replace(ABBREVIATION, (run) => run.replaceAll('.', ''));
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
