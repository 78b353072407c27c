import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, html } from '@open-wc/testing';
import '../../src/components/pdf-viewer/define.js';
import '../../src/components/publication-card/define.js';
import type { PublicationCard } from '../../src/components/publication-card/publication-card.js';
import type { PdfViewer } from '../../src/components/pdf-viewer/pdf-viewer.js';
import type { PdfErrorEvent } from '../../src/events/pdf-error-event.js';
import type { PdfLoadEvent } from '../../src/events/pdf-load-event.js';
import { bundlePage } from '../helpers/bundle-page.js';
import { eventually, fixtureUrl, mockUrl, token, until } from '../helpers/fixtures.js';
import { captureConsole, getByRole, text } from '../helpers/dom.js';
import { publication } from '../helpers/publication.js';

const pdf = (name: string) => fixtureUrl(`pdfs/${name}`);

/** pdf.js's own test paper, as a card shows it: an outside work with its PDF. */
const tracemonkey = () =>
  publication({
    id: 'tracemonkey',
    title: 'Trace-based Just-in-Time Type Specialization',
    authors: [{ name: 'Andreas Gal' }],
    pdf: { url: pdf('tracemonkey.pdf'), mimeType: 'application/pdf', sizeInBytes: 1016315 },
    type: { id: 'paper', label: 'Paper', plural: 'Papers' },
    origin: 'external',
    baseUrl: location.href,
  });

/** A viewer with `src`, once it has opened (or failed). */
async function open(src: string): Promise<PdfViewer> {
  const el = document.createElement('pdf-viewer');
  el.style.setProperty('--vl-pdf-height', '600px');
  el.style.setProperty('width', '700px');
  el.src = src;
  document.body.append(el);
  return el;
}

/** True when a canvas has any pixel that is not white or transparent. */
function inked(canvas: HTMLCanvasElement): boolean {
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3]! > 0 && (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200)) return true;
  }
  return false;
}

const drawnPages = (el: PdfViewer) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.page[data-drawn]')];

