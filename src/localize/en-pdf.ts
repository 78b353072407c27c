/** The PDF reader's words, kept apart so that the listing's bundle does not carry them. */
import type { PdfError } from '../pdf/pdf-error.js';

/** A headline and a fuller explanation for a PDF that could not be shown. */
function pdfError(error: PdfError): { title: string; detail: string } {
  switch (error.kind) {
    case 'bad-url':
      return { title: "The PDF address isn't a web address", detail: `"${error.url}" can't be opened. Use an address that starts with https://.` };
    case 'not-found':
      return { title: `The PDF was not found (${error.status})`, detail: `Nothing was found at ${error.url}. The file may have moved or been removed.` };
    case 'http':
      return { title: `The PDF's server reported an error (${error.status})`, detail: `${error.url} could not be downloaded. Try again later.` };
    case 'network':
      return {
        title: 'The PDF could not be downloaded',
        detail: `No answer came from ${error.url}. If the PDF is on another website, its server must allow this site to read it (a CORS header, Access-Control-Allow-Origin). You can still open the PDF directly.`,
      };
    case 'corrupt':
      return { title: 'This file is damaged or is not a PDF', detail: `${error.url} could not be read as a PDF. You can try opening it directly.` };
    case 'viewer-unavailable':
      return { title: 'The PDF reader could not be loaded', detail: 'Check your connection and try again, or open the PDF directly.' };
    default:
      return { title: 'The PDF is protected', detail: 'It needs a password.' };
  }
}

export const enPdf = {
  error: pdfError,
  loading: 'Loading PDF…',
  document: 'PDF document',
  toolbar: 'PDF controls',
  previous: 'Previous page',
  next: 'Next page',
  pageNumber: 'Page number',
  pageOf: (page: number, count: number) => `Page ${page} of ${count}`,
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fitWidth: 'Fit width',
  fitPage: 'Fit page',
  rotate: 'Rotate clockwise',
  openRaw: 'Open the PDF',
  password: 'Password',
  passwordNeeded: 'This PDF is protected. Enter its password to read it.',
  passwordWrong: 'That password is not right. Try again.',
  openWithPassword: 'Open',
  cancel: 'Cancel',
  close: 'Close',
  notOpened: 'The PDF was not opened.',
  enterPassword: 'Enter the password',
  find: 'Find in document',
  thumbnails: 'Pages',
  contents: 'Contents',
  untitled: 'Untitled section',
  previousMatch: 'Previous match',
  nextMatch: 'Next match',
  matches: (current: number, total: number) => (total ? `${current} of ${total}` : 'No matches'),
};
