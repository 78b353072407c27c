/**
 * Moderation: the token-protected admin endpoints, approvals that change a
 * copy of the demo feed (checked afterwards with the elements' own reader),
 * the public PDF address that opens only on approval, and the moderation
 * command run as a separate process against the same files.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseFeed } from '../../src/feed/parse-feed.js';
import type { Feed } from '../../src/feed/publication.js';
import { addItem, FeedChangeError } from '../../server/feed-writer.js';
import {
  ADMIN_TOKEN,
  admin,
  contributionFields,
  distinctPdf,
  formData,
  removalFields,
  runTs,
  sha256,
  startTestReceiver,
  submit,
  type TestReceiver,
} from './helpers.js';

const FEED_URL = 'http://localhost:8080/feed.json';

let receiver: TestReceiver;
before(async () => {
  receiver = await startTestReceiver();
});
after(() => receiver.dispose());

const readFeedFile = (): Feed => parseFeed(readFileSync(receiver.feedFile, 'utf8'), FEED_URL);
const errorsOf = (feed: Feed) => feed.issues.filter((issue) => issue.severity === 'error');
/** The receiver's public address is localhost; requests go to the address it listens on. */
const local = (url: string) => url.replace(receiver.publicUrl, receiver.url);

/** Sends a contribution (with a distinct PDF unless `pdf` is null) and returns its id. */
async function contribute(fields = contributionFields(), pdf: Buffer | null = distinctPdf('moderation')) {
  const { status, body } = await submit(receiver.url, formData(fields, pdf ? [{ name: 'work.pdf', bytes: pdf }] : []));
  assert.equal(status, 201, JSON.stringify(body));
  return { id: body.id as string, sha: pdf ? sha256(pdf) : undefined, pdf };
}

