/**
 * `npx tsx scripts/measure-search.ts`: the figures behind
 * docs/decisions/0008-search-index.md. Printed, never asserted.
 *
 * Three ways to search the same publications with the same rules (folded
 * text, word-start prefixes, every word AND-ed, title hits first and stable
 * otherwise, Chinese matched at any position):
 *
 * - `index`: src/search/search-index.ts, what the list uses (sorted terms
 *   with packed posting lists);
 * - `minisearch`: MiniSearch 7 with our folding and tokenizer (each CJK
 *   character a term), AND-ed prefix search, then re-ordered title-first
 *   and confirmed for CJK runs;
 * - `scan`: one folded string per publication, scanned with indexOf and a
 *   word-start check, narrowing from the previous keystroke's hits.
 *
 * For generated libraries of 1,000, 10,000 and 100,000 publications
 * (`bigFeed` from the test server, each item given a few paragraphs of
 * content HTML and, one in fifty, Chinese, Russian or Arabic text), read
 * through `readFeed`: build time (wall, and the longest stretch without a
 * yield), retained memory, and the time of every keystroke of a few queries
 * typed letter by letter (median, p95, max). The three are checked to return
 * the same hits in the same order. Then the min+gzip size of each.
 *
 * SIZES=1000,10000 limits the sizes; ROUNDS (default 3) repeats the typing;
 * ONLY=index,scan picks candidates; DETAIL=1 prints the slowest keystrokes;
 * CONTENT=0 leaves bigFeed's items as they are (no content HTML).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { PerformanceObserver } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import MiniSearch from 'minisearch';
import { bigFeed } from '../test/server/fixture-server.mjs';
import { readFeed } from '../src/feed/parse-feed.js';
import type { Publication } from '../src/feed/publication.js';
import { buildSearchIndex, type SearchResult } from '../src/search/search-index.js';
import { bodyText } from '../src/search/search-index.js';
import { fold } from '../src/search/fold.js';
import { eachTerm, isUnspaced, queryParts, WORD_CHAR } from '../src/search/terms.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const root = resolve(import.meta.dirname, '..');
const SIZES = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const QUERIES = ['nuclear risk', 'topic 3', 'author 42', 'deterrence treaty', 'zz', '核武器', 'ядерн'];

// ---------------------------------------------------------------- data

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN = (
  'nuclear risk deterrence treaty arms control proliferation security policy crisis communication resilience ' +
  'disarmament verification missile defence strategy stability escalation diplomacy sanctions uranium reactor ' +
  'safeguards inspection energy climate governance alliance summit report evidence analysis'
).split(' ');
const SYLLABLES = 'ka ri to ne mu sa lo pe vi da go ru shi en an or ul im et ba co de fi ga hu ja ke li mo nu'.split(' ');

/** A vocabulary with a long tail: 8,000 made-up words, the domain words spread among the commoner ranks. */
function vocabulary(): string[] {
  const next = random(7);
  const made = new Set<string>();
  while (made.size < 8000 - DOMAIN.length) {
    const n = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!DOMAIN.includes(word)) made.add(word);
  }
  const words = [...made];
  DOMAIN.forEach((word, k) => words.splice(3 + k * 40, 0, word));
  return words;
}

const FOREIGN = [
  '<p>核武器控制与危机沟通：东亚的核风险评估。</p><p>本报告讨论核裁军、核查和战略稳定。</p>',
  '<p>Ядерный риск и стратегическая стабильность: доклад о контроле над вооружениями.</p>',
  '<p>الأمن النووي والحد من التسلح في الشرق الأوسط: تقرير عن الردع.</p>',
];

function makeFeed(n: number) {
  if (process.env.CONTENT === '0') return bigFeed(n);
  const words = vocabulary();
  const next = random(n);
  // Zipf-like: common words often, the tail rarely.
  const word = () => words[Math.floor(words.length * next() ** 3)]!;
  const sentence = (length: number) => Array.from({ length }, word).join(' ');
  const feed = bigFeed(n);
  feed.items.forEach((item, i) => {
    if (i % 7 === 0) item.title = `${DOMAIN[i % DOMAIN.length]} ${DOMAIN[(i * 3) % DOMAIN.length]}: ${String(item.title)}`;
    const paragraphs = Array.from({ length: 2 + (i % 4) }, () => `<p>${sentence(30 + Math.floor(next() * 50))}.</p>`);
    if (i % 50 === 25) paragraphs.push(FOREIGN[(i / 50) % 3 | 0]!);
    if (i % 97 === 5) (item.authors as { name: string }[]).push({ name: 'Zhào Lì' });
    item.content_html = `<div><h2>${sentence(4)}</h2>${paragraphs.join('')}</div>`;
  });
  return feed;
}

// ---------------------------------------------------------------- candidates

interface Candidate {
  search(query: string): SearchResult;
}

