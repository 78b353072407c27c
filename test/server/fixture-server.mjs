// The test server's side of the network: real fixture files, plus the few
// server behaviours a browser test cannot produce on its own (an error status,
// a slow answer, a CSP header). Nothing in the page under test is mocked.
//
// Mock routes have no file extension on purpose: the test runner marks every
// path with an extension as cacheable for a year, which would hide a retry.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { join, normalize } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const aborted = new Set();
const attempts = new Map();
const hits = new Map();
/** Bytes sent so far of a trickled answer, and its length, by token. */
const progress = new Map();

const TYPES = { '.json': 'application/feed+json', '.html': 'text/html', '.pdf': 'application/pdf', '.txt': 'text/plain' };

async function fixture(path) {
  const clean = normalize(path).replace(/^(\.\.[/\\])+/, '');
  return readFile(join(root, 'test', 'fixtures', clean));
}

function typeOf(path) {
  const ext = path.slice(path.lastIndexOf('.'));
  return TYPES[ext] ?? 'application/octet-stream';
}

/** A feed whose every item carries one XSS payload in the title, summary, an author's name, content_html and a tag. */
async function xssFeed() {
  const lines = (await fixture('xss/payloadsallthethings-xss_alert.txt')).toString('utf8').split('\n').filter(Boolean);
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'XSS payloads',
    items: lines.map((payload, i) => ({
      id: `xss-${i}`,
      title: payload,
      summary: payload,
      content_html: payload,
      url: payload.slice(0, 200),
      authors: [{ name: payload, url: payload.slice(0, 200) }],
      tags: [payload],
      attachments: [{ url: payload.slice(0, 200), mime_type: 'application/pdf' }],
      _library: { featured: true, takeaways: [payload] },
    })),
  };
}

/** A generated library of `n` publications across four types, for size and paging tests. */
export function bigFeed(n) {
  const types = ['report', 'article', 'fact-sheet', 'briefing'];
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `Generated library of ${n}`,
    items: Array.from({ length: n }, (_, i) => ({
      id: `pub-${i}`,
      title: `Generated publication number ${i}`,
      url: `publications/${i}.html`,
      summary: `Summary of generated publication ${i}, about topic ${i % 17}.`,
      date_published: new Date(Date.UTC(2000 + (i % 25), i % 12, 1 + (i % 28))).toISOString(),
      authors: [{ name: `Author ${i % 97}` }, { name: `Coauthor ${i % 13}` }],
      tags: [`topic ${i % 17}`, `theme ${i % 5}`],
      attachments: [{ url: `pdfs/${i}.pdf`, mime_type: 'application/pdf', size_in_bytes: 10_000 + i }],
      _library: { type: types[i % types.length], origin: i % 9 === 0 ? 'external' : 'institute' },
    })),
  };
}

function waitOrClose(ctx, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('done'), ms);
    ctx.req.once('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}

/**
 * The file in 20 pieces spread over `ms`, as a slow connection delivers it.
 * The stream ends early (and the token is marked aborted) when the browser
 * hangs up.
 */
function trickle(ctx, body, ms, token) {
  const pieces = 20;
  const size = Math.ceil(body.length / pieces);
  let sent = 0;
  progress.set(token, { sent: 0, total: body.length });
  let timer;
  const stream = new Readable({
    read() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const piece = body.subarray(sent, sent + size);
        sent += piece.length;
        progress.set(token, { sent, total: body.length });
        this.push(piece.length ? piece : null);
      }, ms / pieces);
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
  });
  ctx.req.once('close', () => {
    if (sent < body.length) aborted.add(token);
    stream.destroy();
  });
  return stream;
}

