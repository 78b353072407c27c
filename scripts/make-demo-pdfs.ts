/**
 * `npx tsx scripts/make-demo-pdfs.ts [--check]`
 *
 * The demo's publications have no real PDFs, so this writes a small stand-in
 * for each: one or two Letter pages with the type, title, authors, date,
 * summary (and, for the featured report, the long summary and takeaways),
 * set in the standard Helvetica fonts that every PDF reader has.
 *
 * The source is `demo/feed.json`: every item whose PDF attachment points to
 * `pdfs/<name>.pdf` gets `demo/pdfs/<name>.pdf`. The feed then has its
 * `size_in_bytes` set to the exact size of each file (the feed is rewritten
 * as two-space JSON only when a size changed). PDFs no item names are deleted.
 *
 * The files are byte-identical from run to run and machine to machine: no
 * dates, no compression (zlib's output may change between versions), and an
 * /ID that is a hash of the content.
 *
 * `--check` writes nothing: it exits with 1 when a PDF or a size in the feed
 * is not what this script would write.
 *
 * The PDF objects are written by hand, following ISO 32000-1: a catalog, a
 * page tree, three standard Type 1 fonts in WinAnsiEncoding, an info
 * dictionary, a page and an uncompressed content stream per page, and a
 * cross-reference table with the byte offset of every object.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const feedPath = join(root, 'demo', 'feed.json');
const pdfDir = join(root, 'demo', 'pdfs');
const PDF_PATH = /^pdfs\/([a-z0-9][a-z0-9-]*)\.pdf$/;

// ---------------------------------------------------------------------------
// The feed, as far as this script reads it.

interface FeedAttachment {
  url: string;
  mime_type: string;
  title?: string;
  size_in_bytes?: number;
}

interface FeedItem {
  id: string;
  title: string;
  summary?: string;
  content_html?: string;
  date_published?: string;
  authors?: { name?: string }[];
  tags?: string[];
  attachments?: FeedAttachment[];
  _library?: { type?: string; origin?: string; takeaways?: string[]; status?: string };
}

interface DemoFeed {
  _library?: { institute?: string; types?: { id: string; label: string }[] };
  items: FeedItem[];
}

// ---------------------------------------------------------------------------
// Fonts: the widths of the standard 14 Helvetica faces (Adobe's AFM files),
// in thousandths of the font size, so that text can be wrapped and aligned.

type FontName = 'regular' | 'bold' | 'italic';

const FONT_RESOURCES: Record<FontName, { key: string; base: string }> = {
  regular: { key: 'F1', base: 'Helvetica' },
  bold: { key: 'F2', base: 'Helvetica-Bold' },
  italic: { key: 'F3', base: 'Helvetica-Oblique' },
};

/** Widths of the printable ASCII characters, from space (32) to tilde (126). */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];

/** WinAnsiEncoding codes of the non-ASCII characters the demo text may use, with their regular and bold widths. */
const WIN_ANSI: Record<string, [code: number, regular: number, bold: number]> = {
  '‘': [0x91, 222, 278],
  '’': [0x92, 222, 278],
  '“': [0x93, 333, 500],
  '”': [0x94, 333, 500],
  '•': [0x95, 350, 350],
  '–': [0x96, 556, 556],
  '—': [0x97, 1000, 1000],
  '…': [0x85, 1000, 1000],
  '\u00a0': [0xa0, 278, 278],
  '·': [0xb7, 278, 278],
  '©': [0xa9, 737, 737],
  'é': [0xe9, 556, 556],
  'è': [0xe8, 556, 556],
  'ç': [0xe7, 500, 556],
  'ü': [0xfc, 556, 611],
  'ö': [0xf6, 556, 611],
};

function charWidth(char: string, font: FontName): number {
  const code = char.charCodeAt(0);
  if (code >= 32 && code <= 126) return (font === 'bold' ? HELVETICA_BOLD : HELVETICA)[code - 32]!;
  const known = WIN_ANSI[char];
  if (known) return font === 'bold' ? known[2] : known[1];
  return 556; // drawn as "?", which is 556 wide in both faces
}

function textWidth(text: string, font: FontName, size: number): number {
  let units = 0;
  for (const char of text) units += charWidth(char, font);
  return (units * size) / 1000;
}

