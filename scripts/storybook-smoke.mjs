#!/usr/bin/env node
// Loads every story of the built Storybook (`npm run build-storybook` first) in
// headless Chromium and fails on what a reader would hit:
//   - a story that does not render (Storybook's error screen, or no shadow content within 5 s),
//   - an uncaught exception (always),
//   - a console error (unless the story is tagged `expect-console-errors`),
//   - a failed request, or an HTTP error answer (a story tagged `expect-404` may get
//     404 for its feed under `fixtures/`, nothing else),
//   - a request outside the sub-path Storybook is served from (an absolute URL
//     that would break Storybook published under a sub-path of a site),
//   - an axe-core violation in the story's root.
// Storybook is served under a sub-path (`/sb/`) to prove it works from one.
//
// Usage: node scripts/storybook-smoke.mjs [--screenshots=DIR] [id-substring…]
import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const ROOT = resolve(import.meta.dirname, '..', 'storybook-static');
const BASE = '/sb/';
/** axe-core, served beside Storybook (not under BASE) so the browser caches and compiles it once. */
const AXE_URL = '/__smoke__/axe.min.js';
/** Stories checked at once: two pages keep both cores busy. */
const WORKERS = 2;
const RENDER_TIMEOUT = 5_000;
/** The story counts as settled when its DOM has not changed for this long with no request in flight. */
const QUIET_PERIOD = 300;

const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  resultTypes: ['violations'],
  rules: {
    // A story shows one component alone; the page it is used in supplies the
    // landmarks and the page's first-level heading. These rules judge a whole
    // page, not a component.
    region: { enabled: false },
    'page-has-heading-one': { enabled: false },
    'landmark-one-main': { enabled: false },
  },
};

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const args = process.argv.slice(2);
const screenshots = args.find((a) => a.startsWith('--screenshots='))?.slice('--screenshots='.length);
const filters = args.filter((a) => !a.startsWith('--'));

function fail(message) {
  console.error(message);
  process.exit(1);
}

let axePath;
try {
  axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
} catch {
  fail('axe-core is not installed: run `npm install` (it is a devDependency).');
}

let index;
try {
  index = JSON.parse(await readFile(join(ROOT, 'index.json'), 'utf8'));
} catch (error) {
  fail(`No built Storybook at ${ROOT} (${error.message}). Run \`npm run build-storybook\` first.`);
}
const stories = Object.values(index.entries)
  .filter((entry) => entry.type === 'story')
  .filter((entry) => filters.length === 0 || filters.some((f) => entry.id.includes(f)));
if (stories.length === 0) fail('No stories found in storybook-static/index.json.');

/** Serves storybook-static/ under BASE only; everything else is a 404. */
const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url, 'http://localhost');
  if (pathname === '/favicon.ico') {
    // Chromium asks the site's root for an icon on its own; that is the host site's business, not Storybook's.
    response.writeHead(204).end();
    return;
  }
  if (pathname === AXE_URL) {
    response.writeHead(200, { 'content-type': CONTENT_TYPES['.js'], 'cache-control': 'max-age=600' });
    response.end(await readFile(axePath));
    return;
  }
  if (pathname === BASE.slice(0, -1)) {
    response.writeHead(301, { location: BASE }).end();
    return;
  }
  let file = pathname.startsWith(BASE) ? resolve(ROOT, '.' + decodeURIComponent(pathname.slice(BASE.length - 1))) : undefined;
  if (file && file !== ROOT && !file.startsWith(ROOT + sep)) file = undefined;
  try {
    if (!file) throw new Error('outside');
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      // Pages of one run share the browser's cache, so each story does not fetch Storybook's bundles again.
      'cache-control': 'max-age=600',
    });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

let browser;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
} catch (error) {
  server.close();
  fail(`Could not start ${CHROMIUM} (${error.message.split('\n')[0]}). Install it with: apt-get install -y chromium`);
}
const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
if (screenshots) await mkdir(screenshots, { recursive: true });

/** Runs in the page: whether the story's element has rendered, and a snapshot of all its DOM, shadow roots included. */
function inspect() {
  const root = document.querySelector('#storybook-root');
  const errorShown = document.body.classList.contains('sb-show-errordisplay');
  if (errorShown) {
    const text = document.querySelector('#error-message')?.textContent ?? '';
    return { error: text.trim() || 'Storybook showed its error screen', rendered: false, snapshot: '' };
  }
  const deep = (node) => {
    let html = '';
    for (const element of node.querySelectorAll('*')) {
      if (element.shadowRoot) html += `<#shadow ${element.localName}>${element.shadowRoot.innerHTML}${deep(element.shadowRoot)}`;
    }
    return html;
  };
  const element = [...(root?.querySelectorAll('*') ?? [])].find((el) => el.localName.includes('-') && el.shadowRoot);
  const pdfPage = root?.querySelector('pdf-viewer')?.shadowRoot?.querySelector('.page[data-drawn]');
  return {
    rendered: Boolean(element && element.shadowRoot.childElementCount > 0),
    pdfText: pdfPage ? (pdfPage.querySelector('.textLayer')?.textContent ?? '') : undefined,
    snapshot: root ? root.innerHTML + deep(root) : '',
  };
}

