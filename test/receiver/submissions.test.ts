/**
 * `POST /submissions` over real HTTP against a receiver with a real SQLite
 * file: what is stored, what is refused and how, idempotency, the honeypot
 * and CORS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { normalizeSubmission, validateSubmission } from '../../src/submission/schema.js';
import {
  ALLOWED_ORIGIN,
  PDF,
  contributionFields,
  distinctPdf,
  formData,
  removalFields,
  sha256,
  startTestReceiver,
  submit,
  type TestReceiver,
} from './helpers.js';

let receiver: TestReceiver;
before(async () => {
  receiver = await startTestReceiver();
});
after(() => receiver.dispose());

const rows = () => receiver.app.receiver.store.list({ limit: 10_000 });
const rowCount = () => rows().length;

describe('a valid contribution', () => {
  test('with a PDF is stored with its file under the file’s SHA-256', async () => {
    const pdf = distinctPdf('valid contribution');
    const key = crypto.randomUUID();
    const { status, body, headers } = await submit(receiver.url, formData(contributionFields(), [{ name: 'crisis-lines.pdf', bytes: pdf }]), { 'Idempotency-Key': key });

    assert.equal(status, 201);
    assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(body.kind, 'contribution');
    assert.equal(body.status, 'received');
    assert.match(body.id, /^[0-9a-z]{16}$/);
    assert.match(body.message, /editor/);

    const record = receiver.app.receiver.store.get(body.id)!;
    assert.equal(record.status, 'pending');
    assert.equal(record.idempotencyKey, key);
    assert.deepEqual(record.data.kind === 'contribution' && record.data.authors, ['Ana Lima', 'Kwame Mensah']);
    assert.equal(record.file?.sha256, sha256(pdf));
    assert.equal(record.file?.name, 'crisis-lines.pdf');
    assert.equal(record.file?.size, pdf.length);
    const onDisk = readFileSync(receiver.app.receiver.files.pathOf(record.file!.sha256));
    assert.equal(sha256(onDisk), sha256(pdf));
  });

  test('with a link and no file is stored without a file; an empty file input counts as no file', async () => {
    const form = formData(contributionFields({ consentHost: undefined }), [{ name: '', bytes: new Uint8Array(0), type: 'application/octet-stream' }]);
    const { status, body } = await submit(receiver.url, form);
    assert.equal(status, 201);
    assert.equal(receiver.app.receiver.store.get(body.id)?.file, null);
  });

  test('sent url-encoded (no file) is accepted too', async () => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(contributionFields({ consentHost: undefined }))) for (const one of [value].flat()) params.append(name, one);
    const { status, body } = await submit(receiver.url, params.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(status, 201);
    const record = receiver.app.receiver.store.get(body.id)!;
    assert.deepEqual(record.data.kind === 'contribution' && record.data.authors, ['Ana Lima', 'Kwame Mensah']);
  });
});

test('a valid removal is stored, and a file sent with it is dropped', async () => {
  const { status, body } = await submit(receiver.url, formData(removalFields(), [{ name: 'x.pdf', bytes: distinctPdf('removal') }]));
  assert.equal(status, 201);
  assert.equal(body.kind, 'removal');
  const record = receiver.app.receiver.store.get(body.id)!;
  assert.equal(record.kind, 'removal');
  assert.equal(record.data.kind === 'removal' && record.data.publicationId, 'phone-a-friend-us-uk-french-channel');
  assert.equal(record.data.kind === 'removal' && record.data.confirm, true);
  assert.equal(record.file, null);
});

describe('refusals', () => {
  test('invalid fields: 422 with exactly the shared schema’s codes and messages, nothing stored', async () => {
    const fields = contributionFields({ email: 'ana@', date: '2024-13', url: 'ftp://x.example', title: '   ', consentContact: undefined });
    const before = rowCount();
    const { status, body } = await submit(receiver.url, formData(fields));
    assert.equal(status, 422);
    const expected = validateSubmission(normalizeSubmission(fields));
    assert.equal(expected.success, false);
    assert.deepEqual(body, { errors: expected.errors });
    assert.deepEqual(
      body.errors.map((e: { field: string | null; code: string }) => `${e.field}:${e.code}`),
      ['title:required', 'url:invalid_url', 'date:invalid_date', 'email:invalid_email', 'consentContact:consent_required'],
    );
    assert.equal(rowCount(), before);
  });

  test('control characters: 422 invalid_characters (line breaks only in the long answers)', async () => {
    const fields = contributionFields({ name: 'Ana\u001b[31m Ruiz', title: 'Line one\nLine two', summary: 'First line.\nSecond line.' });
    const { status, body } = await submit(receiver.url, formData(fields));
    assert.equal(status, 422);
    assert.deepEqual(
      body.errors.map((e: { field: string | null; code: string }) => `${e.field}:${e.code}`),
      ['title:invalid_characters', 'name:invalid_characters'],
    );
  });

  test('an invalid removal: 422 with the removal rules (reason too short, no confirmation)', async () => {
    const { status, body } = await submit(receiver.url, formData(removalFields({ reason: 'no', confirm: undefined, relation: 'fan' })));
    assert.equal(status, 422);
    assert.deepEqual(
      body.errors.map((e: { field: string | null; code: string }) => `${e.field}:${e.code}`),
      ['relation:required', 'reason:too_short', 'confirm:confirm_required'],
    );
  });

  test('a file named .pdf whose content is HTML: 422 not_pdf on the file, nothing kept', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const before = rowCount();
    const { status, body } = await submit(receiver.url, formData(contributionFields(), [{ name: 'report.pdf', bytes: html, type: 'application/pdf' }]));
    assert.equal(status, 422);
    assert.deepEqual(body.errors, [{ field: 'file', code: 'not_pdf', message: 'This file is not a PDF. Choose a PDF file (its content must start with %PDF-).' }]);
    assert.equal(rowCount(), before);
    assert.equal(await receiver.app.receiver.files.sizeOf(sha256(html)), undefined);
  });

  test('a real PDF named .txt and sent as text/plain is accepted: content decides, not name or type', async () => {
    const pdf = distinctPdf('named txt');
    const { status, body } = await submit(receiver.url, formData(contributionFields(), [{ name: 'notes.txt', bytes: pdf, type: 'text/plain' }]));
    assert.equal(status, 201);
    assert.equal(receiver.app.receiver.store.get(body.id)?.file?.sha256, sha256(pdf));
  });

  test('two files: 422 too_many_files', async () => {
    const form = formData(contributionFields(), [
      { name: 'a.pdf', bytes: distinctPdf('a') },
      { name: 'b.pdf', bytes: distinctPdf('b') },
    ]);
    const before = rowCount();
    const { status, body } = await submit(receiver.url, form);
    assert.equal(status, 422);
    assert.deepEqual(body.errors.map((e: { field: string | null; code: string }) => `${e.field}:${e.code}`), ['file:too_many_files']);
    assert.equal(rowCount(), before);
  });

  for (const type of ['application/json', 'text/plain']) {
    test(`content type ${type}: 415 with field null, nothing stored`, async () => {
      const before = rowCount();
      const { status, body } = await submit(receiver.url, JSON.stringify(contributionFields()), { 'Content-Type': type });
      assert.equal(status, 415);
      assert.equal(body.errors.length, 1);
      assert.equal(body.errors[0].field, null);
      assert.equal(body.errors[0].code, 'unsupported_media_type');
      assert.match(body.errors[0].message, /multipart\/form-data/);
      assert.equal(rowCount(), before);
    });
  }

  test('a malformed Idempotency-Key: 400', async () => {
    const { status, body } = await submit(receiver.url, formData(contributionFields()), { 'Idempotency-Key': 'has spaces in it' });
    assert.equal(status, 400);
    assert.equal(body.errors[0].code, 'invalid_idempotency_key');
  });

  test('an unknown address: 404 in the same JSON shape', async () => {
    const response = await fetch(`${receiver.url}/nothing-here`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).errors[0].code, 'not_found');
  });
});

describe('idempotency', () => {
  test('a repeated key returns the same id with 200 and Idempotent-Replayed, and stores nothing new', async () => {
    const key = crypto.randomUUID();
    const pdf = distinctPdf('sequential');
    const first = await submit(receiver.url, formData(contributionFields(), [{ name: 'a.pdf', bytes: pdf }]), { 'Idempotency-Key': key });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const count = rowCount();
    const again = await submit(receiver.url, formData(contributionFields({ title: 'Changed on retry' }), [{ name: 'a.pdf', bytes: pdf }]), { 'Idempotency-Key': key });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal(rowCount(), count);
  });

  test('the same key sent eight times at once is stored once; every answer carries the same id', async () => {
    const key = crypto.randomUUID();
    const pdf = distinctPdf('concurrent');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => submit(receiver.url, formData(contributionFields(), [{ name: 'a.pdf', bytes: pdf }]), { 'Idempotency-Key': key })),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true').length, 7);
    assert.equal(rows().filter((r) => r.idempotencyKey === key).length, 1);
  });
});

test('a honeypot hit gets an ordinary 201 and is stored as spam', async () => {
  const normal = await submit(receiver.url, formData(contributionFields(), [{ name: 'a.pdf', bytes: distinctPdf('normal') }]));
  const bot = await submit(receiver.url, formData(contributionFields({ website: 'https://cheap-pills.example' }), [{ name: 'a.pdf', bytes: distinctPdf('bot') }]));
  assert.equal(bot.status, 201);
  assert.deepEqual(Object.keys(bot.body), Object.keys(normal.body));
  assert.equal(bot.body.status, normal.body.status);
  assert.equal(bot.body.message, normal.body.message);
  assert.equal(receiver.app.receiver.store.get(bot.body.id)?.status, 'spam');
  assert.equal(receiver.app.receiver.store.get(normal.body.id)?.status, 'pending');
});

describe('CORS', () => {
  test('the preflight from an allowed origin allows POST with Idempotency-Key', async () => {
    const response = await fetch(`${receiver.url}/submissions`, {
      method: 'OPTIONS',
      headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'idempotency-key' },
    });
    assert.ok(response.status === 204 || response.status === 200, `status ${response.status}`);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /idempotency-key/i);
  });

  test('a POST from an allowed origin gets its origin back and Idempotent-Replayed exposed', async () => {
    const { status, headers, body } = await submit(receiver.url, formData(contributionFields({ consentHost: undefined })), { Origin: ALLOWED_ORIGIN });
    assert.equal(status, 201);
    assert.equal(headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.match(headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/i);
    assert.equal(receiver.app.receiver.store.get(body.id)?.origin, ALLOWED_ORIGIN);
  });

  test('a refused origin gets no CORS headers, a 403 for its POST, and nothing is stored', async () => {
    const preflight = await fetch(`${receiver.url}/submissions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'idempotency-key' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);

    const before = rowCount();
    const key = crypto.randomUUID();
    const { status, headers, body } = await submit(receiver.url, formData(contributionFields(), [{ name: 'a.pdf', bytes: distinctPdf('refused') }]), {
      Origin: 'https://elsewhere.example',
      'Idempotency-Key': key,
    });
    assert.equal(status, 403);
    assert.equal(headers.get('access-control-allow-origin'), null);
    assert.deepEqual(body.errors.map((e: { field: null; code: string }) => [e.field, e.code]), [[null, 'origin_not_allowed']]);
    assert.equal(rowCount(), before);
    assert.equal(receiver.app.receiver.store.findByKey(key), undefined);
  });

  test('a request without an Origin header (curl, a server) is accepted', async () => {
    const { status, headers } = await submit(receiver.url, formData(contributionFields({ consentHost: undefined })));
    assert.equal(status, 201);
    assert.equal(headers.get('access-control-allow-origin'), null);
  });
});

describe('the verify hook (where a host checks a CAPTCHA)', () => {
  let guarded: TestReceiver;
  const seen: string[] = [];
  before(async () => {
    guarded = await startTestReceiver({
      verify: ({ fields, submission }) => {
        seen.push(`${submission.kind}:${String(fields['captcha-token'])}`);
        if (fields['captcha-token'] === 'human') return true;
        if (fields['captcha-token'] === 'robot') return { spam: true };
        return false;
      },
    });
  });
  after(() => guarded.dispose());
  const send = (token?: string) =>
    submit(guarded.url, formData(contributionFields({ 'captcha-token': token }), [{ name: 'a.pdf', bytes: distinctPdf(`verify ${token}`) }]));

  test('sees every field as sent and decides: accept, refuse (422, nothing kept) or store as spam', async () => {
    const human = await send('human');
    assert.equal(human.status, 201);
    assert.equal(guarded.app.receiver.store.get(human.body.id)?.status, 'pending');

    const refused = await send('forged');
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body.errors.map((e: { field: string | null; code: string }) => [e.field, e.code]), [[null, 'verification_failed']]);

    const robot = await send('robot');
    assert.equal(robot.status, 201);
    assert.equal(guarded.app.receiver.store.get(robot.body.id)?.status, 'spam');

    assert.deepEqual(seen, ['contribution:human', 'contribution:forged', 'contribution:robot']);
    assert.equal(guarded.app.receiver.store.list().length, 2);
  });

  test('is not asked about submissions the schema already refused', async () => {
    const before = seen.length;
    const { status } = await submit(guarded.url, formData(contributionFields({ email: 'nope', 'captcha-token': 'human' })));
    assert.equal(status, 422);
    assert.equal(seen.length, before);
  });
});

test('the small fixture PDF is what the tests think it is', () => {
  assert.equal(PDF.subarray(0, 5).toString(), '%PDF-');
});
