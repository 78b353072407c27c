/**
 * `npx tsx scripts/bench-reader.ts`: the reader's tools — loading, search,
 * the type filter, scrolling — measured side by side in one headless Chromium
 * run. Figures are printed, never asserted. Run `npm run build:bundle` first
 * (the script serves dist/virtual-library.js and its chunks).
 *
 * Contenders, each on its own page from a local node:http server, over the
 * same generated feed (`bigFeed(n)` from test/server/fixture-server.mjs):
 *   ours (paged)    `<library-list feed>` from dist/: "Show more" after 24 cards.
 *   ours (virtual)  the same with the `virtual` attribute, measured only when a
 *                   virtualizer really renders the results (a `lit-virtualizer`
 *                   element, or rows the virtualize directive has positioned).
 *   List.js         list.js as its documentation shows: the items as plain HTML
 *                   (type, title, authors, date, tags, summary), then
 *                   `new List(id, { valueNames })`; `list.search(q)` on the
 *                   box's `input` event (not List.js's own debounced keyup
 *                   binding, so no debounce delay is counted), `list.filter(fn)`
 *                   for the type filter. `searchColumns` leaves the date out,
 *                   so it searches the same fields as the others. `new List`
 *                   runs once the HTML has been painted, as a deferred script
 *                   would enhance server-rendered HTML.
 *   vanilla floor   fetch + JSON.parse, innerHTML of the first 24 items; after
 *                   that frame, one lowercase string per item; per keystroke a
 *                   linear `includes` scan of every item and innerHTML of the
 *                   first 24 matches.
 * All search the title, authors, summary, tags and type label, and need every
 * word of the query. List.js and the floor match a word anywhere in the text
 * ("7" finds 17); ours may match only the start of words ("7" finds 7 and 70,
 * not 17), so on a multi-word query it can find fewer: both counts are worked
 * out in Node, and the output says which one ours gives.
 *
 * Per size (1,000, 10,000, 100,000; env BENCH_SIZES=1000,10000) and run (env
 * BENCH_RUNS, default 3; every run a fresh browser context), after one
 * unrecorded warm-up load of each page (env BENCH_DIST: another build's
 * folder in place of dist/, to compare two builds run after run):
 * - first card: the feed's Resource Timing `responseStart` (its first byte)
 *   → first card painted. From the first byte rather than the last, because
 *   ours reads a large feed as it arrives and can paint before the last.
 *   Every page polls with requestAnimationFrame until its first card exists
 *   (ours: the first publication-card's `[part~=card]`); a task queued from
 *   that frame's rAF callback runs after the frame is painted: that time.
 * - interactive: `responseStart` → the first search with a right result count
 *   in the DOM. The probe ("coauthor 12") is typed when the contender is ready
 *   (ours: when `searchReady` turns true if the element has it, else at once
 *   after the first card; List.js: after `new List`; vanilla: after its
 *   strings exist) and typed again every frame until the count is right.
 * - keystrokes: five queries typed letter by letter, every prefix a keystroke
 *   ("number 7", "topic 3", "author 4", "coauthor 12", "zzz": 37 a run, at
 *   least two frames apart, the box cleared between queries, unmeasured).
 *   A keystroke is timed from performance.now() before setting the box's value and
 *   dispatching `input` (bubbling, composed) to performance.now() once the
 *   contender's DOM is updated: for ours after `await list.updateComplete`
 *   (in virtual mode one more task, so the virtualizer's microtasks have put
 *   the rows in) and the `updateComplete` of every Lit element in its shadow
 *   root (the cards, the filters); for List.js and the floor when
 *   dispatchEvent returns (their handlers are synchronous). Median and p95
 *   over every keystroke of every run. "key→paint": median to the end of the
 *   next frame (a task queued from its rAF), so style, layout and paint of
 *   the new results count. Each keystroke's result count is checked (ours:
 *   `resultCount`, else the number in its count line; List.js:
 *   `matchingItems.length`; vanilla: its match count).
 * - filter on / off: type "report" chosen, then cleared, each timed like a
 *   keystroke, by `.click()` on the checkbox (ours: `input[type=checkbox]
 *   [name=type]` whose value is "report", in its shadow root or a nested one
 *   such as `<library-facets>`; in builds with only a type `<select>`, that,
 *   as noted in the output). Medians.
 * - heaps after load: CDP `HeapProfiler.collectGarbage`, then
 *   `Runtime.getHeapUsage`: `usedSize` (JS heap), `backingStorageSize` (the
 *   bytes of array buffers, outside the JS heap: our search index and the
 *   publications' shelved fields) and `embedderHeapUsedSize` (Blink's heap:
 *   DOM nodes and the like). After "interactive", before typing.
 * - DOM nodes after load: element, text and comment nodes, shadow roots
 *   included. (List.js also holds the elements of items beyond its first
 *   10,000 outside the document: they count in its heap, not here.)
 * - longest task: the longest `longtask` entry (PerformanceObserver, buffered)
 *   starting after the first card was painted — the rest of loading, typing,
 *   the filter, and scrolling to the bottom in ten jumps (then until the page
 *   stops growing) — leaving out the forced GC and the node count; the longest
 *   of all runs, and what the page was doing when it began. "<50" means none:
 *   the browser reports only tasks of 50 ms or more.
 * Then ratios, ours ÷ List.js and ours ÷ the floor, for every figure.
 * When 10,000 is among the sizes, first card and interactive once more for
 * ours (paged), List.js and the floor with every request throttled (CDP
 * network emulation: 20 Mbit/s, 40 ms round trips), as a reader's link
 * rather than the loopback, where the feed downloads in a few milliseconds.
 * The pages are cross-origin isolated (COOP + COEP), which gives
 * performance.now() 5 µs steps rather than 100 µs.
 *
 * Time budget, so that a default run takes a few minutes: where one run of a
 * contender took over 45 s it is not repeated at that size, and where its
 * typing took over 10 s later runs skip the typing (in practice List.js at
 * 10,000 and 100,000 items runs once). The output says so. BENCH_FULL=1 repeats everything.
 * BENCH_VERBOSE=1 prints each run's duration on stderr.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';
import { bigFeed } from '../test/server/fixture-server.mjs';
import { whenPageSets } from './bench-signal.js';

const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.BENCH_DIST ?? join(root, 'dist'));
const listJsDir = join(root, 'node_modules', 'list.js');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000')
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')))
  .filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const FULL = process.env.BENCH_FULL === '1';
const BUDGET = { run: 45, typing: 10 };
const QUERIES = ['number 7', 'topic 3', 'author 4', 'coauthor 12', 'zzz'];
const PROBE = 'coauthor 12';
const FIRST_SCREEN = 24;

// ---------------------------------------------------------------------------
// Feeds, and the result counts to check against

type FeedItem = {
  title: string;
  summary?: string;
  authors?: { name: string }[];
  tags?: string[];
  _library?: { type?: string };
};

/** A query's count when words match anywhere (`sub`) and when they match the start of a word (`pre`). */
interface Counts {
  sub: number;
  pre: number;
}

