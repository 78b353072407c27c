/**
 * `npm run bench`, PDF part: figures for `<pdf-viewer>` on tracemonkey.pdf
 * (14 pages) in headless Chromium, printed, never asserted, beside pdf.js's own
 * viewer component (`PDFViewer` from pdfjs-dist's web/pdf_viewer.mjs, set up
 * as its documentation shows) measured in the same run:
 * - open → first page painted (canvas drawn, as pdf.js's `pagerendered`; cold page each run);
 * - next page: from asking for page 2 to it being drawn;
 * - JS heap and canvases alive after paging through all 14 pages;
 * - the size of the reader's lazy chunk and pdf.js's worker.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';
import { whenPageSets } from './bench-signal.js';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const pdfjsDist = join(root, 'node_modules', 'pdfjs-dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const ours = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ours</title>
<script type="module">
  import './pdf-viewer.js';
  // Painted: the page's canvas is drawn (as the peer's pagerendered); its text layer follows.
  const drawn = (el, n) => el.shadowRoot?.querySelector('.page[data-page="' + n + '"][data-painted]');
  const wait = (test) => new Promise((resolve) => { const poll = () => (test() ? resolve() : requestAnimationFrame(poll)); poll(); });
  const el = document.createElement('pdf-viewer');
  el.style.setProperty('--vl-pdf-height', '800px');
  document.body.append(el);
  const start = performance.now();
  el.src = '/tracemonkey.pdf';
  await wait(() => drawn(el, 1));
  const first = performance.now() - start;
  const nextStart = performance.now();
  el.goTo(2);
  await wait(() => drawn(el, 2));
  const next = performance.now() - nextStart;
  for (let n = 3; n <= 14; n++) { el.goTo(n); await wait(() => drawn(el, n)); }
  await new Promise((r) => setTimeout(r, 300));
  const canvases = el.shadowRoot.querySelectorAll('canvas').length;
  window.result = { first, next, heap: performance.memory?.usedJSHeapSize ?? 0, canvases };
</script></head><body></body></html>`;

const peer = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>peer</title>
<link rel="stylesheet" href="/pdfjs/web/pdf_viewer.css">
<style>#viewerContainer { position: absolute; inset: 0; overflow: auto; height: 800px; }</style>
<script type="module">
  const start = performance.now();
  const pdfjsLib = await import('/pdfjs/build/pdf.mjs');
  globalThis.pdfjsLib = pdfjsLib;
  pdfjsLib.GlobalWorkerOptions.workerSrc = '/pdfjs/build/pdf.worker.min.mjs';
  const { EventBus, PDFLinkService, PDFViewer } = await import('/pdfjs/web/pdf_viewer.mjs');
  const container = document.getElementById('viewerContainer');
  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus });
  const viewer = new PDFViewer({ container, eventBus, linkService });
  linkService.setViewer(viewer);
  const rendered = new Set();
  const waiters = new Map();
  eventBus.on('pagerendered', ({ pageNumber }) => { rendered.add(pageNumber); waiters.get(pageNumber)?.(); });
  const wait = (n) => (rendered.has(n) ? Promise.resolve() : new Promise((resolve) => waiters.set(n, resolve)));
  eventBus.on('pagesinit', () => { viewer.currentScaleValue = 'page-width'; });
  const doc = await pdfjsLib.getDocument({ url: '/tracemonkey.pdf' }).promise;
  viewer.setDocument(doc);
  linkService.setDocument(doc, null);
  await wait(1);
  const first = performance.now() - start;
  const nextStart = performance.now();
  viewer.currentPageNumber = 2;
  await wait(2);
  const next = performance.now() - nextStart;
  for (let n = 3; n <= 14; n++) { viewer.currentPageNumber = n; await wait(n); }
  await new Promise((r) => setTimeout(r, 300));
  window.result = { first, next, heap: performance.memory?.usedJSHeapSize ?? 0, canvases: container.querySelectorAll('canvas').length };
</script></head><body><div id="viewerContainer"><div id="viewer" class="pdfViewer"></div></div></body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.pdf': 'application/pdf', '.svg': 'image/svg+xml' };

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/ours.html' || path === '/peer.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(path === '/ours.html' ? ours : peer);
    }
    const file = path === '/tracemonkey.pdf'
      ? join(root, 'test', 'fixtures', 'pdfs', 'tracemonkey.pdf')
      : path.startsWith('/pdfjs/') ? join(pdfjsDist, path.slice('/pdfjs/'.length)) : join(dist, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

async function main() {
  if (!existsSync(join(dist, 'pdf-viewer.js'))) throw new Error('Run `npm run build:bundle` first.');
  const server = await serve();
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info'] });
  const measure = async (page: string) => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    const reported = await whenPageSets<Record<string, number>>(tab, 'result', 60_000);
    await tab.goto(`http://127.0.0.1:${port}/${page}`);
    const result = await reported.value;
    await context.close();
    if (errors.length) throw new Error(errors.join('\n'));
    return result;
  };
  const runs = { ours: [] as Record<string, number>[], peer: [] as Record<string, number>[] };
  for (let i = 0; i < RUNS; i++) {
    runs.ours.push(await measure('ours.html'));
    runs.peer.push(await measure('peer.html'));
  }
  await browser.close();
  server.close();

  const row = (name: string, r: Record<string, number>[]) =>
    `${name.padEnd(26)} ${`${median(r.map((x) => x.first!)).toFixed(0)} ms`.padEnd(14)} ${`${median(r.map((x) => x.next!)).toFixed(0)} ms`.padEnd(12)} ${`${(median(r.map((x) => x.heap!)) / 1048576).toFixed(1)} MiB`.padEnd(16)} ${median(r.map((x) => x.canvases!))}`;
  console.log(`\nPDF reader — tracemonkey.pdf (14 pages), headless Chromium, median of ${RUNS} runs`);
  console.log('viewer                     first page     next page    heap after 14    canvases alive');
  console.log(row('<pdf-viewer>', runs.ours));
  console.log(row('pdf.js PDFViewer (peer)', runs.peer));
  const ratio = median(runs.ours.map((x) => x.first!)) / median(runs.peer.map((x) => x.first!));
  console.log(`first page, ours / peer: ${ratio.toFixed(2)}×`);
  const chunks = readdirSync(join(dist, 'chunks')).filter((f) => /^pdf-.*\.js$/.test(f));
  const viewerSize = gz(join(dist, 'pdf-viewer.js'));
  const pdfChunk = chunks.reduce((sum, f) => sum + gz(join(dist, 'chunks', f)), 0);
  console.log(`sizes (min+gzip): dist/pdf-viewer.js ${kib(viewerSize)}; pdf.js chunk ${kib(pdfChunk)}; worker ${kib(gz(join(dist, 'pdfjs', 'build', 'pdf.worker.min.mjs')))}`);
}

await main();
