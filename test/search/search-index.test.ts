import { expect } from '@open-wc/testing';
import { readFeed } from '../../src/feed/parse-feed.js';
import type { Publication } from '../../src/feed/publication.js';
import { htmlToText } from '../../src/feed/text.js';
import { buildSearchIndex, type SearchIndex } from '../../src/search/search-index.js';
import { fixtureUrl, mockUrl } from '../helpers/fixtures.js';

async function feedItems(url: string): Promise<Publication[]> {
  const json = (await (await fetch(url)).json()) as unknown;
  return readFeed(json, url).items;
}

/** A small library written by hand: several scripts, accents, one hit only in the content. */
const LIBRARY = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Hand-written library',
  items: [
    {
      id: 'summary-only',
      title: 'Crisis Channels Between Capitals',
      summary: 'How hotlines reduced nuclear risk during past crises.',
      authors: [{ name: 'Li Zhào' }],
      tags: ['crisis communications'],
    },
    {
      id: 'title-hit',
      title: 'Nuclear Risk Reduction: A Primer',
      summary: 'Steps states can take.',
      authors: [{ name: 'Ana Ruiz' }],
      tags: ['risk reduction'],
    },
    {
      id: 'zh',
      title: '核武器控制与危机沟通',
      summary: '关于热线与危机沟通渠道的研究。',
      authors: [{ name: '赵明' }],
      language: 'zh',
    },
    {
      id: 'ru',
      title: 'Ядерный риск и каналы связи',
      summary: 'Обзор каналов связи между столицами.',
      authors: [{ name: 'Ольга Смирнова' }],
      language: 'ru',
    },
    {
      id: 'ar',
      title: 'الحد من الخطر النووي',
      // With harakat (vowel marks) and a hamza on the alef, as careful typesetting has them.
      summary: 'دِرَاسَة عن الأَمْن النَّوَوِيّ.',
      authors: [{ name: 'ليلى حداد' }],
      language: 'ar',
    },
    {
      id: 'content',
      title: 'Annual Résumé',
      content_html:
        '<p>Our <b>caf&eacute;</b> seminars covered <a href="https://example.org">uranium</a> enrichment.</p>' +
        '<script>var hiddenscriptword = 1;</script><!-- commentword --><p>Also: O’Brien’s talk on l’économie.</p>',
      authors: [{ name: 'Renée Dupont' }, { name: 'Søren Kierkegaard' }],
    },
    {
      id: 'also-summary',
      title: 'Messaging Apps Are Not Hotlines',
      summary: 'Why commercial apps fail in a nuclear crisis; risk grows with scale.',
      authors: [{ name: 'Ana Ruiz' }],
    },
    {
      id: 'two-in-title',
      title: 'Hotlines in a Nuclear Crisis',
      summary: 'A brief note.',
      authors: [{ name: 'Łukasz Wróbel' }],
    },
  ],
};

const ids = (pubs: readonly Publication[], hits: number[]) => hits.map((i) => pubs[i]!.id);

describe('search index: abbreviations', () => {
  it('reads an abbreviation with dots as one word: "US" and "u.s." find "U.S.", and no longer every u… and s… word', async () => {
    const url = 'https://library.example/feed.json';
    const titles = [
      ['dots', 'Unlocking U.S. Technological Competitiveness'],
      ['plain', 'US and UK options for the hotline'],
      ['u-and-s', 'Understanding sanctions'],
      ['initials', 'J. Smith on e.g. the J.R.R. Tolkien archive'],
      ['hyphen', 'The U.S.-U.K.-French dialogue'],
    ];
    const pubs = readFeed({ version: 'https://jsonfeed.org/version/1.1', items: titles.map(([id, title]) => ({ id, title })) }, url).items;
    const index = await buildSearchIndex(pubs);
    for (const query of ['u.s.', 'U.S', 'us']) expect(ids(pubs, index.search(query).hits), query).to.deep.equal(['dots', 'plain', 'hyphen']);
    expect(index.search('u.s.').words).to.deep.equal(['us']);
    expect(ids(pubs, index.search('u.k.').hits)).to.deep.equal(['plain', 'hyphen']);
    expect(ids(pubs, index.search('j smith').hits), 'an initial before a space stays a word').to.deep.equal(['initials']);
    expect(ids(pubs, index.search('eg jrr').hits)).to.deep.equal(['initials']);
    expect(ids(pubs, index.search('understanding s').hits)).to.deep.equal(['u-and-s']);
  });
});