async function check(story) {
  const tags = new Set(story.tags ?? []);
  const problems = [];
  const consoleErrors = [];
  const warnings = [];
  let inFlight = 0;
  const page = await context.newPage();
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') {
      const { url } = message.location();
      consoleErrors.push(url && !text.includes(url) ? `${text} (${url})` : text);
    }
    if (message.type() === 'warning') {
      warnings.push(text);
      // Storybook's own warning when a `component` is missing from the manifest: its docs would be empty.
      if (text.includes('not found in custom-elements.json')) problems.push(`manifest: ${text}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('request', () => inFlight++);
  page.on('requestfinished', () => inFlight--);
  page.on('requestfailed', (request) => {
    inFlight--;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.url().startsWith(origin) && !pathname.startsWith(BASE) && pathname !== AXE_URL) {
      problems.push(`request outside ${BASE}: ${pathname} (an absolute URL: breaks Storybook on a sub-path)`);
    } else if (response.status() >= 400) {
      const expected = response.status() === 404 && tags.has('expect-404') && pathname.startsWith(`${BASE}fixtures/`);
      if (!expected) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });

  try {
    const url = `${origin}${BASE}iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`;
    await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
    const start = Date.now();
    let last = '';
    let stableSince = Date.now();
    let state;
    for (;;) {
      state = await page.evaluate(inspect);
      if (state.error) break;
      if (state.snapshot !== last || inFlight > 0) {
        last = state.snapshot;
        stableSince = Date.now();
      }
      const waitingForPdf = tags.has('expect-pdf-page') && state.pdfText === undefined;
      if (state.rendered && !waitingForPdf && Date.now() - stableSince >= QUIET_PERIOD) break;
      if (Date.now() - start > RENDER_TIMEOUT) break;
      await page.waitForTimeout(50);
    }
    if (state.error) problems.push(`story failed to render: ${state.error.split('\n')[0]}`);
    else if (!state.rendered) problems.push(`the element rendered nothing within ${RENDER_TIMEOUT / 1000} s`);
    else if (tags.has('expect-pdf-page') && !state.pdfText) problems.push('the PDF viewer drew no page with text');

    if (!state.error) {
      await page.addScriptTag({ url: AXE_URL });
      const violations = await page.evaluate(
        (options) => window.axe.run(document.querySelector('#storybook-root'), options).then((r) => r.violations),
        AXE_OPTIONS,
      );
      for (const v of violations) {
        const where = v.nodes.map((n) => n.target.flat().join(' >> ')).slice(0, 3).join(' | ');
        const detail = v.nodes[0]?.failureSummary?.split('\n').slice(1).join(' ').trim();
        problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${where}${detail ? ` — ${detail}` : ''}`);
      }
    }
    if (screenshots) await page.screenshot({ path: join(screenshots, `${story.id}.png`), fullPage: true });
  } catch (error) {
    problems.push(`could not load the story: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }

  if (!tags.has('expect-console-errors')) problems.push(...consoleErrors.map((text) => `console error: ${text}`));
  return { problems, consoleErrors, warnings };
}

let passed = 0;
let failed = 0;
const started = Date.now();
const results = stories.map(() => undefined);
let printed = 0;
/** Prints results in index order as they become available. */
function print() {
  while (printed < stories.length && results[printed]) {
    const story = stories[printed];
    const { problems, consoleErrors, warnings } = results[printed++];
    const notes = [
      consoleErrors.length && (story.tags ?? []).includes('expect-console-errors') && `${consoleErrors.length} expected console errors`,
      warnings.length && `${warnings.length} console warnings`,
    ].filter(Boolean);
    if (problems.length === 0) {
      passed++;
      console.log(`✓ ${story.id}${notes.length ? ` (${notes.join(', ')})` : ''}`);
    } else {
      failed++;
      console.log(`✗ ${story.id}`);
      for (const problem of problems) console.log(`    ${problem}`);
    }
  }
}
let next = 0;
async function worker() {
  while (next < stories.length) {
    const i = next++;
    results[i] = await check(stories[i]).catch((error) => ({
      problems: [`the check itself failed: ${error.message.split('\n')[0]}`],
      consoleErrors: [],
      warnings: [],
    }));
    print();
  }
}
try {
  await Promise.all(Array.from({ length: WORKERS }, worker));
} finally {
  await browser.close();
  server.close();
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s, served from ${origin}${BASE})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
