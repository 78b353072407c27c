import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PdfDocumentController, type OpenPdf, type PdfOutlineEntry } from '../../controllers/pdf-document-controller.js';
import { PinchZoomController } from '../../controllers/pinch-zoom-controller.js';
import { PdfError, toPdfError } from '../../pdf/pdf-error.js';
import { setPdfJsBase } from '../../pdf/load-pdfjs.js';
import { resolveSafeUrl } from '../../feed/url-policy.js';
import { fold } from '../../search/fold.js';
import { en } from '../../localize/en.js';
import { enPdf } from '../../localize/en-pdf.js';
import { hostStyles } from '../../styles/host.js';
import { viewerStyles } from './pdf-viewer.styles.js';

const ZOOM_STEP = 1.25;
const MIN_SCALE = 0.25;
const MAX_SCALE = 5;

type PdfPage = Awaited<ReturnType<OpenPdf['doc']['getPage']>>;
type PdfViewport = ReturnType<PdfPage['getViewport']>;
/** The fields of a pdf.js link annotation that the reader uses. */
interface PdfLinkAnnotation {
  subtype: string;
  rect: number[];
  url?: string;
  dest?: string | unknown[];
}

/** A page's place in the scrolling column, and what is drawn in it now. */
interface PageSlot {
  element: HTMLElement;
  drawn?: { canvas: HTMLCanvasElement; text: HTMLElement; cancel(): void };
}

/**
 * Reads a PDF in the page with pdf.js: continuous scrolling that draws only
 * the pages near the view, sharp on high-density screens, with a text layer
 * for selecting and copying, page navigation, zoom (buttons, pinch) and
 * rotation, find, and a sidebar of the PDF's outline or its pages. pdf.js
 * itself is downloaded only when a PDF is opened, and runs no script from
 * the file.
 *
 * @summary A PDF reader for the page.
 *
 * @fires pdf-load - `PdfLoadEvent`: the PDF opened; `pageCount` says how many pages it has.
 * @fires pdf-error - `PdfErrorEvent`: the PDF cannot be shown (or needs a password); `error.kind` says why.
 *
 * @csspart toolbar - The bar with navigation, zoom and download.
 * @csspart pages - The scrolling column of pages.
 * @csspart contents - The sidebar with the PDF's outline (only for PDFs that have one).
 * @csspart thumbnails - The sidebar of page thumbnails.
 * @csspart page - Each page.
 * @csspart progress - The loading bar.
 * @csspart error - The message shown when the PDF cannot be opened.
 * @csspart password - The password form for a protected PDF.
 *
 * @cssprop --vl-pdf-height - Height of the reading area. Default: `80vh`.
 * @cssprop --vl-pdf-background - Behind the pages. Default: the text colour at 8%.
 * @cssprop --vl-color-accent - Buttons and the loading bar. Default: `#0b5394` (`#9cc3ff` in the dark theme).
 * @cssprop --vl-color-text - Text colour. Default: inherited from the page (`#e8eaed` in the dark theme).
 * @cssprop --vl-color-background - Background of the element in the dark theme (`theme="dark"` or `auto` on a dark system). Default: `#121316`.
 */
export class PdfViewer extends LitElement {
  static override styles = [hostStyles, viewerStyles];

  /**
   * Where the page serves its own copy of pdfjs-dist's files (the folder
   * holding `build/pdf.worker.min.mjs`, `cmaps/`, `standard_fonts/`, `iccs/`
   * and `wasm/`). Needed only when the viewer is bundled by an application;
   * the published bundle finds them next to itself. Set it before the first
   * PDF opens.
   */
  static set pdfjsBase(url: string | undefined) {
    setPdfJsBase(url);
  }

  /** URL of the PDF (http(s) or relative). Its server must allow this page's origin to read it. */
  @property() src?: string;

  /** Accessible name of the reading area. Default: "PDF document". */
  @property() label?: string;

  /** Colour theme: unset to follow the page's text colour, `dark`, or `auto` (follows the reader's system setting). */
  @property({ reflect: true }) theme?: 'dark' | 'auto';

