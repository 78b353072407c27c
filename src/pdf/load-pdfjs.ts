/**
 * pdf.js, loaded on first use only: the listing never downloads it.
 *
 * pdf.js needs more than its code: a worker, and data files that it fetches
 * when a PDF asks for them — character maps for Chinese, Japanese and Korean
 * text (`cmaps/`), the standard fonts that PDFs may use without embedding
 * them (`standard_fonts/`), colour profiles (`iccs/`) and image decoders
 * (`wasm/`). They are laid out as in the pdfjs-dist package, and found
 * relative to the worker: in `dist/`, under `pdfjs/` next to the bundle, so
 * the viewer works from a CDN or another origin; in development, in
 * `node_modules/pdfjs-dist/`. An application that serves them elsewhere
 * says where with `setPdfJsBase()` (or `PdfViewer.pdfjsBase`).
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url&no-inline';
import { importAgain } from '../lazy/import-again.js';

export type PdfJs = typeof import('pdfjs-dist');

let base: URL | undefined;

/** pdf.js's file in the browser bundles, relative to this code: the build writes the content hash in place of the underscores. */
const PDFJS_CHUNK = './chunks/pdf-________.js';

/** pdf.js, requested once (again after a failure: the reader may be back online). */
const importPdfJs = importAgain<PdfJs>(
  () => import('pdfjs-dist'),
  typeof __VL_BUNDLE__ !== 'undefined' && __VL_BUNDLE__ ? (fragment) => import(/* @vite-ignore */ `${PDFJS_CHUNK}${fragment}`) : undefined,
);

/**
 * Where a copy of pdfjs-dist's files is (`build/pdf.worker.min.mjs`,
 * `cmaps/`, `standard_fonts/`, `iccs/`, `wasm/`), as a URL or a path
 * relative to the page. Takes effect for PDFs opened after the call.
 */
export function setPdfJsBase(url: string | undefined): void {
  base = url ? new URL(url.endsWith('/') ? url : `${url}/`, document.baseURI) : undefined;
}

/** The addresses of pdf.js's worker and data files, each ending in `/` when it is a folder. */
export function pdfJsFiles() {
  const worker = base ? new URL('build/pdf.worker.min.mjs', base) : new URL(workerUrl, import.meta.url);
  const root = base ?? new URL('../', worker);
  const folder = (name: string) => new URL(`${name}/`, root).href;
  return {
    workerSrc: worker.href,
    cMapUrl: folder('cmaps'),
    standardFontDataUrl: folder('standard_fonts'),
    iccUrl: folder('iccs'),
    wasmUrl: folder('wasm'),
  };
}

type DocumentParams = Exclude<Parameters<PdfJs['getDocument']>[0], string | URL | ArrayBuffer | ArrayLike<number>>;

/**
 * The parameters every document is opened with: no XFA, no eval, no
 * credentials sent to the PDF's server, and where the data files are.
 * Scripting is never set up (no scripting manager), so no script from a
 * PDF can run.
 */
export function documentParams(url: string, extra: Partial<DocumentParams> = {}): DocumentParams {
  const { workerSrc: _worker, ...files } = pdfJsFiles();
  return {
    url,
    ...files,
    enableXfa: false,
    withCredentials: false,
    // pdf.js 6 has no eval path at all; say so anyway for older copies on the page.
    isEvalSupported: false,
    ...extra,
  } as DocumentParams;
}

export function loadPdfJs(): Promise<PdfJs> {
  return importPdfJs().then((module) => {
    // Set on every open, so that a base given after the first PDF counts for the next.
    module.GlobalWorkerOptions.workerSrc = pdfJsFiles().workerSrc;
    return module;
  });
}