describe('<pdf-viewer>', function () {
  this.timeout(60_000);
  afterEach(() => document.querySelectorAll('pdf-viewer').forEach((el) => el.remove()));

  it('downloads no pdf.js until a PDF is opened', async () => {
    const pdfjsLoaded = () => performance.getEntriesByType('resource').some((e) => /pdfjs-dist\/build\/pdf(\.min)?\.mjs/.test(e.name));
    const idle = document.createElement('pdf-viewer');
    document.body.append(idle);
    await idle.updateComplete;
    expect(pdfjsLoaded(), 'before any src').to.equal(false);
    const el = await open(pdf('rotation.pdf'));
    await oneEvent(el, 'pdf-load');
    expect(pdfjsLoaded(), 'after opening').to.equal(true);
    expect(performance.getEntriesByType('resource').some((e) => e.name.includes('pdf.worker'))).to.equal(true);
  });

  it('renders the 14-page tracemonkey paper with ink on the canvas and selectable text', async () => {
    const el = await open(pdf('tracemonkey.pdf'));
    const loaded = (await oneEvent(el, 'pdf-load')) as PdfLoadEvent;
    expect(loaded.pageCount).to.equal(14);
    const first = await until(() => el.shadowRoot!.querySelector<HTMLElement>('.page[data-page="1"][data-drawn]'), 'page 1 drawn', 30_000);
    expect(inked(first.querySelector('canvas')!)).to.equal(true);
    await until(() => text(first.querySelector('.textLayer')).includes('Trace-based Just-in-Time'), 'the text layer', 15_000);
    // Pages far from view are not drawn.
    expect(drawnPages(el).length).to.be.lessThan(14);
    await expect(el).to.be.accessible();
  });

  // Text in other scripts: drawn, and readable in the text layer. The Japanese
  // file's text is mapped to Unicode through pdf.js's CMaps, which the viewer
  // must find beside its worker.
  const scripts: [what: string, file: string, text: string | undefined][] = [
    ['Japanese vertical text', 'vertical.pdf', 'あいうえお'],
    ['right-to-left Arabic', 'ArabicCIDTrueType.pdf', 'العربية'],
    ['a Traditional Chinese embedded font', 'Embedded_font.pdf', '除'],
    ['an AcroForm', 'resetform.pdf', undefined],
  ];
  for (const [what, file, words] of scripts) {
    it(`draws ${what} (${file})${words ? ' with its text selectable' : ''}`, async () => {
      const { result: el, errors } = await captureConsole(async () => {
        const el = await open(pdf(file));
        await oneEvent(el, 'pdf-load');
        await until(() => el.shadowRoot!.querySelector('.page[data-page="1"][data-drawn]'), 'page 1 drawn', 30_000);
        return el;
      });
      expect(errors).to.deep.equal([]);
      const first = el.shadowRoot!.querySelector<HTMLElement>('.page[data-page="1"]')!;
      expect(inked(first.querySelector('canvas')!)).to.equal(true);
      if (words) expect(text(first.querySelector('.textLayer')).normalize('NFKC').replace(/\s/g, '')).to.contain(words);
    });
  }

  it('moves between pages with the buttons, the page field and the keyboard', async () => {
    const el = await open(pdf('tracemonkey.pdf'));
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    getByRole(el.shadowRoot!, 'button', 'Next page').click();
    await until(() => el.page === 2, 'page 2');
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=number]')!;
    field.value = '5';
    field.dispatchEvent(new Event('change'));
    await until(() => el.page === 5, 'page 5');
    (el.shadowRoot!.querySelector('.pages') as HTMLElement).focus();
    await sendKeys({ press: 'End' });
    await until(() => el.page === 14, 'the last page');
    await sendKeys({ press: 'Home' });
    await until(() => el.page === 1, 'the first page');
    await sendKeys({ press: 'PageDown' });
    await until(() => el.page === 2, 'page 2 again');
    await until(() => text(el.shadowRoot!.querySelector('#page-status')) === 'Page 2 of 14');
  });

  it('finds words in the document, counts matches and moves between them', async () => {
    const el = await open(pdf('tracemonkey.pdf'));
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    const search = getByRole(el.shadowRoot!, 'searchbox', 'Find in document') as HTMLInputElement;
    search.value = 'SpiderMonkey';
    search.dispatchEvent(new Event('input'));
    const status = el.shadowRoot!.querySelector('.find-status')!;
    await until(() => /^1 of \d+$/.test(text(status)), 'a match count', 20_000).catch(() => {
      throw new Error(`status: "${text(status)}"`);
    });
    const total = Number(text(status).split(' of ')[1]);
    expect(total).to.be.greaterThan(3);
    const firstPage = el.page;
    getByRole(el.shadowRoot!, 'button', 'Next match').click();
    await until(() => text(status) === `2 of ${total}`);
    getByRole(el.shadowRoot!, 'button', 'Previous match').click();
    getByRole(el.shadowRoot!, 'button', 'Previous match').click();
    await until(() => text(status) === `${total} of ${total}`);
    expect(el.page).to.be.at.least(firstPage);
    await until(() => el.shadowRoot!.querySelector('.textLayer .match'), 'a highlighted match');
    search.value = 'zzqxj';
    search.dispatchEvent(new Event('input'));
    await until(() => text(status) === 'No matches');
  });

  it('shows page thumbnails in a sidebar, drawn as they come into view, that move to their page', async () => {
    const el = await open(pdf('tracemonkey.pdf'));
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    const toggle = getByRole(el.shadowRoot!, 'button', 'Pages');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => toggle.getAttribute('aria-expanded') === 'true');
    const nav = el.shadowRoot!.querySelector('nav[aria-label=Pages]')!;
    await until(() => nav.querySelector('.thumb[data-page="1"][data-drawn]'), 'the first thumbnail drawn', 20_000);
    const thumbs = [...nav.querySelectorAll<HTMLButtonElement>('.thumb')];
    expect(thumbs).to.have.length(14);
    expect(inked(thumbs[0]!.querySelector('canvas')!)).to.equal(true);
    expect(thumbs[0]!.getAttribute('aria-current')).to.equal('page');
    getByRole(nav, 'button', 'Page 4 of 14').click();
    await until(() => el.page === 4, 'page 4');
    await until(() => thumbs[3]!.getAttribute('aria-current') === 'page');
    await expect(el).to.be.accessible();
  });

  it('zooms and rotates', async () => {
    const el = await open(pdf('rotation.pdf'));
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    const before = el.scale;
    getByRole(el.shadowRoot!, 'button', 'Zoom in').click();
    await until(() => el.scale > before, 'a larger scale');
    const page = () => el.shadowRoot!.querySelector<HTMLElement>('.page')!;
    getByRole(el.shadowRoot!, 'button', 'Fit page').click();
    const area = el.shadowRoot!.querySelector<HTMLElement>('.pages')!;
    await until(() => page().offsetHeight <= area.clientHeight && page().offsetWidth <= area.clientWidth, 'a whole page in view');
    const portrait = page().offsetHeight > page().offsetWidth;
    getByRole(el.shadowRoot!, 'button', 'Rotate clockwise').click();
    await until(() => page() && (page().offsetHeight > page().offsetWidth) !== portrait, 'the rotated page');
  });

  it('asks for the password of a protected PDF, says when it is wrong, and opens with the right one', async () => {
    const el = await open(pdf('pr6531_1.pdf'));
    const needed = (await oneEvent(el, 'pdf-error')) as PdfErrorEvent;
    expect(needed.error.kind).to.equal('password-needed');
    const form = await until(() => el.shadowRoot!.querySelector('form[part=password]'), 'the password form');
    expect(text(form)).to.contain('This PDF is protected');
    await expect(el).to.be.accessible();
    const input = form.querySelector('input')!;
    input.value = 'qwerty';
    const wrong = oneEvent(el, 'pdf-error') as Promise<PdfErrorEvent>;
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await wrong).error.kind).to.equal('password-wrong');
    await until(() => text(el.shadowRoot!.querySelector('[role=alert]')) === 'That password is not right. Try again.', 'the wrong-password message');
    const again = el.shadowRoot!.querySelector('form[part=password]')!;
    again.querySelector('input')!.value = 'asdfasdf';
    const opened = oneEvent(el, 'pdf-load');
    again.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(((await opened) as unknown as PdfLoadEvent).pageCount).to.be.greaterThan(0);
  });

  it('lets the reader cancel the password prompt', async () => {
    const el = await open(pdf('pr6531_1.pdf'));
    await oneEvent(el, 'pdf-error');
    const form = await until(() => el.shadowRoot!.querySelector('form[part=password]'));
    getByRole(form, 'button', 'Cancel').click();
    await until(() => text(el.shadowRoot!.querySelector('[part=error]')).includes('The PDF was not opened.'));
    expect(getByRole(el.shadowRoot!, 'link', 'Open the PDF').getAttribute('href')).to.equal(pdf('pr6531_1.pdf'));
  });

  const failures: [string, string, string, string][] = [
    ['a corrupt file', 'bug1020226.pdf', 'corrupt', 'This file is damaged or is not a PDF'],
    ['a missing file', 'no-such.pdf', 'not-found', 'The PDF was not found (404)'],
  ];
  for (const [what, name, kind, title] of failures) {
    it(`explains ${what} and offers the plain link`, async () => {
      const { result } = await captureConsole(async () => {
        const el = await open(pdf(name));
        const event = (await oneEvent(el, 'pdf-error')) as PdfErrorEvent;
        await until(() => el.shadowRoot!.querySelector('[role=alert]'));
        return { el, event };
      });
      expect(result.event.error.kind).to.equal(kind);
      const alert = result.el.shadowRoot!.querySelector('[role=alert]')!;
      expect(text(alert)).to.contain(title);
      expect(getByRole(alert, 'link', 'Open the PDF')).to.exist;
      // Trying the same damaged or missing file again would fail the same way.
      expect(() => getByRole(alert, 'button', 'Try again')).to.throw();
      await expect(result.el).to.be.accessible();
    });
  }

  it("offers Try again when the PDF's server failed, and opens the PDF when it answers", async () => {
    const src = mockUrl(`flaky/${token()}?file=pdfs/rotation.pdf`);
    const { result } = await captureConsole(async () => {
      const el = await open(src);
      const event = (await oneEvent(el, 'pdf-error')) as PdfErrorEvent;
      const alert = await until(() => el.shadowRoot!.querySelector<HTMLElement>('[role=alert]'), 'the message');
      return { el, event, alert };
    });
    expect(result.event.error.kind).to.equal('http');
    expect(text(result.alert)).to.contain("The PDF's server reported an error (503)");
    await expect(result.el).to.be.accessible();
    const loaded = oneEvent(result.el, 'pdf-load');
    getByRole(result.alert, 'button', 'Try again').click();
    await loaded;
    await until(() => drawnPages(result.el).length, 'a drawn page', 30_000);
    expect(result.el.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
  });

  it('offers Try again when pdf.js itself failed to download, and then reads the PDF', async () => {
    const page = bundlePage({
      title: 'A page on a connection that dropped a request',
      body: `<pdf-viewer src="${pdf('rotation.pdf')}"></pdf-viewer>`,
      script: `/mock/flaky-dist/pdf/${token()}/pdf-viewer.js`,
      errorEvent: 'pdf-error',
    });
    try {
      expect((await page.failed()).kind).to.equal('viewer-unavailable');
      const viewer = await page.element<PdfViewer>('pdf-viewer');
      const alert = await until(() => viewer.shadowRoot?.querySelector<HTMLElement>('[role=alert]'), 'the message');
      expect(text(alert)).to.contain('The PDF reader could not be loaded');
      getByRole(alert, 'button', 'Try again').click();
      await until(() => viewer.shadowRoot!.querySelector('.page[data-drawn]'), 'a drawn page after trying again', 30_000);
    } finally {
      page.close();
    }
  });

  it('turns link annotations into safe links that open in a new tab', async () => {
    const el = await open(pdf('annotation-link-text-popup.pdf'));
    await oneEvent(el, 'pdf-load');
    const link = await until(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('.page[data-drawn] a.link'), 'a link', 30_000);
    expect(link.getAttribute('href')).to.equal('http://www.mozilla.org/');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.getAttribute('aria-label')).to.contain('http://www.mozilla.org/');
  });

  it("lists the PDF's outline under Contents, and follows links inside the document", async () => {
    const el = await open(new URL('/demo/pdfs/strengthening-resilience-crisis-communications.pdf', location.origin).href);
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    const toggle = getByRole(el.shadowRoot!, 'button', 'Contents');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    const nav = await until(() => el.shadowRoot!.querySelector<HTMLElement>('nav[aria-label=Contents]:not([hidden])'), 'the contents');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect([...nav.querySelectorAll('li')].map(text)).to.deep.equal(['Summary', 'Key takeaways']);
    getByRole(nav, 'button', 'Key takeaways').click();
    await until(() => el.page === 2, 'page 2');
    getByRole(nav, 'button', 'Summary').click();
    await until(() => el.page === 1, 'page 1');
    await expect(el).to.be.accessible();
    // Page 1 links to the takeaways on page 2: an internal link, which moves there in the viewer.
    const link = await until(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('.page[data-page="1"][data-drawn] a.link'), 'the link', 20_000);
    expect(link.getAttribute('aria-label')).to.equal('Page 2 of 2');
    expect(link.target).to.equal('');
    link.click();
    await until(() => el.page === 2, 'page 2 by the link');
  });

  it('offers no Contents for a PDF without an outline', async () => {
    const el = await open(pdf('tracemonkey.pdf'));
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    expect(el.shadowRoot!.querySelector('nav[aria-label=Contents]')).to.equal(null);
    expect(() => getByRole(el.shadowRoot!, 'button', 'Contents')).to.throw();
  });

  it('explains a PDF on another site that does not allow this page (CORS) and offers the plain link', async () => {
    const other = new URL(mockUrl('nocors?file=pdfs/rotation.pdf'));
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const { result } = await captureConsole(async () => {
      const el = await open(other.href);
      const event = (await oneEvent(el, 'pdf-error')) as PdfErrorEvent;
      await until(() => el.shadowRoot!.querySelector('[role=alert]'));
      return { el, event };
    });
    expect(result.event.error.kind).to.equal('network');
    const alert = result.el.shadowRoot!.querySelector('[role=alert]')!;
    expect(text(alert)).to.contain('Access-Control-Allow-Origin');
    expect(getByRole(alert, 'link', 'Open the PDF').getAttribute('href')).to.equal(other.href);
  });

  it('is usable in a 360 px wide viewport: nothing overflows, one finger scrolls, two fingers pinch to zoom, and the buttons zoom', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'a phone-sized page';
    frame.width = '360';
    frame.height = '640';
    frame.src = fixtureUrl('mobile/viewer.html');
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow! as Window & typeof globalThis;
      const doc = frame.contentDocument!;
      expect(win.innerWidth).to.equal(360);
      const el = await until(() => doc.querySelector<PdfViewer>('pdf-viewer'), 'the viewer');
      const root = el.shadowRoot!;
      const page = await until(() => root.querySelector<HTMLElement>('.page[data-page="1"][data-drawn]'), 'page 1', 30_000);
      // Nothing wider than the screen: no sideways scrolling of the page itself.
      expect(doc.documentElement.scrollWidth).to.be.at.most(360);
      expect(root.querySelector<HTMLElement>('.toolbar')!.scrollWidth).to.be.at.most(360);
      expect(page.offsetWidth).to.be.at.most(360);
      expect(getByRole(root, 'button', 'Zoom in').getBoundingClientRect().height).to.be.at.least(24);
      // One finger scrolls the pages (the browser's own panning); two are the viewer's pinch.
      const pages = root.querySelector<HTMLElement>('.pages')!;
      expect(win.getComputedStyle(pages).touchAction).to.equal('pan-x pan-y');
      expect(pages.scrollHeight).to.be.above(pages.clientHeight);

      const before = el.scale;
      const width = page.offsetWidth;
      const touch = (type: string, pointerId: number, x: number) =>
        pages.dispatchEvent(
          new win.PointerEvent(type, { pointerId, pointerType: 'touch', isPrimary: pointerId === 1, clientX: x, clientY: 300, bubbles: true, cancelable: true, composed: true }),
        );
      touch('pointerdown', 1, 150);
      touch('pointerdown', 2, 210);
      touch('pointermove', 1, 120);
      touch('pointermove', 2, 240); // the fingers are now twice as far apart
      expect(pages.style.getPropertyValue('--vl-pinch')).to.equal('2');
      touch('pointerup', 1, 120);
      touch('pointerup', 2, 240);
      expect(pages.style.getPropertyValue('--vl-pinch')).to.equal('');
      await until(() => Math.abs(el.scale - before * 2) < 0.01, 'twice the zoom');
      await until(() => (root.querySelector<HTMLElement>('.page[data-page="1"][data-drawn]')?.offsetWidth ?? 0) > width * 1.9, 'page 1 drawn again, larger', 20_000);

      getByRole(root, 'button', 'Fit width').click();
      await until(() => Math.abs(el.scale - before) < 0.01, 'back to the width of the screen');
      getByRole(root, 'button', 'Zoom out').click();
      await until(() => el.scale < before, 'smaller after Zoom out');
    } finally {
      frame.remove();
    }
  });

  it("zooms with a trackpad's pinch (ctrl + wheel) without zooming the host page", async () => {
    const el = await open(pdf('tracemonkey.pdf'));
    await oneEvent(el, 'pdf-load');
    await until(() => drawnPages(el).length, 'a drawn page', 30_000);
    const before = el.scale;
    const pages = el.shadowRoot!.querySelector<HTMLElement>('.pages')!;
    const wheel = new WheelEvent('wheel', { deltaY: -50, ctrlKey: true, bubbles: true, cancelable: true, composed: true });
    pages.dispatchEvent(wheel);
    pages.dispatchEvent(new WheelEvent('wheel', { deltaY: -50, ctrlKey: true, bubbles: true, cancelable: true, composed: true }));
    expect(wheel.defaultPrevented).to.equal(true);
    await until(() => el.scale > before * 1.2, 'zoomed in');
    // A plain wheel scrolls, as always.
    const plain = new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true, composed: true });
    pages.dispatchEvent(plain);
    expect(plain.defaultPrevented).to.equal(false);
  });

  it('shows download progress in per cent when the size is known, and bytes when it is not, without blocking the page', async () => {
    for (const known of [true, false]) {
      const id = token();
      const el = await open(mockUrl(`trickle/3000/${id}?file=pdfs/tracemonkey.pdf${known ? '' : '&length=no'}`));
      const bar = await until(() => el.shadowRoot!.querySelector('progress'), 'a progress bar');
      expect(bar.getAttribute('aria-label')).to.equal('Loading PDF…');
      if (known) {
        await until(() => Number(bar.getAttribute('value')) > 0, 'some per cent', 10_000);
        expect(text(el.shadowRoot!.querySelector('.status p'))).to.match(/Loading PDF… \d+%/);
      } else {
        await until(() => /KB|MB/.test(text(el.shadowRoot!.querySelector('.status p'))), 'bytes received', 10_000);
        expect(bar.hasAttribute('value')).to.equal(false); // indeterminate
      }
      // The page stays usable while the PDF arrives: real keystrokes reach a field on it.
      const field = document.createElement('input');
      field.setAttribute('aria-label', 'note');
      document.body.append(field);
      field.focus();
      await sendKeys({ type: 'reading on' });
      expect(field.value).to.equal('reading on');
      field.remove();
      await oneEvent(el, 'pdf-load');
      await until(() => drawnPages(el).length, 'a drawn page', 30_000);
      el.remove();
    }
  });

  it('stops downloading a slow PDF when the reader leaves it', async () => {
    const id = token();
    const el = await open(mockUrl(`trickle/8000/${id}?file=pdfs/tracemonkey.pdf`));
    const bar = await until(() => el.shadowRoot!.querySelector('progress'), 'a progress bar');
    await until(() => Number(bar.getAttribute('value')) > 0, 'some per cent', 10_000);
    el.remove();
    await eventually(async () => (await (await fetch(mockUrl(`aborted/${id}`))).json()).aborted, 'the server saw the download stop');
  });

  it('opens the PDF when moved while it downloads, and again when put back after leaving the page', async () => {
    const el = await open(mockUrl(`trickle/1500/${token()}?file=pdfs/tracemonkey.pdf`));
    const bar = await until(() => el.shadowRoot!.querySelector('progress'), 'a progress bar');
    await until(() => Number(bar.getAttribute('value')) > 0, 'some per cent', 10_000);
    // As a framework moves a node: out of the page and back in one go.
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el);
    const loaded = (await oneEvent(el, 'pdf-load')) as PdfLoadEvent;
    expect(loaded.pageCount).to.equal(14);
    expect(el.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
    // Out of the page while a second PDF downloads, long enough for the abort to land, then back.
    el.src = mockUrl(`trickle/1500/${token()}?file=pdfs/rotation.pdf`);
    await until(() => el.shadowRoot!.querySelector('progress'), 'the second download');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 300));
    box.append(el);
    await oneEvent(el, 'pdf-load');
    expect(el.shadowRoot!.querySelectorAll('[role=alert]')).to.have.length(0);
    box.remove();
  });

  it('opens a damaged but recoverable file', async () => {
    const el = await open(pdf('PDFBOX-4352-0.pdf'));
    const loaded = (await oneEvent(el, 'pdf-load')) as PdfLoadEvent;
    expect(loaded.pageCount).to.equal(1);
  });

  it('opens from a card\'s "View PDF" in a dialog: keyboard only, to page 3 and back', async () => {
    const card = await fixture<PublicationCard>(html`<publication-card .publication=${tracemonkey()}></publication-card>`);
    const link = getByRole(card.shadowRoot!, 'link', 'View PDF');
    link.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog[open]'), 'the dialog');
    const deepActive = () => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active;
    };
    await until(() => dialog.contains(deepActive()) || deepActive()?.getRootNode() !== document, 'focus in the dialog');
    expect(text(deepActive())).to.equal('Close');
    const viewer = dialog.querySelector('pdf-viewer')!;
    await until(() => viewer.pageCount === 14, 'the PDF', 30_000);
    const pages = await until(() => viewer.shadowRoot!.querySelector('.pages'), 'the pages');
    for (let i = 0; i < 20 && deepActive() !== pages; i++) await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(pages);
    await sendKeys({ press: 'PageDown' });
    await sendKeys({ press: 'PageDown' });
    await until(() => viewer.page === 3, 'page 3');
    await expect(card).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog to close');
    await until(() => deepActive() === link, 'focus back on "View PDF"');
  });

  it("takes a dark card's theme into its dialog, with colours that keep their contrast", async () => {
    const card = await fixture<PublicationCard>(html`<publication-card theme="dark" .publication=${tracemonkey()}></publication-card>`);
    getByRole(card.shadowRoot!, 'link', 'View PDF').click();
    const dialog = await until(() => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog[open]'), 'the dialog');
    const viewer = dialog.querySelector('pdf-viewer')!;
    await until(() => viewer.pageCount === 14, 'the PDF', 30_000);
    expect(viewer.getAttribute('theme')).to.equal('dark');
    const zoomIn = getByRole(viewer.shadowRoot!, 'button', 'Zoom in');
    expect(getComputedStyle(zoomIn).color).to.equal('rgb(156, 195, 255)');
    await expect(card).to.be.accessible();
    dialog.close();
  });

  it('a card with thumbnail draws the first page only once it scrolls into view, then shows the page count', async () => {
    const url = `${pdf('rotation.pdf')}?thumbnail-test`;
    const rotated = publication({
      id: 'rotation',
      title: 'Rotated pages',
      pdf: { url, mimeType: 'application/pdf', sizeInBytes: 6605 },
      type: { id: 'paper', label: 'Paper', plural: 'Papers' },
      baseUrl: location.href,
    });
    const box = await fixture<HTMLDivElement>(html`<div style="height: 200px; overflow: auto">
      <div style="height: 3000px"></div>
      <publication-card thumbnail .publication=${rotated}></publication-card>
    </div>`);
    const card = box.querySelector('publication-card')!;
    await card.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const requested = () => performance.getEntriesByType('resource').some((e) => e.name === url);
    expect(requested(), 'before scrolling').to.equal(false);
    box.scrollTop = 3000;
    const thumb = await until(() => card.shadowRoot!.querySelector('[part=thumbnail] canvas'), 'the thumbnail', 30_000);
    expect(inked(thumb as HTMLCanvasElement)).to.equal(true);
    await until(() => text(card.shadowRoot!.querySelector('.size')) === '(6.5 KB, 2 pages)', 'the page count');
  });

  describe('hostile PDFs', () => {
    const calls: string[] = [];
    const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
    before(() => Object.assign(window, { alert: (m: unknown) => calls.push(`alert ${m}`), confirm: () => calls.push('confirm'), prompt: () => calls.push('prompt') }));
    after(() => Object.assign(window, saved));

    for (const name of ['security/cve-2024-4367-poc.pdf', 'evaljs.pdf']) {
      it(`runs no script from ${name}`, async () => {
        const { result: el } = await captureConsole(async () => {
          const viewer = await open(pdf(name));
          await Promise.race([oneEvent(viewer, 'pdf-load'), oneEvent(viewer, 'pdf-error')]);
          await until(() => drawnPages(viewer).length || viewer.shadowRoot!.querySelector('[role=alert]'), 'a page or a message', 30_000);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return viewer;
        });
        expect(el).to.exist;
        expect(calls).to.deep.equal([]);
      });
    }
  });
});
