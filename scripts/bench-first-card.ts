/**
 * Where the listing's first card spends its time at 1,000 items, against two
 * floors (a benchmark, not a test: `npm run bench:first-card`).
 *
 * bench-reader.ts times the first card from the feed's first byte for the
 * listing, List.js and a page of innerHTML. This script takes the listing's
 * figure apart, loading each page below in turn in a fresh browser context,
 * round after round (env FIRST_CARD_ROUNDS, default 20; FIRST_CARD_ITEMS,
 * default 1,000; BENCH_DIST, another build's folder in place of dist/), and
 * prints the median and spread of each:
 *   innerHTML     fetch, JSON.parse, the first 24 cards as an HTML string (the floor of bench-reader.ts);
 *   Lit           fetch, JSON.parse, eight cards as Lit elements with shadow roots, lit loaded first;
 *   listing       <library-list> as a page uses it: the bundle, then the element;
 *   virtual       the same with `virtual`;
 *   no controls   the same with `no-controls`: no reader-tools chunk, no search box;
 *   chunks ready  the listing, its two lazy chunks imported before the element is made;
 *   idle          the chunks imported, the element made and settled (on a feed it cannot load), then given the feed;
 *   idle, no controls  the same, without controls.
 * Each time runs from the feed's Resource Timing responseStart to a task
 * queued from the requestAnimationFrame in which the first card exists, as
 * in bench-reader.ts. The differences between neighbouring rows are the costs
 * of the reader tools, of the chunks' evaluation, and of the listing's own
 * start-up while the feed arrives.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';
import { bigFeed } from '../test/server/fixture-server.mjs';
import { whenPageSets } from './bench-signal.js';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.BENCH_DIST ?? join(root, 'dist'));
const ITEMS = Number(process.env.FIRST_CARD_ITEMS ?? 1000);
const ROUNDS = Math.max(1, Number(process.env.FIRST_CARD_ROUNDS ?? 20) || 20);
const feedText = JSON.stringify(bigFeed(ITEMS));
/**
 * The address of a chunk as the listing's bundle imports it. Not the first file of dist/chunks by
 * name: the other bundles share a second reader chunk (`parse-feed-*` beside `load-feed-*`), which
 * the listing never loads.
 */
const chunk = (name: string) => {
  if (!existsSync(join(dist, 'virtual-library.js'))) throw new Error(`${join(dist, 'virtual-library.js')} is missing: run npm run build first`);
  const entry = readFileSync(join(dist, 'virtual-library.js'), 'utf8');
  const found = new Set([...entry.matchAll(/import\(`(\.\/chunks\/([\w-]+)-[\w-]{8}\.js)`\)/g)].filter((m) => m[2] === name).map((m) => m[1]));
  if (found.size !== 1) throw new Error(`dist/virtual-library.js imports ${found.size} ${name} chunks: expected one`);
  return [...found][0];
};

/** Sets window.done = { first } once `find()` gives the first card and that frame is painted. */
const timer = (find: string) => `
const found = () => ${find};
const afterPaint = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
const poll = async () => {
  if (!found()) return requestAnimationFrame(poll);
  await afterPaint();
  const at = performance.now();
  let entry;
  while (!(entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/feed.json')))) await new Promise((r) => setTimeout(r, 5));
  window.done = { first: at - entry.responseStart };
};
requestAnimationFrame(poll);`;

const STYLE = `<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}
.card{list-style:none;border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin:0 0 1rem}.card p,.card h3{margin:.25rem 0}ul{padding:0}</style>`;
const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first card</title>${STYLE}
<script type="importmap">{"imports":{"lit":"/lit/lit/index.js","lit/":"/lit/lit/","lit-html":"/lit/lit-html/lit-html.js","lit-html/":"/lit/lit-html/","lit-element/":"/lit/lit-element/","@lit/reactive-element":"/lit/@lit/reactive-element/reactive-element.js","@lit/reactive-element/":"/lit/@lit/reactive-element/"}}</script>
</head><body>${body}</body></html>`;

/** The card's words, as the floor of bench-reader.ts writes them. */
const WORDS = String.raw`
const label = (slug) => slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const names = (item) => (item.authors ?? []).map((a) => a.name).join(', ');
const when = (item) => (item.date_published ? day.format(new Date(item.date_published)) : '');`;

const listing = (setup: string, attributes = '') => `<script type="module">
import './virtual-library.js';
${setup}
const list = document.createElement('library-list');
${attributes}
list.setAttribute('feed', 'feed.json');
document.body.append(list);
${timer("list.shadowRoot?.querySelector('.results publication-card')?.shadowRoot?.querySelector('[part~=card]')")}
</script>`;

/** Chunks imported, then a list made on a feed it cannot load and left to settle before it is given the real one. */
const idle = (noControls: boolean) => `<script type="module">
import './virtual-library.js';
await import('${chunk('parse-feed')}');
${noControls ? '' : `await import('${chunk('reader-tools')}');`}
const list = document.createElement('library-list');
${noControls ? "list.setAttribute('no-controls', '');" : ''}
list.setAttribute('feed', 'missing.json');
document.body.append(list);
await new Promise((resolve) => list.addEventListener('library-error', resolve, { once: true }));
await new Promise((resolve) => setTimeout(resolve, 200));
list.setAttribute('feed', 'feed.json');
${timer("list.shadowRoot?.querySelector('.results publication-card')?.shadowRoot?.querySelector('[part~=card]')")}
</script>`;

const PAGES: [label: string, html: string][] = [
  [
    'innerHTML',
    page(`<ul class="results"></ul><script type="module">