export function fixtureServer() {
  return async function fixtures(ctx, next) {
    const path = ctx.path;
    if (path.startsWith('/test/fixtures/')) {
      await next();
      ctx.set('Access-Control-Allow-Origin', '*');
      if (path.endsWith('.json')) ctx.type = 'application/feed+json';
      return;
    }
    if (!path.startsWith('/mock/')) return next();
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'no-store');
    const [, , action, ...rest] = path.split('/');
    switch (action) {
      case 'status': {
        ctx.status = Number(rest[0]);
        ctx.type = 'text/html';
        ctx.body = `<!doctype html><title>${ctx.status}</title><h1>Error ${ctx.status}</h1>`;
        return;
      }
      case 'slow': {
        // /mock/slow/<ms>/<token>?file=<fixture path>
        const [ms, token] = rest;
        hits.set(token, (hits.get(token) ?? 0) + 1);
        const outcome = await waitOrClose(ctx, Number(ms));
        if (outcome === 'closed') {
          aborted.add(token);
          return;
        }
        const name = ctx.query.file;
        ctx.type = typeOf(name);
        ctx.body = await fixture(name);
        return;
      }
      case 'trickle': {
        // /mock/trickle/<ms>/<token>?file=<fixture path>[&length=no][&big=<n>][&cut=1]: the file sent slowly,
        // with its Content-Length (so progress can be shown in per cent) unless length=no.
        const [ms, token] = rest;
        hits.set(token, (hits.get(token) ?? 0) + 1);
        const name = ctx.query.file;
        // &big=<n>: the generated feed of n entries (bigFeed) instead of a file.
        const whole = ctx.query.big ? Buffer.from(JSON.stringify(bigFeed(Number(ctx.query.big)))) : await fixture(name);
        // &cut=1: only the first four fifths, as a server that stops mid-document.
        const body = ctx.query.cut ? whole.subarray(0, Math.floor(whole.length * 0.8)) : whole;
        ctx.type = ctx.query.big ? 'application/feed+json' : typeOf(name);
        if (ctx.query.length !== 'no') ctx.length = body.length;
        ctx.body = trickle(ctx, body, Number(ms), token);
        return;
      }
      case 'page': {
        // /mock/page/<token>?file=<fixture feed>[&next=<url>][&ms=<delay>]: one page of a paged feed, counted,
        // after `ms` (marked aborted if the browser hangs up first), with its next_url set to `next` when given,
        // so that a test can chain pages that carry its own tokens.
        const [token] = rest;
        hits.set(token, (hits.get(token) ?? 0) + 1);
        if (ctx.query.ms && (await waitOrClose(ctx, Number(ctx.query.ms))) === 'closed') {
          aborted.add(token);
          return;
        }
        const name = ctx.query.file;
        ctx.type = typeOf(name);
        if (ctx.query.next === undefined) {
          ctx.body = await fixture(name);
          return;
        }
        const feed = JSON.parse((await fixture(name)).toString('utf8'));
        feed.next_url = ctx.query.next;
        ctx.body = JSON.stringify(feed);
        return;
      }
      case 'nocors': {
        // /mock/nocors?file=<fixture path>: the file without any CORS header, as a server that does not allow other origins.
        ctx.remove('Access-Control-Allow-Origin');
        ctx.type = typeOf(ctx.query.file);
        ctx.body = await fixture(ctx.query.file);
        return;
      }
      case 'hits': {
        ctx.type = 'application/json';
        ctx.body = JSON.stringify({ hits: hits.get(rest[0]) ?? 0 });
        return;
      }
      case 'progress': {
        // /mock/progress/<token>: how much of a trickled answer has been sent, { sent, total } in bytes.
        ctx.type = 'application/json';
        ctx.body = JSON.stringify(progress.get(rest[0]) ?? null);
        return;
      }
      case 'aborted': {
        ctx.type = 'application/json';
        ctx.body = JSON.stringify({ aborted: aborted.has(rest[0]) });
        return;
      }
      case 'flaky': {
        // /mock/flaky/<token>?file=<fixture path>: 503 the first time, the file after that.
        const [key] = rest;
        const count = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, count);
        if (count === 1) {
          ctx.status = 503;
          ctx.body = 'Service Unavailable';
          return;
        }
        ctx.type = 'application/feed+json';
        ctx.body = await fixture(ctx.query.file);
        return;
      }
      case 'big-feed': {
        ctx.type = 'application/feed+json';
        ctx.body = JSON.stringify(bigFeed(Number(ctx.query.n ?? 1000)));
        return;
      }
      case 'xss-feed': {
        ctx.type = 'application/feed+json';
        ctx.body = JSON.stringify(await xssFeed());
        return;
      }
      case 'csp': {
        // /mock/csp?file=<fixture path>: the file with a strict Content-Security-Policy.
        const name = ctx.query.file;
        ctx.set(
          'Content-Security-Policy',
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'self'",
        );
        ctx.type = typeOf(name);
        ctx.body = await fixture(name);
        return;
      }
      case 'partial-dist':
      case 'flaky-dist': {
        // /mock/partial-dist/<file>: the built bundle (dist/) copied without its feed-reader chunk,
        // as when an editor uploads virtual-library.js but not the "chunks" folder beside it.
        // /mock/flaky-dist/<part>/<token>/<file>: the whole bundle, but the lazy chunk named <part>
        // (`parse-feed`, `pdf`, `reader-tools`…) answers 503 the first time, as on a connection that
        // fails a request; every time when the token starts with "dead", as when that file was never
        // uploaded beside the bundle or a filter blocks it. The 503 is
        // written directly: the test runner marks every answer for a path with an extension
        // cacheable for a year, and Chromium would keep serving the error from its cache.
        const [part, token] = action === 'flaky-dist' ? rest.splice(0, 2) : ['parse-feed', undefined];
        const name = normalize(rest.join('/')).replace(/^(\.\.[/\\])+/, '');
        if (name.startsWith(`chunks/${part}-`) && /^[\w-]{8}\.js$/.test(name.slice(`chunks/${part}-`.length))) {
          if (token === undefined) {
            ctx.status = 404;
            return;
          }
          const count = (attempts.get(token) ?? 0) + 1;
          attempts.set(token, count);
          if (count === 1 || token.startsWith('dead')) {
            ctx.respond = false;
            ctx.res.writeHead(503, { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain' }).end('Service Unavailable');
            return;
          }
        }
        ctx.type = 'text/javascript';
        ctx.body = await readFile(join(root, 'dist', name));
        return;
      }
      default:
        ctx.status = 404;
    }
  };
}

