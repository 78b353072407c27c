import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { FeedController } from '../../controllers/feed-controller.js';
import { FeedError } from '../../feed/errors.js';
import { DEFAULT_TIMEOUT } from '../../feed/load-feed.js';
import type { Feed, Person, Publication } from '../../feed/publication.js';
import { PdfOpenEvent } from '../../events/pdf-open-event.js';
import { en } from '../../localize/en.js';
import { hostStyles } from '../../styles/host.js';
import { cardStyles } from './publication-card.styles.js';

/** The highlighter, loaded with the first search that reaches a card (the list's search module already holds it). */
let highlighter: typeof import('../../search/highlight.js') | undefined;
let loadingHighlighter: Promise<unknown> | undefined;

export type CardVariant = 'standard' | 'featured' | 'compact';

/**
 * One publication: its type, title, authors, date and summary, with links to
 * read or download it. The featured form adds the long summary and the
 * numbered takeaways; a withdrawn publication shows only a tombstone.
 *
 * Give it a `.publication` object (as `<library-list>` does), or a `feed` URL
 * and an `item` id to feature one publication anywhere on a page.
 *
 * @summary A publication from the library, as a card.
 *
 * @fires pdf-open - `PdfOpenEvent`, cancelable: the reader chose "View PDF". Call `preventDefault()` to show the PDF yourself; otherwise it opens in a dialog with `<pdf-viewer>` (or a new tab, with `no-viewer`).
 * @fires library-load - `LibraryLoadEvent`: the card's own `feed` loaded (standalone use only).
 * @fires library-error - `LibraryErrorEvent`: the card's own `feed` failed, has no item with the `item` id, or (without `item`) has no publication at all.
 *
 * @slot actions - Extra actions after "View PDF" and "Download PDF".
 *
 * @csspart card - The card's outer box (an `article`).
 * @csspart type - The type label line ("Report", "Outside work").
 * @csspart title - The title heading.
 * @csspart authors - The author line.
 * @csspart match - A word the reader searched for, marked in the title, authors, publisher, summary, long summary or takeaways.
 * @csspart meta - The date and publisher line.
 * @csspart summary - The short plain-text summary.
 * @csspart content - The long summary of the featured form (sanitised HTML).
 * @csspart takeaways - The numbered list of takeaways.
 * @csspart actions - The row of links.
 * @csspart action - Each link in the actions row.
 * @csspart tombstone - The notice on a withdrawn publication.
 * @csspart error - The message shown when a standalone card cannot load.
 * @csspart dialog - The dialog that shows the PDF.
 * @csspart thumbnail - The picture of the PDF's first page (with `thumbnail`).
 *
 * @cssprop --vl-font-family - Font of all text. Default: inherited from the page.
 * @cssprop --vl-font-size - Base font size. Default: `1rem`.
 * @cssprop --vl-line-height - Line height. Default: `1.5`.
 * @cssprop --vl-color-text - Text colour. Default: inherited from the page (`#e8eaed` in the dark theme).
 * @cssprop --vl-color-muted - Secondary text (authors, dates). Default: the text colour at 85%.
 * @cssprop --vl-color-accent - Links and buttons. Default: `#0b5394` (`#9cc3ff` in the dark theme).
 * @cssprop --vl-color-accent-contrast - Text on accent-coloured buttons. Default: `#ffffff` (`#0b1a2b` in the dark theme).
 * @cssprop --vl-color-border - Card borders and separators. Default: the text colour at 22%.
 * @cssprop --vl-color-surface - Card background. Default: `transparent` (`#1b1d21` in the dark theme).
 * @cssprop --vl-color-danger - Error messages. Default: `#b3261e` (`#ffb4ab` in the dark theme).
 * @cssprop --vl-radius - Corner radius. Default: `0.5rem`.
 * @cssprop --vl-space - Base spacing unit. Default: `1rem`.
 * @cssprop --vl-card-padding - Padding inside a card. Default: `var(--vl-space)`.
 * @cssprop --vl-title-font-family - Font of titles. Default: `--vl-font-family`.
 * @cssprop --vl-title-size - Title size. Default: `1.2em`.
 * @cssprop --vl-featured-title-size - Title size in the featured form. Default: `1.5em`.
 * @cssprop --vl-focus-ring - Outline of the focused link. Default: `2px solid` the accent colour.
 * @cssprop --vl-color-background - Background of the element in the dark theme (`theme="dark"` or `auto` on a dark system). Default: `#121316`.
 */