interface Expected {
  queries: { text: string; expected: Counts[] }[];
  probe: Counts;
  filter: { on: number; off: number };
}

const feeds = new Map<number, { text: string; expected: Expected }>();

/** "fact-sheet" → "Fact Sheet", as the element labels a type the feed does not describe. */
const typeLabel = (slug: string) =>
  slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;

function feed(n: number) {
  let entry = feeds.get(n);
  if (entry) return entry;
  const data = bigFeed(n);
  const items = data.items as FeedItem[];
  const texts = items.map((item) =>
    [
      item.title,
      (item.authors ?? []).map((a) => a.name).join(' '),
      item.summary ?? '',
      (item.tags ?? []).join(' '),
      typeLabel(item._library?.type ?? ''),
    ]
      .join('\n')
      .toLowerCase(),
  );
  // Every word with a space before it, so that " 7" finds the words that start with 7.
  const words = texts.map((text) => ' ' + text.split(SEPARATORS).filter(Boolean).join(' '));
  const count = (query: string): Counts => {
    const anywhere = query.toLowerCase().split(/\s+/).filter(Boolean);
    const starts = query.toLowerCase().split(SEPARATORS).filter(Boolean).map((w) => ' ' + w);
    let sub = 0;
    let pre = 0;
    for (let i = 0; i < items.length; i++) {
      if (anywhere.every((w) => texts[i]!.includes(w))) sub++;
      if (starts.every((w) => words[i]!.includes(w))) pre++;
    }
    return { sub, pre };
  };
  const expected: Expected = {
    queries: QUERIES.map((text) => ({
      text,
      expected: Array.from({ length: text.length }, (_, i) => count(text.slice(0, i + 1))),
    })),
    probe: count(PROBE),
    filter: { on: items.filter((item) => item._library?.type === 'report').length, off: items.length },
  };
  entry = { text: JSON.stringify(data), expected };
  feeds.set(n, entry);
  return entry;
}

// ---------------------------------------------------------------------------
// Pages

/**
 * The measuring code, the same on every page. It talks to a contender only
 * through this interface: firstCard(), ready(), input(), settled(), count(),
 * filter() (a fresh handle to the type checkbox, or null) and info().
 */
