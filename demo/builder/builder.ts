/**
 * The embed builder (`demo/builder.html`): an editor checks a feed, chooses
 * what the listing shows and how it looks, sees it live, and copies the
 * snippet to paste into a page.
 *
 * Bundled by `scripts/build-builder.mjs` into `dist/builder/builder.js`. The
 * elements and the feed loader come from the published bundle, which the
 * build leaves as the import `../virtual-library.js`: the preview runs the very
 * file the snippet names, and the page holds one copy of the elements. The
 * words that explain problems (`localize/en.ts`, `localize/en-feed-errors.ts`,
 * `localize/en-fixes.ts`) are bundled here, so the elements' bundle does not
 * carry the fixes.
 */
import { FeedError, loadFeed, type Feed, type FeedIssue, type Publication } from '../../src/index.js';
import { en } from '../../src/localize/en.js';
import { feedError as explainFeedError } from '../../src/localize/en-feed-errors.js';
import { fixForError, fixForIssue } from '../../src/localize/en-fixes.js';
import { contrast, formatRatio, TEXT_CONTRAST } from './contrast.js';
import {
  COLOUR_TOKENS,
  FONTS,
  listAttributes,
  snippet,
  themeCss,
  type Choices,
  type ColourToken,
  type Grouping,
  type Layout,
  type Origin,
  type Sort,
  type Theme,
} from './snippet.js';

/** The file the snippet loads: the bundle this script imports, wherever it is served from. */
const SCRIPT_URL = new URL('../virtual-library.js', import.meta.url).href;

const CORS_NOTE =
  'If the address opens in a browser tab but not here, the feed’s server does not let other websites read it. ' +
  'Every page that shows the listing needs the same permission, partners’ pages included: ask whoever runs that server ' +
  'to send the header Access-Control-Allow-Origin: * with the feed and its PDFs.';

const NO_FIX = 'Compare this part of the feed with the example in the feed format guide (docs/feed-format.md).';

// ---------------------------------------------------------------------------
// The page's parts

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`builder.html has no #${id}`);
  return found as T;
}

const feedForm = byId<HTMLFormElement>('feed-form');
const feedInput = byId<HTMLInputElement>('feed-url');
const feedError = byId<HTMLParagraphElement>('feed-url-error');
const checkStatus = byId<HTMLParagraphElement>('check-status');
const checkReport = byId<HTMLDivElement>('check-report');
const choicesForm = byId<HTMLFormElement>('choices');
const typesOptions = byId<HTMLDivElement>('types-options');
const typesEmpty = byId<HTMLParagraphElement>('types-empty');
const typesHint = byId<HTMLParagraphElement>('types-hint');
const tagField = byId<HTMLDivElement>('tag-field');
const tagSelect = byId<HTMLSelectElement>('tag');
const authorField = byId<HTMLDivElement>('author-field');
const authorSelect = byId<HTMLSelectElement>('author');
const originSelect = byId<HTMLSelectElement>('origin');
const limitInput = byId<HTMLInputElement>('limit');
const limitError = byId<HTMLParagraphElement>('limit-error');
const sortSelect = byId<HTMLSelectElement>('sort');
const groupSelect = byId<HTMLSelectElement>('group');
const controlsBox = byId<HTMLInputElement>('controls');
const featuredBox = byId<HTMLInputElement>('featured');
const headingSelect = byId<HTMLSelectElement>('heading-level');
const labelInput = byId<HTMLInputElement>('label');
const themeSelect = byId<HTMLSelectElement>('theme');
const fontSelect = byId<HTMLSelectElement>('font');
const resetButton = byId<HTMLButtonElement>('reset-theme');
const contrastNotes = byId<HTMLDivElement>('contrast-notes');
const snippetArea = byId<HTMLTextAreaElement>('snippet');
const copyButton = byId<HTMLButtonElement>('copy');
const copyStatus = byId<HTMLParagraphElement>('copy-status');
const preview = byId<HTMLDivElement>('preview');
const colourInputs = [...document.querySelectorAll<HTMLInputElement>('input[type=color][data-token]')];

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Sets a live region's text so that it is announced, even when it repeats the last message. */
function announce(region: HTMLElement, message: string): void {
  region.textContent = '';
  // A new text node after a short pause: screen readers announce an unchanged text only when it is replaced.
  setTimeout(() => (region.textContent = message), 50);
}

