/**
 * `npm run load:receiver`: the receiver under load, and through a crash.
 *
 * Starts the receiver (`server/main.ts`) as a child process in a temp
 * folder with a high rate limit, sends a first wave of 200 concurrent
 * contributions (each with its own PDF: a real fixture with a unique comment
 * after %%EOF), then a second wave of 200 during which the process is killed
 * with SIGKILL. It restarts the receiver on the same folder, retries every
 * request that got no 2xx with the same idempotency key, and checks that
 * every submission is stored exactly once, none is lost, and every stored
 * PDF has the SHA-256 of what was sent. Prints throughput, latencies and the
 * counts, then OK (exit 0) or FAILED (exit 1).
 *
 * `LOAD_COUNT` changes the size of a wave (default 200). A check, not a
 * timed test: the figures depend on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseFile, filesDir } from '../server/config.js';
import { SubmissionStore } from '../server/store.js';

const ROOT = resolve(import.meta.dirname, '..');
const WAVE = Number(process.env.LOAD_COUNT ?? 200);
/** In the second wave, the receiver is killed once this many have been answered. */
const KILL_AFTER = Math.floor(WAVE / 4);
const BASE_PDF = readFileSync(join(ROOT, 'test', 'fixtures', 'pdfs', 'rotation.pdf'));

interface Job {
  index: number;
  key: string;
  pdf: Buffer;
  sha256: string;
  /** The id of the first 2xx answer, before or after the crash. */
  id?: string;
  /** How the first attempt ended when it got no 2xx. */
  failure?: string;
  /** 200 with Idempotent-Replayed on retry: stored before the crash, but the answer was lost with the process. */
  replayedOnRetry?: boolean;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function startReceiver(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Receiver listening on (\S+)/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      done({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`The receiver exited (${code ?? signal}) before listening:\n${output}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}

function form(job: Job): FormData {
  const data = new FormData();
  const fields: [string, string][] = [
    ['kind', 'contribution'],
    ['title', `Load check ${job.index}`],
    ['authors', 'Ana Lima'],
    ['authors', 'Kwame Mensah'],
    ['type', 'report'],
    ['summary', 'A submission sent by the load check.'],
    ['why', 'To see the receiver under load.'],
    ['name', 'Load Check'],
    ['email', 'load@example.org'],
    ['consentContact', 'on'],
    ['consentHost', 'on'],
    ['website', ''],
  ];
  for (const [name, value] of fields) data.append(name, value);
  data.append('file', new Blob([new Uint8Array(job.pdf)], { type: 'application/pdf' }), `load-${job.index}.pdf`);
  return data;
}

/** Sends one contribution; resolves with its status and id, or the reason it failed. */
async function send(url: string, job: Job): Promise<{ ok: boolean; status?: number; id?: string; replayed?: boolean; error?: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/submissions`, { method: 'POST', body: form(job), headers: { Accept: 'application/json', 'Idempotency-Key': job.key } });
    const body = (await response.json()) as { id?: string };
    const ok = response.status === 200 || response.status === 201;
    return { ok, status: response.status, id: body.id, replayed: response.headers.get('idempotent-replayed') === 'true', ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error: String((error as Error).cause ?? error), ms: performance.now() - started };
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'receiver-load-'));
  const data = join(dir, 'data');
  const feed = join(dir, 'feed.json');
  copyFileSync(join(ROOT, 'demo', 'feed.json'), feed);
  const args = ['--port', '0', '--data', data, '--feed', feed, '--rate-limit', '1000000/1m'];
  const jobs: Job[] = Array.from({ length: WAVE * 2 }, (_, index) => {
    const pdf = Buffer.concat([BASE_PDF, Buffer.from(`\n% load check ${index} ${randomUUID()}\n`)]);
    return { index, key: randomUUID(), pdf, sha256: sha256(pdf) };
  });
  const problems: string[] = [];
  let receiver = await startReceiver(args);
  try {
    // Wave 1: all at once, nothing killed. Throughput and latency come from here.
    const wave1 = jobs.slice(0, WAVE);
    const started = performance.now();
    const results = await Promise.all(wave1.map((job) => send(receiver.url, job)));
    const seconds = (performance.now() - started) / 1000;
    results.forEach((result, i) => {
      if (result.ok) wave1[i]!.id = result.id;
      else problems.push(`wave 1, request ${i}: ${result.status ?? result.error}`);
    });
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`Wave 1: ${WAVE} concurrent contributions (${(BASE_PDF.length / 1024).toFixed(1)} KB PDF each)`);
    console.log(`  ${results.filter((r) => r.ok).length} answered 2xx in ${seconds.toFixed(2)} s: ${(WAVE / seconds).toFixed(0)} requests/s`);
    console.log(`  latency p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)}`);

