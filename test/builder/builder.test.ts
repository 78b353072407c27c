/**
 * The embed builder (demo/builder.html), as an editor uses it: in a frame,
 * through the built files (`npm run build` and `node scripts/build-builder.mjs`),
 * found by labels, roles and visible text, and driven with the keyboard where
 * the engines let a test do so.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import { cardTitles, text } from '../helpers/dom.js';
import { fixtureUrl, mockUrl, until } from '../helpers/fixtures.js';

const ENGINE = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrome\//.test(navigator.userAgent) ? 'chromium' : 'webkit';
const BUNDLE = new URL('/dist/virtual-library.js', location.origin).href;

interface Builder {
  frame: HTMLIFrameElement;
  doc: Document;
  win: Window & typeof globalThis;
}

const frames: HTMLIFrameElement[] = [];

afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

/** Opens the builder and waits for its first check (of the demo's own feed), which it runs on load. */
async function openBuilder(): Promise<Builder> {
  const frame = document.createElement('iframe');
  frame.title = 'Embed builder';
  frame.width = '1280';
  frame.height = '900';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/demo/builder.html';
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await until(() => status(doc).startsWith('Feed checked'), 'the first check of the demo feed', 20_000);
  return { frame, doc, win: frame.contentWindow as Window & typeof globalThis };
}

const status = (doc: Document) => text(doc.querySelector('[role=status]#check-status'));

/** The form control a visible label names (the label's text starts with `name`). */
function control<T extends HTMLElement = HTMLInputElement>(doc: Document, name: string): T {
  const label = [...doc.querySelectorAll('label')].find((l) => text(l).startsWith(name));
  if (!label?.control) throw new Error(`No control labelled "${name}"`);
  return label.control as unknown as T;
}

