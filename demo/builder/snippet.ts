/**
 * The embed builder's output, as pure functions of the editor's choices: the
 * `<library-list>` attributes (only those that differ from the element's
 * defaults), the theme's CSS, and the snippet an editor pastes into a page.
 * The live preview is built from the same attribute list and the same CSS, so
 * what the editor sees is what the snippet gives.
 */

export type Sort = 'feed' | 'newest' | 'oldest' | 'title';
export type Grouping = 'type' | 'year' | 'none';
export type Layout = 'list' | 'grid' | 'compact';
export type Theme = '' | 'dark' | 'auto';
export type Origin = '' | 'institute' | 'external';

/** The design tokens the builder lets an editor set (see docs/theming.md). */
export const COLOUR_TOKENS = ['--vl-color-accent', '--vl-color-accent-contrast', '--vl-color-text', '--vl-color-surface'] as const;
export type ColourToken = (typeof COLOUR_TOKENS)[number];

/** Font stacks that need no web font: each ends with a generic family, so every reader gets a readable face. */
export const FONTS = [
  { label: 'Modern sans-serif (the reader’s system font)', value: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  { label: 'Arial or Helvetica', value: 'Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif' },
  { label: 'Verdana (wide and very legible)', value: 'Verdana, Geneva, "DejaVu Sans", sans-serif' },
  { label: 'Georgia (serif)', value: 'Georgia, "Times New Roman", "Liberation Serif", serif' },
  { label: 'Palatino (book serif)', value: '"Palatino Linotype", Palatino, "Book Antiqua", "URW Palladio L", serif' },
] as const;

export interface Choices {
  /** Absolute address of the feed. */
  feed: string;
  /** Type ids, in the feed's order; empty for every type. */
  types: string[];
  /** One tag, or '' for any. */
  tag: string;
  /** One author's full name, or '' for anyone. */
  author: string;
  origin: Origin;
  /** At most this many; undefined for no limit. */
  limit?: number;
  sort: Sort;
  group: Grouping;
  layout: Layout;
  /** Readers' search, filters and sort. */
  controls: boolean;
  /** Featured publications in their large form. */
  featured: boolean;
  headingLevel: number;
  theme: Theme;
  /** Accessible name of the list; '' for the feed's title. */
  label: string;
  /** Only the colours the editor changed, as #rrggbb. */
  colours: Partial<Record<ColourToken, string>>;
  /** A stack from FONTS, or '' for the page's own font. */
  font: string;
}

/** An attribute value as it must be written inside double quotes in HTML. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The attributes of the tag, in a fixed order; `true` for a boolean attribute written without a value. */
export function listAttributes(choices: Choices): [name: string, value: string | true][] {
  const attributes: [string, string | true][] = [['feed', choices.feed]];
  if (choices.types.length) attributes.push(['type', choices.types.join(', ')]);
  if (choices.tag) attributes.push(['tag', choices.tag]);
  if (choices.author) attributes.push(['author', choices.author]);
  if (choices.origin) attributes.push(['origin', choices.origin]);
  if (choices.limit !== undefined) attributes.push(['limit', String(choices.limit)]);
  if (choices.sort !== 'feed') attributes.push(['sort', choices.sort]);
  if (choices.group !== 'type') attributes.push(['group', choices.group]);
  if (choices.layout !== 'list') attributes.push(['layout', choices.layout]);
  if (!choices.controls) attributes.push(['no-controls', true]);
  if (!choices.featured) attributes.push(['no-featured', true]);
  if (choices.headingLevel !== 2) attributes.push(['heading-level', String(choices.headingLevel)]);
  if (choices.theme) attributes.push(['theme', choices.theme]);
  if (choices.label.trim()) attributes.push(['label', choices.label.trim()]);
  return attributes;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** The theme as CSS declarations, one per line; empty when the editor changed nothing. */
export function themeDeclarations(choices: Choices): string[] {
  const lines: string[] = [];
  for (const token of COLOUR_TOKENS) {
    const value = choices.colours[token];
    if (value && HEX.test(value)) lines.push(`${token}: ${value.toLowerCase()};`);
  }
  // Only a stack the builder offers: nothing typed by hand ever reaches the style block.
  if (FONTS.some((font) => font.value === choices.font)) lines.push(`--vl-font-family: ${choices.font};`);
  return lines;
}

/** The CSS rule that themes every listing on the page; '' when there is nothing to set. */
export function themeCss(choices: Choices, indent = ''): string {
  const lines = themeDeclarations(choices);
  if (!lines.length) return '';
  return [`${indent}library-list {`, ...lines.map((line) => `${indent}  ${line}`), `${indent}}`].join('\n');
}

/** The `<library-list>` tag: on one line with only the feed, else one attribute a line. */
export function listTag(choices: Choices): string {
  const parts = listAttributes(choices).map(([name, value]) => (value === true ? name : `${name}="${escapeAttribute(value)}"`));
  if (parts.length === 1) return `<library-list ${parts[0]}></library-list>`;
  return ['<library-list', ...parts.map((part) => `  ${part}`), '></library-list>'].join('\n');
}

/** Everything to paste: the script, the tag and, when colours or the font changed, a style block. */
export function snippet(choices: Choices, scriptUrl: string): string {
  const lines = [`<script type="module" src="${escapeAttribute(scriptUrl)}"></script>`, listTag(choices)];
  const css = themeCss(choices, '  ');
  if (css) lines.push('<style>', css, '</style>');
  return lines.join('\n');
}
