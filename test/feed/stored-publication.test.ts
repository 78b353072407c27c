import { expect } from '@open-wc/testing';
import { readFeed } from '../../src/feed/parse-feed.js';
import type { Publication } from '../../src/feed/publication.js';
import { applyFacets, indexFacets } from '../../src/query/facet-counts.js';
import { groupPublications, sortPublications } from '../../src/query/query.js';
import { publication } from '../helpers/publication.js';
import { fixtureUrl } from '../helpers/fixtures.js';

/**
 * A feed's publications keep most fields as bytes on the feed's shelf
 * (`stored-publication.ts`). Whatever is asked, and however often, they must
 * answer exactly what the feed said.
 */

const BASE = 'https://library.example/lib/feed.json';

/** Text in several scripts, with the characters JSON escapes, and an emoji (a surrogate pair). */
const words = (i: number) => `摘要 ${i} — ملخص «نص» Ядерный "quoted" back\\slash \u00e9\u0301 \ud83d\ude00 tab\tend`;

function entry(i: number) {
  return {
    id: `entry-${i}`,
    title: `Entry ${i}`,
    url: `publications/${i}.html`,
    external_url: i % 2 ? `https://elsewhere.example/works/${i}` : undefined,
    image: `images/${i}.png`,
    summary: words(i),
    content_html: `<p>Body of ${i} <b>in bold</b></p>`,
    language: i % 3 ? 'en' : 'ar',
    date_published: `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}T08:30:00Z`,
    date_modified: '2025-02-03T04:05:06Z',
    authors: [{ name: `Author ${i % 4}`, url: `people/${i % 4}.html` }],
    tags: [`topic ${i % 3}`],
    attachments: [
      { url: `files/${i}.epub`, mime_type: 'application/epub+zip', title: `Book ${i}` },
      { url: `pdfs/${i}.pdf`, mime_type: 'application/pdf', size_in_bytes: 1000 + i },
    ],
    _library: {
      type: 'report',
      origin: i % 5 ? 'institute' : 'external',
      featured: i === 7,
      takeaways: [`First point of ${i}`, `Second: ${words(i)}`],
      publisher: i % 5 ? undefined : `Press ${i}`,
      status: i === 9 ? 'withdrawn' : 'published',
      withdrawn_reason: i === 9 ? 'Superseded by a later edition.' : undefined,
      withdrawn_date: i === 9 ? '2025-06-01' : undefined,
    },
  };
}

/** What each publication should answer, worked out from its entry without the reader. */
function expected(i: number) {
  const at = (path: string) => new URL(path, BASE).href;
  return {
    id: `entry-${i}`,
    url: at(`publications/${i}.html`),
    externalUrl: i % 2 ? `https://elsewhere.example/works/${i}` : undefined,
    image: at(`images/${i}.png`),
    summary: words(i).replace(/\t/, ' '),
    contentHtml: `<p>Body of ${i} <b>in bold</b></p>`,
    language: i % 3 ? 'en' : 'ar',
    datePublished: new Date(`20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}T08:30:00Z`).getTime(),
    dateModified: Date.UTC(2025, 1, 3, 4, 5, 6),
    attachments: [
      { url: at(`files/${i}.epub`), mimeType: 'application/epub+zip', title: `Book ${i}`, sizeInBytes: undefined },
      { url: at(`pdfs/${i}.pdf`), mimeType: 'application/pdf', title: undefined, sizeInBytes: 1000 + i },
    ],
    origin: i % 5 ? 'institute' : 'external',
    featured: i === 7,
    takeaways: [`First point of ${i}`, `Second: ${words(i).replace(/\t/, ' ')}`],
    publisher: i % 5 ? undefined : `Press ${i}`,
    status: i === 9 ? 'withdrawn' : 'published',
    withdrawnReason: i === 9 ? 'Superseded by a later edition.' : undefined,
    withdrawnDate: i === 9 ? Date.UTC(2025, 5, 1, 12) : undefined,
  };
}

function answers(pub: Publication) {
  return {
    id: pub.id,
    url: pub.url,
    externalUrl: pub.externalUrl,
    image: pub.image,
    summary: pub.summary,
    contentHtml: pub.contentHtml,
    language: pub.language,
    datePublished: pub.datePublished?.getTime(),
    dateModified: pub.dateModified?.getTime(),
    attachments: pub.attachments.map((a) => ({ ...a })),
    origin: pub.origin,
    featured: pub.featured,
    takeaways: pub.takeaways,
    publisher: pub.publisher,
    status: pub.status,
    withdrawnReason: pub.withdrawnReason,
    withdrawnDate: pub.withdrawnDate?.getTime(),
  };
}

const COUNT = 600;