function button(doc: Document, name: string): HTMLButtonElement {
  const found = [...doc.querySelectorAll('button')].find((b) => text(b) === name);
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

/**
 * Types into a field as a user does. WebKit's driver drops a repeated key and the space after a
 * shifted character (`&`, `"`), so there such a text is set as one input.
 */
async function typeInto(field: HTMLInputElement, value: string): Promise<void> {
  field.focus();
  field.select();
  if (ENGINE === 'webkit' && /(.)\1|[^\w\s] /.test(value)) {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  await sendKeys({ type: value });
}

/** Empties a field from the keyboard: its text selected and deleted; in a number field (which a script cannot select), End and Backspace once a character. */
async function clear(field: HTMLInputElement): Promise<void> {
  field.focus();
  if (field.type !== 'number') {
    field.select();
    await sendKeys({ press: 'Backspace' });
    return;
  }
  await sendKeys({ press: 'End' });
  for (let i = field.value.length; i > 0; i--) await sendKeys({ press: 'Backspace' });
}

/** Focuses a checkbox or radio button and presses Space on it. */
async function toggle(box: HTMLInputElement): Promise<void> {
  box.focus();
  await sendKeys({ press: ' ' });
}

/** Picks the option of a select by its visible text, as a choice from its list does. */
function choose(select: HTMLSelectElement, option: string): void {
  const found = [...select.options].find((o) => text(o).startsWith(option));
  if (!found) throw new Error(`No option "${option}" in ${select.id}`);
  select.focus();
  select.value = found.value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Types a feed's address in the field and presses Enter; resolves with the announcement of the result. */
async function checkFeed(doc: Document, url: string): Promise<string> {
  const field = control(doc, 'Feed address');
  await typeInto(field, url);
  expect(field.value).to.equal(url);
  // Each check replaces the report; the announcement follows it.
  const report = doc.getElementById('check-report')!;
  const before = report.firstElementChild;
  await sendKeys({ press: 'Enter' });
  return until(
    () => {
      const box = report.firstElementChild;
      const done = box && box !== before && box.classList.contains('report__box') && !report.hasAttribute('aria-busy');
      return done && /^(Feed checked|The feed could not)/.test(status(doc)) ? status(doc) : '';
    },
    'the check to end',
    20_000,
  );
}

/** The items of the list that a heading (whose text starts with `heading`) names, as text. */
function listUnder(doc: Document, heading: string): string[] {
  const title = [...doc.querySelectorAll('h3, h4')].find((h) => text(h).startsWith(heading));
  if (!title) return [];
  const list = doc.querySelector(`ul[aria-labelledby="${title.id}"]`);
  return [...(list?.querySelectorAll(':scope > li') ?? [])].map((item) => [...item.children].map(text).join(' '));
}

const previewList = (doc: Document) => doc.querySelector('#preview library-list') as LibraryList | null;
const snippetOf = (doc: Document) => control<HTMLTextAreaElement>(doc, 'Snippet to paste').value;

/** axe-core run inside the frame, on the whole builder page, preview included; each violation as one line. */
async function axeViolations({ doc, win }: Builder): Promise<string[]> {
  const w = win as unknown as { axe?: { run(context: Node, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } };
  if (!w.axe) {
    const script = doc.createElement('script');
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    script.src = '/node_modules/axe-core/axe.min.js';
    doc.head.append(script);
    await loaded;
  }
  const { violations } = await w.axe!.run(doc, { resultTypes: ['violations'] });
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe('embed builder', function () {
  this.timeout(60_000);

  before(async () => {
    const response = await fetch('/dist/builder/builder.js', { method: 'HEAD', cache: 'no-store' });
    if (!response.ok) throw new Error('dist/builder/builder.js is missing: run `node scripts/build-builder.mjs` after `npm run build`.');
  });

  it('checks the demo feed on opening, with a minimal snippet and no axe violation', async () => {
    const builder = await openBuilder();
    const { doc } = builder;
    expect(status(doc)).to.equal('Feed checked: 12 entries read, all can be shown. No problems found.');
    const feed = new URL('/demo/feed.json', location.origin).href;
    expect(control(doc, 'Feed address').value).to.equal(feed);
    expect(snippetOf(doc)).to.equal(`<script type="module" src="${BUNDLE}"></script>\n<library-list feed="${feed}"></library-list>`);
    await until(() => previewList(doc) && cardTitles(previewList(doc)!).length === 12, 'the preview', 15_000);
    const types = [...doc.querySelectorAll<HTMLInputElement>('#types-field input[type=checkbox]')].map((box) => text(box.closest('label')));
    expect(types).to.deep.equal(['Fact Sheets (1)', 'Reports (2)', 'Articles (6)', 'Papers (1)', 'Books (2)']);
    expect(await axeViolations(builder)).to.deep.equal([]);
  });

  it('lists each problem of a feed with errors: which item, which field, what is wrong and how to fix it', async () => {
    const builder = await openBuilder();
    const { doc } = builder;
    const field = control(doc, 'Feed address');
    const announced = await checkFeed(doc, fixtureUrl('library/broken-items.json'));
    expect(announced).to.equal(
      'Feed checked: 7 entries read, 3 can be shown. 4 errors, 6 warnings. The problems and how to fix them are listed below.',
    );
    expect(doc.activeElement === field, 'focus stays in the address field').to.equal(true);
    expect(text(doc.querySelector('#check-report h3'))).to.equal('Feed checked: “Feed with broken items”');

    const errors = listUnder(doc, 'Errors');
    expect(errors).to.deep.equal([
      'Item 2 ("bad-title") The field title must be a string, not a number. How to fix it: Give the item a "title" written as text in quotes.',
      'Item 3 ("bad-authors") The field authors must be an array, not a string. How to fix it: Write authors as a list: "authors": [{ "name": "Ana Ruiz" }].',
      'Item 4 ("bad-origin") The field _library.origin must be one of "institute", "external", not "ours". How to fix it: Use "institute" for the institute\'s own work or "external" for a work published elsewhere.',
      'Item 6 This entry must be an object, not a string. How to fix it: Write each entry of "items" as an object in braces: { "id": "…", "title": "…", … }.',
    ]);
    expect(text([...doc.querySelectorAll('h4')].find((h) => text(h).startsWith('Errors')))).to.equal('Errors: 4 entries are not shown');

    const warnings = listUnder(doc, 'Warnings');
    expect(warnings).to.have.length(6);
    expect(warnings[0]).to.equal(
      'Item 5, “No Id But Fine” The field id is missing; every item needs a unique, stable id. How to fix it: Give every item an "id": any text that never changes, such as its address or a slug ("2024-nuclear-risk-report").',
    );
    expect(warnings[5]).to.equal(
      'Item 7 ("unsafe-links"), “Unsafe Links Dropped” The field date_published "last Tuesday" is not a date in RFC 3339 form, such as 2023-05-15 or 2023-05-15T09:00:00Z. How to fix it: Write dates as in 2024-05-15 or 2024-05-15T09:00:00Z (RFC 3339).',
    );

    // The preview shows what can be shown.
    await until(() => previewList(doc) && cardTitles(previewList(doc)!).length === 3, 'the preview of the readable items', 15_000);
    expect([...cardTitles(previewList(doc)!)].sort()).to.deep.equal(['A Good Item', 'No Id But Fine', 'Unsafe Links Dropped']);
    expect(await axeViolations(builder)).to.deep.equal([]);
  });

  it('explains a whole-feed failure: an address that returns a web page', async () => {
    const { doc } = await openBuilder();
    const announced = await checkFeed(doc, fixtureUrl('library/page.html'));
    expect(announced).to.equal(
      'The feed could not be read: The feed address did not return a feed. What went wrong and how to fix it is explained below.',
    );
    const report = text(doc.getElementById('check-report'));
    expect(report).to.include('The address returned a web page, not a JSON feed.');
    expect(report).to.include('How to fix it: Check the file in a JSON checker');
    // Nothing is left of the last feed's choices.
    expect(doc.querySelectorAll('#types-field input[type=checkbox]').length).to.equal(0);
  });

  it('explains a feed that its server does not let other sites read (CORS), for partners', async () => {
    const { doc } = await openBuilder();
    const other = new URL(mockUrl('nocors?file=library/feed.json'));
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const announced = await checkFeed(doc, other.href);
    expect(announced).to.equal(
      'The feed could not be read: The publications feed could not be reached. What went wrong and how to fix it is explained below.',
    );
    expect(text(doc.getElementById('check-report'))).to.include('Access-Control-Allow-Origin: * with the feed and its PDFs');
  });

  it('says what to type when the address is missing or not a web address', async () => {
    const { doc } = await openBuilder();
    const field = control(doc, 'Feed address');
    await clear(field);
    await sendKeys({ press: 'Enter' });
    await until(() => status(doc) === 'Type or paste the address of the feed first.', 'the empty-field message');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(text(doc.getElementById('feed-url-error'))).to.equal('Type or paste the address of the feed first.');
    expect((field.getAttribute('aria-describedby') ?? '').split(' ')).to.include('feed-url-error');
  });

  it('writes the exact snippet for the choices made in the form, with values escaped', async () => {
    const { doc } = await openBuilder();
    const feed = fixtureUrl('library/feed.json');
    await checkFeed(doc, feed);
    await toggle(control(doc, 'Reports'));
    await toggle(control(doc, 'Articles'));
    await typeInto(control(doc, 'Show at most'), '3');
    choose(control(doc, 'Order'), 'Newest first');
    await toggle(control(doc, 'Grid'));
    await toggle(control(doc, 'Readers can search'));
    await typeInto(control(doc, 'Name of the list'), 'Work & "ideas" <now>');
    const accent = control(doc, 'Links and buttons');
    accent.value = '#8c1d40';
    accent.dispatchEvent(new Event('input', { bubbles: true }));
    choose(control(doc, 'Font'), 'Georgia');

    expect(snippetOf(doc)).to.equal(
      [
        `<script type="module" src="${BUNDLE}"></script>`,
        '<library-list',
        `  feed="${feed}"`,
        '  type="report, article"',
        '  limit="3"',
        '  sort="newest"',
        '  layout="grid"',
        '  no-controls',
        '  label="Work &amp; &quot;ideas&quot; &lt;now&gt;"',
        '></library-list>',
        '<style>',
        '  library-list {',
        '    --vl-color-accent: #8c1d40;',
        '    --vl-font-family: Georgia, "Times New Roman", "Liberation Serif", serif;',
        '  }',
        '</style>',
      ].join('\n'),
    );

    // Undoing the choices gives the two lines back.
    await toggle(control(doc, 'Reports'));
    await toggle(control(doc, 'Articles'));
    await clear(control(doc, 'Show at most'));
    choose(control(doc, 'Order'), 'As in the feed');
    await toggle(control(doc, 'List'));
    await toggle(control(doc, 'Readers can search'));
    await clear(control(doc, 'Name of the list'));
    button(doc, 'Reset colours and font').focus();
    await sendKeys({ press: 'Enter' });
    expect(snippetOf(doc)).to.equal(`<script type="module" src="${BUNDLE}"></script>\n<library-list feed="${feed}"></library-list>`);
  });

  it('offers the feed’s topics and authors, and a limit must be a whole number', async () => {
    const { doc } = await openBuilder();
    const feed = fixtureUrl('library/feed.json');
    await checkFeed(doc, feed);
    const topic = control<HTMLSelectElement>(doc, 'Topic');
    expect([...topic.options].map(text)).to.deep.equal([
      'Any topic',
      'AI (1)',
      'crisis communications (3)',
      'deterrence (1)',
      'history (1)',
      'messaging apps (1)',
      'risk reduction (1)',
      'technological competitiveness (1)',
    ]);
    choose(topic, 'crisis communications');
    choose(control(doc, 'Author'), 'Ana Ruiz');
    choose(control(doc, 'Whose work'), 'Only the institute');
    const limit = control(doc, 'Show at most');
    await typeInto(limit, '0');
    expect(limit.getAttribute('aria-invalid')).to.equal('true');
    expect(text(doc.getElementById('limit-error'))).to.equal('Write a whole number, 1 or more, or leave the field empty.');
    expect(snippetOf(doc)).to.equal(
      [
        `<script type="module" src="${BUNDLE}"></script>`,
        '<library-list',
        `  feed="${feed}"`,
        '  tag="crisis communications"',
        '  author="Ana Ruiz"',
        '  origin="institute"',
        '></library-list>',
      ].join('\n'),
    );
    await until(() => {
      const list = previewList(doc);
      return list?.getAttribute('author') === 'Ana Ruiz' && list.getAttribute('origin') === 'institute' && cardTitles(list).length === 2;
    }, 'the preview with the topic and author');
    expect(cardTitles(previewList(doc)!)).to.deep.equal(['Hotlines Between Capitals', 'Why Messaging Apps Are Not Hotlines']);
  });

  it('the snippet pasted into a blank page shows the same listing as the preview, themed the same', async () => {
    const { doc } = await openBuilder();
    await checkFeed(doc, fixtureUrl('library/feed.json'));
    await toggle(control(doc, 'Reports'));
    await toggle(control(doc, 'Articles'));
    await typeInto(control(doc, 'Show at most'), '3');
    choose(control(doc, 'Order'), 'Newest first');
    await toggle(control(doc, 'Readers can search'));
    const accent = control(doc, 'Links and buttons');
    accent.value = '#8c1d40';
    accent.dispatchEvent(new Event('input', { bubbles: true }));

    const expected = ['Aligning Public and Private Technology Goals', 'Resilient Channels for Nuclear Crises', 'Hotlines Between Capitals'];
    await until(() => {
      const list = previewList(doc);
      return list?.hasAttribute('no-controls') && cardTitles(list).join('|') === expected.join('|');
    }, 'the preview with the choices', 15_000);
    const previewAccent = getComputedStyle(previewList(doc)!).getPropertyValue('--vl-color-accent').trim();
    expect(previewAccent).to.equal('#8c1d40');

    const pasted = document.createElement('iframe');
    pasted.title = 'A blank page with the snippet';
    pasted.width = '900';
    pasted.height = '700';
    pasted.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank page</title></head><body>\n${snippetOf(doc)}\n</body></html>`;
    document.body.append(pasted);
    frames.push(pasted);
    const titles = await until(() => {
      const list = pasted.contentDocument?.querySelector('library-list') as LibraryList | null;
      const found = list?.shadowRoot ? cardTitles(list) : [];
      return found.length === expected.length ? found : undefined;
    }, 'the pasted listing', 15_000);
    expect(titles).to.deep.equal(cardTitles(previewList(doc)!));
    const list = pasted.contentDocument!.querySelector('library-list')!;
    expect(getComputedStyle(list).getPropertyValue('--vl-color-accent').trim()).to.equal(previewAccent);
    expect(list.shadowRoot!.querySelector('[part=controls]') === null, 'no readers’ tools, as in the preview').to.equal(true);
  });

  it('"Copy snippet" copies the snippet and announces it', async () => {
    const { doc, win } = await openBuilder();
    const copied: string[] = [];
    Object.defineProperty(win.navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (value: string) => (copied.push(value), Promise.resolve()) },
    });
    button(doc, 'Copy snippet').focus();
    await sendKeys({ press: 'Enter' });
    const copyStatus = doc.getElementById('copy-status')!;
    await until(() => text(copyStatus) === 'Snippet copied. Paste it into an HTML block of your page.', 'the announcement');
    expect(copyStatus.getAttribute('role')).to.equal('status');
    expect(copied).to.deep.equal([snippetOf(doc)]);
    expect(doc.activeElement === button(doc, 'Copy snippet'), 'focus stays on the button').to.equal(true);
  });

  it('"Copy snippet" selects the snippet and says how to copy it when the browser refuses', async () => {
    const { doc, win } = await openBuilder();
    Object.defineProperty(win.navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Not allowed', 'NotAllowedError')) },
    });
    Object.defineProperty(doc, 'execCommand', { configurable: true, value: () => false });
    button(doc, 'Copy snippet').focus();
    await sendKeys({ press: 'Enter' });
    const copyStatus = doc.getElementById('copy-status')!;
    await until(() => text(copyStatus).startsWith('The snippet could not be copied'), 'the announcement');
    expect(text(copyStatus)).to.equal(
      'The snippet could not be copied for you, so it is selected: press Ctrl+C (or Command+C on a Mac) to copy it.',
    );
    const area = control<HTMLTextAreaElement>(doc, 'Snippet to paste');
    expect(doc.activeElement === area, 'the snippet has the focus, ready for Ctrl+C').to.equal(true);
    expect([area.selectionStart, area.selectionEnd]).to.deep.equal([0, area.value.length]);
  });

  it('is used with the keyboard: Tab moves from the address to "Check feed", with a visible focus ring', async () => {
    const { doc, win } = await openBuilder();
    control(doc, 'Feed address').focus();
    await sendKeys({ press: 'Tab' });
    const check = button(doc, 'Check feed');
    expect(doc.activeElement === check, 'Tab reaches "Check feed"').to.equal(true);
    const style = win.getComputedStyle(check);
    expect(style.outlineStyle).to.not.equal('none');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});