  /** The page in view, counting from 1. Setting it scrolls there. */
  @property({ type: Number }) page = 1;

  @state() private zoom?: number;
  @state() private rotation = 0;
  @state() private password?: string;
  @state() private cancelled = false;
  @state() private fitScale = 1;
  /** Which sidebar is open, if any: the PDF's outline or the page thumbnails. */
  @state() private sidebar?: 'contents' | 'pages';
  /** Find in document: what the reader looks for, every page it appears on (once per match), and which match is shown. */
  @state() private find = { query: '', matches: [] as number[], current: -1 };

  @query('.pages') private pagesElement?: HTMLElement;

  private readonly pdf = new PdfDocumentController(
    this,
    () => (this.cancelled ? undefined : this.src),
    () => this.password,
  );

  constructor() {
    super();
    // Pinch shows the change at once with a CSS scale, then draws the pages again at the new zoom.
    new PinchZoomController(this, {
      target: () => this.pagesElement,
      preview: (factor) => this.pagesElement?.style.setProperty('--vl-pinch', String(factor)),
      commit: (factor) => {
        this.pagesElement?.style.removeProperty('--vl-pinch');
        this.zoomBy(factor);
      },
    });
  }

  private slots: PageSlot[] = [];
  private nearObserver?: IntersectionObserver;
  private resizeObserver?: ResizeObserver;
  private baseSize?: { width: number; height: number };
  private layoutKey = '';
  private scrolling = false;
  /** Each page's text, folded for matching; read once per document, when the reader first searches. */
  private pageTexts?: Promise<string[]>;

  /** The scale pages are drawn at: the reader's zoom, or the width that fits. */
  get scale(): number {
    return this.zoom ?? this.fitScale;
  }

