// Plain text out of feed HTML: what a card's excerpt shows and what search reads.
import { expect } from '@open-wc/testing';
import { htmlToText } from '../../src/feed/text.js';
import { readFeed } from '../../src/feed/parse-feed.js';
import { fixtureUrl } from '../helpers/fixtures.js';

describe('htmlToText', () => {
  it('keeps words and punctuation together across inline markup', () => {
    expect(htmlToText('<p>the next version will have <a href="https://x.test/">tracking off by default</a>.</p>')).to.equal(
      'the next version will have tracking off by default.',
    );
    expect(htmlToText('<b>Fire</b>ball’s <em>new</em> <span class="x">app</span>: “<i>Let it snow</i>”')).to.equal('Fireball’s new app: “Let it snow”');
    expect(htmlToText('H<sub>2</sub>O and E=mc<SUP>2</SUP>')).to.equal('H2O and E=mc2');
  });

  it('keeps words apart across block markup, line breaks and images', () => {
    expect(htmlToText('<p>One</p><p>Two</p><ul><li>three</li><li>four</li></ul>')).to.equal('One Two three four');
    expect(htmlToText('line<br>break<br/>again<img src="x.png" alt="">end')).to.equal('line break again end');
    expect(htmlToText('<h2>Title</h2><blockquote>Quote</blockquote><div>Div</div>')).to.equal('Title Quote Div');
  });

  it('drops tags whatever their case or attributes, and leaves no markup', () => {
    expect(htmlToText('<A HREF="x">a</A><Br>b<abbr title="t">c</abbr>')).to.equal('a bc');
    expect(htmlToText('<a href="x" onclick="alert(1)">x</a><script>alert(2)</script><!-- c -->y')).to.equal('x y');
    expect(htmlToText('broken <b')).to.equal('broken');
  });

  it('reads the excerpts of Daring Fireball without stray spaces before punctuation', async () => {
    const url = fixtureUrl('feeds/daringfireball-v1.1.json');
    const feed = readFeed(await (await fetch(url)).json(), url);
    const summaries = feed.items.map((item) => item.summary ?? '');
    expect(summaries.find((s) => s.includes('tracking off by default'))).to.include('tracking off by default. Link: mailcoach.app/');
    for (const summary of summaries) expect(summary, summary).not.to.match(/\w \.(\s|$)/);
  });
});
