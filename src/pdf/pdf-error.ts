/** Why a PDF could not be shown. Each kind has its plain-words explanation in `localize/`. */
export type PdfErrorKind =
  /** `src` is not an http(s) or relative URL. */
  | 'bad-url'
  /** The server has no file there (404, 410). */
  | 'not-found'
  /** No answer, or the PDF's server does not let this page read it (CORS). */
  | 'network'
  /** Another error status from the server. */
  | 'http'
  /** The file is damaged or not a PDF. */
  | 'corrupt'
  /** The PDF is protected and needs its password. */
  | 'password-needed'
  /** The password given was wrong. */
  | 'password-wrong'
  /** pdf.js could not be loaded (offline, blocked). */
  | 'viewer-unavailable';

export class PdfError extends Error {
  override readonly name = 'PdfError';
  constructor(
    readonly kind: PdfErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** pdf.js reports failures as exceptions with names; this turns them into our kinds. */
export function toPdfError(error: unknown, url: string): PdfError {
  if (error instanceof PdfError) return error;
  const e = error as { name?: string; code?: number; status?: number; message?: string };
  switch (e?.name) {
    case 'PasswordException':
      return new PdfError(e.code === 2 ? 'password-wrong' : 'password-needed', url, e.message ?? 'Password required');
    case 'InvalidPDFException':
      return new PdfError('corrupt', url, e.message ?? 'Invalid PDF');
    case 'ResponseException':
      if (e.status === 404 || e.status === 410) return new PdfError('not-found', url, e.message ?? '', e.status);
      if (e.status) return new PdfError('http', url, e.message ?? '', e.status);
      return new PdfError('network', url, e.message ?? 'Network error');
    default:
      return new PdfError(/fetch|network|load/i.test(e?.message ?? '') ? 'network' : 'corrupt', url, e?.message ?? String(error));
  }
}
