/**
 * Durability: the receiver runs as a child process, thirty contributions
 * arrive at once, and the process is killed with SIGKILL while they are
 * being handled. After a restart on the same data folder, every request that
 * failed is retried with its idempotency key. Every key that was answered
 * with a 2xx, before or after the crash, must be stored exactly once, under
 * the id it was given, with its PDF intact.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SubmissionStore } from '../../server/store.js';
import { databaseFile, filesDir } from '../../server/config.js';
import { DEMO_FEED, ROOT, contributionFields, distinctPdf, formData, kill, sha256, spawnReceiver, submit } from './helpers.js';

const COUNT = 30;
const KILL_AFTER = 5;

interface Job {
  key: string;
  pdf: Buffer;
  sha: string;
  /** The answer before the crash: the id for a 2xx, otherwise what went wrong. */
  first?: { ok: true; id: string } | { ok: false; why: string };
}

function send(url: string, job: Job, index: number) {
  return submit(url, formData(contributionFields({ title: `Crash test ${index}` }), [{ name: `crash-${index}.pdf`, bytes: job.pdf }]), { 'Idempotency-Key': job.key });
}

test('a SIGKILL mid-run loses nothing that was answered, and retries are recognised', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'receiver-crash-'));
  const data = join(dir, 'data');
  const feed = join(dir, 'feed.json');
  copyFileSync(DEMO_FEED, feed);
  const args = ['--port', '0', '--data', data, '--feed', feed, '--rate-limit', 'off'];
  // A 1 MB paper, so that the thirty uploads are still streaming when the process dies.
  const paper = readFileSync(join(ROOT, 'test', 'fixtures', 'pdfs', 'tracemonkey.pdf'));
  const jobs: Job[] = Array.from({ length: COUNT }, (_, i) => {
    const pdf = distinctPdf(`crash ${i}`, paper);
    return { key: crypto.randomUUID(), pdf, sha: sha256(pdf) };
  });

  let first = await spawnReceiver(args);
  let second: Awaited<ReturnType<typeof spawnReceiver>> | undefined;
  try {
    let answered = 0;
    let killed: Promise<void> | undefined;
    await Promise.all(
      jobs.map(async (job, i) => {
        try {
          const { status, body } = await send(first.url, job, i);
          job.first = status === 201 || status === 200 ? { ok: true, id: body.id } : { ok: false, why: `status ${status}` };
          if (job.first.ok && ++answered === KILL_AFTER) killed = kill(first.child, 'SIGKILL');
        } catch (error) {
          job.first = { ok: false, why: String((error as Error).cause ?? error) };
        }
      }),
    );
    await killed;
    assert.equal(first.child.signalCode, 'SIGKILL', 'the receiver was killed during the run');
    const failed = jobs.filter((job) => !job.first!.ok);
    assert.ok(answered >= KILL_AFTER, `${answered} answered before the kill`);
    assert.ok(failed.length > 0, 'some requests were still in flight when the process died');
    t.diagnostic(`${COUNT - failed.length} answered before the kill, ${failed.length} failed with it (${failed[0]!.first!.ok ? '' : failed[0]!.first!.why})`);

    second = await spawnReceiver(args);
    // Retry every request: the failed ones to get them stored, the answered ones to check they are recognised.
    const retries = await Promise.all(jobs.map((job, i) => send(second!.url, job, i)));
    retries.forEach((retry, i) => {
      const job = jobs[i]!;
      assert.ok(retry.status === 200 || retry.status === 201, `retry ${i}: ${retry.status} ${JSON.stringify(retry.body)}`);
      if (job.first!.ok) {
        assert.equal(retry.status, 200, `an answered request (${i}) must be replayed, not stored again`);
        assert.equal(retry.headers.get('idempotent-replayed'), 'true');
        assert.equal(retry.body.id, job.first!.id, `retry ${i} got another id`);
      }
    });
    await kill(second.child, 'SIGTERM');

    const store = new SubmissionStore(databaseFile(data));
    try {
      const rows = store.list({ limit: 10_000 });
      assert.equal(rows.length, COUNT, 'one row per submission, no more, no fewer');
      jobs.forEach((job, i) => {
        const stored = rows.filter((row) => row.idempotencyKey === job.key);
        assert.equal(stored.length, 1, `key ${i} is stored ${stored.length} times`);
        const [row] = stored;
        assert.equal(row!.id, retries[i]!.body.id);
        assert.equal(row!.file?.sha256, job.sha, `submission ${i} points at the wrong file`);
        const onDisk = readFileSync(join(filesDir(data), `${job.sha}.pdf`));
        assert.equal(sha256(onDisk), job.sha, `the PDF of submission ${i} is damaged`);
      });
    } finally {
      store.close();
    }
  } finally {
    await kill(first.child);
    if (second) await kill(second.child);
    rmSync(dir, { recursive: true, force: true });
  }
});