  /** How many pages the open PDF has (0 until it opens). */
  get pageCount(): number {
    return this.pdf.task.value?.doc.numPages ?? 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) {
      this.password = undefined;
      this.cancelled = false;
      this.zoom = undefined;
      this.rotation = 0;
      this.page = 1;
      this.baseSize = undefined;
      this.pageTexts = undefined;
      this.find = { query: '', matches: [], current: -1 };
      this.sidebar = undefined;
    }
  }

  protected override updated(): void {
    const open = this.pdf.task.value;
    if (!open || !this.pagesElement) return;
    const key = `${open.url}|${this.scale}|${this.rotation}|${open.doc.numPages}`;
    if (key !== this.layoutKey) {
      this.layoutKey = key;
      void this.layout(open);
    }
    // Thumbnails depend on the document and rotation only, not on the zoom.
    const thumbKey = `${open.url}|${this.rotation}`;
    if (thumbKey !== this.thumbKey) {
      this.thumbKey = thumbKey;
      this.resetThumbnails();
    }
    this.watchThumbnails(open);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
    this.resetThumbnails();
    this.layoutKey = this.thumbKey = '';
  }

  protected override render() {
    if (this.cancelled) return this.renderCancelled();
    return this.pdf.task.render({
      initial: () => nothing,
      pending: () => this.renderProgress(),
      complete: (open) => this.renderDocument(open),
      error: (error) => this.renderError(toPdfError(error, this.src ?? '')),
    });
  }

  private renderProgress() {
    const { loaded, total } = this.pdf.progress;
    const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : undefined;
    // A native <progress>: accessible as it is, indeterminate without a value, and no inline style (strict CSP).
    return html`<div class="status">
      <progress part="progress" class="progress" max="100" value=${percent ?? nothing} aria-label=${enPdf.loading}></progress>
      <p>${enPdf.loading} ${percent === undefined ? (loaded ? en.fileSize(loaded) : '') : `${percent}%`}</p>
    </div>`;
  }

  private renderError(error: PdfError) {
    if (error.kind === 'password-needed' || error.kind === 'password-wrong') return this.renderPassword(error.kind === 'password-wrong');
    const { title, detail } = enPdf.error(error);
    const href = this.openUrl();
    // What a dropped connection or a busy server caused may work a moment later; a damaged file or a bad address will not.
    const again = error.kind === 'network' || error.kind === 'http' || error.kind === 'viewer-unavailable';
    return html`<div part="error" class="error" role="alert">
      <strong>${title}</strong>
      <p>${detail}</p>
      <div class="row">
        ${again ? html`<button class="button" @click=${() => void this.pdf.task.run()}>${en.retry}</button>` : nothing}
        ${href ? html`<a class="button secondary" href=${href} target="_blank" rel="noopener noreferrer">${enPdf.openRaw}</a>` : nothing}
      </div>
    </div>`;
  }

  private renderPassword(wrong: boolean) {
    return html`<form part="password" class="password" @submit=${this.submitPassword}>
      <p id="password-note" role=${wrong ? 'alert' : nothing}>${wrong ? enPdf.passwordWrong : enPdf.passwordNeeded}</p>
      <label>
        <span>${enPdf.password}</span>
        <input type="password" name="password" autocomplete="off" required aria-describedby="password-note" aria-invalid=${wrong ? 'true' : 'false'} />
      </label>
      <div class="row">
        <button class="button" type="submit">${enPdf.openWithPassword}</button>
        <button class="button secondary" type="button" @click=${this.cancelPassword}>${enPdf.cancel}</button>
      </div>
    </form>`;
  }

  private renderCancelled() {
    const href = this.openUrl();
    return html`<div part="error" class="error">
      <p>${enPdf.notOpened}</p>
      <div class="row">
        <button class="button" @click=${() => (this.cancelled = false)}>${enPdf.enterPassword}</button>
        ${href ? html`<a class="button secondary" href=${href} target="_blank" rel="noopener noreferrer">${enPdf.openRaw}</a>` : nothing}
      </div>
    </div>`;
  }

  private renderDocument(open: OpenPdf) {
    const count = open.doc.numPages;
    const thumbnails = this.sidebar === 'pages';
    return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${enPdf.toolbar}>
        ${open.outline.length ? this.renderSidebarToggle('contents', enPdf.contents) : nothing}
        ${this.renderSidebarToggle('pages', enPdf.thumbnails)}
        <button class="button secondary" aria-label=${enPdf.previous} ?disabled=${this.page <= 1} @click=${() => this.goTo(this.page - 1)}>‹</button>
        <label class="page-field">
          <span class="visually-hidden">${enPdf.pageNumber}</span>
          <input type="number" min="1" max=${count} .value=${String(this.page)} @change=${this.pageInput} />
          <span aria-hidden="true">/ ${count}</span>
        </label>
        <button class="button secondary" aria-label=${enPdf.next} ?disabled=${this.page >= count} @click=${() => this.goTo(this.page + 1)}>›</button>
        <form class="find" role="search" @submit=${this.findNext}>
          <input type="search" aria-label=${enPdf.find} placeholder=${enPdf.find} .value=${this.find.query} @input=${this.findInput} />
          <button class="button secondary" type="button" aria-label=${enPdf.previousMatch} ?disabled=${!this.find.matches.length} @click=${this.findPrevious}>↑</button>
          <button class="button secondary" type="submit" aria-label=${enPdf.nextMatch} ?disabled=${!this.find.matches.length}>↓</button>
          <span class="find-status" role="status">${this.find.query ? enPdf.matches(this.find.current + 1, this.find.matches.length) : ''}</span>
        </form>
        <span class="gap"></span>
        <button class="button secondary" aria-label=${enPdf.zoomOut} @click=${() => this.zoomBy(1 / ZOOM_STEP)}>−</button>
        <span class="zoom" aria-live="polite">${Math.round(this.scale * 100)}%</span>
        <button class="button secondary" aria-label=${enPdf.zoomIn} @click=${() => this.zoomBy(ZOOM_STEP)}>+</button>
        <button class="button secondary" aria-pressed=${this.zoom === undefined ? 'true' : 'false'} @click=${() => (this.zoom = undefined)}>
          ${enPdf.fitWidth}
        </button>
        <button class="button secondary" @click=${this.fitPage}>${enPdf.fitPage}</button>
        <button class="button secondary" aria-label=${enPdf.rotate} @click=${() => (this.rotation = (this.rotation + 90) % 360)}>⟳</button>
        <a class="button secondary" href=${open.url} download>${en.downloadPdf}</a>
        <a class="button secondary" href=${open.url} target="_blank" rel="noopener noreferrer">${enPdf.openRaw}</a>
      </div>
      <div class="body">
        ${open.outline.length
          ? html`<nav part="contents" id="contents" class="sidebar contents" aria-label=${enPdf.contents} ?hidden=${this.sidebar !== 'contents'}>
              ${this.renderOutline(open, open.outline)}
            </nav>`
          : nothing}
        <nav part="thumbnails" id="pages" class="sidebar thumbnails" aria-label=${enPdf.thumbnails} ?hidden=${!thumbnails}>
          ${thumbnails
            ? Array.from(
                { length: count },
                (_, i) => html`<button
                  class="thumb"
                  data-page=${i + 1}
                  aria-label=${enPdf.pageOf(i + 1, count)}
                  aria-current=${this.page === i + 1 ? 'page' : nothing}
                  @click=${() => this.goTo(i + 1)}
                ><span aria-hidden="true">${i + 1}</span></button>`,
              )
            : nothing}
        </nav>
        <div
          part="pages"
          class="pages"
          tabindex="0"
          role="region"
          aria-label=${this.label ?? enPdf.document}
          aria-describedby="page-status"
          @keydown=${this.keydown}
          @scroll=${this.trackPage}
        ></div>
      </div>
      <p id="page-status" class="visually-hidden" aria-live="polite">${enPdf.pageOf(this.page, count)}</p>`;
  }

  private renderSidebarToggle(which: 'contents' | 'pages', label: string) {
    const open = this.sidebar === which;
    return html`<button
      class="button secondary"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${which}
      @click=${() => (this.sidebar = open ? undefined : which)}
    >
      ${label}
    </button>`;
  }

  /**
   * The outline as nested lists: an entry that points into the document is a
   * button that goes there, a web link opens in a new tab (http(s) only), and
   * an entry with neither (a script action, say) is plain text.
   */
  private renderOutline(open: OpenPdf, entries: PdfOutlineEntry[]): unknown {
    return html`<ul>
      ${entries.map((entry) => {
        const title = entry.title?.trim() || enPdf.untitled;
        const href = entry.url ? resolveSafeUrl(entry.url, open.url) : undefined;
        const target = href
          ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${title}<span class="visually-hidden"> ${en.newTab}</span></a>`
          : entry.dest
            ? html`<button type="button" @click=${() => this.goToDestination(open, entry.dest!)}>${title}</button>`
            : html`<span>${title}</span>`;
        return html`<li>${target}${entry.items?.length ? this.renderOutline(open, entry.items) : nothing}</li>`;
      })}
    </ul>`;
  }

  private async goToDestination(open: OpenPdf, dest: string | unknown[]) {
    const page = await this.pageOf(open, dest);
    if (page) this.goTo(page);
  }

  /** Places one slot per page, sized from the first page, and draws those near the view. */
  private async layout(open: OpenPdf) {
    this.teardown();
    const container = this.pagesElement!;
    const first = await open.doc.getPage(1);
    const natural = first.getViewport({ scale: 1, rotation: this.rotation });
    this.baseSize = { width: natural.width, height: natural.height };
    const fit = (container.clientWidth - 32) / natural.width;
    if (this.zoom === undefined && Math.abs(fit - this.fitScale) > 0.001 && fit > 0) {
      this.fitScale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, fit));
      return; // the update this causes lays out again at the new scale
    }
    const scale = this.scale;
    container.replaceChildren();
    this.slots = Array.from({ length: open.doc.numPages }, (_, i) => {
      const element = document.createElement('div');
      element.className = 'page';
      element.setAttribute('part', 'page');
      element.dataset.page = String(i + 1);
      element.style.setProperty('width', `${Math.floor(natural.width * scale)}px`);
      element.style.setProperty('height', `${Math.floor(natural.height * scale)}px`);
      element.style.setProperty('--total-scale-factor', String(scale));
      container.append(element);
      return { element };
    });
    this.nearObserver = new IntersectionObserver((entries) => this.onNear(entries, open), {
      root: container,
      rootMargin: '150% 0px',
    });
    this.slots.forEach((slot) => this.nearObserver!.observe(slot.element));
    // Fit the width again when the reading area changes width (a rotated phone, a resized window),
    // on the next frame so that the new layout is not itself observed as a resize.
    let width = container.clientWidth;
    this.resizeObserver = new ResizeObserver(() => {
      if (container.clientWidth === width) return;
      width = container.clientWidth;
      requestAnimationFrame(() => {
        if (this.zoom !== undefined || !this.baseSize) return;
        const fit = (width - 32) / this.baseSize.width;
        if (Math.abs(fit - this.fitScale) > 0.01) this.fitScale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, fit));
      });
    });
    this.resizeObserver.observe(container);
    if (this.page > 1) this.goTo(this.page);
  }

  private onNear(entries: IntersectionObserverEntry[], open: OpenPdf) {
    for (const entry of entries) {
      const index = Number((entry.target as HTMLElement).dataset.page) - 1;
      const slot = this.slots[index];
      if (!slot) continue;
      if (entry.isIntersecting && !slot.drawn) void this.draw(open, index, slot);
      else if (!entry.isIntersecting && slot.drawn) this.release(slot);
    }
  }

  /** Draws one page: the canvas at the screen's pixel density, then its text layer. */
  private async draw(open: OpenPdf, index: number, slot: PageSlot) {
    const canvas = document.createElement('canvas');
    const text = document.createElement('div');
    text.className = 'textLayer';
    let cancelled = false;
    const tasks: { cancel(): void }[] = [];
    slot.drawn = { canvas, text, cancel: () => ((cancelled = true), tasks.forEach((t) => t.cancel())) };
    try {
      const page = await open.doc.getPage(index + 1);
      if (cancelled) return;
      const viewport = page.getViewport({ scale: this.scale, rotation: this.rotation });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.setProperty('width', `${Math.floor(viewport.width)}px`);
      canvas.style.setProperty('height', `${Math.floor(viewport.height)}px`);
      slot.element.style.setProperty('width', `${Math.floor(viewport.width)}px`);
      slot.element.style.setProperty('height', `${Math.floor(viewport.height)}px`);
      slot.element.append(canvas, text);
      const rendering = page.render({
        canvas,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      } as Parameters<typeof page.render>[0]);
      tasks.push(rendering);
      await rendering.promise;
      if (cancelled) return;
      slot.element.dataset.painted = 'true';
      const layer = new open.pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport });
      tasks.push(layer);
      await layer.render();
      if (cancelled) return;
      await this.addLinks(open, page, viewport, text);
      this.highlight(slot);
      slot.element.dataset.drawn = 'true';
    } catch (error) {
      if ((error as Error)?.name !== 'RenderingCancelledException' && !cancelled) {
        console.error(`<pdf-viewer> page ${index + 1} could not be drawn:`, error);
      }
    }
  }

  /**
   * The PDF's link annotations as real links over the text: web and mail links
   * open in a new tab (http(s) and mailto only, never javascript: or file:),
   * links inside the document move to their page.
   */
  private async addLinks(open: OpenPdf, page: PdfPage, viewport: PdfViewport, layer: HTMLElement) {
    const annotations = (await page.getAnnotations({ intent: 'display' })) as PdfLinkAnnotation[];
    for (const annotation of annotations) {
      if (annotation.subtype !== 'Link') continue;
      const link = document.createElement('a');
      link.className = 'link';
      const [ax, ay, bx, by] = annotation.rect as [number, number, number, number];
      const [x1, y1] = viewport.convertToViewportPoint(ax, ay) as [number, number];
      const [x2, y2] = viewport.convertToViewportPoint(bx, by) as [number, number];
      link.style.setProperty('left', `${Math.min(x1, x2)}px`);
      link.style.setProperty('top', `${Math.min(y1, y2)}px`);
      link.style.setProperty('width', `${Math.abs(x2 - x1)}px`);
      link.style.setProperty('height', `${Math.abs(y2 - y1)}px`);
      if (annotation.url) {
        const href = /^mailto:/i.test(annotation.url) ? annotation.url : resolveSafeUrl(annotation.url, open.url);
        if (!href) continue;
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.setAttribute('aria-label', `${href} ${en.newTab}`);
      } else if (annotation.dest) {
        const target = await this.pageOf(open, annotation.dest);
        if (!target) continue;
        link.href = `#page=${target}`;
        link.setAttribute('aria-label', enPdf.pageOf(target, open.doc.numPages));
        link.addEventListener('click', (event) => {
          event.preventDefault();
          this.goTo(target);
        });
      } else continue;
      layer.append(link);
    }
  }

  /** The page number an internal destination points to, or undefined. */
  private async pageOf(open: OpenPdf, dest: string | unknown[]): Promise<number | undefined> {
    try {
      const explicit = typeof dest === 'string' ? await open.doc.getDestination(dest) : dest;
      const ref = explicit?.[0];
      if (typeof ref === 'number') return ref + 1;
      if (ref && typeof ref === 'object') return (await open.doc.getPageIndex(ref as { num: number; gen: number })) + 1;
    } catch {
      // A broken destination: the link is left out.
    }
    return undefined;
  }

  /** Gives a far-away page's memory back: pages far from view hold no canvas. */
  private release(slot: PageSlot) {
    slot.drawn?.cancel();
    slot.drawn?.canvas.remove();
    slot.drawn?.text.remove();
    if (slot.drawn) {
      slot.drawn.canvas.width = 0;
      slot.drawn.canvas.height = 0;
    }
    slot.drawn = undefined;
    delete slot.element.dataset.drawn;
    delete slot.element.dataset.painted;
  }

  private thumbObserver?: IntersectionObserver;
  private thumbKey = '';

  /** Draws each thumbnail when it scrolls into the sidebar, small, once. */
  private watchThumbnails(open: OpenPdf) {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.thumb:not([data-watched])')];
    if (!buttons.length) return;
    this.thumbObserver ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          this.thumbObserver?.unobserve(entry.target);
          void this.drawThumbnail(open, entry.target as HTMLButtonElement);
        }
      },
      { root: this.renderRoot.querySelector('.thumbnails'), rootMargin: '50% 0px' },
    );
    for (const button of buttons) {
      button.dataset.watched = '';
      this.thumbObserver.observe(button);
    }
  }

  private async drawThumbnail(open: OpenPdf, button: HTMLButtonElement) {
    try {
      const page = await open.doc.getPage(Number(button.dataset.page));
      const natural = page.getViewport({ scale: 1, rotation: this.rotation });
      const viewport = page.getViewport({ scale: 110 / natural.width, rotation: this.rotation });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport } as Parameters<typeof page.render>[0]).promise;
      button.prepend(canvas);
      button.dataset.drawn = 'true';
    } catch {
      // A thumbnail that cannot be drawn leaves its page number alone.
    }
  }

  private resetThumbnails() {
    this.thumbObserver?.disconnect();
    this.thumbObserver = undefined;
    this.renderRoot.querySelectorAll<HTMLElement>('.thumb[data-watched]').forEach((button) => {
      delete button.dataset.watched;
      delete button.dataset.drawn;
      button.querySelector('canvas')?.remove();
    });
  }

  private teardown() {
    this.nearObserver?.disconnect();
    this.resizeObserver?.disconnect();
    this.slots.forEach((slot) => this.release(slot));
    this.slots = [];
  }

  private findInput = async (event: Event) => {
    // Kept now: once dispatch ends, an event from a shadow tree no longer has its target.
    const input = event.target as HTMLInputElement;
    const query = fold(input.value.trim());
    const open = this.pdf.task.value;
    if (!open) return;
    if (!query) {
      this.find = { query: '', matches: [], current: -1 };
      this.slots.forEach((slot) => this.highlight(slot));
      return;
    }
    this.pageTexts ??= Promise.all(
      Array.from({ length: open.doc.numPages }, async (_, i) => {
        const content = await (await open.doc.getPage(i + 1)).getTextContent();
        // Items break mid-word as often as between words; only a line end is taken as a space.
        return fold(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''));
      }),
    );
    const texts = await this.pageTexts;
    if (fold(input.value.trim()) !== query) return; // the reader typed on
    const matches: number[] = [];
    texts.forEach((text, i) => {
      for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + query.length)) matches.push(i + 1);
    });
    this.find = { query, matches, current: matches.length ? 0 : -1 };
    this.slots.forEach((slot) => this.highlight(slot));
    if (matches.length) this.goTo(matches[0]!);
  };

  private findNext = (event?: Event) => {
    event?.preventDefault();
    this.stepMatch(1);
  };

  private findPrevious = () => this.stepMatch(-1);

  private stepMatch(step: number) {
    const { matches, current } = this.find;
    if (!matches.length) return;
    const next = (current + step + matches.length) % matches.length;
    this.find = { ...this.find, current: next };
    this.goTo(matches[next]!);
  }

  /** Marks the text-layer pieces of a drawn page that contain what the reader is looking for. */
  private highlight(slot: PageSlot) {
    const query = this.find.query;
    for (const span of slot.drawn?.text.querySelectorAll('span') ?? []) {
      span.classList.toggle('match', Boolean(query) && fold(span.textContent ?? '').includes(query));
    }
  }

  /** Scrolls to page `n` (clamped to the document). */
  goTo(n: number): void {
    const count = this.pageCount;
    if (!count) return;
    const target = Math.min(count, Math.max(1, Math.round(n) || 1));
    this.page = target;
    const slot = this.slots[target - 1];
    const container = this.pagesElement;
    if (slot && container) {
      this.scrolling = true;
      container.scrollTop = slot.element.offsetTop - container.offsetTop - 8;
      requestAnimationFrame(() => (this.scrolling = false));
    }
  }

  /** Zooms so that a whole page fits in the reading area. */
  private fitPage = () => {
    const container = this.pagesElement;
    if (!container || !this.baseSize) return;
    const scale = Math.min((container.clientWidth - 32) / this.baseSize.width, (container.clientHeight - 32) / this.baseSize.height);
    this.zoom = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
    this.updateComplete.then(() => this.goTo(this.page));
  };

  private zoomBy(factor: number) {
    this.zoom = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
  }

  private pageInput = (event: Event) => this.goTo(Number((event.target as HTMLInputElement).value));

  private keydown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { PageDown: this.page + 1, PageUp: this.page - 1, Home: 1, End: this.pageCount };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.goTo(target);
  };

  /** Keeps `page` on the page that fills most of the view as the reader scrolls. */
  private trackPage = () => {
    if (this.scrolling) return;
    const container = this.pagesElement!;
    const middle = container.scrollTop + container.clientHeight / 3 + container.offsetTop;
    const index = this.slots.findIndex((slot) => slot.element.offsetTop + slot.element.offsetHeight > middle);
    if (index >= 0 && index + 1 !== this.page) this.page = index + 1;
  };

  private submitPassword = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('password') as HTMLInputElement;
    this.password = input.value;
  };

  private cancelPassword = () => {
    this.cancelled = true;
  };

  /** The PDF's own address, for "Open the PDF" when the viewer cannot show it. */
  private openUrl(): string | undefined {
    return resolveSafeUrl(this.src, document.baseURI);
  }
}