const HARNESS = String.raw`
(() => {
  const longTasks = [];
  let observer;
  try {
    observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]); });
    observer.observe({ type: 'longtask', buffered: true });
  } catch {}
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const nextTask = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(null); });
  // A task queued from a rAF callback runs once that frame's style, layout and paint are done.
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => nextTask().then(resolve)));
  // The feed's Resource Timing entry, added once it has downloaded: a page that reads the feed as it
  // arrives can show its first card before that.
  const feedEntry = new Promise((resolve) => {
    const find = (entries) => entries.find((e) => /feed-\d+\.json/.test(e.name));
    const observer = new PerformanceObserver((list) => {
      const entry = find(list.getEntries());
      if (entry) { observer.disconnect(); resolve(entry); }
    });
    observer.observe({ type: 'resource', buffered: true });
  });
  let feedStart = NaN;
  const excluded = [];
  const phases = [['load', -Infinity]];
  const phase = (name) => phases.push([name, performance.now()]);
  let firstPaintAt = Infinity;
  let c;

  async function timed(act) {
    const start = performance.now();
    act();
    await c.settled();
    const dom = performance.now();
    await afterPaint();
    return { at: dom, dom: dom - start, paint: performance.now() - start, count: c.count() };
  }

  function type(value) {
    const input = c.input();
    if (!input) throw new Error('no search box');
    return timed(() => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    });
  }

  function countNodes(rootNode) {
    const walker = document.createTreeWalker(rootNode, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
    let nodes = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      if (node.shadowRoot) nodes += countNodes(node.shadowRoot);
    }
    return nodes;
  }

  window.bench = {
    /** Called by the page with its contender; sets window.loaded when the first card is painted and search works. */
    async start(contender, probe) {
      c = contender;
      try {
        await new Promise((resolve) => {
          const poll = () => (c.firstCard() ? nextTask().then(resolve) : requestAnimationFrame(poll));
          requestAnimationFrame(poll);
        });
        firstPaintAt = performance.now();
        feedStart = (await feedEntry).responseStart;
        const firstCard = firstPaintAt - feedStart;
        await c.ready();
        let interactive = NaN;
        let probes = 0;
        let count;
        const deadline = performance.now() + 60000;
        while (performance.now() < deadline) {
          probes++;
          const r = await type(probe.query);
          count = r.count;
          if (probe.accept.includes(r.count)) { interactive = r.at - feedStart; break; }
          await frame();
        }
        await type('');
        await frame();
        window.loaded = { firstCard, interactive, probes, probeCount: count, isolated: self.crossOriginIsolated, ...c.info() };
      } catch (error) {
        window.loaded = { error: String((error && error.stack) || error) };
      }
    },
    exclude(from, to) { excluded.push([from, to]); },
    nodes() {
      // Left out of the long tasks, like the forced GC: it is the benchmark's work, not the page's.
      const from = performance.now();
      const nodes = countNodes(document);
      excluded.push([from, performance.now()]);
      return nodes;
    },
    async keystrokes(queries) {
      phase('typing');
      const dom = [], paint = [], counts = [];
      for (const query of queries) {
        for (let i = 1; i <= query.length; i++) {
          const r = await type(query.slice(0, i));
          dom.push(r.dom);
          paint.push(r.paint);
          counts.push(r.count ?? null);
          await frame();
        }
        await type('');
        await frame();
      }
      return { dom, paint, counts };
    },
    async filter() {
      phase('filter');
      const first = c.filter();
      if (!first) return null;
      const on = await timed(() => first.toggle());
      await frame();
      await frame();
      const again = c.filter();
      if (!again) return null;
      const off = await timed(() => again.toggle());
      await frame();
      return { method: first.method, on: on.dom, off: off.dom, counts: [on.count ?? null, off.count ?? null] };
    },
    async scrollToBottom() {
      phase('scroll');
      const el = document.scrollingElement;
      for (let step = 1; step <= 10; step++) {
        window.scrollTo(0, (step / 10) * (el.scrollHeight - innerHeight));
        await frame();
        await frame();
      }
      let last = -1;
      for (let i = 0; i < 40 && el.scrollHeight !== last; i++) {
        last = el.scrollHeight;
        window.scrollTo(0, el.scrollHeight);
        await frame();
        await frame();
        await frame();
      }
    },
    async longestTask() {
      await nextTask();
      await frame();
      await nextTask();
      if (observer) for (const e of observer.takeRecords()) longTasks.push([e.startTime, e.duration]);
      let longest = 0;
      let during = '';
      for (const [start, duration] of longTasks) {
        if (start < firstPaintAt || duration <= longest) continue;
        if (excluded.some(([from, to]) => start < to && start + duration > from)) continue;
        longest = duration;
        during = phases.filter(([, at]) => at <= start).pop()[0];
      }
      return { supported: !!observer, longest, during };
    },
  };
})();
`;

/** The markup List.js and the floor share: one `<li>` per item, every text escaped. */
const CARD_HTML = String.raw`
const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
const typeLabel = (slug) => slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const authorsOf = (item) => (item.authors ?? []).map((a) => a.name).join(', ');
const cardHtml = (item) =>
  '<li class="card"><p class="type">' + escapeHtml(typeLabel(item._library?.type ?? '')) + '</p>' +
  '<h3><a class="title" href="' + escapeHtml(item.url) + '">' + escapeHtml(item.title) + '</a></h3>' +
  '<p class="authors">' + escapeHtml(authorsOf(item)) + '</p>' +
  '<p class="date">' + (item.date_published ? dateFormat.format(new Date(item.date_published)) : '') + '</p>' +
  '<p class="tags">' + escapeHtml((item.tags ?? []).join(', ')) + '</p>' +
  '<p class="summary">' + escapeHtml(item.summary ?? '') + '</p></li>';
const afterFirstFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
`;

const CONTROLS = `<form onsubmit="return false"><input type="search" aria-label="Search publications">
<label><input type="checkbox" name="type" value="report"> Reports only</label></form><p class="count"></p>`;

const STYLE = `<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}
.card{list-style:none;border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.card p,.card h3{margin:.25rem 0}</style>`;

