// The test server's side of the network: real fixture files, plus the few
// server behaviours a browser test cannot produce on its own (an error status,
// a slow answer, a CSP header). Nothing in the page under test is mocked.
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const aborted = new Set();

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

function waitOrClose(ctx, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('done'), ms);
    ctx.req.once('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
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
        // /mock/slow/<ms>/<token>/<fixture path>
        const [ms, token, ...file] = rest;
        const outcome = await waitOrClose(ctx, Number(ms));
        if (outcome === 'closed') {
          aborted.add(token);
          return;
        }
        const name = file.join('/');
        ctx.type = typeOf(name);
        ctx.body = await fixture(name);
        return;
      }
      case 'aborted': {
        ctx.type = 'application/json';
        ctx.body = JSON.stringify({ aborted: aborted.has(rest[0]) });
        return;
      }
      case 'xss-feed.json': {
        ctx.type = 'application/feed+json';
        ctx.body = JSON.stringify(await xssFeed());
        return;
      }
      case 'csp': {
        // /mock/csp/<fixture path>: the file with a strict Content-Security-Policy.
        const name = rest.join('/');
        ctx.set(
          'Content-Security-Policy',
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; object-src 'none'; form-action 'none'; frame-ancestors 'self'",
        );
        ctx.type = typeOf(name);
        ctx.body = await fixture(name);
        return;
      }
      default:
        ctx.status = 404;
    }
  };
}
