import { expect } from '@open-wc/testing';
import { readFeed } from '../../src/feed/parse-feed.js';
import { htmlToText } from '../../src/feed/text.js';
import { sanitizeFeedHtml } from '../../src/feed/sanitize-html.js';
import { MARKED_TEXT_LIMIT, highlightNodes, highlightParts } from '../../src/search/highlight.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { fixtureUrl, mockUrl } from '../helpers/fixtures.js';

/** The runs as a string, matches in brackets: "[Zhào] Wei". */
const marked = (text: string, words: string[]) =>
  highlightParts(text, words)
    .map((part) => (part.match ? `[${part.text}]` : part.text))
    .join('');

describe('highlightParts', () => {
  it('marks the original text, whatever its case and accents', () => {
    expect(highlightParts('Li Zhào and ZHAO Wei', ['zhao'])).to.deep.equal([
      { text: 'Li ', match: false },
      { text: 'Zhào', match: true },
      { text: ' and ', match: false },
      { text: 'ZHAO', match: true },
      { text: ' Wei', match: false },
    ]);
    expect(marked('Résumé, résumés and RESUME', ['resume'])).to.equal('[Résumé], [résumé]s and [RESUME]');
    expect(marked('Søren Kierkegaard in Łódź', ['soren', 'lodz'])).to.equal('[Søren] Kierkegaard in [Łódź]');
    expect(marked('Die Straße', ['strasse'])).to.equal('Die [Straße]');
  });

  it('keeps decomposed accents with their letter', () => {
    const decomposed = 'Re\u0301sume\u0301 here';
    expect(highlightParts(decomposed, ['resume'])).to.deep.equal([
      { text: 'Re\u0301sume\u0301', match: true },
      { text: ' here', match: false },
    ]);
  });

  it('marks the beginnings of words only, in spaced scripts', () => {
    expect(marked('Nuclear and unclear', ['nucl'])).to.equal('[Nucl]ear and unclear');
    expect(marked('Nuclear and unclear', ['clear'])).to.equal('Nuclear and unclear');
    expect(marked('un-clear, (clear)', ['clear'])).to.equal('un-[clear], ([clear])');
    expect(marked('Ядерный риск; ядерные силы', ['ядерн'])).to.equal('[Ядерн]ый риск; [ядерн]ые силы');
  });

  it('marks Chinese at any position', () => {
    expect(marked('核武器控制与武器', ['武器'])).to.equal('核[武器]控制与[武器]');
    expect(marked('关于核武器控制', ['核武器'])).to.equal('关于[核武器]控制');
    // A Latin word right after Chinese text starts a word.
    expect(marked('核iPhone研究', ['iphone'])).to.equal('核[iPhone]研究');
  });

  it('marks Arabic with its vowel marks and hamza inside the run', () => {
    expect(marked('دراسة عن الأَمْن النَّوَوِيّ', ['النووي', 'الامن'])).to.equal('دراسة عن [الأَمْن] [النَّوَوِيّ]');
  });

  it('marks words across the apostrophes inside them, and their pieces', () => {
    expect(marked("O’Brien’s talk, o'brien", ['obrien'])).to.equal("[O’Brien]’s talk, [o'brien]");
    expect(marked("O’Brien’s talk", ["o'brien's"])).to.equal('[O’Brien’s] talk');
    expect(marked("O’Brien’s talk", ['brien'])).to.equal('O’[Brien]’s talk');
    expect(marked('l’économie d’abord', ['economie', 'abord'])).to.equal('l’[économie] d’[abord]');
    expect(marked('l’économie', ['conomie'])).to.equal('l’économie');
  });

  it('marks an abbreviation written with dots for the word without them', () => {
    expect(marked('Unlocking U.S. Technological Competitiveness', ['us'])).to.equal('Unlocking [U.S]. Technological Competitiveness');
    expect(marked('The U.S.-U.K.-French talks', ['u.k.', 'french'])).to.equal('The U.S.-[U.K].-[French] talks');
    expect(marked('J. Smith', ['j'])).to.equal('[J]. Smith');
  });

  it('merges overlapping and touching matches into one run', () => {
    expect(marked('Nuclear risk', ['nuclear', 'nuc', 'risk'])).to.equal('[Nuclear] [risk]');
    expect(marked('核武器', ['核武', '武器'])).to.equal('[核武器]');
    expect(highlightParts('核武器', ['核武', '武器'])).to.have.length(1);
  });

  it('folds the words it is given, and splits them as the index does', () => {
    expect(marked('Li Zhào', ['ZHÀO'])).to.equal('Li [Zhào]');
    expect(marked('nuclear-risk reduction', ['Nuclear-Risk'])).to.equal('[nuclear]-[risk] reduction');
  });

  it('returns the text unmarked when nothing matches, and nothing for empty text', () => {
    expect(highlightParts('Hotlines Between Capitals', ['zzz'])).to.deep.equal([{ text: 'Hotlines Between Capitals', match: false }]);
    expect(highlightParts('Hotlines Between Capitals', [])).to.deep.equal([{ text: 'Hotlines Between Capitals', match: false }]);
    expect(highlightParts('Hotlines', ['', '  ', '—'])).to.deep.equal([{ text: 'Hotlines', match: false }]);
    expect(highlightParts('', ['hot'])).to.deep.equal([]);
  });

  it('marks what the search found, on real titles and summaries, without changing a character', async () => {
    const feeds = [fixtureUrl('feeds/daringfireball-v1.1.json'), fixtureUrl('library/feed.json'), mockUrl('xss-feed')];
    let checked = 0;
    for (const url of feeds) {
      const pubs = readFeed(await (await fetch(url)).json(), url).items;
      const index = await buildSearchIndex(pubs);
      for (const query of ['apple', 'nasa mars', 'crisis', 'alert', 'script img', 'the']) {
        const { hits, words } = index.search(query);
        for (const i of hits) {
          const pub = pubs[i]!;
          for (const text of [pub.title, pub.summary ?? '', htmlToText(pub.contentHtml ?? '')]) {
            const parts = highlightParts(text, words);
            expect(parts.map((p) => p.text).join('')).to.equal(text);
            expect(parts.every((p) => p.text.length > 0)).to.equal(true);
            // Runs alternate: two neighbours never have the same flag.
            for (let k = 1; k < parts.length; k++) expect(parts[k]!.match).not.to.equal(parts[k - 1]!.match);
            checked++;
          }
        }
      }
    }
    expect(checked).to.be.greaterThan(500);

    // Title hits come first, so the first card of a search has its title marked.
    const url = fixtureUrl('feeds/daringfireball-v1.1.json');
    const pubs = readFeed(await (await fetch(url)).json(), url).items;
    const { hits, words } = (await buildSearchIndex(pubs)).search('Apple mail');
    expect(marked(pubs[hits[0]!]!.title, words)).to.equal('[Mail]TrackerBlocker for [Apple] [Mail] on MacOS');
  });
});