function page(title: string, head: string, body: string, script: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script>${HARNESS}</script>${STYLE}${head}</head><body>${body}
<script type="module">
const params = new URLSearchParams(location.search);
const n = params.get('n');
const probe = JSON.parse(params.get('probe'));
${script}
</script></body></html>`;
}

const PAGES: Record<string, string> = {
  '/ours.html': page(
    'ours',
    '',
    '',
    String.raw`
import './virtual-library.js';
const list = document.createElement('library-list');
if (params.get('virtual')) list.setAttribute('virtual', '');
list.setAttribute('feed', 'feed-' + n + '.json');
document.body.append(list);
const shadow = () => list.shadowRoot;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTask = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(null); });
/** The virtualizer's host: a lit-virtualizer, or the parent of rows the virtualize directive positioned. */
const virtualHost = () => {
  const root = shadow();
  if (!root) return null;
  const element = root.querySelector('lit-virtualizer');
  if (element) return element;
  for (let node = root.querySelector('publication-card'); node && node !== root; node = node.parentNode)
    if (node.style?.transform?.startsWith('translate')) return node.parentNode;
  return null;
};
/** A match in the list's shadow root or in a nested one (such as the filters'), not inside cards. */
const deepFind = (root, test) => {
  for (const el of root.querySelectorAll('*')) {
    if (test(el)) return el;
    if (el.shadowRoot && el.localName !== 'publication-card') {
      const found = deepFind(el.shadowRoot, test);
      if (found) return found;
    }
  }
  return null;
};
window.bench.start({
  firstCard: () => shadow()?.querySelector('publication-card')?.shadowRoot?.querySelector('[part~=card]'),
  async ready() {
    if (!('searchReady' in list)) return;
    const deadline = performance.now() + 60000;
    while (!list.searchReady && performance.now() < deadline) await sleep(4);
  },
  input: () => shadow()?.querySelector('input[type=search]'),
  async settled() {
    await list.updateComplete;
    if (virtualHost()) { await nextTask(); await list.updateComplete; }
    const lit = [...shadow().querySelectorAll('*')].filter((el) => el.localName.includes('-') && el.updateComplete);
    await Promise.all(lit.map((el) => el.updateComplete));
  },
  count() {
    if (typeof list.resultCount === 'number') return list.resultCount;
    const text = shadow()?.querySelector('[part~=count]')?.textContent;
    const number = text?.match(/\d[\d,]*/);
    return number ? Number(number[0].replace(/,/g, '')) : undefined;
  },
  filter() {
    const root = shadow();
    if (!root) return null;
    const box = deepFind(root, (el) => el.localName === 'input' && el.type === 'checkbox' && el.name === 'type' && el.value === 'report');
    if (box) return { method: 'checkbox', toggle: () => box.click() };
    const select = [...root.querySelectorAll('select')].find((s) => [...s.options].some((o) => o.value === 'report'));
    if (!select) return null;
    const everything = [...select.options].find((o) => o.value !== 'report')?.value ?? '';
    return {
      method: 'select',
      toggle() {
        select.value = select.value === 'report' ? everything : 'report';
        select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      },
    };
  },
  info: () => ({
    virtual: !!virtualHost(),
    searchReady: 'searchReady' in list,
    resultCount: typeof list.resultCount === 'number',
  }),
}, probe);
`,
  ),
  '/listjs.html': page(
    'List.js',
    '<script src="list.min.js"></script>',
    `<div id="publications">${CONTROLS}<ul class="list"></ul></div>`,
    String.raw`
${CARD_HTML}
const input = document.querySelector('#publications input[type=search]');
const box = document.querySelector('#publications input[type=checkbox]');
const countLine = document.querySelector('#publications .count');
let list;
const ready = (async () => {
  const response = await fetch('feed-' + n + '.json');
  const feed = JSON.parse(await response.text());
  document.querySelector('#publications .list').innerHTML = feed.items.map(cardHtml).join('');
  await afterFirstFrame();
  list = new List('publications', {
    valueNames: ['title', 'authors', 'date', 'type', 'tags', 'summary'],
    searchColumns: ['title', 'authors', 'summary', 'tags', 'type'],
  });
  const count = () => (countLine.textContent = list.matchingItems.length + ' publications');
  list.on('updated', count);
  count();
  input.addEventListener('input', () => list.search(input.value));
  box.addEventListener('change', () => (box.checked ? list.filter((item) => item.values().type === 'Report') : list.filter()));
})();
window.bench.start({
  firstCard: () => document.querySelector('#publications .list > li'),
  ready: () => ready,
  input: () => input,
  settled: async () => {},
  count: () => list?.matchingItems.length,
  filter: () => ({ method: 'checkbox', toggle: () => box.click() }),
  info: () => ({ inDocument: document.querySelectorAll('#publications .list > li').length }),
}, probe);
`,
  ),
  '/vanilla.html': page(
    'vanilla',
    '',
    `<div id="publications">${CONTROLS}<ul class="results"></ul></div>`,
    String.raw`
