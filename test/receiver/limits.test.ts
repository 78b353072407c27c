/**
 * Limits that protect the receiver: an oversized upload is refused while it
 * streams (the answer arrives long before the client has sent what it
 * offered), a declared Content-Length far over the limit is refused before
 * any body is read, and a client sending too often gets 429.
 */
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

/** Waits for `promise`, or at most `ms` (without keeping the process alive). */
const atMost = (promise: Promise<unknown>, ms: number) => Promise.race([promise, sleep(ms, undefined, { ref: false })]);
import { ALLOWED_ORIGIN, contributionFields, formData, startTestReceiver, submit, type TestReceiver } from './helpers.js';

const LIMIT = 64 * 1024;
const OFFERED = 32 * 1024 * 1024;
const CHUNK = Buffer.alloc(16 * 1024, 'x');

function multipartStart(boundary: string): Buffer {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(contributionFields())) {
    for (const one of [value].flat()) lines.push(`--${boundary}`, `Content-Disposition: form-data; name="${name}"`, '', one);
  }
  lines.push(`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="huge.pdf"', 'Content-Type: application/pdf', '', '%PDF-1.7');
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

const bodyOf = (response: IncomingMessage) =>
  new Promise<string>((done) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => done(text));
    response.on('error', () => done(text));
    response.on('aborted', () => done(text));
  });

describe('file size', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ maxFileBytes: LIMIT });
  });
  after(() => receiver.dispose());

  test('an oversized file is answered with 413 while the client is still sending it', async (t) => {
    const boundary = `----receiver-test-${Date.now()}`;
    let written = 0;
    let answered: { status: number; writtenThen: number; body: Promise<string> } | undefined;
    const req = request(`${receiver.url}/submissions`, {
      method: 'POST',
      // No Content-Length (chunked), so only the streaming limit can catch it.
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Accept: 'application/json' },
    });
    const gotResponse = new Promise<void>((done) => {
      req.on('response', (response) => {
        answered = { status: response.statusCode!, writtenThen: written, body: bodyOf(response) };
        done();
      });
    });
    req.on('error', () => {}); // the server closes the connection after refusing; writes after that fail, as they should

    const start = multipartStart(boundary);
    req.write(start);
    written += start.length;
    // Write slowly, a chunk at a time, until the answer arrives or all was offered.
    while (!answered && written < OFFERED && !req.destroyed) {
      if (!req.write(CHUNK)) await atMost(Promise.race([new Promise((done) => req.once('drain', done)), gotResponse]), 1000);
      written += CHUNK.length;
      await sleep(1);
    }
    await atMost(gotResponse, 10_000);
    req.destroy();

    assert.ok(answered, `no answer after writing ${written} bytes`);
    assert.equal(answered.status, 413);
    assert.ok(answered.writtenThen < OFFERED / 16, `the answer came only after ${answered.writtenThen} of ${OFFERED} bytes`);
    t.diagnostic(`answered after ${answered.writtenThen} of ${OFFERED} bytes offered (limit ${LIMIT})`);
    const text = await answered.body;
    if (text) assert.equal(JSON.parse(text).errors[0].code, 'file_too_big');
    assert.equal(receiver.app.receiver.store.list().length, 0);
  });

  test('a declared Content-Length far over the limit is refused before the body is sent', async () => {
    const req = request(`${receiver.url}/submissions`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(50 * 1024 * 1024), Accept: 'application/json' },
    });
    req.on('error', () => {});
    req.flushHeaders();
    const response = await new Promise<IncomingMessage>((done, fail) => {
      req.on('response', done);
      setTimeout(() => fail(new Error('no answer without a body')), 10_000).unref();
    });
    const body = JSON.parse(await bodyOf(response));
    req.destroy();
    assert.equal(response.statusCode, 413);
    assert.equal(response.headers.connection, 'close');
    assert.deepEqual(body.errors.map((e: { field: string | null; code: string }) => `${e.field}:${e.code}`), ['file:file_too_big']);
    assert.match(body.errors[0].message, /64 KB/);
  });

  test('a file just under the limit is accepted', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT - 9, 'a')]);
    const { status } = await submit(receiver.url, formData(contributionFields(), [{ name: 'fits.pdf', bytes: pdf }]));
    assert.equal(status, 201);
  });
});

describe('rate limit', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
  });
  after(() => receiver.dispose());

  test('the fourth submission within the window gets 429 with Retry-After, in the errors shape', async () => {
    for (let i = 0; i < 3; i++) {
      const { status } = await submit(receiver.url, formData(contributionFields({ consentHost: undefined })), { Origin: ALLOWED_ORIGIN });
      assert.equal(status, 201);
    }
    const { status, headers, body } = await submit(receiver.url, formData(contributionFields({ consentHost: undefined })), { Origin: ALLOWED_ORIGIN });
    assert.equal(status, 429);
    const retryAfter = Number(headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After: ${headers.get('retry-after')}`);
    assert.equal(headers.get('access-control-allow-origin'), ALLOWED_ORIGIN, 'the form must be able to read the refusal');
    assert.match(headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
    assert.equal(body.errors.length, 1);
    assert.equal(body.errors[0].field, null);
    assert.equal(body.errors[0].code, 'rate_limited');
    assert.match(body.errors[0].message, /wait/);
    assert.equal(receiver.app.receiver.store.list().length, 3);
  });
});
