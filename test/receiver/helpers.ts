/**
 * Shared pieces of the receiver tests: a receiver on a free port in a temp
 * folder (in this process, or as a child process that can be killed), forms
 * built the way a browser builds them, and real PDFs made distinct.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReceiver, type ReceiverOptions, type RunningReceiver } from '../../server/app.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DEMO_FEED = join(ROOT, 'demo', 'feed.json');
export const ALLOWED_ORIGIN = 'http://localhost:8080';
export const ADMIN_TOKEN = 'test-token-7f3a-9c1e';

/** A small real PDF (two pages, from pdf.js's test suite). */
export const PDF = readFileSync(join(ROOT, 'test', 'fixtures', 'pdfs', 'rotation.pdf'));

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The same PDF with a unique comment after %%EOF: still a PDF, with its own hash. */
export function distinctPdf(tag: string, base: Uint8Array = PDF): Buffer {
  return Buffer.concat([base, Buffer.from(`\n% ${tag} ${randomUUID()}\n`)]);
}

export interface TestReceiver extends RunningReceiver {
  dir: string;
  feedFile: string;
  /** Stops the receiver and deletes its folder. */
  dispose(): Promise<void>;
}

/** A receiver on a free port, in a new temp folder, with its own copy of the demo feed. */
export async function startTestReceiver(options: Partial<ReceiverOptions> = {}): Promise<TestReceiver> {
  const dir = mkdtempSync(join(tmpdir(), 'receiver-test-'));
  const feedFile = join(dir, 'feed.json');
  copyFileSync(DEMO_FEED, feedFile);
  const receiver = await startReceiver({
    port: 0,
    dataDir: join(dir, 'data'),
    feedFile,
    origins: [ALLOWED_ORIGIN],
    rateLimit: false,
    adminToken: ADMIN_TOKEN,
    ...options,
  });
  return {
    ...receiver,
    dir,
    feedFile,
    async dispose() {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fields of a valid contribution, as `<submit-form>` sends them; `overrides` replace or (with `undefined`) remove fields. */
export function contributionFields(overrides: Record<string, string | string[] | undefined> = {}): Record<string, string | string[]> {
  const fields: Record<string, string | string[] | undefined> = {
    kind: 'contribution',
    title: 'Signals in the Dark: Crisis Lines Between Capitals',
    authors: ['Ana Lima', 'Kwame Mensah'],
    type: 'report',
    url: 'https://review.example.net/2024/crisis-lines',
    date: '2024-05',
    publisher: 'Example Review',
    summary: 'How direct lines between governments were used, and left unused, in three crises.',
    why: 'It studies the same channels as the institute’s work on crisis communications.',
    name: 'Ana Lima',
    email: 'ana@example.org',
    consentContact: 'on',
    consentHost: 'on',
    website: '',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
}

/** The fields of a valid removal request. */
export function removalFields(overrides: Record<string, string | string[] | undefined> = {}): Record<string, string | string[]> {
  const fields: Record<string, string | string[] | undefined> = {
    kind: 'removal',
    publicationId: 'phone-a-friend-us-uk-french-channel',
    name: 'Sam Author',
    email: 'sam@example.org',
    relation: 'author',
    reason: 'The draft was published by mistake and is being revised.',
    confirm: 'on',
    website: '',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;
}

/** A multipart form: fields (repeated for lists) and, optionally, one or more files. */
export function formData(fields: Record<string, string | string[]>, files: { field?: string; name: string; bytes: Uint8Array; type?: string }[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  for (const file of files) form.append(file.field ?? 'file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/pdf' }), file.name);
  return form;
}

/** POSTs a form to `/submissions` as the form element does. */
export async function submit(url: string, form: FormData | string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${url}/submissions`, {
    method: 'POST',
    body: form,
    headers: { Accept: 'application/json', ...headers },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A JSON request with the moderators' token. */
export async function admin(url: string, path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Accept: 'application/json',
      ...(token !== null && { Authorization: `Bearer ${token}` }),
      ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Runs a TypeScript entry point of the repository in a child process (asynchronously: an in-process server keeps answering). */
export function runTs(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `server/main.ts` as a child process; resolves with its address once it listens. */
export function spawnReceiver(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`The receiver did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Receiver listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        done({ child, url: match[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`The receiver exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** Kills a child process and waits until it is gone. */
export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}
