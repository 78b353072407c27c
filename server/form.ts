/**
 * Reads a submitted form: its text fields and at most one PDF, with every
 * limit applied while the body streams in, so an oversized or overlong
 * request is refused without being read to the end.
 */
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { FILE_FIELD, messageFor, type RawFields } from '../src/submission/schema.js';
import { Refusal, refuse } from './errors.js';
import { FileTooBigError, type FileStore, type ReceivedFile } from './files.js';

/**
 * Longest accepted value of one field, in bytes. Above the schema's longest
 * text (4,000 characters, up to 16,000 bytes of UTF-8), so a value cut here
 * is always reported by the schema as too long, and large enough for a
 * CAPTCHA token.
 */
export const MAX_FIELD_BYTES = 32 * 1024;
/** Most text fields one form may have (twenty authors and the rest fit easily). */
export const MAX_FIELDS = 100;

/** A form as read: raw values by field name, and the uploaded file if there was one. */
export interface ReadForm {
  /** Repeated fields (`authors`) as lists, every other field as its first value. */
  fields: RawFields;
  file?: ReceivedFile & { name: string };
}

/** Turns collected values into `RawFields`: authors stay a list, other fields take their first value. */
function rawFields(values: Map<string, string[]>): RawFields {
  const fields: RawFields = {};
  for (const [name, list] of values) fields[name] = name === 'authors' ? list : list[0];
  return fields;
}

/**
 * Reads a `multipart/form-data` body. The file in field `file` is streamed
 * to disk (see `FileStore.receive`); files in other fields are skipped.
 * @throws Refusal 413 for a file over `maxFileBytes` or too many fields, 422 for a second file, 400 for a body that is not valid multipart
 */
export async function readMultipartForm(request: FastifyRequest, files: FileStore, maxFileBytes: number): Promise<ReadForm> {
  const values = new Map<string, string[]>();
  let file: ReadForm['file'];
  try {
    const parts = request.parts({
      limits: { fileSize: maxFileBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        const list = values.get(part.fieldname) ?? [];
        list.push(typeof part.value === 'string' ? part.value : '');
        values.set(part.fieldname, list);
        continue;
      }
      if (part.fieldname !== FILE_FIELD) {
        await drain(part.file);
        continue;
      }
      const received = await files.receive(part.file, maxFileBytes);
      // A file input left empty is sent as a nameless, empty file.
      if (received.size === 0 && !part.filename) await files.discard(received);
      else file = { ...received, name: part.filename };
    }
  } catch (error) {
    if (file) await files.discard(file);
    throw asRefusal(error, maxFileBytes, request);
  }
  return { fields: rawFields(values), ...(file && { file }) };
}

/** Reads an `application/x-www-form-urlencoded` body (already parsed by Fastify into URLSearchParams). A form without a file. */
export function readUrlEncodedForm(body: URLSearchParams): ReadForm {
  const values = new Map<string, string[]>();
  let count = 0;
  for (const [name, value] of body) {
    if (++count > MAX_FIELDS) throw refuse(413, 'too_many_fields', 'The form has more fields than it should. Reload the page and send it again.');
    if (Buffer.byteLength(value) > MAX_FIELD_BYTES) throw new Refusal(422, [{ field: name, code: 'too_long', message: messageFor(name, 'too_long') }]);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { fields: rawFields(values) };
}

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/** What the multipart parser and the file store throw, as answers a reader can act on. */
function asRefusal(error: unknown, maxFileBytes: number, request: FastifyRequest): unknown {
  if (error instanceof Refusal) return error;
  if (error instanceof FileTooBigError) {
    // Stop reading: the rest of the body is never parsed, and the connection closes after the answer.
    request.raw.unpipe();
    request.raw.pause();
    return new Refusal(413, [{ field: FILE_FIELD, code: 'file_too_big', message: messageFor(FILE_FIELD, 'file_too_big', { maxFileBytes }) }]);
  }
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new Refusal(422, [{ field: FILE_FIELD, code: 'too_many_files', message: messageFor(FILE_FIELD, 'too_many_files') }]);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return refuse(413, 'too_many_fields', 'The form has more fields than it should. Reload the page and send it again.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_MP_PREMATURE_CLOSE':
      return refuse(400, 'malformed_form', 'The form data could not be read. Reload the page and send it again.');
  }
  // busboy's own complaints about broken multipart ("Unexpected end of form", a missing boundary).
  if (error instanceof Error && /multipart|boundary|unexpected end|part terminated/i.test(error.message)) {
    return refuse(400, 'malformed_form', 'The form data could not be read. Reload the page and send it again.');
  }
  return error;
}
