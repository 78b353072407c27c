/**
 * How search sees text: one folding (case and diacritics removed), shared by
 * the listing's scan, the index, the highlighter and the PDF reader's find,
 * so that all of them take "Søren", "SOREN" and "søren" for one word. What a
 * word is, is `terms.ts`'s.
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