    // Wave 2: killed with SIGKILL part-way through.
    const wave2 = jobs.slice(WAVE);
    let answered = 0;
    let killed: Promise<void> | undefined;
    await Promise.all(
      wave2.map(async (job) => {
        const result = await send(receiver.url, job);
        if (result.ok) {
          job.id = result.id;
          if (++answered === KILL_AFTER) killed = stop(receiver.child, 'SIGKILL');
        } else {
          job.failure = result.error ?? `status ${result.status}`;
        }
      }),
    );
    await killed;
    const failed = wave2.filter((job) => !job.id);
    console.log(`Wave 2: ${WAVE} concurrent contributions, SIGKILL after ${KILL_AFTER} answers`);
    console.log(`  ${wave2.length - failed.length} answered 2xx before the process died, ${failed.length} failed (${failed[0]?.failure ?? 'none'})`);
    if (receiver.child.signalCode !== 'SIGKILL') problems.push('the receiver was not killed during wave 2');

    // Restart on the same folder and retry what failed, with the same keys.
    receiver = await startReceiver(args);
    const retries = await Promise.all(failed.map((job) => send(receiver.url, job)));
    retries.forEach((result, i) => {
      const job = failed[i]!;
      if (!result.ok) problems.push(`retry of request ${job.index}: ${result.status ?? result.error}`);
      job.id = result.id;
      job.replayedOnRetry = result.replayed;
    });
    const replayed = failed.filter((job) => job.replayedOnRetry).length;
    console.log(`Restart: ${failed.length} retried with their idempotency keys: ${failed.length - replayed} stored now, ${replayed} had been stored before the crash (recognised, not stored again)`);
    // A sample of answered requests retried too: they must come back with the same id and store nothing.
    const sample = jobs.filter((job) => job.id && !failed.includes(job)).filter((_, i) => i % 20 === 0);
    for (const [i, result] of (await Promise.all(sample.map((job) => send(receiver.url, job)))).entries()) {
      if (!result.replayed || result.id !== sample[i]!.id) problems.push(`request ${sample[i]!.index} answered before was not recognised on retry`);
    }
    await stop(receiver.child, 'SIGTERM');

    // Check the folder itself: rows and files.
    const store = new SubmissionStore(databaseFile(data));
    const rows = store.list({ limit: 1_000_000 });
    store.close();
    const byKey = new Map<string, typeof rows>();
    for (const row of rows) byKey.set(row.idempotencyKey ?? '', [...(byKey.get(row.idempotencyKey ?? '') ?? []), row]);
    let lost = 0;
    let duplicated = 0;
    let damaged = 0;
    for (const job of jobs) {
      const stored = byKey.get(job.key) ?? [];
      if (stored.length === 0) lost++;
      if (stored.length > 1) duplicated++;
      const row = stored[0];
      if (row && job.id && row.id !== job.id) problems.push(`request ${job.index} was answered with ${job.id} but stored as ${row.id}`);
      if (!row) continue;
      let bytes: Buffer | undefined;
      try {
        bytes = readFileSync(join(filesDir(data), `${job.sha256}.pdf`));
      } catch {
        bytes = undefined;
      }
      if (row.file?.sha256 !== job.sha256 || !bytes || sha256(bytes) !== job.sha256) damaged++;
    }
    if (rows.length !== jobs.length) problems.push(`${rows.length} rows stored for ${jobs.length} submissions`);
    if (lost) problems.push(`${lost} submissions lost`);
    if (duplicated) problems.push(`${duplicated} submissions stored more than once`);
    if (damaged) problems.push(`${damaged} PDFs missing or damaged`);
    console.log(`Check: ${rows.length} stored for ${jobs.length} sent; ${lost} lost, ${duplicated} duplicated, ${jobs.length - damaged - lost} PDFs intact (SHA-256 matches what was sent)`);
  } finally {
    await stop(receiver.child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  for (const problem of problems.slice(0, 20)) console.error(`  ✗ ${problem}`);
  console.log(problems.length ? 'FAILED' : 'OK');
  return problems.length === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    console.log('FAILED');
    process.exit(1);
  },
);