${CARD_HTML}
const input = document.querySelector('#publications input[type=search]');
const box = document.querySelector('#publications input[type=checkbox]');
const countLine = document.querySelector('#publications .count');
const results = document.querySelector('#publications .results');
let matches = 0;
const ready = (async () => {
  const response = await fetch('feed-' + n + '.json');
  const items = JSON.parse(await response.text()).items;
  results.innerHTML = items.slice(0, ${FIRST_SCREEN}).map(cardHtml).join('');
  matches = items.length;
  countLine.textContent = matches + ' publications';
  await afterFirstFrame();
  const texts = items.map((item) =>
    [item.title, authorsOf(item), item.summary ?? '', (item.tags ?? []).join(' '), typeLabel(item._library?.type ?? '')].join('\n').toLowerCase());
  const types = items.map((item) => item._library?.type);
  const run = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const onlyReports = box.checked;
    const found = [];
    outer: for (let i = 0; i < texts.length; i++) {
      if (onlyReports && types[i] !== 'report') continue;
      const text = texts[i];
      for (const word of words) if (!text.includes(word)) continue outer;
      found.push(i);
    }
    matches = found.length;
    results.innerHTML = found.slice(0, ${FIRST_SCREEN}).map((i) => cardHtml(items[i])).join('');
    countLine.textContent = matches + ' publications';
  };
  input.addEventListener('input', run);
  box.addEventListener('change', run);
})();
window.bench.start({
  firstCard: () => results.firstElementChild,
  ready: () => ready,
  input: () => input,
  settled: async () => {},
  count: () => matches,
  filter: () => ({ method: 'checkbox', toggle: () => box.click() }),
  info: () => ({}),
}, probe);
`,
  ),
};

/** Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs; everything here is same-origin. */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(ISOLATED)) res.setHeader(name, value);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const feedPath = /^\/feed-(\d+)\.json$/.exec(path);
    if (feedPath) {
      // With its length, as a static file is served.
      const { text } = feed(Number(feedPath[1]));
      res.writeHead(200, { 'content-type': 'application/feed+json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
      return res.end(text);
    }
    if (PAGES[path]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(PAGES[path]);
    }
    if (path === '/list.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(join(listJsDir, 'dist', 'list.min.js')));
    }
    const file = join(dist, path);
    if (file.startsWith(dist + '/') && path.endsWith('.js') && existsSync(file)) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(file));
    }
    res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---------------------------------------------------------------------------
// Running

type Contender = 'paged' | 'virtual' | 'listjs' | 'vanilla';
const CONTENDERS: Contender[] = ['paged', 'virtual', 'listjs', 'vanilla'];
const NAMES: Record<Contender, string> = {
  paged: 'ours (paged)',
  virtual: 'ours (virtual)',
  listjs: 'List.js',
  vanilla: 'vanilla floor',
};
const URLS: Record<Contender, string> = {
  paged: '/ours.html?',
  virtual: '/ours.html?virtual=1&',
  listjs: '/listjs.html?',
  vanilla: '/vanilla.html?',
};
const isOurs = (who: Contender) => who === 'paged' || who === 'virtual';

interface Loaded {
  firstCard: number;
  interactive: number;
  probes: number;
  probeCount?: number;
  virtual?: boolean;
  searchReady?: boolean;
  resultCount?: boolean;
  isolated?: boolean;
  inDocument?: number;
  error?: string;
}

interface Run {
  loaded: Loaded;
  heap: number;
  buffers: number;
  domHeap: number;
  nodes: number;
  /** null when this run skipped the typing (the time budget). */
  keys: { dom: number[]; paint: number[]; counts: (number | null)[] } | null;
  filter: { method: string; on: number; off: number; counts: (number | null)[] } | null;
  longest: { supported: boolean; longest: number; during: string };
  /** Wall-clock seconds of the whole run and of its typing, for the time budget. */
  seconds: { total: number; typing: number };
}

interface Tally {
  runs: Run[];
  errors: string[];
}

async function measure(browser: Browser, port: number, who: Contender, n: number, typing = true): Promise<Run> {
  const began = performance.now();
  const { expected } = feed(n);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  try {
    const accept = isOurs(who) ? [expected.probe.sub, expected.probe.pre] : [expected.probe.sub];
    const probe = encodeURIComponent(JSON.stringify({ query: PROBE, accept }));
    const reported = await whenPageSets<Loaded>(tab, 'loaded', 240_000);
    await tab.goto(`http://127.0.0.1:${port}${URLS[who]}n=${n}&probe=${probe}`);
    const loaded = await reported.value;
    if (loaded.error) throw new Error(loaded.error);
    if (errors.length) throw new Error(errors.join('\n'));

    const cdp = await context.newCDPSession(tab);
    const gcFrom = (await tab.evaluate('performance.now()')) as number;
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number; embedderHeapUsedSize?: number };
    const gcTo = (await tab.evaluate('performance.now()')) as number;
    await tab.evaluate(`window.bench.exclude(${gcFrom}, ${gcTo})`);
    const nodes = (await tab.evaluate('window.bench.nodes()')) as number;
    const typingBegan = performance.now();
    const keys = typing ? ((await tab.evaluate(`window.bench.keystrokes(${JSON.stringify(QUERIES)})`)) as Run['keys']) : null;
    const typingSeconds = (performance.now() - typingBegan) / 1000;
    const filter = (await tab.evaluate('window.bench.filter()')) as Run['filter'];
    await tab.evaluate('window.bench.scrollToBottom()');
    const longest = (await tab.evaluate('window.bench.longestTask()')) as Run['longest'];
    if (errors.length) throw new Error(errors.join('\n'));
    return {
      loaded,
      heap: usage.usedSize,
      buffers: usage.backingStorageSize ?? NaN,
      domHeap: usage.embedderHeapUsedSize ?? NaN,
      nodes,
      keys,
      filter,
      longest,
      seconds: { total: (performance.now() - began) / 1000, typing: typingSeconds },
    };
  } finally {
    await context.close();
  }
}

/**
 * A reader's link rather than the loopback: every request of the page (the
 * scripts and the feed) throttled by Chromium's network emulation to
 * 20 Mbit/s with 40 ms round trips, so that the 10,000-item feed (4.3 MB)
 * takes some two seconds to download.
 */
const LINK = { items: 10_000, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 5e6 / 8 };

