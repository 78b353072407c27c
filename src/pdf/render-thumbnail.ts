/**
 * A PDF's first page as a small picture, and its page count, for a card's
 * optional thumbnail. This module is loaded only by cards that show one, and
 * pdf.js only when such a card comes into view.
 */
import { documentParams, loadPdfJs } from './load-pdfjs.js';

export async function renderThumbnail(url: string, width: number): Promise<{ canvas: HTMLCanvasElement; pageCount: number }> {
  const pdfjs = await loadPdfJs();
  const loading = pdfjs.getDocument(documentParams(url, { disableAutoFetch: true }));
  try {
    const doc = await loading.promise;
    const page = await doc.getPage(1);
    const natural = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (width / natural.width) * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.setProperty('width', `${width}px`);
    await page.render({ canvas, viewport } as Parameters<typeof page.render>[0]).promise;
    return { canvas, pageCount: doc.numPages };
  } finally {
    void loading.destroy();
  }
}

/**
 * Draws the thumbnail once `element` comes (nearly) into view, never for an
 * element off screen, and hands it to `done`. Returns a function that stops
 * waiting.
 */
export function thumbnailInView(
  element: Element,
  url: string,
  width: number,
  done: (thumbnail: { canvas: HTMLCanvasElement; pageCount: number }) => void,
): () => void {
  const observer = new IntersectionObserver(
    async ([entry]) => {
      if (!entry?.isIntersecting) return;
      observer.disconnect();
      try {
        done(await renderThumbnail(url, width));
      } catch (error) {
        console.warn(`<${element.localName}> no thumbnail for ${url}:`, error);
      }
    },
    { rootMargin: '200px' },
  );
  observer.observe(element);
  return () => observer.disconnect();
}