export class PublicationCard extends LitElement {
  static override styles = [hostStyles, cardStyles];

  // Declared here rather than with decorators: the same reactive properties, in fewer bytes.
  static override properties = {
    publication: { attribute: false },
    feed: {},
    item: {},
    variant: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    timeout: { type: Number },
    theme: { reflect: true },
    noViewer: { type: Boolean, attribute: 'no-viewer' },
    thumbnail: { type: Boolean },
    highlight: { attribute: false },
    pageCount: { state: true },
    picture: { state: true },
  };

  /** The publication to show. Set by `<library-list>`; takes precedence over `feed` and `item`. */
  publication?: Publication;

  /** URL of a feed to load the publication from (standalone use, with `item`). */
  feed?: string;

  /** The `id` of the publication in `feed` to show. Default: the feed's featured item, else its first. A feed in pages is read only as far as that item. */
  item?: string;

  /** `standard`, `featured` (long summary and takeaways) or `compact` (title and links). Default: `featured` for items the feed marks as featured, else `standard`. */
  variant?: CardVariant;

  /** Level of the title heading, 2 to 6, to fit the page's outline. */
  headingLevel = 3;

  /** Milliseconds to wait for `feed` before giving up. */
  timeout = DEFAULT_TIMEOUT;

  /** Colour theme: unset to follow the page's text colour, `dark`, or `auto` (follows the reader's system setting). */
  theme?: 'dark' | 'auto';

  /** "View PDF" opens the PDF in a new tab instead of the in-page reader. */
  noViewer = false;

  /** Shows a small picture of the PDF's first page, drawn when the card comes into view (it downloads pdf.js and the PDF). */
  thumbnail = false;

  /** Words to mark in the title, authors, publisher, summary, long summary and takeaways: what the reader searched for (`<library-list>` sets it). */
  highlight: readonly string[] = [];

  /** The PDF's page count, once the reader or the thumbnail has opened it. */
  private pageCount?: number;

  private waitingForHighlighter = false;

  private picture?: HTMLCanvasElement;

  private pictureFor?: string;
  private stopThumbnail?: () => void;


  private readonly source = new FeedController<Publication | undefined>(this, {
    url: () => (this.publication ? undefined : this.feed),
    timeout: () => this.timeout,
    key: () => this.item,
    select: (feed) => findItem(feed, this.item),
    // A feed in pages is followed until the item turns up (a featured one, without `item`).
    enough: (feed) => feed.items.some((pub) => (this.item?.trim() ? pub.id === this.item.trim() : pub.featured)),
  });

  /** The long summary, cleaned: one request for DOMPurify, made only when it is shown. */
  private readonly content = new Task(this, {
    args: () => {
      const pub = this.shown;
      return [this.effectiveVariant === 'featured' ? pub?.contentHtml : undefined, pub?.baseUrl] as const;
    },
    task: async ([markup, base]) =>
      markup && base ? (await import('../../feed/sanitize-html.js')).sanitizeFeedHtml(markup, base) : undefined,
  });

  /** The publication on display, from the property or from the card's own feed. */
  private get shown(): Publication | undefined {
    return this.publication ?? this.source.task.value;
  }

