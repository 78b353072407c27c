// The feed validator as editors and CI run it: the built command
// (dist/cli/virtual-library.js, made by `npm run build`) on real feeds, on
// broken ones, on a feed served over HTTP, with --json and --strict.
// Run by `npm test` with Node's test runner, after the build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'cli', 'virtual-library.js');
const fixtures = join(root, 'test', 'fixtures');

/** Runs the command without blocking this process, which also serves the HTTP feed. */
function run(...args) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { timeout: 30_000 });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

let server;
let origin;
before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/feed.json') {
      response.writeHead(200, { 'content-type': 'application/feed+json' });
      response.end(readFileSync(join(fixtures, 'library', 'feed.json')));
    } else {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not found</h1>');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

for (const name of readdirSync(join(fixtures, 'feeds'))) {
  test(`a real feed passes: ${name}`, async () => {
    const { code, out } = await run('validate', join(fixtures, 'feeds', name));
    assert.equal(code, 0, out);
    assert.match(out, /^✓ .*: \d+ items?, \d+ can be shown; 0 errors/m);
  });
}

test('a feed with broken items lists each error with its item, field and fix, warnings apart, and fails', async () => {
  const { code, out } = await run('validate', join(fixtures, 'library', 'broken-items.json'));
  assert.equal(code, 1);
  assert.match(out, /7 items, 3 can be shown; 4 errors, 6 warnings/);
  const [errors, warnings] = out.split('Warnings (shown without the bad part):');
  assert.match(errors, /item 2 \("bad-title"\) · title: must be a string, not a number\n\s+fix: Give the item a "title"/);
  assert.match(errors, /item 4 \("bad-origin"\) · _library\.origin: must be one of "institute", "external", not "ours"/);
  assert.match(warnings, /item 7 \("unsafe-links"\) · date_published: "last Tuesday" is not a date[^\n]*\n\s+fix: Write dates as in 2024-05-15/);
  assert.match(warnings, /item 5 · id: is missing/);
});

test('a file that is not JSON, not a JSON Feed, or has no readable item fails with a plain reason and a fix', async () => {
  const cases = [
    ['truncated.json', /is not valid JSON/, /JSON checker/],
    ['not-a-feed.json', /not a JSON Feed/, /"version": "https:\/\/jsonfeed\.org\/version\/1\.1"/],
    ['all-bad.json', /None of the feed's \d+ items could be read/, /at least one must be readable/],
  ];
  for (const [name, reason, fix] of cases) {
    const { code, out } = await run('validate', join(fixtures, 'library', name));
    assert.equal(code, 1, name);
    assert.match(out, reason, name);
    assert.match(out, fix, name);
  }
});

test('--json gives CI the whole result', async () => {
  const { code, out } = await run('validate', join(fixtures, 'library', 'broken-items.json'), '--json');
  assert.equal(code, 1);
  const report = JSON.parse(out);
  assert.equal(report.ok, false);
  assert.equal(report.items, 7);
  assert.equal(report.shown, 3);
  assert.deepEqual(
    report.errors.map((e) => [e.index, e.id, e.field]),
    [
      [1, 'bad-title', 'title'],
      [2, 'bad-authors', 'authors'],
      [3, 'bad-origin', '_library.origin'],
      [5, undefined, undefined],
    ],
  );
  assert.ok(report.errors.every((e) => typeof e.fix === 'string' && e.fix.length > 10));
  assert.equal(report.warnings.length, 6);
});

test('--strict fails on warnings too', async () => {
  const feed = join(fixtures, 'feeds', 'influxdata-wordpress-v1.1.json');
  const relaxed = await run('validate', feed, '--json');
  const warnings = JSON.parse(relaxed.out).warnings.length;
  assert.ok(warnings > 0, 'the WordPress feed has warnings (no ids)');
  assert.equal(relaxed.code, 0);
  assert.equal((await run('validate', feed, '--strict')).code, 1);
});

test('a feed served over HTTP is checked, and a missing one says what the server answered', async () => {
  const ok = await run('validate', `${origin}/feed.json`);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /7 items, 7 can be shown/);
  const missing = await run('validate', `${origin}/nope.json`);
  assert.equal(missing.code, 1);
  assert.match(missing.out, /The server answered 404/);
});

test('a wrong command line explains the usage and exits with 2', async () => {
  assert.equal((await run('check', 'x')).code, 2);
  const none = await run('validate');
  assert.equal(none.code, 2);
  assert.match(none.err, /Which feed\?/);
  assert.equal((await run('--help')).code, 0);
  assert.equal((await run('validate', join(fixtures, 'library', 'no-such.json'))).code, 1);
});