/** First card and interactive on the throttled link, from the feed's first byte, as in the tables. */
async function loadOnLink(browser: Browser, port: number, who: Contender): Promise<Loaded> {
  const { expected } = feed(LINK.items);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LINK.latency,
      downloadThroughput: LINK.downloadThroughput,
      uploadThroughput: LINK.uploadThroughput,
    });
    const accept = isOurs(who) ? [expected.probe.sub, expected.probe.pre] : [expected.probe.sub];
    const probe = encodeURIComponent(JSON.stringify({ query: PROBE, accept }));
    const reported = await whenPageSets<Loaded>(tab, 'loaded', 240_000);
    await tab.goto(`http://127.0.0.1:${port}${URLS[who]}n=${LINK.items}&probe=${probe}`);
    const loaded = await reported.value;
    if (loaded.error) throw new Error(loaded.error);
    return loaded;
  } finally {
    await context.close();
  }
}

async function onLink(browser: Browser, port: number, contenders: Contender[]) {
  const began = performance.now();
  const results = new Map<Contender, Loaded[]>(contenders.map((who) => [who, []]));
  const errors: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const who of contenders) {
      try {
        results.get(who)!.push(await loadOnLink(browser, port, who));
      } catch (error) {
        errors.push(`${NAMES[who]}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
      }
    }
  }
  const first = (who: Contender) => median(results.get(who)!.map((r) => r.firstCard));
  const ready = (who: Contender) => median(results.get(who)!.map((r) => r.interactive));
  const seconds = ((performance.now() - began) / 1000).toFixed(0);
  console.log(`── ${int(LINK.items)} items over a throttled link: 20 Mbit/s, ${LINK.latency} ms round trips ─ ${RUNS} run(s) ─ ${seconds} s`);
  console.log(`${''.padEnd(LABEL)}${'first card'.padEnd(12)}interactive`);
  for (const who of contenders) console.log(`${NAMES[who].padEnd(LABEL)}${ms(first(who)).padEnd(12)}${ms(ready(who))}`);
  for (const who of contenders.filter(isOurs)) {
    for (const other of ['listjs', 'vanilla'] as const) {
      if (!contenders.includes(other)) continue;
      console.log(`${`${NAMES[who]} ÷ ${other === 'listjs' ? 'List.js' : 'vanilla'}`.padEnd(LABEL)}${ratio(first(who), first(other)).padEnd(12)}${ratio(ready(who), ready(other))}`);
    }
  }
  for (const error of errors) console.log(`  · a run failed: ${error}`);
  console.log();
}

// ---------------------------------------------------------------------------
// Checking the results

interface Check {
  checked: number;
  wrong: string[];
  /** Keystrokes where the two ways of matching differ, and which one the contender's count agreed with. */
  likeSub: number;
  likePre: number;
  unreadable: boolean;
}

function check(who: Contender, runs: Run[], expected: Expected): Check {
  const result: Check = { checked: 0, wrong: [], likeSub: 0, likePre: 0, unreadable: false };
  const prefixes = expected.queries.flatMap((q) => q.expected.map((counts, i) => ({ query: q.text.slice(0, i + 1), counts })));
  const accept = (got: number | null, counts: Counts, what: string) => {
    if (got === null) return void (result.unreadable = true);
    result.checked++;
    if (counts.sub !== counts.pre) {
      if (got === counts.sub) result.likeSub++;
      if (got === counts.pre) result.likePre++;
    }
    const right = got === counts.sub || (isOurs(who) && got === counts.pre);
    if (!right) result.wrong.push(`${what}: ${got} (expected ${counts.sub}${isOurs(who) ? ` or ${counts.pre}` : ''})`);
  };
  for (const run of runs) {
    run.keys?.counts.forEach((got, i) => accept(got, prefixes[i]!.counts, JSON.stringify(prefixes[i]!.query)));
    if (run.filter) {
      accept(run.filter.counts[0] ?? null, { sub: expected.filter.on, pre: expected.filter.on }, 'filter on');
      accept(run.filter.counts[1] ?? null, { sub: expected.filter.off, pre: expected.filter.off }, 'filter off');
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Figures

const median = (values: number[]) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};
const p95 = (values: number[]) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.max(0, Math.ceil(v.length * 0.95) - 1)]! : NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)) : 'n/a');
const mib = (x: number) => (Number.isFinite(x) ? (x / 1048576).toFixed(1) : 'n/a');
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : 'n/a');
const ratio = (a: number, b: number) => {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return 'n/a';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
};

interface Figures {
  firstCard: number;
  interactive: number;
  keyMedian: number;
  keyP95: number;
  keyPaint: number;
  filterOn: number;
  filterOff: number;
  heap: number;
  buffers: number;
  domHeap: number;
  nodes: number;
  /** 0: no long task at all (none of 50 ms or more). */
  longest: number;
  /** What the page was doing when the longest task began. */
  during: string;
}

function figures(tally: Tally): Figures | null {
  const runs = tally.runs;
  if (!runs.length) return null;
  const typed = runs.flatMap((r) => (r.keys ? [r.keys] : []));
  const observed = runs.filter((r) => r.longest.supported).sort((a, b) => b.longest.longest - a.longest.longest);
  return {
    firstCard: median(runs.map((r) => r.loaded.firstCard)),
    interactive: median(runs.map((r) => r.loaded.interactive)),
    keyMedian: median(typed.flatMap((k) => k.dom)),
    keyP95: p95(typed.flatMap((k) => k.dom)),
    keyPaint: median(typed.flatMap((k) => k.paint)),
    filterOn: median(runs.map((r) => r.filter?.on ?? NaN)),
    filterOff: median(runs.map((r) => r.filter?.off ?? NaN)),
    heap: median(runs.map((r) => r.heap)),
    buffers: median(runs.map((r) => r.buffers)),
    domHeap: median(runs.map((r) => r.domHeap)),
    nodes: median(runs.map((r) => r.nodes)),
    longest: observed.length ? observed[0]!.longest.longest : NaN,
    during: observed[0]?.longest.during ?? '',
  };
}

const COLUMNS = [
  ['first card', 11],
  ['interactive', 12],
  ['key med', 8],
  ['key p95', 8],
  ['key→paint', 10],
  ['filter on / off', 16],
  ['JS heap', 8],
  ['buffers', 8],
  ['DOM heap', 9],
  ['DOM nodes', 10],
  ['longest task', 12],
] as const;
const LABEL = 26;

const row = (label: string, cells: string[]) =>
  (label.padEnd(LABEL) + cells.map((cell, i) => cell.padEnd(COLUMNS[i]![1])).join(' ')).trimEnd();

function cellsOf(f: Figures | null): string[] {
  if (!f) return COLUMNS.map(() => 'n/a');
  return [
    ms(f.firstCard),
    ms(f.interactive),
    ms(f.keyMedian),
    ms(f.keyP95),
    ms(f.keyPaint),
    Number.isFinite(f.filterOn) ? `${ms(f.filterOn)} / ${ms(f.filterOff)}` : 'n/a',
    mib(f.heap),
    mib(f.buffers),
    mib(f.domHeap),
    int(f.nodes),
    f.longest === 0 ? '<50' : ms(f.longest),
  ];
}

function ratioCells(a: Figures | null, b: Figures | null): string[] {
  if (!a || !b) return COLUMNS.map(() => 'n/a');
  // No long task means under 50 ms: taken as 50 for the ratio, marked "≈".
  const longest =
    a.longest === 0 && b.longest === 0
      ? '—'
      : `${a.longest === 0 || b.longest === 0 ? '≈' : ''}${ratio(a.longest || 50, b.longest || 50)}`;
  return [
    ratio(a.firstCard, b.firstCard),
    ratio(a.interactive, b.interactive),
    ratio(a.keyMedian, b.keyMedian),
    ratio(a.keyP95, b.keyP95),
    ratio(a.keyPaint, b.keyPaint),
    Number.isFinite(a.filterOn) && Number.isFinite(b.filterOn) ? `${ratio(a.filterOn, b.filterOn)} / ${ratio(a.filterOff, b.filterOff)}` : 'n/a',
    ratio(a.heap, b.heap),
    ratio(a.buffers, b.buffers),
    ratio(a.domHeap, b.domHeap),
    ratio(a.nodes, b.nodes),
    longest,
  ];
}

function notes(who: Contender, tally: Tally, expected: Expected): string[] {
  const name = NAMES[who];
  const out: string[] = [];
  for (const e of tally.errors) out.push(`${name}: a run failed: ${e.split('\n')[0]}`);
  const runs = tally.runs;
  if (!runs.length) return out;
  const typed = runs.filter((r) => r.keys).length;
  if (runs.length < RUNS && !tally.errors.length) out.push(`${name}: ${runs.length} of ${RUNS} runs (one took over ${BUDGET.run} s)`);
  else if (typed < runs.length) out.push(`${name}: typing in ${typed} of ${runs.length} runs (it took over ${BUDGET.typing} s); the other figures from all`);
  const missed = runs.filter((r) => !Number.isFinite(r.loaded.interactive));
  if (missed.length) out.push(`${name}: "${PROBE}" never gave a right count (last ${missed[0]!.loaded.probeCount}; expected ${expected.probe.sub}${isOurs(who) ? ` or ${expected.probe.pre}` : ''})`);
  const slowest = Math.max(...runs.map((r) => r.loaded.probes));
  if (slowest > 1 && !missed.length) out.push(`${name}: search was right only after ${slowest} tries in the slowest run`);
  const result = check(who, runs, expected);
  if (result.unreadable) out.push(`${name}: result count not readable, not checked`);
  if (result.wrong.length)
    out.push(`${name}: ${result.wrong.length} of ${result.checked} counts wrong, e.g. ${[...new Set(result.wrong)].slice(0, 3).join('; ')}`);
  if (isOurs(who) && result.likePre && !result.likeSub)
    out.push(`${name}: matches the start of words ("7" finds 70, not 17), so multi-word queries find fewer than List.js and the floor`);
  else if (isOurs(who) && result.likePre && result.likeSub) out.push(`${name}: some counts match word starts, some substrings`);
  if (who === 'listjs' && runs[0]!.loaded.inDocument !== undefined && runs[0]!.loaded.inDocument < (expected.filter.off ?? 0))
    out.push(`List.js: ${int(runs[0]!.loaded.inDocument)} items in the document (its default page size), the rest held outside it`);
  return out;
}

async function main() {
  if (!existsSync(join(dist, 'virtual-library.js'))) throw new Error(`Run \`npm run build:bundle\` first: ${join(dist, 'virtual-library.js')} is missing.`);
  if (!SIZES.length) throw new Error('BENCH_SIZES names no size.');
  const server = await serve();
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    await compare(browser, port);
  } finally {
    await browser.close();
    server.close();
  }
}