describe('feed: publications kept compactly', () => {
  const feed = readFeed({ version: 'https://jsonfeed.org/version/1.1', items: Array.from({ length: COUNT }, (_, i) => entry(i)) }, BASE);

  it('answers every field as the feed gave it, in any script, however often and in whatever order it is asked', () => {
    expect(feed.issues).to.deep.equal([]);
    expect(feed.items).to.have.length(COUNT);
    // Forwards, backwards and forwards again: more publications than the shelf keeps read back at once.
    const order = [...feed.items.keys(), ...[...feed.items.keys()].reverse(), ...feed.items.keys()];
    for (const i of order) expect(answers(feed.items[i]!), `publication ${i}`).to.deep.equal(expected(i));
    const pub = feed.items[3]!;
    expect(pub.pdf).to.deep.equal(expected(3).attachments[1]);
    expect(pub.pdf).to.equal(pub.attachments[1]);
    expect(pub.baseUrl).to.equal(BASE);
  });

  it('groups by the year of its date, and sorts by the date', () => {
    const some = feed.items.slice(0, 40);
    const groups = groupPublications(some, 'year', feed.types, 'Undated');
    const yearOf = (i: number) => String(new Date(expected(i).datePublished).getUTCFullYear());
    expect(groups.map((g) => g.key)).to.deep.equal([...new Set(some.map((_, i) => yearOf(i)))].sort().reverse());
    for (const group of groups) expect(group.items.every((pub) => yearOf(feed.items.indexOf(pub)) === group.key), group.key).to.equal(true);
    const times = (pubs: Publication[]) => pubs.map((pub) => expected(feed.items.indexOf(pub)).datePublished);
    expect(times(sortPublications(some, 'newest'))).to.deep.equal(times(some).sort((a, b) => b - a));
    expect(times(sortPublications(some, 'oldest'))).to.deep.equal(times(some).sort((a, b) => a - b));
  });

  it('finds the PDF among the attachments it kept, and links with spaces around them', () => {
    const item = {
      id: 'files',
      title: 'Files',
      url: '  publications/files.html\n',
      attachments: [
        { url: 'javascript:alert(1)', mime_type: 'application/pdf' },
        { url: 'files/notes.txt', mime_type: 'text/plain' },
        { url: ' pdfs/files.pdf ', mime_type: 'application/octet-stream' },
      ],
    };
    const [pub] = readFeed({ version: 'https://jsonfeed.org/version/1.1', items: [item] }, BASE).items;
    expect(pub!.url).to.equal(new URL('publications/files.html', BASE).href);
    expect(pub!.attachments.map((a) => a.url)).to.deep.equal([new URL('files/notes.txt', BASE).href, new URL('pdfs/files.pdf', BASE).href]);
    expect(pub!.pdf?.url).to.equal(new URL('pdfs/files.pdf', BASE).href);
  });

  it('does not mix up lists of tags whose names hold the character a key might join them with', () => {
    const tagged = (id: string, tags: string[]) => ({ id, title: id, tags });
    const { items } = readFeed({ version: 'https://jsonfeed.org/version/1.1', items: [tagged('one', ['a\u0000b']), tagged('two', ['a', 'b'])] }, BASE);
    expect(items.map((pub) => pub.tags)).to.deep.equal([['a\u0000b'], ['a', 'b']]);
  });

  it('keeps a lone surrogate, which JSON escapes, as it was', () => {
    const lone = readFeed({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'x', title: 'X', summary: 'before \ud800 after' }] }, BASE);
    expect(lone.items[0]!.summary).to.equal('before \ud800 after');
  });

  it('gives a plain copy with every field, for JSON and for changing one field', () => {
    const pub = feed.items[9]!;
    const copy = { ...pub.toJSON!(), title: 'Changed' };
    expect(copy.title).to.equal('Changed');
    expect(answers(copy)).to.deep.equal(expected(9));
    expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
    const json = JSON.parse(JSON.stringify(pub)) as Record<string, unknown>;
    expect(json).to.include({ id: 'entry-9', title: 'Entry 9', summary: expected(9).summary, url: expected(9).url, status: 'withdrawn', baseUrl: BASE });
    expect(json.withdrawnDate).to.equal('2025-06-01T12:00:00.000Z');
    expect(json.pdf).to.deep.equal({ url: expected(9).url.replace('publications/9.html', 'pdfs/9.pdf'), mimeType: 'application/pdf', sizeInBytes: 1009 });
  });

  it('shares one frozen list among publications with the same authors, or the same tags', () => {
    const [a, b, c] = [feed.items[1]!, feed.items[5]!, feed.items[2]!];
    expect(a.authors).to.equal(b.authors);
    expect(a.authors).to.not.equal(c.authors);
    expect(a.tags).to.equal(feed.items[4]!.tags);
    expect(Object.isFrozen(a.authors) && Object.isFrozen(a.tags)).to.equal(true);
    expect(a.authors).to.deep.equal([{ name: 'Author 1', url: new URL('people/1.html', BASE).href }]);
  });

  it('filters and counts a list that mixes two feeds and a publication made by hand', async () => {
    const library = readFeed(await (await fetch(fixtureUrl('library/feed.json'))).json(), 'https://library.example/feed.json');
    const byHand = publication({ id: 'hand', title: 'By hand', tags: ['topic 1', 'topic 1'], datePublished: new Date('2015-03-01T00:00:00Z') });
    // Numbers on the shelf past 64, where the positions' array has to grow.
    const list = [...feed.items.slice(0, 6), byHand, ...library.items, ...feed.items.slice(300, 303)];
    const index = indexFacets(list);
    const { results, counts } = applyFacets(list, { tag: ['topic 1'] }, index);
    expect(results.map((p) => p.id)).to.deep.equal(['entry-1', 'entry-4', 'hand', 'entry-301']);
    expect(counts.tag.get('topic 0')).to.equal(3);
    // Years from the shelf and from a Date alike; a tag given twice counts once.
    expect([...counts.year].sort()).to.deep.equal([['2011', 2], ['2014', 1], ['2015', 1]]);
    expect(applyFacets(list, { year: ['2015'] }, index).results.map((p) => p.id)).to.deep.equal(['entry-5', 'hand']);
    expect(counts.tag.get('topic 1')).to.equal(4);
    expect(counts.tag.get('history')).to.equal(library.items.filter((p) => p.tags.includes('history')).length);
    // A publication of the same feed that is not in the list is not counted, though the one before it on the shelf is.
    expect(applyFacets([feed.items[6]!, feed.items[7]!, ...list], {}, index).results).to.have.length(list.length);
    // Nothing chosen: the list itself comes back.
    expect(applyFacets(list, {}, index).results).to.equal(list);
  });
});
