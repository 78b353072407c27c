import { expect } from '@open-wc/testing';
import { readFeed, parseFeed } from '../../src/feed/parse-feed.js';
import { FeedError } from '../../src/feed/errors.js';
import { parseFeedDate } from '../../src/feed/dates.js';
import { resolveSafeUrl } from '../../src/feed/url-policy.js';
import { fixtureUrl } from '../helpers/fixtures.js';

async function json(path: string): Promise<unknown> {
  return (await fetch(fixtureUrl(path))).json();
}

function failure(run: () => unknown): FeedError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error('expected a FeedError');
}

describe('feed: reading and validating', () => {
  it('reads the library extension: types in the declared order, then undeclared ones', async () => {
    const feed = readFeed(await json('library/feed.json'), 'https://library.example/lib/feed.json');
    expect(feed.issues).to.deep.equal([]);
    expect(feed.types.map((t) => t.plural)).to.deep.equal(['Fact Sheets', 'Reports', 'Articles', 'Op-Eds']);
    const report = feed.items.find((i) => i.id === 'report-one')!;
    expect(report.featured).to.equal(true);
    expect(report.takeaways).to.have.length(4);
    expect(report.type.label).to.equal('Report');
    expect(report.pdf).to.deep.include({ url: 'https://library.example/lib/pdfs/report-one.pdf', sizeInBytes: 1572864 });
    expect(report.datePublished?.toISOString()).to.equal('2023-06-12T09:00:00.000Z');
    const outside = feed.items.find((i) => i.id === 'outside-one')!;
    expect(outside.origin).to.equal('external');
    expect(outside.publisher).to.equal('Harvard University Press');
    const withdrawn = feed.items.find((i) => i.id === 'withdrawn-one')!;
    expect(withdrawn.status).to.equal('withdrawn');
    expect(withdrawn.withdrawnReason).to.equal("Removed at the author's request.");
  });

  it("resolves relative URLs against the feed's URL, not the page", async () => {
    const feed = readFeed(await json('library/feed.json'), 'https://partner.example/data/feed.json');
    const item = feed.items.find((i) => i.id === 'article-one')!;
    expect(item.url).to.equal('https://partner.example/data/publications/article-one.html');
    expect(item.authors[0]).to.deep.equal({ name: 'Ana Ruiz', url: 'https://partner.example/data/people/ana-ruiz.html' });
    expect(item.pdf?.url).to.equal('https://partner.example/data/pdfs/article-one.pdf');
  });

  it('skips bad items with the index, id, field and reason, and keeps the rest', async () => {
    const feed = readFeed(await json('library/broken-items.json'), 'https://library.example/feed.json');
    expect(feed.items.map((i) => i.title)).to.deep.equal(['A Good Item', 'No Id But Fine', 'Unsafe Links Dropped']);
    const errors = feed.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.index, e.id, e.field])).to.deep.equal([
      [1, 'bad-title', 'title'],
      [2, 'bad-authors', 'authors'],
      [3, 'bad-origin', '_library.origin'],
      [5, undefined, undefined],
    ]);
    expect(errors[0]!.message).to.equal('must be a string, not a number');
    expect(errors[1]!.message).to.equal('must be an array, not a string');
    expect(errors[2]!.message).to.contain('"institute", "external"').and.contain('"ours"');
    expect(errors[3]!.message).to.equal('must be an object, not a string');
  });

  it('drops javascript:, data: and other schemes with a warning, and bad dates with a warning', async () => {
    const feed = readFeed(await json('library/broken-items.json'), 'https://library.example/feed.json');
    const item = feed.items.find((i) => i.id === 'unsafe-links')!;
    expect(item.url).to.equal(undefined);
    expect(item.externalUrl).to.equal(undefined);
    expect(item.authors).to.deep.equal([{ name: 'Mallory' }]);
    expect(item.attachments).to.deep.equal([]);
    expect(item.pdf).to.equal(undefined);
    expect(item.datePublished).to.equal(undefined);
    const warnings = feed.issues.filter((i) => i.severity === 'warning' && i.id === 'unsafe-links').map((i) => i.field);
    expect(warnings).to.have.members(['url', 'external_url', 'authors[0].url', 'attachments[0].url', 'date_published']);
    const missingId = feed.issues.find((i) => i.index === 4)!;
    expect(missingId).to.deep.include({ severity: 'warning', field: 'id' });
    expect(feed.items[1]!.id).to.equal('https://library.example/no-id');
  });

  it('fails as a whole, with a plain reason, for JSON that is not a JSON Feed', async () => {
    const error = failure(() => readFeed(JSON.parse('{"name":"package"}'), 'https://x.example/f.json'));
    expect(error.kind).to.equal('not-feed');
    expect(error.message).to.contain('version is required');
    expect(error.message).to.contain('items is required and must be an array');
    expect(failure(() => readFeed([1, 2], 'https://x.example/f.json')).kind).to.equal('not-feed');
  });

  it('fails as a whole for text that is not JSON, and says when it is a web page', () => {
    const page = failure(() => parseFeed('<!doctype html><p>hi</p>', 'https://x.example/', 'text/html'));
    expect(page.kind).to.equal('not-json');
    expect(page.message).to.equal('The address returned a web page, not a JSON feed.');
    const cut = failure(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', 'https://x.example/f.json'));
    expect(cut.kind).to.equal('not-json');
    expect(cut.message).to.match(/^The feed is not valid JSON: /);
  });

  it('fails as a whole when no item can be read, and lists why', async () => {
    const error = failure(() => readFeed({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [{ id: 1, title: ['a'] }, 7] }, 'https://x.example/f.json'));
    expect(error.kind).to.equal('no-valid-items');
    expect(error.details.issues).to.have.length(2);
  });

  it('makes plural headings from declared labels, decodes every text field and drops blank takeaways', () => {
    const feed = readFeed(
      {
        version: 'https://jsonfeed.org/version/1.1',
        _library: { types: [{ id: 'rpt', label: 'Report' }, { id: 'study', label: 'Case Study' }] },
        items: [
          {
            id: 'a',
            title: 'A',
            _library: {
              type: 'study',
              publisher: 'War on &amp; Rocks',
              takeaways: ['One', '   ', 'Two'],
              status: 'withdrawn',
              withdrawn_reason: 'At the author&#8217;s request',
            },
          },
          { id: 'b', title: 'B', _library: { type: 'rpt' } },
        ],
      },
      'https://x.example/f.json',
    );
    expect(feed.types.map((t) => t.plural)).to.deep.equal(['Reports', 'Case Studies']);
    const [a] = feed.items;
    expect(a!.publisher).to.equal('War on & Rocks');
    expect(a!.takeaways).to.deep.equal(['One', 'Two']);
    expect(a!.withdrawnReason).to.equal('At the author\u2019s request');
  });

  it('treats an empty feed as empty, not as an error', () => {
    const feed = readFeed({ version: 'https://jsonfeed.org/version/1', title: 'x', items: [] }, 'https://x.example/f.json');
    expect(feed.items).to.deep.equal([]);
  });
});

