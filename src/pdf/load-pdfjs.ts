/**
 * pdf.js, loaded on first use only: the listing never downloads it. The
 * worker is a separate file addressed relative to this module, so the viewer
 * works from a CDN or another origin.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url&no-inline';

export type PdfJs = typeof import('pdfjs-dist');

let pdfjs: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((module) => {
    module.GlobalWorkerOptions.workerSrc = new URL(workerUrl, import.meta.url).href;
    return module;
  });
  // A failed download may succeed later (the reader went back online).
  pdfjs.catch(() => (pdfjs = undefined));
  return pdfjs;
}
