/**
 * The dialog in which a card shows its PDF with `<pdf-viewer>`. Loaded with
 * the reader on the first "View PDF", so cards that are never opened (and the
 * listing's bundle) carry none of it.
 */
import { css, html, nothing, render, type CSSResult } from 'lit';
import '../pdf-viewer/define.js';
import type { Publication } from '../../feed/publication.js';
import type { PdfLoadEvent } from '../../events/pdf-load-event.js';
import { enPdf } from '../../localize/en-pdf.js';

const dialogStyles: CSSResult = css`
  .reader {
    width: min(96vw, 64rem);
    max-width: none;
    height: min(94vh, 72rem);
    max-height: none;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--vl-color-background, Canvas);
    --vl-pdf-height: calc(min(94vh, 72rem) - 8rem);
  }

  .reader::backdrop {
    background: rgb(0 0 0 / 0.6);
  }

  .reader-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    padding: 0.75em 1em;
  }

  .reader-title {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
`;

/**
 * Opens `publication`'s PDF in a modal dialog inside `root` (the card's shadow
 * root): focus moves in, Escape closes, focus returns, the page behind is inert.
 * @param onPages called with the page count once the PDF opens
 */
export function openPdfDialog(root: ShadowRoot, publication: Publication, onPages: (count: number) => void): void {
  // Constructable style sheets, not a <style> element: a strict CSP allows them.
  const sheet = dialogStyles.styleSheet;
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const dialog = document.createElement('dialog');
  dialog.className = 'reader';
  dialog.setAttribute('part', 'dialog');
  dialog.setAttribute('aria-labelledby', 'reader-title');
  render(
    html`<div class="reader-head">
        <div id="reader-title" class="reader-title" role="heading" aria-level="2" dir="auto">${publication.title}</div>
        <button class="button secondary" autofocus @click=${() => dialog.close()}>${enPdf.close}</button>
      </div>
      <pdf-viewer
        src=${publication.pdf!.url}
        label=${publication.title}
        theme=${(root.host as Element).getAttribute('theme') ?? nothing}
        @pdf-load=${(event: PdfLoadEvent) => onPages(event.pageCount)}
      ></pdf-viewer>`,
    dialog,
  );
  dialog.addEventListener('close', () => dialog.remove(), { once: true });
  root.append(dialog);
  dialog.showModal();
}