describe('highlightNodes', () => {
  /** The fragment as text, marks in brackets. */
  const shown = (node: Node): string =>
    [...node.childNodes]
      .map((child) =>
        child instanceof HTMLElement && child.localName === 'mark' ? `[${child.textContent}]` : child.nodeType === Node.TEXT_NODE ? child.textContent : shown(child),
      )
      .join('');

  it('marks the words in the text of markup, leaving its elements, links and attributes as they were', async () => {
    const html = '<p>Zhào <strong>Wei</strong> on <a href="https://example.org/nuclear" title="nuclear">nuclear risk</a>; <b>nu</b>clear, split.</p>';
    const fragment = await sanitizeFeedHtml(html, 'https://example.org/feed.json');
    const before = fragment.textContent;
    const result = highlightNodes(fragment, ['zhao', 'nuclear']);
    expect(result).to.equal(fragment);
    expect(fragment.textContent).to.equal(before);
    expect(shown(fragment)).to.equal('[Zhào] Wei on [nuclear] risk; nuclear, split.');
    const marks = [...fragment.querySelectorAll('mark')];
    expect(marks.map((mark) => mark.getAttribute('part'))).to.deep.equal(['match', 'match']);
    // The second mark sits inside the link, which keeps its address and title.
    const link = fragment.querySelector('a')!;
    expect(link.contains(marks[1]!)).to.equal(true);
    expect(link.getAttribute('href')).to.equal('https://example.org/nuclear');
    expect(link.getAttribute('title')).to.equal('nuclear');
    expect(fragment.querySelector('strong')!.textContent).to.equal('Wei');
  });

  it('marks only the start of a very long text, so that a whole article does not slow each keystroke', async () => {
    const paragraph = `<p>${'A workshop on crisis channels met in London. '.repeat(20)}</p>`;
    const count = Math.ceil((MARKED_TEXT_LIMIT * 2) / (paragraph.length - 7));
    const fragment = await sanitizeFeedHtml(paragraph.repeat(count), 'https://example.org/feed.json');
    highlightNodes(fragment, ['workshop']);
    const paragraphs = [...fragment.querySelectorAll('p')];
    expect(paragraphs).to.have.length(count);
    expect(paragraphs[0]!.querySelectorAll('mark')).to.have.length(20);
    expect(paragraphs.at(-1)!.querySelectorAll('mark')).to.have.length(0);
    // Every run that starts within the limit is marked, the one that crosses it included.
    let start = 0;
    for (const p of paragraphs) {
      expect(p.querySelectorAll('mark').length, `paragraph at ${start}`).to.equal(start < MARKED_TEXT_LIMIT ? 20 : 0);
      start += p.textContent!.length;
    }
  });

  it('marks what the search found in real long summaries, without changing a character', async () => {
    const url = fixtureUrl('feeds/daringfireball-v1.1.json');
    const pubs = readFeed(await (await fetch(url)).json(), url).items;
    const index = await buildSearchIndex(pubs);
    let marked = 0;
    for (const query of ['apple', 'mail', 'the']) {
      const { hits, words } = index.search(query);
      for (const i of hits) {
        const pub = pubs[i]!;
        if (!pub.contentHtml) continue;
        const fragment = await sanitizeFeedHtml(pub.contentHtml, pub.baseUrl);
        const before = fragment.textContent;
        const elements = fragment.querySelectorAll('*').length;
        highlightNodes(fragment, words);
        const marks = fragment.querySelectorAll('mark').length;
        expect(fragment.textContent).to.equal(before);
        expect(fragment.querySelectorAll('*').length).to.equal(elements + marks);
        marked += marks;
      }
    }
    expect(marked).to.be.greaterThan(50);
  });
});