${WORDS}
const escape = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
const results = document.querySelector('.results');
${timer('results.firstElementChild')}
const items = JSON.parse(await (await fetch('feed.json')).text()).items;
results.innerHTML = items.slice(0, 24).map((item) => '<li class="card"><p>' + escape(label(item._library?.type ?? '')) + '</p><h3><a href="' + escape(item.url) + '">' + escape(item.title) + '</a></h3><p>' + escape(names(item)) + '</p><p>' + when(item) + '</p><p>' + escape((item.tags ?? []).join(', ')) + '</p><p>' + escape(item.summary ?? '') + '</p></li>').join('');
</script>`),
  ],
  [
    'Lit',
    page(`<ul class="results"></ul><script type="module">
import { LitElement, css, html, render } from 'lit';
${WORDS}
class BenchCard extends LitElement {
  static properties = { item: { attribute: false } };
  static styles = css\`:host{display:block;border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin:0 0 1rem}p,h3{margin:.25rem 0}\`;
  render() {
    const item = this.item;
    return html\`<article part="card"><p>\${label(item._library?.type ?? '')}</p><h3><a href=\${item.url}>\${item.title}</a></h3>
      <p>\${names(item)}</p><p>\${when(item)}</p><p>\${(item.tags ?? []).join(', ')}</p><p>\${item.summary ?? ''}</p></article>\`;
  }
}
customElements.define('bench-card', BenchCard);
const results = document.querySelector('.results');
${timer("document.querySelector('bench-card')?.shadowRoot?.querySelector('[part~=card]')")}
const items = JSON.parse(await (await fetch('feed.json')).text()).items;
render(items.slice(0, 8).map((item) => html\`<li><bench-card .item=\${item}></bench-card></li>\`), results);
</script>`),
  ],
  ['listing', page(listing(''))],
  ['virtual', page(listing('', "list.setAttribute('virtual', '');"))],
  ['no controls', page(listing('', "list.setAttribute('no-controls', '');"))],
  ['chunks ready', page(listing(`await import('${chunk('parse-feed')}');\nawait import('${chunk('reader-tools')}');`))],
  ['idle', page(idle(false))],
  ['idle, no controls', page(idle(true))],
];

const LIT_PACKAGES = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'];
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://bench').pathname);
  const send = (type: string, body: string | Buffer) => response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) }).end(body);
  if (path === '/feed.json') return send('application/feed+json', feedText);
  const numbered = /^\/(\d+)$/.exec(path);
  if (numbered && PAGES[Number(numbered[1])]) return send('text/html', PAGES[Number(numbered[1])][1]);
  // lit's own ES modules, unbundled, for the Lit page (its import map points here).
  const lit = /^\/lit\/((?:@lit\/)?[\w-]+)\/(.+\.js)$/.exec(path);
  if (lit && LIT_PACKAGES.includes(lit[1]) && !lit[2].includes('..')) return send('text/javascript', readFileSync(join(root, 'node_modules', lit[1], lit[2])));
  const file = join(dist, path);
  if (file.startsWith(`${dist}/`) && file.endsWith('.js') && existsSync(file)) return send('text/javascript', readFileSync(file));
  response.writeHead(404).end();
});
await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const times = PAGES.map(() => [] as number[]);
try {
  // Round -1 warms the browser and is not counted.
  for (let round = -1; round < ROUNDS; round++) {
    // Each round starts one page further on, so that no page always follows the same one.
    for (let k = 0; k < PAGES.length; k++) {
      const i = (k + Math.max(0, round)) % PAGES.length;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const tab = await context.newPage();
      tab.on('pageerror', (error) => console.error(`${PAGES[i][0]}: ${error.message}`));
      const done = await whenPageSets<{ first: number }>(tab, 'done', 60_000);
      await tab.goto(`${origin}/${i}`);
      const { first } = await done.value;
      if (round >= 0) times[i].push(first);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
const floor = median(times[0]);
console.log(`\nFirst card at ${ITEMS.toLocaleString('en')} items, from the feed's first byte (ms; median, then the middle half, of ${ROUNDS} rounds)`);
for (const [i, [label]] of PAGES.entries()) {
  const all = sorted(times[i]);
  const quarter = (q: number) => all[Math.floor((all.length - 1) * q)];
  console.log(
    `${label.padEnd(20)}${median(times[i]).toFixed(1).padStart(7)}   ${quarter(0.25).toFixed(0)}–${quarter(0.75).toFixed(0)}`.padEnd(40) +
      `${(median(times[i]) / floor).toFixed(2)}× innerHTML`,
  );
}