  private get effectiveVariant(): CardVariant {
    return this.variant ?? (this.shown?.featured ? 'featured' : 'standard');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = Math.min(6, Math.max(2, Math.round(this.headingLevel) || 3));
    }
  }

  protected override updated(): void {
    const url = this.thumbnail ? this.shown?.pdf?.url : undefined;
    if (url === this.pictureFor) return;
    this.pictureFor = url;
    this.picture = this.pageCount = undefined;
    this.stopThumbnail?.();
    if (!url) return;
    // The watcher is loaded with the thumbnail code, so a listing without thumbnails carries neither.
    import('../../pdf/render-thumbnail.js').then(
      ({ thumbnailInView }) => {
        if (this.pictureFor !== url) return;
        this.stopThumbnail = thumbnailInView(this, url, 120, ({ canvas, pageCount }) => {
          if (this.pictureFor !== url) return;
          this.picture = canvas;
          this.pageCount = pageCount;
        });
      },
      // The card stays as it is, without its picture.
      (error) => console.warn('<publication-card> the thumbnail could not be loaded:', error),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopThumbnail?.();
    this.pictureFor = undefined;
  }

  protected override render() {
    if (this.publication) return this.renderPublication(this.publication);
    return this.source.task.render({
      initial: () => nothing,
      pending: () => this.renderSkeleton(),
      complete: (publication) => (publication ? this.renderPublication(publication) : nothing),
      error: (error) => this.source.renderError(error),
    });
  }

  private renderSkeleton() {
    return html`<div part="card" class="card" aria-busy="true">
      <span class="visually-hidden" role="status">${en.loading}</span>
      <span class="skeleton line short"></span>
      <span class="skeleton line title"></span>
      <span class="skeleton line"></span>
      <span class="skeleton line"></span>
    </div>`;
  }

  private renderPublication(pub: Publication) {
    const variant = this.effectiveVariant;
    if (pub.status === 'withdrawn') return this.renderTombstone(pub);
    return html`<article
      part="card"
      class="card ${variant}"
      aria-labelledby="title"
      lang=${pub.language ?? nothing}
    >
      ${this.picture ? html`<div part="thumbnail" class="thumbnail" aria-hidden="true">${this.picture}</div>` : nothing}
      ${this.renderTypeLine(pub)} ${this.renderTitle(pub)}
      ${variant !== 'compact' ? this.renderByline(pub) : nothing}
      ${variant === 'featured' ? this.renderFeatured(pub) : variant === 'standard' && pub.summary
        ? html`<p part="summary" class="summary" dir="auto">${this.marked(pub.summary)}</p>`
        : nothing}
      ${this.renderActions(pub)}
    </article>`;
  }

  private renderTypeLine(pub: Publication) {
    return html`<p part="type" class="type">
      <span>${pub.type.label}</span>${this.effectiveVariant === 'featured'
        ? html`<span class="badge">${en.featured}</span>`
        : nothing}${pub.origin === 'external' ? html`<span class="origin">${en.externalWork}</span>` : nothing}
    </p>`;
  }

  private renderTitle(pub: Publication) {
    return html`<div part="title" class="title" id="title" role="heading" aria-level=${this.headingLevel} dir="auto">
      ${pub.url || pub.externalUrl ? html`<a href=${(pub.url ?? pub.externalUrl)!}>${this.marked(pub.title)}</a>` : this.marked(pub.title)}
    </div>`;
  }

  private renderByline(pub: Publication) {
    const date = pub.datePublished;
    return html`${pub.authors.length
        ? // The lines follow the page's direction, so they stand on its side; their English words read left to right within.
          html`<p part="authors" class="authors"><bdi>${en.by} ${joinPeople(pub.authors, (name) => this.marked(name))}</bdi></p>`
        : nothing}
      ${date || pub.publisher
        ? html`<p part="meta" class="meta"><bdi
            >${date
              ? html`<time datetime=${date.toISOString().slice(0, 10)}>${en.date(date, pub.language)}</time>`
              : nothing}${date && pub.publisher ? ' · ' : nothing}${this.marked(pub.publisher ?? '')}</bdi
          ></p>`
        : nothing}`;
  }

  private renderFeatured(pub: Publication) {
    const sub = Math.min(6, this.headingLevel + 1);
    const content = this.content.value;
    return html`${content
        ? html`<div part="content" class="content" dir="auto">${this.marked(content.cloneNode(true))}</div>`
        : pub.summary
          ? html`<p part="summary" class="summary" dir="auto">${this.marked(pub.summary)}</p>`
          : nothing}
      ${pub.takeaways.length
        ? html`<div class="takeaways">
            <div role="heading" aria-level=${sub} class="subheading">${en.takeaways}</div>
            <ol part="takeaways">
              ${pub.takeaways.map((line) => html`<li><bdi>${this.marked(line)}</bdi></li>`)}
            </ol>
          </div>`
        : nothing}`;
  }

  private renderActions(pub: Publication) {
    const context = html`<span class="visually-hidden">${en.linkContext(pub.title)}</span>`;
    // The actions' words are the interface's language; dir="auto" keeps "(717 KB)" in order on a right-to-left page.
    const pdf = pub.pdf;
    return html`<div part="actions" class="actions">
      ${pdf
        ? html`<a
              part="action"
              class="button"
              dir="auto"
              href=${pdf.url}
              target="_blank"
              rel="noopener"
              @click=${(event: MouseEvent) => this.openPdf(event, pub)}
              >${en.viewPdf}${context}<span class="visually-hidden"> ${en.newTab}</span></a
            ><a part="action" class="button secondary" dir="auto" href=${pdf.url} download
              >${en.downloadPdf}${context}${pdf.sizeInBytes !== undefined || this.pageCount
                ? html` <span class="size">(${[
                    pdf.sizeInBytes !== undefined ? en.fileSize(pdf.sizeInBytes) : '',
                    this.pageCount ? en.pages(this.pageCount) : '',
                  ]
                    .filter(Boolean)
                    .join(', ')})</span>`
                : nothing}</a
            >`
        : nothing}
      ${pub.externalUrl
        ? html`<a part="action" class="button secondary" dir="auto" href=${pub.externalUrl} rel="noopener"
            >${pub.publisher ? en.viewAt(pub.publisher) : en.view}${context}</a
          >`
        : nothing}
      <slot name="actions"></slot>
    </div>`;
  }

  private renderTombstone(pub: Publication) {
    return html`<article part="card tombstone" class="card withdrawn" aria-labelledby="title">
      <p part="type" class="type"><span>${pub.type.label}</span><span class="badge">${en.withdrawn}</span></p>
      <div part="title" class="title" id="title" role="heading" aria-level=${this.headingLevel} dir="auto">
        ${pub.title}
      </div>
      <p class="notice">
        ${pub.withdrawnDate ? en.withdrawnOn(en.date(pub.withdrawnDate, pub.language)) : en.withdrawnNotice}
        ${pub.withdrawnReason ? html`${en.withdrawnReason} <span dir="auto">${pub.withdrawnReason}</span>` : nothing}
      </p>
    </article>`;
  }

  /** `text` (or the text in a copy of the long summary) with the searched-for words in `<mark>`, or as it is when there is no search (or no highlighter). */
  private marked(text: string | Node) {
    if (!this.highlight.length) return text;
    if (!highlighter) {
      if (!loadingHighlighter) {
        // If it cannot load, cards stay unmarked.
        loadingHighlighter = import('../../search/highlight.js').then(
          (module) => (highlighter = module),
          (error) => console.warn('<publication-card> search matches cannot be marked:', error),
        );
      }
      // One update once it is there, not one per call.
      if (!this.waitingForHighlighter) {
        this.waitingForHighlighter = true;
        void loadingHighlighter.then(() => highlighter && this.requestUpdate());
      }
      return text;
    }
    return typeof text == 'string'
      ? highlighter.highlightParts(text, this.highlight).map((run) => (run.match ? html`<mark part="match">${run.text}</mark>` : run.text))
      : highlighter.highlightNodes(text, this.highlight);
  }

  private async openPdf(event: MouseEvent, pub: Publication) {
    // Modified clicks (new tab, new window) stay with the browser.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (!this.dispatchEvent(new PdfOpenEvent(pub, pub.pdf!))) {
      event.preventDefault();
      return;
    }
    if (this.noViewer) return;
    event.preventDefault();
    try {
      // The dialog, the reader and then pdf.js load on the first "View PDF" only.
      const { openPdfDialog } = await import('./pdf-dialog.js');
      openPdfDialog(this.shadowRoot!, pub, (count) => (this.pageCount = count));
    } catch (error) {
      console.error('<publication-card> the PDF reader could not be loaded; opening the PDF in a new tab.', error);
      window.open(pub.pdf!.url, '_blank', 'noopener');
    }
  }
}

function findItem(feed: Feed, id: string | undefined): Publication | undefined {
  const wanted = id?.trim();
  const found = wanted ? feed.items.find((item) => item.id === wanted) : (feed.items.find((item) => item.featured) ?? feed.items[0]);
  if (found) return found;
  // Without an id, the feed has no publication at all.
  throw new FeedError('item-not-found', feed.url, wanted ? `No item with the id "${wanted}".` : en.emptyFeed, { item: wanted });
}

function joinPeople(people: Person[], mark: (name: string) => unknown): TemplateResult[] {
  return people.map((person, i) => {
    const separator = i === 0 ? '' : i === people.length - 1 ? (people.length > 2 ? ', and ' : ' and ') : ', ';
    // <bdi>: a name in another script must not reorder the words around it.
    return html`${separator}<bdi>${person.url ? html`<a href=${person.url}>${mark(person.name)}</a>` : mark(person.name)}</bdi>`;
  });
}