/**
 * `/receiver/*` on the test server: the reference receiver (server/), started
 * by the test runner's config, reached through the page's own origin. A few
 * routes add what a test cannot cause with a healthy receiver:
 * - `/receiver/submissions`, `/receiver/admin/…`: passed on as they are (the
 *   moderators' token added for `admin`);
 * - `/receiver/fail-once/submissions`: the first request with an
 *   Idempotency-Key reaches the receiver, which stores it, but the browser
 *   gets a 500 (an answer lost on the way back); later ones pass as they are;
 * - `/receiver/page/submissions`: a 200 with a web page, as a static host answers;
 * - `/receiver/hang/submissions`: never answered;
 * - `/receiver/busy/submissions`: 429 with Retry-After, as the receiver's rate limit answers;
 * - `/receiver/requests/<key>`: how many POSTs carried that key.
 */
export function receiverProxy(receiverUrl, adminToken) {
  const seen = new Map();
  const failed = new Set();
  const drain = async (req) => {
    for await (const chunk of req) void chunk;
  };
  return async function receiver(ctx, next) {
    if (!ctx.path.startsWith('/receiver/')) return next();
    const [, , first, ...rest] = ctx.path.split('/');
    ctx.set('Cache-Control', 'no-store');
    if (first === 'requests') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ requests: seen.get(rest[0]) ?? 0 });
      return;
    }
    const key = ctx.get('Idempotency-Key');
    if (ctx.method === 'POST' && key) seen.set(key, (seen.get(key) ?? 0) + 1);
    if (first === 'hang') {
      await new Promise((resolve) => ctx.req.once('close', resolve));
      return;
    }
    if (first === 'busy') {
      await drain(ctx.req);
      ctx.status = 429;
      ctx.set('Retry-After', '120');
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ errors: [{ field: null, code: 'rate_limited', message: 'Too many submissions from this address.' }] });
      return;
    }
    if (first === 'page') {
      await drain(ctx.req);
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>Welcome</title><h1>Welcome to our site</h1>';
      return;
    }
    const failOnce = first === 'fail-once' && key && !failed.has(key);
    if (failOnce) failed.add(key);
    const path = first === 'fail-once' ? `/${rest.join('/')}` : `/${[first, ...rest].join('/')}`;
    const headers = {};
    for (const name of ['content-type', 'content-length', 'accept', 'idempotency-key']) {
      const value = ctx.get(name);
      if (value) headers[name] = value;
    }
    if (first === 'admin') headers.authorization = `Bearer ${adminToken}`;
    const hasBody = !['GET', 'HEAD'].includes(ctx.method);
    let answer;
    try {
      answer = await fetch(`${receiverUrl}${path}${ctx.querystring ? `?${ctx.querystring}` : ''}`, {
        method: ctx.method,
        headers,
        body: hasBody ? ctx.req : undefined,
        duplex: hasBody ? 'half' : undefined,
      });
    } catch (error) {
      ctx.status = 502;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ errors: [{ field: null, code: 'proxy', message: String(error) }] });
      return;
    }
    if (failOnce) {
      await answer.arrayBuffer();
      ctx.status = 500;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ errors: [{ field: null, code: 'server_error', message: 'The test server lost the answer on purpose.' }] });
      return;
    }
    ctx.status = answer.status;
    for (const name of ['content-type', 'idempotent-replayed', 'retry-after']) {
      const value = answer.headers.get(name);
      if (value) ctx.set(name, value);
    }
    ctx.body = Buffer.from(await answer.arrayBuffer());
    if (hasBody && !ctx.req.readableEnded) {
      // The receiver answered before reading everything (a file over its limit): stop reading too.
      ctx.set('Connection', 'close');
    }
  };
}