// ---------------------------------------------------------------------------
// Colours

/** The text colour and background the preview sits on (builder.css), standing in for the editor's page. */
function pageColour(property: 'color' | 'background-color', fallback: string): string {
  const match = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(getComputedStyle(preview).getPropertyValue(property));
  if (!match || match[4] === '0') return fallback;
  return `#${match.slice(1, 4).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
}

const COLOUR_DEFAULTS: Record<ColourToken, { light: string; dark: string }> = {
  '--vl-color-accent': { light: '#0b5394', dark: '#9cc3ff' },
  '--vl-color-accent-contrast': { light: '#ffffff', dark: '#0b1a2b' },
  '--vl-color-text': { light: pageColour('color', '#1f2328'), dark: '#e8eaed' },
  '--vl-color-surface': { light: pageColour('background-color', '#ffffff'), dark: '#1b1d21' },
};

/** The colours the editor picked; the others show the element's default for the chosen theme. */
const picked: Partial<Record<ColourToken, string>> = {};

const themeOf = (theme: Theme) => (theme === 'dark' ? 'dark' : 'light');

function tokenOf(input: HTMLInputElement): ColourToken {
  return input.dataset.token as ColourToken;
}

/** Colours that differ from the defaults of the chosen theme: the ones the snippet must set. */
function changedColours(theme: Theme): Partial<Record<ColourToken, string>> {
  const changed: Partial<Record<ColourToken, string>> = {};
  for (const token of COLOUR_TOKENS) {
    const value = picked[token];
    if (value && value.toLowerCase() !== COLOUR_DEFAULTS[token][themeOf(theme)]) changed[token] = value.toLowerCase();
  }
  return changed;
}

/** Shows each picker's colour: the editor's, else the default of the chosen theme. */
function showColours(theme: Theme): void {
  for (const input of colourInputs) {
    const token = tokenOf(input);
    input.value = picked[token] ?? COLOUR_DEFAULTS[token][themeOf(theme)];
  }
}

/** Plain-words warnings for colour pairs that too many readers would find hard to read. */
function showContrast(theme: Theme): void {
  const colour = (token: ColourToken) => picked[token] ?? COLOUR_DEFAULTS[token][themeOf(theme)];
  const pairs: [string, ColourToken, ColourToken][] = [
    ['Text on the card background', '--vl-color-text', '--vl-color-surface'],
    ['Links on the card background', '--vl-color-accent', '--vl-color-surface'],
    ['Text on buttons', '--vl-color-accent-contrast', '--vl-color-accent'],
  ];
  const notes = pairs
    .map(([what, a, b]) => ({ what, ratio: contrast(colour(a), colour(b)) }))
    .filter(({ ratio }) => ratio < TEXT_CONTRAST)
    .map(({ what, ratio }) =>
      h(
        'li',
        {},
        h('strong', {}, `${what} is hard to read`),
        ` (contrast ${formatRatio(ratio)}). Choose colours further apart: many readers need at least ${formatRatio(TEXT_CONTRAST)}.`,
      ),
    );
  contrastNotes.replaceChildren(...(notes.length ? [h('ul', { class: 'warnings' }, ...notes)] : []));
}

// ---------------------------------------------------------------------------
// Choices

function radioValue(name: string): string {
  return (choicesForm.elements.namedItem(name) as RadioNodeList).value;
}

/** The limit field: a whole number from 1, or empty. Undefined (no limit) when empty or wrong, with the error shown. */
function readLimit(): number | undefined {
  const raw = limitInput.value.trim();
  const value = Number(raw);
  const wrong = limitInput.validity.badInput || (raw !== '' && (!Number.isInteger(value) || value < 1));
  limitError.hidden = !wrong;
  limitError.textContent = wrong ? 'Write a whole number, 1 or more, or leave the field empty.' : '';
  if (wrong) limitInput.setAttribute('aria-invalid', 'true');
  else limitInput.removeAttribute('aria-invalid');
  return raw === '' || wrong ? undefined : value;
}

/** The address the snippet names: the feed last checked, else what the field says. */
let feedUrl = '';

function readChoices(): Choices {
  const theme = themeSelect.value as Theme;
  return {
    feed: feedUrl,
    types: [...typesOptions.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value),
    tag: tagSelect.value,
    author: authorSelect.value,
    origin: originSelect.value as Origin,
    limit: readLimit(),
    sort: sortSelect.value as Sort,
    group: groupSelect.value as Grouping,
    layout: radioValue('layout') as Layout,
    controls: controlsBox.checked,
    featured: featuredBox.checked,
    headingLevel: Number(headingSelect.value),
    theme,
    label: labelInput.value,
    colours: changedColours(theme),
    font: fontSelect.value,
  };
}

/** Options of a select, keeping the current choice when the new feed still has it. */
function fillSelect(select: HTMLSelectElement, any: string, values: { value: string; count: number }[]): void {
  const current = select.value;
  select.replaceChildren(
    h('option', { value: '' }, any),
    ...values.map(({ value, count }) => h('option', { value }, `${value} (${count})`)),
  );
  select.value = values.some((v) => v.value === current) ? current : '';
}

/** Distinct values with how many publications have each, alphabetically; case and accents fold together, as the listing compares them. */
function tally(values: string[]): { value: string; count: number }[] {
  const seen = new Map<string, { value: string; count: number }>();
  for (const value of values) {
    // The attributes take comma-separated lists, so a value with a comma cannot be chosen by itself.
    if (value.includes(',')) continue;
    const key = value.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    const entry = seen.get(key);
    if (entry) entry.count++;
    else seen.set(key, { value, count: 1 });
  }
  return [...seen.values()].sort((a, b) => a.value.localeCompare(b.value, 'en', { sensitivity: 'base' }));
}

/** The choices that come from the feed: its types, topics and authors. */
function offerFeedChoices(feed: Feed | undefined): void {
  const kept = new Set([...typesOptions.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => box.value));
  const types = feed?.types ?? [];
  typesOptions.replaceChildren(
    ...types.map((type) => {
      const count = feed!.items.filter((pub) => pub.type.id === type.id).length;
      const box = h('input', { type: 'checkbox', value: type.id });
      box.checked = kept.has(type.id);
      return h('label', { class: 'check' }, box, ` ${type.plural} (${count})`);
    }),
  );
  typesEmpty.hidden = types.length > 0;
  typesHint.hidden = types.length === 0;

  const tags = tally(feed?.items.flatMap((pub) => pub.tags) ?? []);
  fillSelect(tagSelect, 'Any topic', tags);
  tagField.hidden = tags.length === 0;

  const authors = tally(feed?.items.flatMap((pub) => pub.authors.map((person) => person.name)) ?? []);
  fillSelect(authorSelect, 'Anyone', authors);
  authorField.hidden = authors.length === 0;
}

// ---------------------------------------------------------------------------
// Snippet and preview

/** The preview's theme: the same CSS as the snippet's style block, in a constructed sheet (the page's policy allows no inline style). */
const themeSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, themeSheet];

let previewKey = '';
let previewTimer: ReturnType<typeof setTimeout> | undefined;

/** A fresh `<library-list>` with exactly the snippet's attributes, as a page that pastes the snippet gets. */
function showPreview(choices: Choices): void {
  clearTimeout(previewTimer);
  previewTimer = undefined;
  const attributes = listAttributes(choices);
  previewKey = JSON.stringify(attributes);
  const list = document.createElement('library-list');
  for (const [name, value] of attributes) list.setAttribute(name, value === true ? '' : value);
  preview.replaceChildren(list);
}

/** Brings the snippet, the preview's theme and (after a short pause, for typing) the preview up to date. */
function update({ reloadPreview = false } = {}): void {
  const choices = readChoices();
  snippetArea.value = snippet(choices, SCRIPT_URL);
  snippetArea.rows = Math.min(20, Math.max(4, snippetArea.value.split('\n').length + 2));
  themeSheet.replaceSync(themeCss(choices));
  showContrast(choices.theme);
  if (!feedUrl) return;
  if (reloadPreview) return showPreview(choices);
  if (JSON.stringify(listAttributes(choices)) === previewKey) return;
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => showPreview(readChoices()), 150);
}

// ---------------------------------------------------------------------------
// Checking the feed

/** "Item 3 ("its-id")", and its title when the feed has one to show. */
function describeItem(issue: FeedIssue, titles: Map<number, string>): Node[] {
  const parts: Node[] = [h('strong', {}, en.itemName(issue))];
  const title = issue.index === undefined ? undefined : titles.get(issue.index);
  if (title) parts.push(document.createTextNode(`, “${title}”`));
  return parts;
}

function problemItem(issue: FeedIssue, titles: Map<number, string>): HTMLLIElement {
  const subject = issue.field ? 'The field ' : issue.index === undefined ? 'The feed ' : 'This entry ';
  const fix = fixForIssue(issue) ?? NO_FIX;
  return h(
    'li',
    { class: 'problem' },
    h('p', { class: 'problem__where' }, ...describeItem(issue, titles)),
    h('p', { class: 'problem__what' }, subject, issue.field ? h('code', {}, issue.field) : null, issue.field ? ' ' : '', `${issue.message.replace(/\.$/, '')}.`),
    h('p', { class: 'problem__fix' }, h('strong', {}, 'How to fix it: '), fix),
  );
}

/** A heading and the list under it, named by the heading. */
function problemList(id: string, heading: string, issues: FeedIssue[], titles: Map<number, string>): HTMLElement {
  return h(
    'div',
    { class: `problems problems--${id}` },
    h('h4', { id: `${id}-title` }, heading),
    h('ul', { class: 'problem-list', 'aria-labelledby': `${id}-title` }, ...issues.map((issue) => problemItem(issue, titles))),
  );
}

function showReport(feed: Feed): string {
  const errors = feed.issues.filter((issue) => issue.severity === 'error');
  const warnings = feed.issues.filter((issue) => issue.severity === 'warning');
  const skipped = new Set(errors.flatMap((issue) => (issue.index === undefined ? [] : [issue.index])));
  const entries = feed.items.length + skipped.size;
  // The items that could be read keep the feed's order, so the n-th position not skipped is the n-th publication.
  const titles = new Map<number, string>();
  for (let index = 0, shown = 0; index < entries; index++) {
    if (skipped.has(index)) continue;
    const pub: Publication | undefined = feed.items[shown++];
    if (pub) titles.set(index, pub.title);
  }
  const readable =
    skipped.size === 0 ? (entries === 1 ? 'it can be shown' : 'all can be shown') : `${feed.items.length.toLocaleString('en')} can be shown`;
  const problems =
    errors.length || warnings.length
      ? `${plural(errors.length, 'error', 'errors')}, ${plural(warnings.length, 'warning', 'warnings')}.`
      : 'No problems found.';
  const summary = `${plural(entries, 'entry', 'entries')} read, ${readable}. ${problems}`;
  checkReport.replaceChildren(
    h(
      'div',
      { class: `report__box ${errors.length ? 'report__box--errors' : warnings.length ? 'report__box--warnings' : 'report__box--ok'}` },
      h('h3', { id: 'report-title' }, feed.title ? `Feed checked: “${feed.title}”` : 'Feed checked'),
      h('p', { class: 'report__summary' }, summary),
      feed.nextUrl
        ? h('p', {}, 'This feed continues on further pages. Only this first page was checked here; the listing reads them all.')
        : null,
      errors.length
        ? problemList('errors', `Errors: ${plural(skipped.size, 'entry is', 'entries are')} not shown`, errors, titles)
        : null,
      warnings.length ? problemList('warnings', 'Warnings: shown without the part that is wrong', warnings, titles) : null,
    ),
  );
  return `Feed checked: ${summary}${errors.length || warnings.length ? ' The problems and how to fix them are listed below.' : ''}`;
}

function showFailure(error: unknown): string {
  if (!(error instanceof FeedError)) {
    console.error('The embed builder could not check the feed.', error);
    checkReport.replaceChildren(
      h(
        'div',
        { class: 'report__box report__box--failure' },
        h('h3', {}, 'The feed could not be checked'),
        h('p', {}, 'Something unexpected went wrong in this page. Reload it and try again.'),
      ),
    );
    return 'The feed could not be checked. Reload the page and try again.';
  }
  const { title, detail } = explainFeedError(error);
  const issues = (error.details.issues ?? []) as FeedIssue[];
  // Where the problems are listed one by one, the headline and the list say it all.
  const explanation = issues.length ? error.message : detail;
  checkReport.replaceChildren(
    h(
      'div',
      { class: 'report__box report__box--failure' },
      h('h3', { id: 'report-title' }, `The feed could not be read: ${title}`),
      h('p', {}, explanation),
      h('p', { class: 'problem__fix' }, h('strong', {}, 'How to fix it: '), fixForError(error)),
      error.kind === 'network' ? h('p', {}, CORS_NOTE) : null,
      issues.length ? problemList('errors', 'What is wrong', issues, new Map()) : null,
    ),
  );
  return `The feed could not be read: ${title}. What went wrong and how to fix it is explained below.`;
}

let checks = 0;

function fieldProblem(message: string): void {
  feedError.textContent = message;
  feedError.hidden = false;
  feedInput.setAttribute('aria-invalid', 'true');
  announce(checkStatus, message);
}

/** Reads the feed in the field as the elements do, reports what is wrong, and points the snippet and preview at it. */
async function check(): Promise<void> {
  const raw = feedInput.value.trim();
  if (!raw) return fieldProblem('Type or paste the address of the feed first.');
  let url: URL;
  try {
    url = new URL(raw, location.href);
  } catch {
    return fieldProblem('This is not a web address. A feed’s address starts with https://');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fieldProblem('This is not a web address the listing can read. A feed’s address starts with https://');
  }
  feedError.hidden = true;
  feedError.textContent = '';
  feedInput.removeAttribute('aria-invalid');

  const run = ++checks;
  checkReport.setAttribute('aria-busy', 'true');
  checkReport.replaceChildren(h('p', { class: 'report__pending' }, 'Checking the feed…'));
  announce(checkStatus, 'Checking the feed…');
  // Always asked again, so that a feed fixed since the last check is read anew; the preview shares this request.
  const loading = loadFeed(url.href, { reload: true });
  feedUrl = url.href;
  update({ reloadPreview: true });
  let message: string;
  try {
    const feed = await loading;
    if (run !== checks) return;
    offerFeedChoices(feed);
    message = showReport(feed);
  } catch (error) {
    if (run !== checks) return;
    offerFeedChoices(undefined);
    message = showFailure(error);
  }
  checkReport.removeAttribute('aria-busy');
  update();
  announce(checkStatus, message);
}

// ---------------------------------------------------------------------------
// Copying

const COPIED = 'Snippet copied. Paste it into an HTML block of your page.';

async function copySnippet(): Promise<void> {
  const text = snippetArea.value;
  try {
    await navigator.clipboard.writeText(text);
    announce(copyStatus, COPIED);
    return;
  } catch {
    // No clipboard access (an older browser, a page not served over https, or a refusal): select the text instead.
  }
  snippetArea.focus();
  snippetArea.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  if (copied) {
    copyButton.focus();
    announce(copyStatus, COPIED);
  } else {
    announce(
      copyStatus,
      'The snippet could not be copied for you, so it is selected: press Ctrl+C (or Command+C on a Mac) to copy it.',
    );
  }
}

// ---------------------------------------------------------------------------
// Wiring

for (const font of FONTS) fontSelect.append(h('option', { value: font.value }, font.label));
feedInput.value = new URL(feedInput.getAttribute('value') || 'feed.json', location.href).href;
feedUrl = feedInput.value;
showColours('');

feedForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void check();
});
feedInput.addEventListener('input', () => {
  if (feedInput.hasAttribute('aria-invalid')) {
    feedError.hidden = true;
    feedInput.removeAttribute('aria-invalid');
  }
});

choicesForm.addEventListener('submit', (event) => event.preventDefault());
choicesForm.addEventListener('input', (event) => {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLInputElement && target.type === 'color') picked[tokenOf(target)] = target.value.toLowerCase();
  if (target === themeSelect) showColours(themeSelect.value as Theme);
  update();
});
// Some controls (a checkbox in an older engine, a select chosen by keyboard) report only `change`.
choicesForm.addEventListener('change', () => update());

resetButton.addEventListener('click', () => {
  for (const token of COLOUR_TOKENS) delete picked[token];
  fontSelect.value = '';
  showColours(themeSelect.value as Theme);
  update();
  announce(copyStatus, 'Colours and font are back to the defaults; the snippet no longer sets them.');
});

copyButton.addEventListener('click', () => void copySnippet());

update();
void check();