function unspacedRuns(folded: string): string | undefined {
  const runs: string[] = [];
  eachTerm(folded, (term, unspaced) => unspaced && runs.push(term));
  return runs.length ? runs.join('\n') : undefined;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

/** Yields every 8 ms of work, like the real index. */
async function sliced<T>(items: readonly T[], work: (item: T, i: number) => void): Promise<void> {
  let start = performance.now();
  for (let i = 0; i < items.length; i++) {
    work(items[i]!, i);
    if (performance.now() - start >= 8) {
      await tick();
      start = performance.now();
    }
  }
}

/** Orders matching positions by title hits (descending), stably. */
function rank(docs: Iterable<number>, titleHits: (doc: number) => number, words: number): number[] {
  const buckets: number[][] = Array.from({ length: words + 1 }, () => []);
  for (const doc of docs) buckets[titleHits(doc)]!.push(doc);
  return buckets.reverse().flat();
}

async function miniSearchCandidate(pubs: readonly Publication[]): Promise<Candidate> {
  const runsTitle: (string | undefined)[] = [];
  const runsBody: (string | undefined)[] = [];
  /** Our terms, each character of an unspaced run a term of its own; pieces of words with apostrophes for documents. */
  const tokenize = (text: string, pieces: boolean) => {
    const terms: string[] = [];
    eachTerm(
      text,
      (term, unspaced) => {
        if (unspaced) for (const char of term) terms.push(char);
        else terms.push(term);
      },
      pieces,
    );
    return terms;
  };
  const ms = new MiniSearch<{ id: number; title: string; body: string }>({
    fields: ['title', 'body'],
    tokenize: (text) => tokenize(text, true),
    processTerm: (term) => term,
    searchOptions: {
      combineWith: 'AND',
      prefix: (term) => !isUnspaced(term),
      tokenize: (query) => tokenize(fold(query), false),
      processTerm: (term) => term,
    },
  });
  await sliced(pubs, (pub, id) => {
    const title = fold(pub.title);
    const body = fold(bodyText(pub));
    runsTitle[id] = unspacedRuns(title);
    runsBody[id] = unspacedRuns(body);
    ms.add({ id, title, body });
  });
  return {
    search(query) {
      const parts = queryParts(query);
      const words = parts.map((p) => p.text);
      if (!parts.length) return { hits: pubs.map((_, i) => i), words };
      const runs = parts.filter((p) => p.unspaced && p.text.length > 1 && [...p.text].length > 1).map((p) => p.text);
      const results = ms.search(query);
      const title = new Map<number, number>();
      const ids: number[] = [];
      for (const result of results) {
        const doc = result.id as number;
        let hits = 0;
        for (const part of parts) {
          if (part.unspaced && [...part.text].length > 1) {
            if (runsTitle[doc]?.includes(part.text)) hits++;
            continue;
          }
          for (const [term, fields] of Object.entries(result.match)) {
            if (term.startsWith(part.text) && fields.includes('title')) {
              hits++;
              break;
            }
          }
        }
        if (runs.some((run) => !runsTitle[doc]?.includes(run) && !runsBody[doc]?.includes(run))) continue;
        title.set(doc, hits);
        ids.push(doc);
      }
      ids.sort((a, b) => a - b);
      return { hits: rank(ids, (doc) => title.get(doc)!, parts.length), words };
    },
  };
}

/**
 * Folded text as the tokenizer sees it: a word with apostrophes is found
 * whole (apostrophes dropped) or by its pieces (apostrophes as spaces).
 */
function haystack(text: string): string {
  const folded = fold(text);
  return /['\u2019\u02bc]/.test(folded) ? `${folded.replace(/['\u2019\u02bc]/g, '')}\n${folded.replace(/['\u2019\u02bc]/g, ' ')}` : folded;
}

function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text[at - 1]!;
  return !WORD_CHAR.test(before) || isUnspaced(before);
}

function found(text: string, term: string, unspaced: boolean): boolean {
  if (unspaced) return text.includes(term);
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) if (startsWord(text, at)) return true;
  return false;
}

async function scanCandidate(pubs: readonly Publication[]): Promise<Candidate> {
  const titles: string[] = [];
  const bodies: string[] = [];
  await sliced(pubs, (pub, i) => {
    titles[i] = haystack(pub.title);
    bodies[i] = haystack(bodyText(pub));
  });
  let previous: { parts: { text: string; unspaced: boolean }[]; docs: number[] } | undefined;
  const all = pubs.map((_, i) => i);
  return {
    search(query) {
      const parts = queryParts(query);
      const words = parts.map((p) => p.text);
      if (!parts.length) {
        previous = undefined;
        return { hits: all.slice(), words };
      }
      // A longer query only narrows: look only at what the last one found.
      const narrows =
        previous && previous.parts.every((old) => parts.some((p) => p.unspaced === old.unspaced && (p.unspaced ? p.text.includes(old.text) : p.text.startsWith(old.text))));
      const candidates = narrows ? previous!.docs : all;
      const docs: number[] = [];
      const title = new Map<number, number>();
      for (const doc of candidates) {
        let hits = 0;
        let ok = true;
        for (const part of parts) {
          if (found(titles[doc]!, part.text, part.unspaced)) hits++;
          else if (!found(bodies[doc]!, part.text, part.unspaced)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        docs.push(doc);
        title.set(doc, hits);
      }
      previous = { parts, docs };
      return { hits: rank(docs, (doc) => title.get(doc)!, parts.length), words };
    },
  };
}

const CANDIDATES: Record<string, (pubs: readonly Publication[]) => Promise<Candidate>> = {
  index: (pubs) => buildSearchIndex(pubs),
  minisearch: miniSearchCandidate,
  scan: scanCandidate,
};

// ---------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/**
 * The longest stretch of work between two yields: every candidate yields
 * with setTimeout (Node has no scheduler.yield), so the gaps between the
 * calls and the timers firing are the tasks a page would see.
 */
function timeSlices(): { stop(): number } {
  const real = globalThis.setTimeout;
  let resumed = performance.now();
  let longest = 0;
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    longest = Math.max(longest, performance.now() - resumed);
    return real(() => {
      resumed = performance.now();
      callback(...args);
    }, ms);
  }) as typeof setTimeout;
  return {
    stop() {
      globalThis.setTimeout = real;
      return Math.max(longest, performance.now() - resumed);
    },
  };
}

