import { expect } from '@open-wc/testing';
import { FeedText } from '../../src/feed/feed-text.js';
import { FeedTextReader, parseFeed, previewFeed } from '../../src/feed/parse-feed.js';
import { fixtureUrl, mockUrl } from '../helpers/fixtures.js';

/**
 * A large feed's text is parsed a piece at a time (src/feed/feed-text.ts):
 * its head, then its entries in batches. Whatever the text, the result must
 * be what parsing it whole gives: the same feed, or the same error.
 */

const URL_ = 'https://library.example/feeds/feed.json';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

type Outcome = { feed?: unknown; error?: { name: string; kind?: string; message: string } };

function outcome(read: () => unknown): Outcome {
  try {
    return { feed: plain(read()) };
  } catch (error) {
    const { name, kind, message } = error as Error & { kind?: string };
    return { error: { name, kind, message } };
  }
}

/** The feed read in pieces, `step` entries at a time. */
function inPieces(text: string, step = 7) {
  return outcome(() => {
    const reader = new FeedTextReader(text, URL_);
    while (!reader.done) reader.read(step);
    return reader.finish();
  });
}

const whole = (text: string) => outcome(() => parseFeed(text, URL_));

/** Every entry FeedText hands out, in batches of `step`. */
function entries(text: FeedText, step: number): unknown[] {
  const all: unknown[] = [];
  while (!text.done) all.push(...text.next(step));
  return all;
}

async function fixtureTexts(): Promise<string[]> {
  const paths = [
    'library/feed.json',
    'library/broken-items.json',
    'feeds/daringfireball-v1.1.json',
    'feeds/timetable-podcast-v1.json',
    'feeds/jsonfeed-org-v1.json',
    'feeds/influxdata-wordpress-v1.1.json',
  ];
  const texts = await Promise.all(paths.map(async (path) => (await fetch(fixtureUrl(path))).text()));
  texts.push(await (await fetch(mockUrl('xss-feed'))).text());
  return texts;
}