describe('admin endpoints', () => {
  test('need the token: none or a wrong one is 401, the right one works', async () => {
    for (const token of [null, 'wrong-token']) {
      const { status, headers, body } = await admin(receiver.url, '/admin/submissions', { token });
      assert.equal(status, 401);
      assert.equal(headers.get('www-authenticate'), 'Bearer');
      assert.equal(body.errors[0].code, 'unauthorized');
    }
    const { status } = await admin(receiver.url, '/admin/submissions');
    assert.equal(status, 200);
  });

  test('refuse to start with a token short enough to guess', async () => {
    await assert.rejects(startTestReceiver({ adminToken: 'letmein' }), /at least 16 characters/);
  });

  test('do not exist (404) when no token is configured', async () => {
    const open = await startTestReceiver({ adminToken: undefined });
    try {
      const { status } = await admin(open.url, '/admin/submissions');
      assert.equal(status, 404);
      const { id } = (await submit(open.url, formData(contributionFields({ consentHost: undefined })))).body;
      assert.equal((await admin(open.url, `/admin/submissions/${id}/approve`, { method: 'POST' })).status, 404);
      assert.equal(open.app.receiver.store.get(id)?.status, 'pending');
    } finally {
      await open.dispose();
    }
  });

  test('list by status, show one, and hand its PDF to a moderator', async () => {
    const { id, sha, pdf } = await contribute();
    const list = await admin(receiver.url, '/admin/submissions?status=pending');
    assert.ok(list.body.submissions.some((s: { id: string }) => s.id === id));
    assert.ok(list.body.submissions.every((s: { status: string }) => s.status === 'pending'));
    assert.equal((await admin(receiver.url, '/admin/submissions?status=maybe')).status, 400);

    const one = await admin(receiver.url, `/admin/submissions/${id}`);
    assert.equal(one.body.submission.data.email, 'ana@example.org');
    assert.equal(one.body.submission.file.sha256, sha);
    assert.equal((await admin(receiver.url, '/admin/submissions/nope')).status, 404);

    const file = await fetch(`${receiver.url}/admin/submissions/${id}/file`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.equal(sha256(new Uint8Array(await file.arrayBuffer())), sha256(pdf!));
    assert.equal((await fetch(`${receiver.url}/admin/submissions/${id}/file`)).status, 401);
  });
});

describe('approving a contribution', () => {
  test('adds a valid item to the feed, and only then serves its PDF publicly', async () => {
    const before = readFeedFile();
    const { id, sha, pdf } = await contribute();
    const publicPath = `${receiver.url}/files/${sha}.pdf`;
    assert.equal((await fetch(publicPath)).status, 404, 'a pending PDF is not public');

    const { status, body } = await admin(receiver.url, `/admin/submissions/${id}/approve`, { method: 'POST', body: { note: 'Fits the crisis-communications shelf.' } });
    assert.equal(status, 200);
    assert.equal(body.submission.status, 'approved');
    assert.equal(body.submission.decisionNote, 'Fits the crisis-communications shelf.');
    assert.equal(body.feedItem.id, `submission-${id}`);

    const feed = readFeedFile();
    assert.deepEqual(errorsOf(feed), []);
    assert.equal(feed.items.length, before.items.length + 1);
    const item = feed.items.find((i) => i.id === `submission-${id}`)!;
    assert.ok(item, 'the new item is in the feed');
    assert.equal(item.title, 'Signals in the Dark: Crisis Lines Between Capitals');
    assert.equal(item.type.id, 'report');
    assert.equal(item.type.label, 'Report', 'the feed’s declared type is used');
    assert.equal(item.origin, 'external');
    assert.equal(item.publisher, 'Example Review');
    assert.equal(item.externalUrl, 'https://review.example.net/2024/crisis-lines');
    assert.deepEqual(item.authors.map((a) => a.name), ['Ana Lima', 'Kwame Mensah']);
    assert.equal(item.datePublished?.toISOString().slice(0, 10), '2024-05-01');
    assert.equal(item.pdf?.url, `${receiver.publicUrl}/files/${sha}.pdf`);
    assert.equal(item.pdf?.mimeType, 'application/pdf');
    assert.equal(item.pdf?.sizeInBytes, pdf!.length);

    const served = await fetch(local(item.pdf!.url));
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.match(served.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(served.headers.get('access-control-allow-origin'), '*');
    assert.equal(sha256(new Uint8Array(await served.arrayBuffer())), sha);

    const again = await admin(receiver.url, `/admin/submissions/${id}/approve`, { method: 'POST' });
    assert.equal(again.status, 409);
    assert.equal(again.body.errors[0].code, 'already_decided');
    assert.equal(readFeedFile().items.length, before.items.length + 1);
  });

  test('a spam submission’s PDF stays private, and so does a pending one’s even if another copy is approved later', async () => {
    const pdf = distinctPdf('spam');
    const spam = await submit(receiver.url, formData(contributionFields({ website: 'x' }), [{ name: 'a.pdf', bytes: pdf }]));
    assert.equal(spam.status, 201);
    assert.equal((await fetch(`${receiver.url}/files/${sha256(pdf)}.pdf`)).status, 404);
    assert.equal((await fetch(`${receiver.url}/files/..%2Fsubmissions.sqlite`)).status, 404);
    assert.equal((await fetch(`${receiver.url}/files/not-a-hash.pdf`)).status, 404);
  });

  test('a feed file that cannot be read is left alone, and the submission stays pending', async () => {
    const { id } = await contribute(contributionFields({ consentHost: undefined }), null);
    const good = readFileSync(receiver.feedFile, 'utf8');
    writeFileSync(receiver.feedFile, good.slice(0, -20));
    try {
      const { status, body } = await admin(receiver.url, `/admin/submissions/${id}/approve`, { method: 'POST' });
      assert.equal(status, 409);
      assert.equal(body.errors[0].code, 'feed_unreadable');
      assert.equal(readFileSync(receiver.feedFile, 'utf8'), good.slice(0, -20));
      assert.equal(receiver.app.receiver.store.get(id)?.status, 'pending');
    } finally {
      writeFileSync(receiver.feedFile, good);
    }
  });

  test('a missing feed file is a clear refusal, not a server error', async () => {
    const bare = await startTestReceiver({ feedFile: '/nonexistent/feed.json', seedFeed: null });
    try {
      const { id } = (await submit(bare.url, formData(contributionFields({ consentHost: undefined })))).body;
      const { status, body } = await admin(bare.url, `/admin/submissions/${id}/approve`, { method: 'POST' });
      assert.equal(status, 409);
      assert.equal(body.errors[0].code, 'feed_unreadable');
      assert.match(body.errors[0].message, /no feed file at \/nonexistent\/feed\.json/);
      assert.equal(bare.app.receiver.store.get(id)?.status, 'pending');
    } finally {
      await bare.dispose();
    }
  });

  test('a change that would leave an item the reader cannot show is refused and the file kept', () => {
    const good = readFileSync(receiver.feedFile, 'utf8');
    // An attachment without mime_type makes an item invalid for the elements.
    const broken = { id: 'broken-item', title: 'Broken', attachments: [{ url: 'x.pdf' }] } as unknown as Parameters<typeof addItem>[1];
    assert.throws(() => addItem(receiver.feedFile, broken), (error: unknown) => error instanceof FeedChangeError && error.code === 'feed_invalid');
    assert.equal(readFileSync(receiver.feedFile, 'utf8'), good);
  });
});

describe('approving a removal', () => {
  test('withdraws the item it names, with a public reason and today’s date', async () => {
    const { body } = await submit(receiver.url, formData(removalFields()));
    const { status, body: decision } = await admin(receiver.url, `/admin/submissions/${body.id}/approve`, { method: 'POST', body: { note: 'Checked with the author.' } });
    assert.equal(status, 200, JSON.stringify(decision));
    const feed = readFeedFile();
    assert.deepEqual(errorsOf(feed), []);
    const item = feed.items.find((i) => i.id === 'phone-a-friend-us-uk-french-channel')!;
    assert.equal(item.status, 'withdrawn');
    assert.equal(item.withdrawnReason, "Withdrawn at the author's request.");
    assert.equal(item.withdrawnDate?.toISOString().slice(0, 10), new Date().toISOString().slice(0, 10));
    assert.equal(feed.issues.filter((i) => i.id === item.id).length, 0);
  });

  test('finds the publication by its title when no id is given, and takes the moderator’s public reason', async () => {
    const target = readFeedFile().items.find((i) => i.status === 'published' && !i.id.startsWith('submission-'))!;
    const { body } = await submit(receiver.url, formData(removalFields({ publicationId: undefined, publication: `  ${target.title.toUpperCase()} ` })));
    const { status } = await admin(receiver.url, `/admin/submissions/${body.id}/approve`, { method: 'POST', body: { reason: 'Withdrawn while a corrected edition is prepared.' } });
    assert.equal(status, 200);
    const item = readFeedFile().items.find((i) => i.id === target.id)!;
    assert.equal(item.status, 'withdrawn');
    assert.equal(item.withdrawnReason, 'Withdrawn while a corrected edition is prepared.');
  });

  test('of a contribution approved earlier stops serving its PDF', async () => {
    const { id, sha } = await contribute();
    assert.equal((await admin(receiver.url, `/admin/submissions/${id}/approve`, { method: 'POST' })).status, 200);
    assert.equal((await fetch(`${receiver.url}/files/${sha}.pdf`)).status, 200);
    const { body } = await submit(receiver.url, formData(removalFields({ publicationId: `submission-${id}` })));
    assert.equal((await admin(receiver.url, `/admin/submissions/${body.id}/approve`, { method: 'POST' })).status, 200);
    assert.equal((await fetch(`${receiver.url}/files/${sha}.pdf`)).status, 404);
  });

  test('naming no publication in the feed fails clearly and stays pending; the feed is untouched', async () => {
    const { body } = await submit(receiver.url, formData(removalFields({ publicationId: 'no-such-item', publication: 'A Work Nobody Wrote' })));
    const feedBefore = readFileSync(receiver.feedFile, 'utf8');
    const { status, body: answer } = await admin(receiver.url, `/admin/submissions/${body.id}/approve`, { method: 'POST' });
    assert.equal(status, 422);
    assert.equal(answer.errors[0].code, 'publication_not_found');
    assert.match(answer.errors[0].message, /no-such-item/);
    assert.equal(receiver.app.receiver.store.get(body.id)?.status, 'pending');
    assert.equal(readFileSync(receiver.feedFile, 'utf8'), feedBefore);
  });
});

test('rejecting records the note and leaves the feed as it was', async () => {
  const { id } = await contribute();
  const feedBefore = readFileSync(receiver.feedFile, 'utf8');
  const { status, body } = await admin(receiver.url, `/admin/submissions/${id}/reject`, { method: 'POST', body: { note: 'Out of scope.' } });
  assert.equal(status, 200);
  assert.equal(body.submission.status, 'rejected');
  assert.equal(body.submission.decisionNote, 'Out of scope.');
  assert.equal(readFileSync(receiver.feedFile, 'utf8'), feedBefore);
  assert.equal((await admin(receiver.url, `/admin/submissions/${id}/reject`, { method: 'POST' })).status, 409);
});

describe('the moderation command (npm run submissions)', () => {
  const cli = (...args: string[]) => runTs('server/moderate.ts', [...args, '--data', `${receiver.dir}/data`, '--feed', receiver.feedFile]);

  test('lists, shows, approves and rejects, on the files the running receiver uses', async () => {
    const { id: toApprove, sha } = await contribute(contributionFields({ title: 'Approved From The Terminal' }));
    const { id: toReject } = await contribute(contributionFields({ title: 'Rejected From The Terminal' }));

    const list = await cli('list');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${toApprove}.*Approved From The Terminal`));
    assert.match(list.stdout, new RegExp(`${toReject}.*Rejected From The Terminal`));

    const listed = await cli('list', '--status', 'pending', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    const ids = JSON.parse(listed.stdout).submissions.map((s: { id: string }) => s.id);
    assert.ok(ids.includes(toApprove) && ids.includes(toReject));

    const show = await cli('show', toApprove);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /Approved From The Terminal/);
    assert.match(show.stdout, /ana@example\.org/);
    assert.match(show.stdout, new RegExp(`${sha}\\.pdf`));

    const approve = await cli('approve', toApprove, '--note', 'good');
    assert.equal(approve.code, 0, approve.stderr);
    assert.match(approve.stdout, new RegExp(`Approved ${toApprove}`));
    const item = readFeedFile().items.find((i) => i.id === `submission-${toApprove}`);
    assert.equal(item?.pdf?.url, `${receiver.publicUrl}/files/${sha}.pdf`, 'the command uses the address the receiver runs under');
    assert.equal((await fetch(`${receiver.url}/files/${sha}.pdf`)).status, 200, 'the running receiver sees the approval');

    const reject = await cli('reject', toReject, '--note', 'Not a publication.', '--json');
    assert.equal(reject.code, 0, reject.stderr);
    assert.equal(JSON.parse(reject.stdout).submission.status, 'rejected');
    assert.equal(receiver.app.receiver.store.get(toReject)?.decisionNote, 'Not a publication.');
  });

  test('says what went wrong, with exit code 1 for a failed command and 2 for a wrong command line', async () => {
    const unknown = await cli('approve', 'no-such-id');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no submission with the id "no-such-id"/);
    const wrong = await cli('publish', 'x');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Unknown command "publish"/);
  });
});