describe('feed: real JSON Feeds without the extension', () => {
  it('reads Daring Fireball (1.1): titles, authors, external links, excerpts from content_html', async () => {
    const feed = readFeed(await json('feeds/daringfireball-v1.1.json'), fixtureUrl('feeds/daringfireball-v1.1.json'));
    expect(feed.items).to.have.length(48);
    expect(feed.issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
    expect(feed.types.map((t) => t.plural)).to.deep.equal(['Publications']);
    for (const item of feed.items) {
      expect(item.title).to.be.a('string').and.not.equal('');
      expect(item.summary ?? '').not.to.match(/<[a-z]/i);
    }
    expect(feed.items.some((i) => i.externalUrl)).to.equal(true);
    expect(feed.items[0]!.authors[0]!.name).to.equal('John Gruber');
  });

  it('reads the Timetable podcast (1.0): attachments that are not PDFs are not "the PDF"', async () => {
    const feed = readFeed(await json('feeds/timetable-podcast-v1.json'), fixtureUrl('feeds/timetable-podcast-v1.json'));
    expect(feed.items).to.have.length(45);
    expect(feed.items.every((i) => i.attachments.length > 0 && i.pdf === undefined)).to.equal(true);
  });

  it("reads jsonfeed.org's feed (1.0) with its single deprecated author", async () => {
    const feed = readFeed(await json('feeds/jsonfeed-org-v1.json'), fixtureUrl('feeds/jsonfeed-org-v1.json'));
    expect(feed.items).to.have.length(1);
    expect(feed.items[0]!.authors.length).to.be.greaterThan(0);
  });

  it('reads the WordPress feed: no ids, RFC 2822 dates, entities, author and authors', async () => {
    const raw = (await json('feeds/influxdata-wordpress-v1.1.json')) as {
      items: { authors?: { name: string }[]; author?: { name: string }; date_published?: string }[];
    };
    const feed = readFeed(raw, fixtureUrl('feeds/influxdata-wordpress-v1.1.json'));
    expect(feed.title).to.equal('Blog \u2013 InfluxData');
    expect(feed.items.length).to.equal(raw.items.length);
    expect(new Set(feed.items.map((i) => i.id)).size).to.equal(feed.items.length);
    expect(feed.issues.every((i) => i.severity === 'warning')).to.equal(true);
    expect(feed.issues.filter((i) => i.field === 'id')).to.have.length(raw.items.length);
    expect(feed.items.map((i) => i.datePublished?.toISOString())).to.deep.equal([
      '2019-05-31T19:17:58.000Z',
      '2018-02-06T13:34:12.000Z',
      undefined,
    ]);
    // `authors` wins over the deprecated `author` when both are present; `author` alone still counts.
    expect(feed.items[0]!.authors.map((a) => a.name)).to.deep.equal(['Chris Churilo', 'Fake Author 1']);
    expect(feed.items[1]!.authors.map((a) => a.name)).to.deep.equal([raw.items[1]!.author!.name]);
    expect(feed.items[0]!.authors[0]!.url).to.equal('https://www.influxdata.com/blog/author/chrisc/');
  });
});

describe('feed: dates and URLs', () => {
  it('reads RFC 3339 and RFC 2822, and refuses anything else', () => {
    expect(parseFeedDate('2023-05-15')?.toISOString()).to.equal('2023-05-15T12:00:00.000Z');
    expect(parseFeedDate('2023-05-15T09:30:00+02:00')?.toISOString()).to.equal('2023-05-15T07:30:00.000Z');
    expect(parseFeedDate('Fri, 31 May 2019 12:17:58 -0700')?.toISOString()).to.equal('2019-05-31T19:17:58.000Z');
    expect(parseFeedDate('31 May 2019 12:17 GMT')?.toISOString()).to.equal('2019-05-31T12:17:00.000Z');
    expect(parseFeedDate('last Tuesday')).to.equal(undefined);
    expect(parseFeedDate('2023-13-45')).to.equal(undefined);
    // A day that does not exist is refused rather than rolled into March.
    expect(parseFeedDate('2023-02-30')).to.equal(undefined);
    expect(parseFeedDate('Thu, 30 Feb 2023 10:00:00 +0000')).to.equal(undefined);
    // No offset means UTC, for every reader; compact offsets and lower case are read alike in every engine.
    expect(parseFeedDate('2023-05-15T09:30:00')?.toISOString()).to.equal('2023-05-15T09:30:00.000Z');
    expect(parseFeedDate('2023-05-15t09:30:00+0200')?.toISOString()).to.equal('2023-05-15T07:30:00.000Z');
    expect(parseFeedDate('2023-05-15 09:30:00z')?.toISOString()).to.equal('2023-05-15T09:30:00.000Z');
  });

  it('follows only http(s) and relative URLs', () => {
    const base = 'https://a.example/feeds/feed.json';
    expect(resolveSafeUrl('x.pdf', base)).to.equal('https://a.example/feeds/x.pdf');
    expect(resolveSafeUrl('//cdn.example/y.png', base)).to.equal('https://cdn.example/y.png');
    expect(resolveSafeUrl('http://b.example/', base)).to.equal('http://b.example/');
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'blob:https://a.example/x', 'java\tscript:alert(1)']) {
      expect(resolveSafeUrl(bad, base), bad).to.equal(undefined);
    }
  });
});