describe('search index: the rules', () => {
  let pubs: Publication[];
  let index: SearchIndex;

  before(async () => {
    pubs = readFeed(LIBRARY, 'https://library.example/feed.json').items;
    index = await buildSearchIndex(pubs);
  });

  it('knows its size, and a blank query finds everything in order with no words', () => {
    expect(index.size).to.equal(8);
    for (const blank of ['', '   ', '\t\n']) expect(index.search(blank)).to.deep.equal({ hits: [0, 1, 2, 3, 4, 5, 6, 7], words: [] });
  });

  it('ignores case and diacritics, both ways', () => {
    expect(ids(pubs, index.search('zhao').hits)).to.deep.equal(['summary-only']);
    expect(ids(pubs, index.search('ZHÀO').hits)).to.deep.equal(['summary-only']);
    expect(ids(pubs, index.search('resume').hits)).to.deep.equal(['content']);
    expect(ids(pubs, index.search('RÉSUMÉ').hits)).to.deep.equal(['content']);
    expect(ids(pubs, index.search('renee dupont').hits)).to.deep.equal(['content']);
    // Letters whose stroke no decomposition removes are folded too.
    expect(ids(pubs, index.search('søren').hits)).to.deep.equal(['content']);
    expect(ids(pubs, index.search('soren').hits)).to.deep.equal(['content']);
    expect(ids(pubs, index.search('lukasz wrobel').hits)).to.deep.equal(['two-in-title']);
  });

  it('returns the words folded as the index folds them', () => {
    expect(index.search('  Zhào   NUCL ').words).to.deep.equal(['zhao', 'nucl']);
    expect(index.search('Ядерный').words).to.deep.equal(['ядерныи']);
    expect(index.search('nuclear-risk').words).to.deep.equal(['nuclear', 'risk']);
  });

  it('matches the beginnings of words, not their middles', () => {
    expect(ids(pubs, index.search('nucl').hits)).to.deep.equal(['title-hit', 'two-in-title', 'summary-only', 'also-summary']);
    expect(ids(pubs, index.search('hotl').hits)).to.deep.equal(['also-summary', 'two-in-title', 'summary-only']);
    expect(index.search('uclear').hits).to.deep.equal([]);
    expect(index.search('otlines').hits).to.deep.equal([]);
  });

  it('requires every word, wherever it is', () => {
    expect(ids(pubs, index.search('nuclear ruiz').hits)).to.deep.equal(['title-hit', 'also-summary']);
    expect(ids(pubs, index.search('nuclear zhao').hits)).to.deep.equal(['summary-only']);
    expect(index.search('nuclear dupont').hits).to.deep.equal([]);
    // A word repeated counts once.
    expect(ids(pubs, index.search('risk risk RISK').hits)).to.deep.equal(ids(pubs, index.search('risk').hits));
  });

  it('ranks title hits first, then keeps the order of the list', () => {
    // "risk" is in the title of one, in the summaries of two (and a tag of one).
    expect(ids(pubs, index.search('risk').hits)).to.deep.equal(['title-hit', 'summary-only', 'also-summary']);
    // Two words in the title rank above one; among those with one, the list's order.
    expect(ids(pubs, index.search('crisis hotlines').hits)).to.deep.equal(['two-in-title', 'summary-only', 'also-summary']);
    expect(ids(pubs, index.search('hotlines crisis').hits)).to.deep.equal(['two-in-title', 'summary-only', 'also-summary']);
    expect(ids(pubs, index.search('messaging crisis').hits)).to.deep.equal(['also-summary']);
    expect(ids(pubs, index.search('apps nuclear').hits)).to.deep.equal(['also-summary']);
  });

  it('finds Chinese at any position, with the characters in a row', () => {
    expect(ids(pubs, index.search('核武器').hits)).to.deep.equal(['zh']);
    expect(ids(pubs, index.search('武器').hits)).to.deep.equal(['zh']);
    expect(ids(pubs, index.search('危机沟通').hits)).to.deep.equal(['zh']);
    expect(ids(pubs, index.search('热线').hits)).to.deep.equal(['zh']);
    expect(ids(pubs, index.search('赵').hits)).to.deep.equal(['zh']);
    expect(index.search('核控制').hits, 'characters present but not in a row').to.deep.equal([]);
    expect(index.search('器控制与机').hits).to.deep.equal([]);
    expect(index.search('核武器').words).to.deep.equal(['核武器']);
  });

  it('finds Russian by the beginning of a word, in any case', () => {
    expect(ids(pubs, index.search('ядерн').hits)).to.deep.equal(['ru']);
    expect(ids(pubs, index.search('ЯДЕРНЫЙ').hits)).to.deep.equal(['ru']);
    expect(ids(pubs, index.search('каналы смирнова').hits)).to.deep.equal(['ru']);
    expect(index.search('дерный').hits).to.deep.equal([]);
  });

  it('finds Arabic with or without its vowel marks and hamza', () => {
    expect(ids(pubs, index.search('النووي').hits)).to.deep.equal(['ar']);
    expect(ids(pubs, index.search('النَّوَوِيّ').hits)).to.deep.equal(['ar']);
    // The summary writes الأَمْن; a reader types الامن or الأمن.
    expect(ids(pubs, index.search('الامن').hits)).to.deep.equal(['ar']);
    expect(ids(pubs, index.search('الأمن دراسة').hits)).to.deep.equal(['ar']);
    expect(ids(pubs, index.search('حداد').hits)).to.deep.equal(['ar']);
    // Words are found from their beginning: the article written onto a word is part of it.
    expect(index.search('نووي').hits).to.deep.equal([]);
  });

  it("searches the text of content_html, not its markup, code or comments", () => {
    expect(ids(pubs, index.search('uranium enrich').hits)).to.deep.equal(['content']);
    expect(ids(pubs, index.search('cafe').hits), 'character reference decoded').to.deep.equal(['content']);
    expect(ids(pubs, index.search('seminars').hits)).to.deep.equal(['content']);
    expect(index.search('href').hits).to.deep.equal([]);
    expect(index.search('example').hits).to.deep.equal([]);
    expect(index.search('hiddenscriptword').hits).to.deep.equal([]);
    expect(index.search('commentword').hits).to.deep.equal([]);
  });

  it('reads a word with apostrophes whole, and by its pieces', () => {
    for (const query of ["o'brien", 'O’Brien’s', 'obrien', 'brien', 'economie', "l'economie"]) {
      expect(ids(pubs, index.search(query).hits), query).to.deep.equal(['content']);
    }
    expect(index.search("o'brien").words).to.deep.equal(['obrien']);
    expect(index.search('briens').hits).to.deep.equal([]);
  });

  it('finds nothing for a word nobody used, and says which words it looked for', () => {
    expect(index.search('zzyzx')).to.deep.equal({ hits: [], words: ['zzyzx'] });
    expect(index.search('nuclear zzyzx')).to.deep.equal({ hits: [], words: ['nuclear', 'zzyzx'] });
    expect(index.search('量子')).to.deep.equal({ hits: [], words: ['量子'] });
  });

  it('hands out results the caller may keep and change', () => {
    const first = index.search('risk');
    first.hits.reverse();
    first.words.push('changed');
    expect(ids(pubs, index.search('risk').hits)).to.deep.equal(['title-hit', 'summary-only', 'also-summary']);
    expect(index.search('risk').words).to.deep.equal(['risk']);
  });
});