const keystrokes = QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));

interface Row {
  n: number;
  name: string;
  build: number;
  longest: number;
  gcPause: number;
  memory: number;
  median: number;
  p95: number;
  max: number;
}

async function measure(n: number, pubs: readonly Publication[], name: string): Promise<{ row: Row; answers: SearchResult[] }> {
  gc();
  gc();
  const before = process.memoryUsage();
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  const slices = timeSlices();
  let candidate: Candidate | undefined = await CANDIDATES[name]!(pubs);
  const longest = slices.stop();
  const buildTime = performance.now() - start;
  await tick();
  observer.disconnect();
  gc();
  gc();
  const after = process.memoryUsage();
  const memory = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  const times: number[] = [];
  const slowest: [number, string][] = [];
  const answers: SearchResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of keystrokes) {
      const t = performance.now();
      const answer = candidate.search(query);
      const time = performance.now() - t;
      times.push(time);
      slowest.push([time, query]);
      if (round === 0) answers.push(answer);
    }
    candidate.search('');
  }
  candidate = undefined;
  times.sort((a, b) => a - b);
  if (process.env.DETAIL) {
    const worst = slowest.sort((a, b) => b[0] - a[0]).slice(0, 6);
    console.log(`  ${name} at ${n}, slowest keystrokes: ${worst.map(([t, q]) => `${JSON.stringify(q)} ${t.toFixed(1)}`).join(', ')}`);
  }
  return {
    row: {
      n,
      name,
      build: buildTime,
      longest,
      gcPause: Math.max(0, ...pauses),
      memory,
      median: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: times.at(-1)!,
    },
    answers,
  };
}

async function gzippedSize(contents: string, external: string[] = []): Promise<number> {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external,
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}

const rows: Row[] = [];
for (const n of SIZES) {
  const pubs = readFeed(makeFeed(n), 'https://library.example/feed.json').items;
  let reference: SearchResult[] | undefined;
  const names = process.env.ONLY?.split(',') ?? Object.keys(CANDIDATES);
  for (const name of names) {
    const { row, answers } = await measure(n, pubs, name);
    rows.push(row);
    if (!reference) reference = answers;
    else {
      const differs = answers.findIndex((a, i) => JSON.stringify(a) !== JSON.stringify(reference![i]));
      if (differs >= 0) console.warn(`! ${name} at ${n} differs from index on ${JSON.stringify(keystrokes[differs])}`);
    }
    if (name === 'index') {
      const counts = QUERIES.map((q) => `"${q}" ${answers[keystrokes.indexOf(q)]!.hits.length}`);
      console.log(`${n.toLocaleString('en')} items; hits: ${counts.join(', ')}`);
    }
  }
}

const ms = (v: number) => v.toFixed(v < 10 ? 2 : 0);
const mb = (v: number) => (v / 1_048_576).toFixed(1);
console.log('\n| items | candidate | build ms | longest task ms (longest GC pause) | memory MB | keystroke median ms | p95 ms | max ms |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const task = `${ms(r.longest)} (${ms(r.gcPause)})`;
  console.log(`| ${r.n.toLocaleString('en')} | ${r.name} | ${ms(r.build)} | ${task} | ${mb(r.memory)} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.max)} |`);
}

const shared = `export * from './src/search/highlight.ts';`;
const sizes = {
  index: await gzippedSize(`export * from './src/search/search-index.ts'; ${shared}`),
  minisearch: await gzippedSize(`export { default as MiniSearch } from 'minisearch'; export * from './src/search/fold.ts'; export { contentText } from './src/search/search-index.ts'; ${shared}`),
  scan: await gzippedSize(`export * from './src/search/fold.ts'; export { contentText } from './src/search/search-index.ts'; ${shared}`),
};
console.log('\nmin+gzip (search + highlight; the minisearch and scan figures leave out their ~1 KB of glue):');
for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${name}: ${(bytes / 1024).toFixed(1)} KiB (${bytes} B)`);