/** A small deterministic random source, so a failure can be reproduced. */
function random(seed: number) {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('feed: reading a large text in pieces', () => {
  let texts: string[];
  before(async () => {
    texts = await fixtureTexts();
  });

  it('cuts real feeds, compact and indented, into the same head and entries as JSON.parse', () => {
    for (const original of texts) {
      const json = JSON.parse(original) as Record<string, unknown>;
      // Each layout with "items" last, as feeds are usually written.
      const { items, ...rest } = json;
      const layouts = [JSON.stringify({ ...rest, items }), JSON.stringify({ ...rest, items }, null, 2), JSON.stringify({ ...rest, items }, null, '\t')];
      for (const layout of layouts) {
        const text = FeedText.open(layout);
        expect(text, layout.slice(0, 80)).to.exist;
        expect(text!.head).to.deep.equal({ ...rest, items: [] });
        for (const step of [1, 3, 100]) expect(entries(FeedText.open(layout)!, step)).to.deep.equal(items);
      }
    }
  });

  it('gives exactly the feed parseFeed gives, for real feeds in every layout', () => {
    for (const original of texts) {
      const json = JSON.parse(original) as Record<string, unknown>;
      const { items, ...rest } = json;
      for (const layout of [original, JSON.stringify({ ...rest, items }), JSON.stringify({ items, ...rest }, null, 1)]) {
        for (const step of [1, 5, 1000]) expect(inPieces(layout, step)).to.deep.equal(whole(layout));
      }
    }
  });

  it('reads strings with escaped quotes, backslashes and brackets inside, and an escaped "items" key', () => {
    const entriesWithTraps = [
      { id: 'a', title: 'Quote \\" and bracket ] and brace } inside' },
      { id: 'b', title: 'Ends with a backslash \\', summary: '\\\\"' },
      { id: 'c', title: '[{"not": "json"}]', tags: ['x]', '{y', '"'] },
      { id: 'd', title: 'Unicode \u2028 \u00e9 \ud83d\ude00' },
    ];
    const text = `{"version":"https://jsonfeed.org/version/1.1","title":"T\\"]}","it\\u0065ms":${JSON.stringify(entriesWithTraps)}}`;
    const cut = FeedText.open(text);
    expect(cut).to.exist;
    expect(entries(cut!, 1)).to.deep.equal(entriesWithTraps);
    expect(inPieces(text, 1)).to.deep.equal(whole(text));
    expect((inPieces(text, 1).feed as { items: unknown[] }).items).to.have.length(4);
  });

  it('leaves to a whole parse what it does not cut, with the same result', () => {
    const head = '"version":"https://jsonfeed.org/version/1.1","title":"T"';
    const item = '{"id":"1","title":"One"}';
    const cases = [
      `{${head},"items":[${item}],"next_url":"page2.json"}`, // members after items
      `{${head},"items":[${item}],"items":[]}`, // a second items: the last wins
      `{${head},"items":5}`, // not an array
      `{"items":[${item}],${head}}`, // items first
      `[${item}]`, // not an object
      `\ufeff{${head},"items":[${item}]}`, // a byte order mark
      `{${head},"items":[]}`, // no entries
      `{${head},"items":[1, "two", null, [3], {"id":"4","title":"Four"}, true, -5.5e3]}`, // entries of every kind
    ];
    for (const text of cases) expect(inPieces(text, 2), text).to.deep.equal(whole(text));
  });

  it('fails as parseFeed fails on text that is not valid JSON, wherever the fault is', () => {
    const head = '"version":"https://jsonfeed.org/version/1.1","title":"T"';
    const item = (n: number) => `{"id":"${n}","title":"Entry ${n}"}`;
    const cases = [
      `{${head},"items":[${item(1)},${item(2)},]}`, // a trailing comma
      `{${head},"items":[${item(1)} ${item(2)}]}`, // a missing comma
      `{${head},"items":[${item(1)},{"id":"2","title":"x"]]}`, // a bracket for a brace
      `{${head},"items":[${item(1)},{"id":"2","title":"x}]}`, // an unclosed string
      `{${head},"items":[${item(1)},{"id":"2","title":"a\u0001b"}]}`, // a raw control character
      `{${head},"items":[${item(1)},01]}`, // a number JSON does not allow
      `{${head},"items":[${item(1)}]} x`, // text after the document
      `{${head},"items":[${item(1)}]`, // cut short
      `{${head} "items":[${item(1)}]}`, // a missing comma in the head
    ];
    for (const text of cases) {
      const expected = whole(text);
      expect(expected.error?.kind, text).to.equal('not-json');
      expect(inPieces(text, 1), text).to.deep.equal(expected);
    }
  });

  it('agrees with a whole parse on a thousand randomly damaged feeds', () => {
    const base = JSON.stringify(JSON.parse(texts[0]!), null, 1);
    const next = random(7);
    const pieces = ['"', '\\', ',', ']', '}', '[', '{', ':', ' ', 'x', '1', '\\"'];
    let failures = 0;
    for (let i = 0; i < 1000; i++) {
      let text = base;
      for (let k = 0; k < 1 + Math.floor(next() * 2); k++) {
        const at = Math.floor(next() * text.length);
        text = next() < 0.5 ? text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
      }
      const expected = whole(text);
      if (expected.error) failures++;
      expect(inPieces(text, 1 + (i % 4)), `damaged copy ${i}`).to.deep.equal(expected);
    }
    // Most damage breaks the JSON; some leaves a readable feed. Both kinds must have been compared.
    expect(failures).to.be.within(300, 990);
  });

  it('reads from the start of a text cut anywhere (a feed downloading) only entries the whole text has, complete', () => {
    let compared = 0;
    for (const original of texts) {
      const json = JSON.parse(original) as Record<string, unknown>;
      const { items, ...rest } = json;
      const all = items as unknown[];
      const allText = all.map((entry) => JSON.stringify(entry));
      const head = JSON.stringify({ ...rest, items: [] });
      for (const layout of [JSON.stringify({ ...rest, items }), JSON.stringify({ ...rest, items }, null, 2)]) {
        // Every 5th cut point through the head and the first entries (where escapes and nesting trip a cutter), then every 397th.
        const near = Math.min(layout.length, layout.indexOf('"items"') + 1500);
        for (let end = 0; end <= layout.length; end += end < near ? 5 : 397) {
          const text = FeedText.open(layout.slice(0, end));
          if (!text) continue;
          // Compared as JSON text: chai's deep equality over thousands of cut points is too slow.
          expect(JSON.stringify(text.head), `head at ${end}`).to.equal(head);
          const count = end < near ? 3 : 20;
          const got = text.complete(count).map((entry) => JSON.stringify(entry));
          expect(got.length).to.be.at.most(count);
          expect(got, `entries at ${end}`).to.deep.equal(allText.slice(0, got.length));
          compared++;
        }
        // The whole text: every entry.
        expect(FeedText.open(layout)!.complete(all.length + 1)).to.deep.equal(all);
      }
    }
    expect(compared).to.be.greaterThan(1000);
  });

  it('previews from the start of a text exactly the publications the whole feed begins with, or nothing', () => {
    let previews = 0;
    for (const original of texts) {
      const json = JSON.parse(original) as Record<string, unknown>;
      const { items, ...rest } = json;
      const layout = JSON.stringify({ ...rest, items }, null, 1);
      const feed = outcome(() => parseFeed(layout, URL_)).feed as { items: unknown[] } | undefined;
      for (let end = 0; end <= layout.length; end += 97) {
        const start = previewFeed(layout.slice(0, end), URL_, 2);
        if (!start) continue;
        previews++;
        expect(start.items).to.have.length.within(1, 2);
        expect(feed, 'a feed that previews must read').to.exist;
        expect(plain(start.items)).to.deep.equal(feed!.items.slice(0, start.items.length));
      }
    }
    // Most fixtures begin with readable entries, and were previewed from most of their cut points.
    expect(previews).to.be.greaterThan(100);
    // A text whose entries cannot be read gives no preview rather than an error.
    expect(previewFeed('{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"id":1},{"id":2},{"i', URL_, 2)).to.equal(undefined);
    expect(previewFeed('{"version":"nope","items":[{},{},', URL_, 2)).to.equal(undefined);
    expect(previewFeed('[1,2,3', URL_, 2)).to.equal(undefined);
  });
});