/** A PDF literal string in WinAnsiEncoding: `(` `)` `\` escaped, other non-ASCII bytes as octal. */
function pdfText(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code >= 32 && code <= 126) out += char;
    else {
      const byte = WIN_ANSI[char]?.[0] ?? 0x3f; // "?" for what Helvetica cannot show
      out += byte === 0x3f ? '?' : `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return `${out})`;
}

/** A string for the info dictionary: escaped ASCII, or UTF-16BE with a byte order mark. */
function pdfInfoText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return pdfText(text);
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}

function number(value: number): string {
  return Number(value.toFixed(2)).toString();
}

// ---------------------------------------------------------------------------
// Layout: text flowed down Letter pages, a new page when one is full.

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN_X = 72;
const TOP = 700;
const BOTTOM = 96;
const MEASURE = PAGE_WIDTH - 2 * MARGIN_X;

type Rgb = readonly [number, number, number];
const INK: Rgb = [0.1, 0.12, 0.16];
const MUTED: Rgb = [0.33, 0.36, 0.42];
const ACCENT: Rgb = [0.043, 0.325, 0.58]; // #0b5394, the elements' default accent
const NAVY: Rgb = [0.05, 0.13, 0.25];
const PAPER_TINT: Rgb = [0.94, 0.95, 0.97];

interface TextStyle {
  font: FontName;
  size: number;
  leading: number;
  color?: Rgb;
}

/** A place in the document that the outline and internal links point to. */
interface Anchor {
  title: string;
  page: number;
  y: number;
}

/** A link annotation on a page to an anchor, by the anchor's title (which may be on a later page). */
interface InternalLink {
  page: number;
  rect: readonly [number, number, number, number];
  to: string;
}

class Layout {
  readonly pages: string[][] = [[]];
  readonly anchors: Anchor[] = [];
  readonly links: InternalLink[] = [];
  private y = TOP;

  private get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }

  newPage(): void {
    this.pages.push([]);
    this.y = TOP;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Starts a new page unless `points` of height fit on this one. */
  keep(points: number): void {
    if (this.y - points < BOTTOM) this.newPage();
  }

  /** A paragraph wrapped to the measure, with an optional hanging label (such as "1."). */
  paragraph(text: string, style: TextStyle, options: { indent?: number; label?: string } = {}): void {
    const indent = options.indent ?? 0;
    const lines = wrap(text, style.font, style.size, MEASURE - indent);
    lines.forEach((line, i) => {
      this.keep(style.leading);
      this.y -= style.leading;
      if (i === 0 && options.label) this.ops.push(textOp(options.label, MARGIN_X, this.y, style));
      this.ops.push(textOp(line, MARGIN_X + indent, this.y, style));
    });
  }

  /** A section heading, which also becomes an entry of the PDF's outline. */
  heading(text: string, style: TextStyle): void {
    this.keep(style.leading * 3);
    this.anchors.push({ title: text, page: this.pages.length - 1, y: this.y });
    this.paragraph(text, style);
  }

  /** One underlined line in the accent colour that links to the heading titled `to`. */
  link(text: string, style: TextStyle, to: string): void {
    this.keep(style.leading);
    this.y -= style.leading;
    const width = textWidth(text, style.font, style.size);
    this.ops.push(textOp(text, MARGIN_X, this.y, { ...style, color: ACCENT }));
    this.ops.push(`${rgb(ACCENT, 'RG')} 0.5 w ${MARGIN_X} ${number(this.y - 2)} m ${number(MARGIN_X + width)} ${number(this.y - 2)} l S`);
    this.links.push({ page: this.pages.length - 1, rect: [MARGIN_X, this.y - 4, MARGIN_X + width, this.y + style.size], to });
  }

  rule(color: Rgb = ACCENT, width = 1): void {
    this.y -= 8;
    this.ops.push(`${rgb(color, 'RG')} ${width} w ${MARGIN_X} ${number(this.y)} m ${PAGE_WIDTH - MARGIN_X} ${number(this.y)} l S`);
    this.y -= 8;
  }

  /** A tinted box holding a short note, kept on one page. */
  note(heading: string, text: string): void {
    const body: TextStyle = { font: 'regular', size: 9.5, leading: 13, color: MUTED };
    const lines = wrap(text, body.font, body.size, MEASURE - 24);
    const height = 16 + 14 + lines.length * body.leading + 10;
    this.keep(height + 12);
    this.y -= 12;
    this.ops.push(`${rgb(PAPER_TINT, 'rg')} ${MARGIN_X} ${number(this.y - height)} ${MEASURE} ${number(height)} re f`);
    this.ops.push(`${rgb(ACCENT, 'rg')} ${MARGIN_X} ${number(this.y - height)} 3 ${number(height)} re f`);
    let y = this.y - 16 - 8;
    this.ops.push(textOp(heading, MARGIN_X + 12, y, { font: 'bold', size: 10, leading: 14, color: INK }));
    y -= 6;
    for (const line of lines) {
      y -= body.leading;
      this.ops.push(textOp(line, MARGIN_X + 12, y, body));
    }
    this.y -= height;
  }
}

function rgb([r, g, b]: Rgb, operator: 'rg' | 'RG'): string {
  return `${number(r)} ${number(g)} ${number(b)} ${operator}`;
}

function textOp(text: string, x: number, y: number, style: TextStyle): string {
  const font = FONT_RESOURCES[style.font].key;
  return `BT ${rgb(style.color ?? INK, 'rg')} /${font} ${number(style.size)} Tf 1 0 0 1 ${number(x)} ${number(y)} Tm ${pdfText(text)} Tj ET`;
}

/** Greedy word wrap; a word longer than the measure is split by characters. */
function wrap(text: string, font: FontName, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, font, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (textWidth(line, font, size) > width) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), font, size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------
// What goes on the pages.

function paragraphsOf(html: string): string[] {
  return html
    .split(/<\/p\s*>|<br\s*\/?>/i)
    .map((part) =>
      part
        .replace(/<[^>]*>/g, '')
        .replace(/&nbsp;/g, '\u00a0')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#0*39;|&apos;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
}

function formatDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const date = new Date(`${value.slice(0, 10)}T12:00:00Z`);
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

interface Document {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  pages: string[];
  /** The outline (bookmarks), in reading order. */
  anchors: Anchor[];
  links: InternalLink[];
}

function composeDocument(item: FeedItem, feed: DemoFeed): Document {
  const institute = feed._library?.institute ?? 'Institute for Security and Technology';
  const typeId = item._library?.type ?? 'publication';
  const typeLabel = feed._library?.types?.find((t) => t.id === typeId)?.label ?? typeId;
  const names = (item.authors ?? []).map((a) => a.name?.trim() ?? '').filter(Boolean);
  const date = formatDate(item.date_published);
  const takeaways = item._library?.takeaways ?? [];
  const body: TextStyle = { font: 'regular', size: 11, leading: 16 };
  const heading: TextStyle = { font: 'bold', size: 13, leading: 18 };

  const layout = new Layout();
  layout.paragraph(typeLabel.toUpperCase(), { font: 'bold', size: 10, leading: 14, color: ACCENT });
  layout.space(6);
  layout.paragraph(item.title, { font: 'bold', size: 22, leading: 27 });
  layout.space(6);
  if (names.length) layout.paragraph(`By ${joinNames(names)}`, { font: 'regular', size: 12, leading: 17 });
  if (date) layout.paragraph(date, { font: 'regular', size: 10, leading: 15, color: MUTED });
  layout.rule();

  layout.heading('Summary', heading);
  layout.space(4);
  const paragraphs = item.content_html ? paragraphsOf(item.content_html) : [];
  for (const text of paragraphs.length ? paragraphs : [item.summary ?? '']) {
    layout.paragraph(text, body);
    layout.space(8);
  }

  if (item.tags?.length) {
    layout.paragraph(`Topics: ${item.tags.join(', ')}`, { font: 'italic', size: 10, leading: 14, color: MUTED });
  }

  if (takeaways.length) {
    layout.space(10);
    // An internal link, so that readers (and the viewer's tests) have one to follow.
    layout.link(`Key takeaways (${takeaways.length}) are on the next page.`, { font: 'regular', size: 11, leading: 16 }, 'Key takeaways');
    layout.newPage();
    layout.heading('Key takeaways', heading);
    layout.space(4);
    takeaways.forEach((line, i) => {
      layout.paragraph(line, body, { indent: 22, label: `${i + 1}.` });
      layout.space(10);
    });
  }

  layout.note(
    'About this file',
    `A stand-in generated for the Virtual Library elements demo by scripts/make-demo-pdfs.ts. ` +
      `It is not the publication itself: it repeats the library entry so that the demo's "View PDF" and ` +
      `"Download PDF" links open a real document.`,
  );

  const total = layout.pages.length;
  const footer: TextStyle = { font: 'regular', size: 8.5, leading: 12, color: MUTED };
  const pages = layout.pages.map((ops, i) => {
    const pageLabel = `Page ${i + 1} of ${total}`;
    return [
      // The masthead: a navy band with the institute's name.
      `${rgb(NAVY, 'rg')} 0 ${PAGE_HEIGHT - 54} ${PAGE_WIDTH} 54 re f`,
      textOp(institute.toUpperCase(), MARGIN_X, PAGE_HEIGHT - 33, { font: 'bold', size: 9.5, leading: 12, color: [1, 1, 1] }),
      textOp('Virtual Library', PAGE_WIDTH - MARGIN_X - textWidth('Virtual Library', 'regular', 9.5), PAGE_HEIGHT - 33, {
        font: 'regular',
        size: 9.5,
        leading: 12,
        color: [0.82, 0.87, 0.94],
      }),
      ...ops,
      `${rgb([0.8, 0.82, 0.86], 'RG')} 0.5 w ${MARGIN_X} 60 m ${PAGE_WIDTH - MARGIN_X} 60 l S`,
      textOp(item.title.length > 80 ? `${item.title.slice(0, 77).trimEnd()}…` : item.title, MARGIN_X, 46, footer),
      textOp(pageLabel, PAGE_WIDTH - MARGIN_X - textWidth(pageLabel, 'regular', footer.size), 46, footer),
    ].join('\n');
  });

  return {
    title: item.title,
    author: joinNames(names) || institute,
    subject: item.summary ?? '',
    keywords: (item.tags ?? []).join(', '),
    pages,
    anchors: layout.anchors,
    links: layout.links,
  };
}