/**
 * An independent statement of the rules, written with regular expressions
 * over the feed module's own folding, to check the index on real feeds.
 */

/** The oracle's own folding, simpler than the index's: decomposed, marks dropped, lower case. */
const foldForSearch = (value: string) => value.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
function oracle(pubs: readonly Publication[], query: string): number[] {
  // A word with apostrophes is found whole (apostrophes dropped) or by its pieces.
  const clean = (text: string) => {
    const folded = foldForSearch(text);
    return /['\u2019]/.test(folded) ? `${folded.replace(/['\u2019]/g, '')}\n${folded.replace(/['\u2019]/g, ' ')}` : folded;
  };
  const words = [...new Set(foldForSearch(query).replace(/['\u2019]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
  const patterns = words.map((w) => new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'));
  const scored: [number, number][] = [];
  pubs.forEach((pub, i) => {
    const title = clean(pub.title);
    const body = clean(
      [
        ...pub.authors.map((a) => a.name),
        pub.summary ?? '',
        ...pub.tags,
        pub.type.label,
        pub.publisher ?? '',
        ...pub.takeaways,
        htmlToText(pub.contentHtml ?? ''),
      ].join('\n'),
    );
    let inTitle = 0;
    for (const pattern of patterns) {
      if (pattern.test(title)) inTitle++;
      else if (!pattern.test(body)) return;
    }
    scored.push([i, inTitle]);
  });
  return scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => i);
}

describe('search index: real feeds', () => {
  it('agrees with a plain statement of the rules on Daring Fireball (long content_html)', async () => {
    const pubs = await feedItems(fixtureUrl('feeds/daringfireball-v1.1.json'));
    const index = await buildSearchIndex(pubs);
    const queries = ['apple', 'nasa', 'nasa mars', 'mail privacy', 'track', 'self host', 'the', 'gruber', '2021', 'super follows', 'brooks law', 'zzz', 'a'];
    for (const query of queries) expect(index.search(query).hits, query).to.deep.equal(oracle(pubs, query));
    // What the rules mean here, spelled out: the three titles naming NASA first, in feed order, then the rest.
    const nasa = index.search('nasa').hits.map((i) => pubs[i]!.title);
    expect(nasa.slice(0, 3)).to.deep.equal([
      'The Hidden Message in the Parachute of NASA’s Mars Rover',
      'Bruce Blackburn, Designer of Ubiquitous NASA Logo, Dies at 82',
      'NASA’s Perseverance Rover Lands on Mars',
    ]);
    expect(nasa).to.have.length(3);
    // "apple": titles naming Apple, then the posts that name it only in their text, each part in feed order.
    const apple = index.search('apple').hits;
    const inTitle = apple.filter((i) => /\bapple/i.test(pubs[i]!.title));
    expect(inTitle.length).to.be.greaterThan(5);
    expect(apple.length).to.be.greaterThan(inTitle.length);
    expect(apple.slice(0, inTitle.length)).to.deep.equal([...inTitle].sort((x, y) => x - y));
    expect(apple.slice(inTitle.length)).to.deep.equal(apple.slice(inTitle.length).sort((x, y) => x - y));
    expect(index.search('zzz').hits).to.deep.equal([]);
  });

  it('agrees with the rules on the library fixture, the podcast feed and the WordPress feed', async () => {
    for (const [path, queries] of [
      ['library/feed.json', ['crisis', 'crisis communications', 'ruiz', 'deterrence', 'hotlines capitals', 'ai', 'report']],
      ['feeds/timetable-podcast-v1.json', ['episode', 'episode 4', 'launch', 'default themes']],
      ['feeds/influxdata-wordpress-v1.1.json', ['influxdb', 'time series', 'elastic', 'fake']],
    ] as const) {
      const pubs = await feedItems(fixtureUrl(path));
      const index = await buildSearchIndex(pubs);
      for (const query of queries) {
        const hits = index.search(query).hits;
        expect(hits, `${path}: ${query}`).to.deep.equal(oracle(pubs, query));
        expect(hits.length, `${path}: ${query} finds something`).to.be.greaterThan(0);
      }
    }
  });

  it('indexes hostile feed text as text (the XSS payload feed)', async () => {
    const pubs = await feedItems(mockUrl('xss-feed'));
    const index = await buildSearchIndex(pubs);
    for (const query of ['alert', 'script', 'onerror img', 'javascript']) expect(index.search(query).hits, query).to.deep.equal(oracle(pubs, query));
    expect(index.search('alert').hits.length).to.be.greaterThan(100);
  });
});

describe('search index: building', () => {
  it('builds 10,000 items in slices, letting the page run in between, and finds the right ones', async () => {
    const pubs = await feedItems(mockUrl('big-feed?n=10000'));
    // Yielding is checked by what happens, not by how long it takes (tests never assert wall time):
    // timer callbacks queued by the page must run while the index is still being built.
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setTimeout(tick);
    };
    setTimeout(tick);
    const index = await buildSearchIndex(pubs);
    const turnsWhileBuilding = turns;
    running = false;
    expect(index.size).to.equal(10_000);
    expect(turnsWhileBuilding, 'page tasks that ran during the build').to.be.greaterThan(1);
    for (const query of ['author 42', 'topic 3', 'generated 99']) expect(index.search(query).hits, query).to.deep.equal(oracle(pubs, query));
    // "Generated publication number 3", 30, 31…: a word starting with 3 in the title comes first.
    expect(index.search('topic 3').hits.slice(0, 5)).to.deep.equal([3, 30, 31, 32, 33]);
    expect(index.search('author 42').hits).to.include.members(Array.from({ length: 103 }, (_, k) => 42 + 97 * k));
  });

  it('rejects with the reason when aborted before or during the build', async () => {
    const pubs = await feedItems(mockUrl('big-feed?n=20000'));

    const early = new AbortController();
    early.abort(new Error('not needed'));
    let error: unknown = await buildSearchIndex(pubs, { signal: early.signal }).catch((e: unknown) => e);
    expect(error).to.equal(early.signal.reason);

    const late = new AbortController();
    const building = buildSearchIndex(pubs, { signal: late.signal });
    setTimeout(() => late.abort());
    error = await building.then(
      () => 'finished',
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('finds the last documents on either side of 32,768, where its postings stop fitting in 16 bits', async () => {
    const base = await feedItems(mockUrl('big-feed?n=1000'));
    const marked = (title: string) => ({ ...base[0]!.toJSON!(), title });
    for (const size of [32_768, 32_769, 40_000]) {
      // The feed's entries over and over, and a title only the last two documents have.
      const pubs = Array.from({ length: size }, (_, i) => (i >= size - 2 ? marked(`Zymurgy notes ${i}`) : base[i % base.length]!));
      const index = await buildSearchIndex(pubs);
      expect(index.size).to.equal(size);
      expect(index.search('zymurgy').hits, `${size} documents`).to.deep.equal([size - 2, size - 1]);
      expect(index.search('author 42').hits, `${size} documents`).to.deep.equal(oracle(pubs, 'author 42'));
    }
  });

  it('builds an empty index for an empty list', async () => {
    const index = await buildSearchIndex([]);
    expect(index.size).to.equal(0);
    expect(index.search('')).to.deep.equal({ hits: [], words: [] });
    expect(index.search('anything')).to.deep.equal({ hits: [], words: ['anything'] });
  });
});