async function compare(browser: Browser, port: number) {
  const listJsVersion = (JSON.parse(readFileSync(join(listJsDir, 'package.json'), 'utf8')) as { version: string }).version;
  const began = performance.now();
  const verbose = !!process.env.BENCH_VERBOSE;

  console.log(`Reader tools side by side — headless Chromium ${browser.version()}, Node ${process.version}, List.js ${listJsVersion}`);
  console.log(`${cpus().length} CPU(s), load average ${loadavg()[0]!.toFixed(1)} at the start (other work on the machine makes figures noisier).`);
  console.log(`${RUNS} run(s) per size, each a fresh page; times in ms, heaps in MiB after a forced GC.`);
  console.log("first card, interactive: from the feed's first byte. key: input → DOM updated (median, p95 over every keystroke);");
  console.log('key→paint: input → next frame painted (median); filter: type "report" on / off, input → DOM updated; longest task: of all runs.');
  console.log('Ratios are ours ÷ theirs: under 1× ours is faster or smaller.\n');

  // One unrecorded load of every page, so no contender pays for the browser's warm-up;
  // it also tells whether this build's element has a working virtual mode.
  let virtualWorks = false;
  let isolated = false;
  for (const who of CONTENDERS) {
    try {
      const warm = await measure(browser, port, who, 1000, false);
      if (who === 'virtual') virtualWorks = !!warm.loaded.virtual;
      isolated ||= !!warm.loaded.isolated;
    } catch (error) {
      console.log(`warm-up of ${NAMES[who]} failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    }
  }
  if (!isolated) console.log('note: the pages are not cross-origin isolated, so performance.now() has 0.1 ms steps\n');

  const ourFilter = new Set<string>();
  const ourFeatures = { searchReady: false, resultCount: false };
  const contenders = CONTENDERS.filter((who) => who !== 'virtual' || virtualWorks);
  const ours = contenders.filter(isOurs);

  for (const n of SIZES) {
    const { expected } = feed(n);
    const tallies = Object.fromEntries(CONTENDERS.map((who) => [who, { runs: [], errors: [] }])) as unknown as Record<Contender, Tally>;
    const sizeBegan = performance.now();
    for (let run = 0; run < RUNS; run++) {
      for (const who of contenders) {
        const first = tallies[who].runs[0];
        if (!FULL && first && first.seconds.total > BUDGET.run) continue;
        const typing = FULL || !first || first.seconds.typing <= BUDGET.typing;
        try {
          const result = await measure(browser, port, who, n, typing);
          if (verbose)
            console.error(`  ${NAMES[who]}, ${n}, run ${run + 1}: ${result.seconds.total.toFixed(1)} s (typing ${result.seconds.typing.toFixed(1)} s)`);
          if (who === 'virtual' && !result.loaded.virtual) throw new Error('no virtualizer in this run');
          if (isOurs(who)) {
            if (result.filter) ourFilter.add(result.filter.method);
            ourFeatures.searchReady ||= !!result.loaded.searchReady;
            ourFeatures.resultCount ||= !!result.loaded.resultCount;
          }
          tallies[who].runs.push(result);
        } catch (error) {
          tallies[who].errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
    const seconds = ((performance.now() - sizeBegan) / 1000).toFixed(0);
    const f = Object.fromEntries(CONTENDERS.map((who) => [who, figures(tallies[who])])) as Record<Contender, Figures | null>;
    const keystrokes = QUERIES.reduce((sum, q) => sum + q.length, 0);
    const probe =
      expected.probe.sub === expected.probe.pre
        ? int(expected.probe.sub)
        : `${int(expected.probe.sub)} (word starts: ${int(expected.probe.pre)})`;
    console.log(`── ${int(n)} items ─ ${keystrokes} keystrokes a run ─ "${PROBE}" finds ${probe} ─ ${int(expected.filter.on)} reports ─ ${seconds} s`);
    console.log(row('', COLUMNS.map(([title]) => title)));
    for (const who of contenders) console.log(row(NAMES[who], cellsOf(f[who])));
    for (const who of ours) {
      console.log(row(`${NAMES[who]} ÷ List.js`, ratioCells(f[who], f.listjs)));
      console.log(row(`${NAMES[who]} ÷ vanilla`, ratioCells(f[who], f.vanilla)));
    }
    const remarks = contenders.flatMap((who) => notes(who, tallies[who], expected));
    const during = contenders.filter((who) => f[who]?.during).map((who) => `${NAMES[who]} ${f[who]!.during}`);
    if (during.length) remarks.push(`longest task began during: ${during.join(', ')}`);
    for (const remark of remarks) console.log('  · ' + remark);
    if (!remarks.some((r) => / wrong|failed|never gave|not readable/.test(r))) console.log('  · every result count checked was right');
    console.log();
  }

  if (SIZES.includes(LINK.items)) await onLink(browser, port, contenders.filter((who) => who !== 'virtual'));

  console.log('Ours in this build:');
  console.log(`  virtual mode    ${virtualWorks ? 'measured' : 'n/a: no virtualizer rendered the results with `virtual`'}`);
  console.log(`  searchReady     ${ourFeatures.searchReady ? 'present: "interactive" is probed once it is true' : 'n/a: "interactive" is the first search with the right count'}`);
  console.log(`  resultCount     ${ourFeatures.resultCount ? 'present' : 'n/a: counts read from the count line'}`);
  console.log(
    `  type filter     ${ourFilter.has('checkbox') ? 'checkbox' : ourFilter.has('select') ? 'n/a as a checkbox: timed on the type <select>' : 'n/a'}`,
  );
  console.log(`\nTotal ${((performance.now() - began) / 1000).toFixed(0)} s; load average ${loadavg()[0]!.toFixed(1)} at the end.`);
}

await main();