// ---------------------------------------------------------------------------
// Serialising: objects, byte offsets, cross-reference table, trailer.

function writePdf(doc: Document): Buffer {
  const FIRST_PAGE = 7;
  const objects: string[] = [];
  const pageRefs = doc.pages.map((_, i) => `${FIRST_PAGE + 2 * i} 0 R`);
  // After the pages and their contents: the outline's root, one object per entry, then the link annotations.
  const OUTLINE = FIRST_PAGE + 2 * doc.pages.length;
  const entry = (i: number) => OUTLINE + 1 + i;
  const FIRST_LINK = doc.anchors.length ? entry(doc.anchors.length) : OUTLINE;
  const destination = (title: string) => {
    const anchor = doc.anchors.find((a) => a.title === title);
    if (!anchor) throw new Error(`a link points to "${title}", which is not a heading`);
    return `[${pageRefs[anchor.page]} /XYZ 0 ${number(anchor.y)} null]`;
  };
  const outlines = doc.anchors.length ? ` /Outlines ${OUTLINE} 0 R /PageMode /UseOutlines` : '';
  objects[1] = `<< /Type /Catalog /Pages 2 0 R${outlines} /Lang (en-US) /ViewerPreferences << /DisplayDocTitle true >> >>`;
  objects[2] = `<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${doc.pages.length} >>`;
  (['regular', 'bold', 'italic'] as const).forEach((font, i) => {
    objects[3 + i] = `<< /Type /Font /Subtype /Type1 /BaseFont /${FONT_RESOURCES[font].base} /Encoding /WinAnsiEncoding >>`;
  });
  objects[6] = [
    '<<',
    `/Title ${pdfInfoText(doc.title)}`,
    `/Author ${pdfInfoText(doc.author)}`,
    `/Subject ${pdfInfoText(doc.subject)}`,
    `/Keywords ${pdfInfoText(doc.keywords)}`,
    '/Creator (Virtual Library elements demo)',
    '/Producer (scripts/make-demo-pdfs.ts)',
    '>>',
  ].join('\n');
  const fonts = Object.values(FONT_RESOURCES)
    .map(({ key }, i) => `/${key} ${3 + i} 0 R`)
    .join(' ');
  doc.pages.forEach((content, i) => {
    const page = FIRST_PAGE + 2 * i;
    const annots = doc.links.flatMap((link, n) => (link.page === i ? [`${FIRST_LINK + n} 0 R`] : []));
    objects[page] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << ${fonts} >> >>${annots.length ? ` /Annots [${annots.join(' ')}]` : ''} /Contents ${page + 1} 0 R >>`;
    // Content is ASCII only (pdfText escapes the rest), so its length in characters is its length in bytes.
    objects[page + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  if (doc.anchors.length) {
    const last = doc.anchors.length - 1;
    objects[OUTLINE] = `<< /Type /Outlines /First ${entry(0)} 0 R /Last ${entry(last)} 0 R /Count ${doc.anchors.length} >>`;
    doc.anchors.forEach((anchor, i) => {
      const siblings = `${i > 0 ? ` /Prev ${entry(i - 1)} 0 R` : ''}${i < last ? ` /Next ${entry(i + 1)} 0 R` : ''}`;
      objects[entry(i)] = `<< /Title ${pdfInfoText(anchor.title)} /Parent ${OUTLINE} 0 R${siblings} /Dest ${destination(anchor.title)} >>`;
    });
  }
  doc.links.forEach((link, n) => {
    objects[FIRST_LINK + n] =
      `<< /Type /Annot /Subtype /Link /Rect [${link.rect.map(number).join(' ')}] /Border [0 0 0] /Dest ${destination(link.to)} >>`;
  });

  // The header's second line has four bytes above 127, which marks the file as binary for transfer tools.
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%', 'latin1'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n')];
  let offset = parts.reduce((sum, part) => sum + part.length, 0);
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    const chunk = Buffer.from(`${n} 0 obj\n${objects[n]}\nendobj\n`, 'latin1');
    offsets[n] = offset;
    parts.push(chunk);
    offset += chunk.length;
  }
  const body = Buffer.concat(parts);
  const id = createHash('md5').update(body).digest('hex').toUpperCase();
  // Each cross-reference entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n|f, space, newline.
  const xref = [
    'xref',
    `0 ${objects.length}`,
    '0000000000 65535 f ',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length} /Root 1 0 R /Info 6 0 R /ID [<${id}> <${id}>] >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([body, Buffer.from(xref, 'latin1')]);
}

// ---------------------------------------------------------------------------

function main(): void {
  const check = process.argv.includes('--check');
  const feedText = readFileSync(feedPath, 'utf8');
  const feed = JSON.parse(feedText) as DemoFeed;
  const wanted = new Map<string, Buffer>();
  const problems: string[] = [];
  let sizesChanged = 0;

  for (const item of feed.items) {
    const attachment = item.attachments?.find((a) => a.mime_type === 'application/pdf');
    if (!attachment) continue;
    const name = PDF_PATH.exec(attachment.url)?.[1];
    if (!name) {
      problems.push(`${item.id}: the PDF attachment's url must be "pdfs/<name>.pdf", not "${attachment.url}"`);
      continue;
    }
    if (wanted.has(name)) {
      problems.push(`${item.id}: pdfs/${name}.pdf is already the attachment of another item`);
      continue;
    }
    const pdf = writePdf(composeDocument(item, feed));
    wanted.set(name, pdf);
    if (attachment.size_in_bytes !== pdf.length) {
      if (check) problems.push(`${item.id}: size_in_bytes is ${attachment.size_in_bytes}, the PDF is ${pdf.length} bytes`);
      attachment.size_in_bytes = pdf.length;
      sizesChanged++;
    }
  }

  const existing = existsSync(pdfDir) ? readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')) : [];
  const stale = existing.filter((file) => !wanted.has(file.slice(0, -4)));

  if (check) {
    for (const [name, pdf] of wanted) {
      const path = join(pdfDir, `${name}.pdf`);
      if (!existsSync(path)) problems.push(`demo/pdfs/${name}.pdf is missing`);
      else if (!readFileSync(path).equals(pdf)) problems.push(`demo/pdfs/${name}.pdf is out of date`);
    }
    for (const file of stale) problems.push(`demo/pdfs/${file} belongs to no item of the feed`);
    if (problems.length) {
      console.error(`The demo PDFs are out of date:\n  ${problems.join('\n  ')}\nRun: npx tsx scripts/make-demo-pdfs.ts`);
      process.exit(1);
    }
    console.log(`${wanted.size} demo PDFs and their sizes in demo/feed.json are up to date.`);
    return;
  }

  if (problems.length) {
    console.error(`Some items were skipped:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
  mkdirSync(pdfDir, { recursive: true });
  for (const [name, pdf] of wanted) writeFileSync(join(pdfDir, `${name}.pdf`), pdf);
  for (const file of stale) rmSync(join(pdfDir, file));
  if (sizesChanged) writeFileSync(feedPath, `${JSON.stringify(feed, null, 2)}\n`);

  const total = [...wanted.values()].reduce((sum, pdf) => sum + pdf.length, 0);
  console.log(`Wrote ${wanted.size} PDFs to demo/pdfs/ (${total.toLocaleString('en-US')} bytes in all).`);
  if (stale.length) console.log(`Removed ${stale.length} PDF(s) no item names: ${stale.join(', ')}`);
  console.log(
    sizesChanged
      ? `Updated size_in_bytes of ${sizesChanged} attachment(s) in demo/feed.json.`
      : 'Every size_in_bytes in demo/feed.json was already right.',
  );
}

main();
