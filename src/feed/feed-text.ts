/**
 * A large feed's text, parsed a piece at a time instead of in one
 * `JSON.parse`: the members of the document before `"items"` first, then its
 * entries a batch at a time. For a feed of 100,000 entries one `JSON.parse`
 * of the whole text (and the garbage collection after it) takes a few hundred
 * milliseconds, all before the first card; read this way, the first screen
 * needs only the text of its first entries.
 *
 * The text is cut only where JSON's grammar allows (between members and
 * between entries, outside strings), and each piece is handed to
 * `JSON.parse`, so the values are exactly those of parsing the whole.
 * Anything this cutter does not expect — another layout, members after
 * `items`, a second `items`, text that is not valid JSON — ends with
 * `undefined` or a `Cut` error, and the caller parses the whole text instead,
 * which gives the same feed, or the error `JSON.parse` gives.
 */

/** The text could not be cut as expected: parse it whole. */
class Cut extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

export class FeedText {
  /** The members before `items`, with `items` empty: what the envelope's checks read. */
  readonly head: Record<string, unknown>;
  /** Where the next entry (or the end of `items`) begins. */
  private at: number;
  private ended = false;

  private constructor(
    private readonly text: string,
    head: Record<string, unknown>,
    itemsAt: number,
  ) {
    this.head = head;
    this.at = itemsAt;
  }

  /**
   * The text's head parsed and its entries ready to be read, or undefined
   * when the document is not an object with an `items` array.
   * @throws SyntaxError from `JSON.parse` when the head is not valid JSON
   */
  static open(text: string): FeedText | undefined {
    const cutter = new Cursor(text);
    try {
      cutter.skipSpace();
      cutter.expect(OPEN_BRACE);
      for (;;) {
        cutter.skipSpace();
        if (cutter.code() !== QUOTE) return undefined;
        const keyStart = cutter.at;
        cutter.skipString();
        const key = JSON.parse(text.slice(keyStart, cutter.at)) as string;
        cutter.skipSpace();
        cutter.expect(COLON);
        cutter.skipSpace();
        if (key === 'items') {
          if (cutter.code() !== OPEN_BRACKET) return undefined;
          // The members before "items", closed with an empty "items": valid JSON, parsed by JSON.parse.
          const head = JSON.parse(`${text.slice(0, keyStart)}"items":[]}`) as Record<string, unknown>;
          return new FeedText(text, head, cutter.at + 1);
        }
        cutter.skipValue();
        cutter.skipSpace();
        if (cutter.code() !== COMMA) return undefined;
        cutter.at++;
      }
    } catch (error) {
      if (error instanceof Cut) return undefined;
      throw error;
    }
  }

  /** Whether every entry has been handed out. */
  get done(): boolean {
    return this.ended;
  }

  /**
   * The next `count` entries, or fewer at the end of `items`.
   * @throws Cut when the text goes on in a way this reader does not cut
   * @throws SyntaxError when the entries are not valid JSON
   */
  next(count: number): unknown[] {
    if (this.ended) return [];
    const { text } = this;
    const cursor = new Cursor(text, this.at);
    cursor.skipSpace();
    const from = cursor.at;
    let to = from;
    let taken = 0;
    if (cursor.code() === CLOSE_BRACKET) {
      cursor.at++;
      this.end(cursor);
      return [];
    }
    while (taken < count) {
      cursor.skipValue();
      to = cursor.at;
      taken++;
      cursor.skipSpace();
      const code = cursor.code();
      cursor.at++;
      if (code === CLOSE_BRACKET) {
        this.end(cursor);
        break;
      }
      if (code !== COMMA) throw new Cut();
      cursor.skipSpace();
    }
    if (!this.ended) this.at = cursor.at;
    return JSON.parse(`[${text.slice(from, to)}]`) as unknown[];
  }

  /**
   * Up to `count` entries from the start of `items`, in a text that may stop
   * anywhere (the start of a feed still downloading): only the entries that
   * the text shows complete, by the comma or bracket after them.
   * @throws SyntaxError when those entries are not valid JSON
   */
  complete(count: number): unknown[] {
    const { text } = this;
    const cursor = new Cursor(text, this.at);
    cursor.skipSpace();
    const from = cursor.at;
    let to = from;
    let taken = 0;
    try {
      while (taken < count && cursor.code() !== CLOSE_BRACKET) {
        cursor.skipValue();
        const end = cursor.at;
        cursor.skipSpace();
        const code = cursor.code();
        // Not followed by a comma or the end of `items` (or by nothing yet): perhaps not all of it has come.
        if (code !== COMMA && code !== CLOSE_BRACKET) break;
        to = end;
        taken++;
        if (code === CLOSE_BRACKET) break;
        cursor.at++;
        cursor.skipSpace();
      }
    } catch (error) {
      // The text stops inside a value.
      if (!(error instanceof Cut)) throw error;
    }
    return taken ? (JSON.parse(`[${text.slice(from, to)}]`) as unknown[]) : [];
  }

  /** Just past the closing bracket of `items`: only the end of the document may follow. */
  private end(cursor: Cursor): void {
    cursor.skipSpace();
    // Members after "items" (another "items" among them, perhaps) are left to a parse of the whole text.
    if (cursor.code() !== CLOSE_BRACE) throw new Cut();
    cursor.at++;
    cursor.skipSpace();
    if (cursor.at !== this.text.length) throw new Cut();
    this.ended = true;
  }
}

/** A position in the text, and the steps of JSON's grammar needed to move past a value. */
class Cursor {
  constructor(
    private readonly text: string,
    public at = 0,
  ) {}

  code(): number {
    return this.text.charCodeAt(this.at);
  }

  skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.at))) this.at++;
  }

  expect(code: number): void {
    if (this.code() !== code) throw new Cut();
    this.at++;
  }

  /** Past the string that starts here (at its opening quote). */
  skipString(): void {
    const { text } = this;
    let quote = text.indexOf('"', this.at + 1);
    for (;;) {
      if (quote < 0) throw new Cut();
      // A quote preceded by an odd number of backslashes is escaped.
      let slashes = 0;
      while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
      if (slashes % 2 === 0) break;
      quote = text.indexOf('"', quote + 1);
    }
    this.at = quote + 1;
  }

  /** Past the value that starts here: a string, an object or array (with everything inside), or a literal. */
  skipValue(): void {
    const { text } = this;
    const first = this.code();
    if (first === QUOTE) return this.skipString();
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      for (let at = this.at; at < text.length; at++) {
        const code = text.charCodeAt(at);
        if (code === QUOTE) {
          this.at = at;
          this.skipString();
          at = this.at - 1;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
          if (--depth === 0) {
            this.at = at + 1;
            return;
          }
        }
      }
      throw new Cut();
    }
    // A number, true, false or null: up to the next delimiter. JSON.parse judges it.
    const start = this.at;
    while (this.at < text.length) {
      const code = text.charCodeAt(this.at);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isSpace(code)) break;
      this.at++;
    }
    if (this.at === start) throw new Cut();
  }
}
