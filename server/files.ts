/**
 * Uploaded PDFs on disk, named by their SHA-256: `files/<sha256>.pdf`.
 *
 * An upload is streamed into `files/.tmp/` while it is hashed and counted,
 * fsynced, and only then renamed to its final name (and the folder fsynced),
 * so a file under its final name is always complete. Two identical uploads
 * share one file. The stored name never comes from the client.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PDF_HEADER_WINDOW, looksLikePdf } from '../src/submission/schema.js';

/** A SHA-256 in lower-case hex, the only thing a stored file is named by. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Thrown while streaming, as soon as an upload goes past the size limit. */
export class FileTooBigError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = 'FileTooBigError';
  }
}

/** An upload written to a temporary file, not yet kept. */
export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
  /** Whether its content starts like a PDF (`%PDF-` in the first 1024 bytes). */
  isPdf: boolean;
}

/** Longer than any request may last (the receiver's request timeout is five minutes): a temporary file this old was abandoned. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/** The folder of stored PDFs. One receiver process per folder. */
export class FileStore {
  readonly dir: string;
  private readonly tempDir: string;

  /**
   * Opens (creating if needed) the folder. The receiver passes `sweep: true`
   * to remove uploads left half-written by a crash; only those older than
   * the longest request go, so a moderation command run beside a working
   * receiver never deletes an upload in progress.
   */
  constructor(dir: string, options: { sweep?: boolean } = {}) {
    this.dir = dir;
    this.tempDir = join(dir, '.tmp');
    mkdirSync(this.tempDir, { recursive: true });
    if (!options.sweep) return;
    const before = Date.now() - ABANDONED_AFTER_MS;
    for (const name of readdirSync(this.tempDir)) {
      const path = join(this.tempDir, name);
      if (name.endsWith('.part') && (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? before) < before) rmSync(path, { force: true });
    }
  }

  /** Where the file with this hash is (or would be) stored. */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return join(this.dir, `${sha256}.pdf`);
  }

  /** The stored file's size, or undefined when there is no such file. */
  async sizeOf(sha256: string): Promise<number | undefined> {
    const info = await stat(this.pathOf(sha256)).catch(() => undefined);
    return info?.isFile() ? info.size : undefined;
  }

  /** A stream of the stored file. */
  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  /**
   * Streams an upload into a temporary file, hashing and counting as it goes,
   * and fsyncs it. The byte count is checked here as the bytes arrive, so
   * the limit holds for any stream.
   * @throws FileTooBigError as soon as more than `maxBytes` arrive; the stream is destroyed, so the rest is not read
   */
  async receive(stream: Readable, maxBytes: number): Promise<ReceivedFile> {
    const tempPath = join(this.tempDir, `${randomUUID()}.part`);
    const handle = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    const overrun = () => stream.destroy(new FileTooBigError(maxBytes));
    stream.once('limit', overrun);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw new FileTooBigError(maxBytes);
        hash.update(chunk);
        if (headBytes < PDF_HEADER_WINDOW) {
          head.push(chunk.subarray(0, PDF_HEADER_WINDOW - headBytes));
          headBytes += head.at(-1)!.length;
        }
        await handle.write(chunk);
      }
      if ((stream as Readable & { truncated?: boolean }).truncated) throw new FileTooBigError(maxBytes);
      await handle.sync();
    } catch (error) {
      stream.off('limit', overrun);
      if (!stream.destroyed) stream.destroy();
      await handle.close().catch(() => {});
      await rm(tempPath, { force: true });
      throw error;
    }
    stream.off('limit', overrun);
    await handle.close();
    return { tempPath, sha256: hash.digest('hex'), size, isPdf: looksLikePdf(Buffer.concat(head)) };
  }

  /** Moves a received file to its final name and makes the rename durable. Identical content may already be there: it is the same bytes. */
  async keep(file: ReceivedFile): Promise<void> {
    await rename(file.tempPath, this.pathOf(file.sha256));
    const folder = await open(this.dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  /** Deletes a received file that will not be kept. */
  async discard(file: ReceivedFile): Promise<void> {
    await rm(file.tempPath, { force: true });
  }
}
