/**
 * Opens a PDF for an element: one `Task` per document, with pdf.js loaded on
 * first use, download progress, and the loading task destroyed when `src`
 * changes or the element leaves the page (and opened again when it comes
 * back). Scripting and XFA stay off: pdf.js
 * runs no code from the file.
 */
import { initialState, Task } from '@lit/task';
import { whileConnected } from './connected-task-controller.js';
import type { ReactiveControllerHost } from 'lit';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { resolveSafeUrl } from '../feed/url-policy.js';
import { documentParams, loadPdfJs, type PdfJs } from '../pdf/load-pdfjs.js';
import { PdfError, toPdfError } from '../pdf/pdf-error.js';
import { PdfErrorEvent } from '../events/pdf-error-event.js';
import { PdfLoadEvent } from '../events/pdf-load-event.js';

/** An entry of a PDF's outline (its bookmarks), as pdf.js gives it. */
export interface PdfOutlineEntry {
  title: string;
  dest: string | unknown[] | null;
  url: string | null;
  items: PdfOutlineEntry[];
}

export interface OpenPdf {
  pdfjs: PdfJs;
  doc: PDFDocumentProxy;
  url: string;
  /** The PDF's outline; empty when it has none. */
  outline: PdfOutlineEntry[];
}

type Host = ReactiveControllerHost & HTMLElement;

export class PdfDocumentController {
  /** Bytes received and expected (0 when the server does not say). */
  progress = { loaded: 0, total: 0 };
  readonly task: Task<readonly [string | undefined, string | undefined], OpenPdf>;
  /** The loading task of the document on show; destroying it frees the worker's copy. */
  private current?: { destroy(): Promise<void> };

  constructor(
    private readonly host: Host,
    src: () => string | undefined,
    password: () => string | undefined,
  ) {
    this.task = whileConnected(host, new Task(host, {
      args: () => [src()?.trim() || undefined, password()] as const,
      task: async ([value, pass], { signal }) => {
        if (!value) return initialState;
        const url = resolveSafeUrl(value, document.baseURI);
        if (!url) throw new PdfError('bad-url', value, `"${value}" is not a web address the viewer can open.`);
        let pdfjs: PdfJs;
        try {
          pdfjs = await loadPdfJs();
        } catch (error) {
          throw new PdfError('viewer-unavailable', url, String(error));
        }
        signal.throwIfAborted();
        this.progress = { loaded: 0, total: 0 };
        const loading = pdfjs.getDocument(documentParams(url, { password: pass }));
        loading.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
          this.progress = { loaded, total: total || 0 };
          this.host.requestUpdate();
        };
        const stop = () => void loading.destroy();
        signal.addEventListener('abort', stop, { once: true });
        try {
          const doc = await loading.promise;
          // A broken outline is no reason not to show the pages.
          const outline = ((await doc.getOutline().catch(() => null)) ?? []) as PdfOutlineEntry[];
          void this.current?.destroy();
          this.current = loading;
          this.host.dispatchEvent(new PdfLoadEvent(url, doc.numPages));
          return { pdfjs, doc, url, outline };
        } catch (error) {
          if (signal.aborted) throw error;
          throw toPdfError(error, url);
        } finally {
          signal.removeEventListener('abort', stop);
        }
      },
      onError: (error) => {
        if (!(error instanceof PdfError)) return;
        if (error.kind !== 'password-needed') console.error(`<${this.host.localName}> ${error.url}: ${error.message}`, this.host);
        this.host.dispatchEvent(new PdfErrorEvent(error));
      },
    }));
  }
}
